package com.promisevalidator.capacity.rest;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Size;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.promisevalidator.common.IsoDate;
import com.promisevalidator.common.Limits;

/** Body of PUT /api/v1/sites/{code}/stock/{sku}. {@code arrives} is a date or an ISO-8601 timestamp. */
public record StockRequest(
        @NotNull(message = "is required") @PositiveOrZero @Max(Limits.MAX_UNITS) Integer onHand,
        @Size(max = Limits.MAX_INBOUND) List<@NotNull @Valid InboundRequest> inbound) {

    public record InboundRequest(@NotNull(message = "is required") @Positive @Max(Limits.MAX_UNITS) Integer quantity,
                                 @Schema(description = "The day it arrives (YYYY-MM-DD), or an ISO-8601 timestamp with offset: its local day at the site, the next day when it arrives after the site's cut-off")
                                 @NotBlank(message = "is required") @Size(max = 40) @IsoDate(timestamps = true) String arrives) {
    }
}
