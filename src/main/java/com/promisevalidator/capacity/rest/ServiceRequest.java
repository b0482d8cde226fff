package com.promisevalidator.capacity.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import com.promisevalidator.common.Limits;

/** Body of PUT /api/v1/sites/{code}/services/{type}. */
public record ServiceRequest(
        @NotNull(message = "is required") @PositiveOrZero @Max(Limits.MAX_BAYS) Integer bays,
        @NotNull(message = "is required")
        @Pattern(regexp = "([01]\\d|2[0-3]):[0-5]\\d-(([01]\\d|2[0-3]):[0-5]\\d|24:00)", message = "must look like 08:00-18:00")
        String openingHours,
        @NotNull(message = "is required") @Positive @Max(Limits.MAX_STANDARD_MINUTES) Integer standardMinutes) {
}
