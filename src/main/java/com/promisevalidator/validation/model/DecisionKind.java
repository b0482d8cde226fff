package com.promisevalidator.validation.model;

/** Which call gave a recorded answer. */
public enum DecisionKind {
    /** POST /api/v1/promises/validate. */
    VALIDATE,
    /** One quote of POST /api/v1/promises/validate-batch. */
    BATCH_ITEM,
    /** The fresh answer a commit gives with its 409 when the capacity is gone. */
    COMMIT_RECHECK
}
