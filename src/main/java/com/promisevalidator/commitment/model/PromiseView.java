package com.promisevalidator.commitment.model;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A promise as the API shows it: its status, what it holds, and (when at risk) why and what to offer now. */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "A committed promise", requiredProperties = {"promiseId", "status", "type", "targetConfidence", "confidence", "createdAt", "updatedAt"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromiseView(String promiseId, PromiseStatus status, String type, String decisionId, String quoteId, String rep,
                          String customer, String site, String region, String serviceType, OffsetDateTime orderedAt,
                          LocalDate promisedBy, OffsetDateTime startAt, @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = com.promisevalidator.common.Minutes.Json.class) Double promisedMinutes, double targetConfidence,
                          double confidence, Double currentConfidence, Risk atRisk, Holds holds, OffsetDateTime holdExpiresAt,
                          OffsetDateTime completedAt, @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = com.promisevalidator.common.Minutes.Json.class) Double actualMinutes, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** Capacity the promise holds (or held): stock per SKU, one order of a day's capacity, a bay slot. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Holds(List<Map<String, Object>> stock, LocalDate dispatchDay, OffsetDateTime bayFrom, OffsetDateTime bayUntil) {
    }

    /**
     * Why an open promise fell below target, and the promise that would hold now. {@code code} is
     * stable (STOCK_SHORT, LEAD_TIME, SERVICE_DURATION) for programs to key on; {@code evidence}
     * carries the numbers; {@code reason} is a sentence for people and may change wording.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Risk(String code, String reason, Map<String, Object> evidence,
                       @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = com.promisevalidator.validation.model.Recommended.class) Object recommended,
                       OffsetDateTime checkedAt) {
    }
}
