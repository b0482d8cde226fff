package com.promisevalidator.webhooks.model;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A subscription; {@code secret} only in the answer to its creation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionView(
        String id,
        String url,
        List<WebhookEventType> events,
        @Schema(description = "The API key name that subscribed") String owner,
        OffsetDateTime createdAt,
        @Schema(description = "Signing secret (X-Promise-Signature); shown once, when the subscription is created") String secret) {

    public SubscriptionView withSecret(String s) {
        return new SubscriptionView(id, url, events, owner, createdAt, s);
    }
}
