package com.promisevalidator.validation.model;

/** APPROVED: the asked promise holds. ALTERNATIVE: quote recommended instead. REJECTED: nothing feasible. */
public enum Verdict { APPROVED, ALTERNATIVE, REJECTED }
