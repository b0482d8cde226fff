package com.promisevalidator.history.model;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One stored history row as ops see it. {@code outlier}: why it was flagged (null when it was not);
 * {@code confirmedAt}: when ops confirmed it; {@code counted}: whether the statistics use it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "One history row", requiredProperties = {"reference", "kind", "site", "counted"})
public record HistoryView(String reference, String kind, String site, String region, String serviceType, String rep,
                          OffsetDateTime orderedAt, LocalDate promisedBy, OffsetDateTime completedAt,
                          @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = com.promisevalidator.common.Minutes.Json.class) Double promisedMinutes,
                          @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = com.promisevalidator.common.Minutes.Json.class) Double actualMinutes, Integer quantity, String outlier, OffsetDateTime confirmedAt, boolean counted) {
}
