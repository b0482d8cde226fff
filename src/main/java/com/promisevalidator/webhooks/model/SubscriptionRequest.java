package com.promisevalidator.webhooks.model;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** POST /api/v1/webhooks. */
public record SubscriptionRequest(
        @Schema(description = "Where deliveries are POSTed: an http or https URL whose host resolves to a public address",
                examples = "https://crm.example.com/hooks/promises", required = true)
        String url,
        @Schema(description = "Event types to receive", required = true)
        List<WebhookEventType> events) {
}
