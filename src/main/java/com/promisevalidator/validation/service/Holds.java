package com.promisevalidator.validation.service;

import com.promisevalidator.validation.model.QuoteRequest;
import com.promisevalidator.validation.model.ValidationResponse;

/**
 * Holding the capacity of an answer ("hold": true). Declared here and implemented by the commitment
 * feature, so validation never imports it (commitment depends on validation, not the other way).
 */
public interface Holds {

    /**
     * The answer with its hold (HELD with the promise, or NOT_HELD with why); {@code holder} is the name of the key
     * asking ("" for none: no bound), whose open holds are bounded.
     */
    ValidationResponse hold(QuoteRequest q, ValidationResponse answer, String holder);
}
