package com.promisevalidator.capacity.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.promisevalidator.common.Limits;

/** Body of PUT /api/v1/sites/{code}/services/{type}. */
public record ServiceRequest(
        @NotNull(message = "is required") @PositiveOrZero @Max(Limits.MAX_BAYS) Integer bays,
        @NotNull(message = "is required")
        @OpeningHours @Schema(pattern = OpeningHours.PATTERN, example = "08:00-18:00") String openingHours,
        @NotNull(message = "is required") @Positive @Max(Limits.MAX_STANDARD_MINUTES) Integer standardMinutes) {
}
