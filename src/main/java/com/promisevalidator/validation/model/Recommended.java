package com.promisevalidator.validation.model;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The best realistic promise at the target confidence: a date (delivery) or a start and minutes (service). */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "The best realistic promise at the target confidence: promisedBy (delivery) or startAt and promisedMinutes (service)", requiredProperties = {"confidence"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Recommended(LocalDate promisedBy, OffsetDateTime startAt,
                          @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = com.promisevalidator.common.Minutes.Json.class) Double promisedMinutes,
                          String site, double confidence) {
}
