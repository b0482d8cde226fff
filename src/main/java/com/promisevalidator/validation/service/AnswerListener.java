package com.promisevalidator.validation.service;

import com.promisevalidator.validation.model.QuoteRequest;
import com.promisevalidator.validation.model.ValidationResponse;

/**
 * Told of every live answer to a quote (validate and batch items) after it is made, with the facts it met: the
 * shadow run listens (replay depends on validation, not the other way round, so validation only knows this
 * interface). Called on the request thread: an implementation must return at once and never throw.
 */
public interface AnswerListener {

    /** {@code answer} as the rules gave it (before any hold), evaluated at its {@code evaluatedAt} on {@code met}. */
    void answered(QuoteRequest quote, FactsMet met, ValidationResponse answer);
}
