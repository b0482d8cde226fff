package com.promisevalidator.commitment.model;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.PositiveOrZero;

import com.promisevalidator.common.Limits;

/** What happened: a delivery's {@code completedAt}, or a service's {@code actualMinutes}. */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "What happened: completedAt (delivery) or actualMinutes (service, decimals allowed; or its completedAt, the minutes from its start)")
public record OutcomeRequest(OffsetDateTime completedAt,
                             @PositiveOrZero @Max(value = Limits.MAX_ACTUAL_MINUTES, message = "must be at most " + Limits.MAX_ACTUAL_MINUTES)
                             @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = com.promisevalidator.common.Minutes.Json.class)
                             Double actualMinutes) { // decimals allowed (34.5)
}
