package com.promisevalidator.observability;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Latency histograms of the two calls a CRM waits on: validate and commit, from the first byte of the
 * request to the last of the answer (authentication, rate limit and body reading included), tagged by
 * HTTP status. Measured at the HTTP layer so the resources stay free of timing code.
 */
@Singleton
public class LatencyTimers {

    private static final String VALIDATE = "/api/v1/promises/validate";
    private static final String COMMIT = "/api/v1/promises";
    private static final int EARLY = 9_000; // after RequestIds, before authentication

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public LatencyTimers(MeterRegistry registry) {
        this.registry = registry;
    }

    void register(@Observes Filters filters) {
        filters.register(this::time, EARLY);
    }

    void time(RoutingContext rc) {
        String name = rc.request().method() != HttpMethod.POST ? null
                : VALIDATE.equals(rc.normalizedPath()) ? "promise.validate"
                : COMMIT.equals(rc.normalizedPath()) ? "promise.commit" : null;
        if (name != null) {
            long start = System.nanoTime();
            rc.addEndHandler(done -> timer(name, rc.response().getStatusCode()).record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS));
        }
        rc.next();
    }

    private Timer timer(String name, int status) {
        return timers.computeIfAbsent(name + status, k -> Timer.builder(name)
                .description(name.endsWith("validate") ? "POST /api/v1/promises/validate, request to answer" : "POST /api/v1/promises (commit), request to answer")
                .tag("status", Integer.toString(status))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry));
    }
}
