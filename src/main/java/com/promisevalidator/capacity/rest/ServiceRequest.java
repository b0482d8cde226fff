package com.promisevalidator.capacity.rest;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.promisevalidator.common.Limits;

/** Body of PUT /api/v1/sites/{code}/services/{type}. */
public record ServiceRequest(
        @NotNull(message = "is required") @PositiveOrZero @Max(Limits.MAX_BAYS) Integer bays,
        @NotNull(message = "is required")
        @OpeningHours @Schema(pattern = OpeningHours.PATTERN, example = "08:00-18:00") String openingHours,
        // decimals allowed (12.5), kept to the hundredth of a minute like every other minutes
        @NotNull(message = "is required") @DecimalMin(value = Limits.MIN_STANDARD_MINUTES, message = "must be at least " + Limits.MIN_STANDARD_MINUTES)
        @DecimalMax(value = "" + Limits.MAX_STANDARD_MINUTES, message = "must be at most " + Limits.MAX_STANDARD_MINUTES)
        @Schema(example = "20") Double standardMinutes) {
}
