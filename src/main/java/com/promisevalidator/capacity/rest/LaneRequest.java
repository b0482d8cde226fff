package com.promisevalidator.capacity.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import com.promisevalidator.common.Limits;

/** Body of PUT /api/v1/sites/{code}/lanes/{region}. */
public record LaneRequest(@NotNull(message = "is required") @PositiveOrZero @Max(Limits.MAX_TRANSIT_DAYS) Integer transitDays) {
}
