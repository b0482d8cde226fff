package com.promisevalidator.validation.facts;

import java.util.Map;

/** One rule's finding, in words a rep can read to a customer, with the evidence behind it. */
public record Reason(String rule, Severity severity, String message, Map<String, Object> evidence) {
    public enum Severity { INFO, WARNING, ERROR }
}
