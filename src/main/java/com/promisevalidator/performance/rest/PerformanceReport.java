package com.promisevalidator.performance.rest;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.promisevalidator.performance.service.MasteryService;

/** The shape of GET /api/v1/performance's answer, for the OpenAPI document only (the resource builds it as a map). */
@Schema(name = "PerformanceReport", description = "Kept rate, sample size and mastery score per group", requiredProperties = {"by", "formula", "groups"})
public record PerformanceReport(
        @Schema(description = "How the groups are made", enumeration = {"rep", "site", "lane", "serviceType"}) String by,
        @Schema(description = "Start of the period asked (null: all history)", nullable = true) LocalDate from,
        @Schema(description = "End of the period asked (null: up to now)", nullable = true) LocalDate to,
        @Schema(description = "How the score is computed") String formula,
        @Schema(description = "One per rep, site, lane or site and service type, ordered by key") List<MasteryService.Group> groups) {
}
