package com.promisevalidator.validation.facts;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One finding as the answer shows it: its stable code, the rule that found it, a sentence a rep can
 * read to a customer (written by the wording writer from the code and evidence), and the evidence.
 */
@JsonPropertyOrder({"code", "rule", "severity", "message", "evidence"})
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Why: a stable reason code, the rule, a sentence for people and the numbers behind it", requiredProperties = {"code", "severity", "message"})
public record Reason(ReasonCode code, String rule, Severity severity, String message, Map<String, Object> evidence) {
    public enum Severity { INFO, WARNING, ERROR }
}
