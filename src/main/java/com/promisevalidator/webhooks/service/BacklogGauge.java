package com.promisevalidator.webhooks.service;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.runtime.StartupEvent;

import com.promisevalidator.observability.PromiseMetrics;

/** Feeds promise_webhook_backlog: deliveries not yet accepted, counted in the database when the metric is read. */
@Singleton
class BacklogGauge {

    void register(@Observes StartupEvent started, PromiseMetrics metrics, Subscriptions subscriptions) {
        metrics.webhookBacklog(() -> {
            try {
                return subscriptions.backlog();
            } catch (RuntimeException e) {
                return Double.NaN; // the database is down: no figure rather than a failed scrape
            }
        });
    }
}
