package com.promisevalidator.validation.model;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.promisevalidator.validation.facts.Alternative;
import com.promisevalidator.validation.facts.Reason;

/** The answer to one quote (PRODUCT.md, "Response"). */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "The answer to one quote", requiredProperties = {"decisionId", "verdict", "confidence", "targetConfidence", "reasons", "rulesVersion", "evaluatedAt"})
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"decisionId", "quoteId", "verdict", "confidence", "targetConfidence", "recommended", "alternatives",
        "reasons", "rulesVersion", "evaluatedAt", "hold"})
public record ValidationResponse(String decisionId, String quoteId, Verdict verdict, double confidence, double targetConfidence,
                                 Recommended recommended, List<Alternative> alternatives, List<Reason> reasons,
                                 String rulesVersion, OffsetDateTime evaluatedAt, Hold hold) {

    /**
     * Capacity held for {@code recommended} until {@code expiresAt} (quotes sent with "hold": true); NOT_HELD says why in
     * {@code message}, and {@code code} HOLD_LIMIT when the key already has its most holds open.
     */
    public record Hold(String promiseId, OffsetDateTime expiresAt, String status, String message, String code) {
    }

    /** The distinct reason codes of this answer, in the order given (a code found for two sites counts once). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public java.util.Set<String> reasonCodes() {
        java.util.Set<String> codes = new java.util.LinkedHashSet<>();
        if (reasons != null) {
            for (com.promisevalidator.validation.facts.Reason r : reasons) {
                if (r.code() != null) codes.add(r.code().name());
            }
        }
        return codes;
    }

    public ValidationResponse withHold(Hold h) {
        return new ValidationResponse(decisionId, quoteId, verdict, confidence, targetConfidence, recommended, alternatives,
                reasons, rulesVersion, evaluatedAt, h);
    }
}
