package com.promisevalidator.webhooks.model;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One event for one subscription, as the delivery log shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryView(
        @Schema(description = "The event's id (the \"id\" of the delivered body)") String eventId,
        WebhookEventType type,
        @Schema(description = "The promise the event concerns (none for RULES_VERSION)") String promiseId,
        @Schema(description = "PENDING (waiting or retrying), DELIVERED, or GAVE_UP (not accepted within promise.webhooks.give-up-after)")
        String status,
        int attempts,
        @Schema(description = "The receiver's HTTP status on the last attempt; absent when it did not answer") Integer lastStatus,
        @Schema(description = "Why the last attempt failed") String lastError,
        OffsetDateTime nextAttemptAt,
        OffsetDateTime deliveredAt,
        OffsetDateTime createdAt) {
}
