package com.promisevalidator.webhooks.service;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Webhook delivery knobs (prefix promise.webhooks; README "Webhooks"). */
@ConfigMapping(prefix = "promise.webhooks")
public interface WebhookConfig {

    /** How often each instance looks for due deliveries. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Wait after the first failed attempt; doubled per attempt (with up to 50% random jitter) up to {@link #backoffMax}. */
    @WithDefault("10s")
    Duration backoffInitial();

    @WithDefault("1h")
    Duration backoffMax();

    /** A delivery not accepted (2xx) this long after its event is given up (GAVE_UP in the delivery log). */
    @WithDefault("24h")
    Duration giveUpAfter();

    @WithDefault("5s")
    Duration connectTimeout();

    /** Longest wait for the receiver's answer; a receiver must answer quickly and work afterwards. */
    @WithDefault("10s")
    Duration requestTimeout();

    /** How long a claimed delivery is reserved for its sender; longer than connect + request timeouts. */
    @WithDefault("60s")
    Duration lease();

    /** Deliveries claimed per pass (and sent in parallel by {@link #senders} threads). */
    @WithDefault("50")
    int batch();

    @WithDefault("4")
    int senders();

    /**
     * Hosts (names or literal addresses) that may be private, loopback or link-local. Others must resolve to
     * public addresses only, so a subscription cannot make the service call into its own network.
     */
    Optional<List<String>> allowedPrivateHosts();

    /**
     * AES key (base64, 16/24/32 bytes; PROMISE_WEBHOOK_SECRET_KEY) the subscription secrets are encrypted with
     * in the database. Without it they are stored as given (a warning at start-up).
     */
    Optional<String> secretKey();

    /** Most subscriptions per API key. */
    @WithDefault("20")
    int maxPerOwner();
}
