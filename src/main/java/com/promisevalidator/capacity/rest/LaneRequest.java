package com.promisevalidator.capacity.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/** Body of PUT /api/v1/sites/{code}/lanes/{region}. */
public record LaneRequest(@NotNull(message = "is required") @PositiveOrZero @Max(365) Integer transitDays) {
}
