package com.promisevalidator.commitment.model;

/** Life of a promise. HELD: capacity held for a quote, not yet committed. OPEN / AT_RISK: committed, not yet done. */
public enum PromiseStatus {
    HELD, OPEN, AT_RISK, KEPT, BROKEN, CANCELLED, EXPIRED;

    public boolean holdsCapacity() {
        return this == HELD || this == OPEN || this == AT_RISK;
    }

    public boolean isCommitted() {
        return this == OPEN || this == AT_RISK;
    }
}
