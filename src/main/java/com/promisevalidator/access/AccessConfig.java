package com.promisevalidator.access;

import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Access knobs (prefix "promise"): API keys, the auth switch, per-key rate limits, body size limits. See the README. */
@ConfigMapping(prefix = "promise")
public interface AccessConfig {

    /** {@code name:role:key} entries, comma-separated (PROMISE_API_KEYS). */
    Optional<String> apiKeys();

    /** Whether the service loads demo data; without keys, demo mode gets the fixed demo keys. */
    @WithDefault("true")
    boolean demoData();

    Auth auth();

    RateLimit rateLimit();

    Limits limits();

    interface Auth {
        /** false: no keys at all, every caller acts as admin (PROMISE_AUTH_ENABLED=false); only on a trusted network. */
        @WithDefault("true")
        boolean enabled();
    }

    /** Token bucket per key name: {@code perSecond} refill, {@code burst} capacity; perSecond 0 switches the limit off. */
    interface RateLimit {
        @WithDefault("200")
        double perSecond();

        @WithDefault("400")
        long burst();

        /** Overrides for some key names, e.g. {@code promise.rate-limit.keys."crm-batch".per-second=5000}. */
        Map<String, KeyLimit> keys();
    }

    interface KeyLimit {
        double perSecond();

        Optional<Long> burst();
    }

    interface Limits {
        /** Largest JSON (or other non-CSV) request body. */
        @WithDefault("1M")
        MemorySize jsonBody();

        /** Largest CSV body (history import); quarkus.http.limits.max-body-size must not be smaller. */
        @WithDefault("64M")
        MemorySize csvBody();
    }
}
