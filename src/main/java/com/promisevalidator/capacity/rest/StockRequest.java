package com.promisevalidator.capacity.rest;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/** Body of PUT /api/v1/sites/{code}/stock/{sku}. {@code arrives} is a date or an ISO-8601 timestamp. */
public record StockRequest(
        @NotNull(message = "is required") @PositiveOrZero Integer onHand,
        List<@NotNull @Valid InboundRequest> inbound) {

    public record InboundRequest(@NotNull(message = "is required") @Positive Integer quantity,
                                 @NotBlank(message = "is required") String arrives) {
    }
}
