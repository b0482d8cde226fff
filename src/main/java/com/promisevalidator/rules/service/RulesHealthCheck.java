package com.promisevalidator.rules.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import com.promisevalidator.rules.model.RuleSet;

/** Ready only once a valid rule set is active: without rules no quote can be answered. */
@Readiness
@ApplicationScoped
public class RulesHealthCheck implements HealthCheck {

    private final RuleBaseHolder holder;

    public RulesHealthCheck(RuleBaseHolder holder) {
        this.holder = holder;
    }

    @Override
    public HealthCheckResponse call() {
        RuleSet r = holder.activeOrNull();
        var b = HealthCheckResponse.named("rules").status(r != null);
        if (r != null) b.withData("version", r.version()).withData("files", r.files().size());
        if (holder.lastError() != null) b.withData("lastError", holder.lastError().file() + ": " + holder.lastError().message());
        return b.build();
    }
}
