package com.promisevalidator.webhooks.model;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** GET /api/v1/webhooks/{id}/deliveries: newest first. */
public record DeliveryLog(
        String subscriptionId,
        @Schema(description = "Deliveries of this subscription still waiting to be accepted") long backlog,
        List<DeliveryView> deliveries) {
}
