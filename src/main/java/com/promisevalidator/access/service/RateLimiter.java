package com.promisevalidator.access.service;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.inject.Singleton;

import com.promisevalidator.access.AccessConfig;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * A token bucket per key name (bucket4j): {@code burst} requests at once, refilled at {@code perSecond}.
 * Buckets exist only for authenticated names, so their number is bounded by the configured keys.
 */
@Singleton
public class RateLimiter {

    private final AccessConfig.RateLimit config;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(AccessConfig config) {
        this.config = config.rateLimit();
        check("promise.rate-limit", this.config.perSecond(), this.config.burst());
        this.config.keys().forEach((name, k) -> check("promise.rate-limit.keys.\"" + name + "\"", k.perSecond(), k.burst().orElse(1L)));
    }

    private static void check(String where, double perSecond, long burst) {
        if (perSecond < 0 || Double.isNaN(perSecond)) throw new IllegalStateException(where + ".per-second must be 0 (off) or more");
        if (burst < 1) throw new IllegalStateException(where + ".burst must be at least 1");
    }

    /** 0 when the request may go ahead; else the whole seconds to wait before the next one (at least 1). */
    public long secondsToWait(String keyName) {
        Bucket bucket = buckets.computeIfAbsent(keyName, this::newBucket);
        if (bucket == null) return 0; // no limit for this key
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) return 0;
        return Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    }

    private Bucket newBucket(String keyName) {
        AccessConfig.KeyLimit own = config.keys().get(keyName);
        double perSecond = own != null ? own.perSecond() : config.perSecond();
        long burst = own != null ? own.burst().orElse(Math.max(1, Math.round(perSecond * 2))) : config.burst();
        if (perSecond == 0) return null; // computeIfAbsent stores nothing: looked up again next time, cheaply
        // refill in whole tokens over the period they take, so fractional rates (0.5/s) work too
        long tokens = perSecond >= 1 ? Math.round(perSecond) : 1;
        Duration period = Duration.ofNanos(Math.round(tokens * 1_000_000_000d / perSecond));
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(burst).refillGreedy(tokens, period).build()).build();
    }
}
