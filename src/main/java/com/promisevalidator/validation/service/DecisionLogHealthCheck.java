package com.promisevalidator.validation.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN while validation answers cannot be written to the database: their decisionIds would be
 * lost in a crash, so a load balancer should send traffic to an instance that can keep them.
 */
@Readiness
@ApplicationScoped
public class DecisionLogHealthCheck implements HealthCheck {

    private final DecisionLog log;

    public DecisionLogHealthCheck(DecisionLog log) {
        this.log = log;
    }

    @Override
    public HealthCheckResponse call() {
        DecisionLog.Stats s = log.stats();
        var b = HealthCheckResponse.named("decision-log").status(s.writing())
                .withData("waiting", s.waiting()).withData("written", s.written())
                .withData("setAside", s.setAside()).withData("refused", s.refused());
        if (!s.writing()) {
            b.withData("failingSince", String.valueOf(s.failingSince())).withData("lastError", String.valueOf(s.lastError()));
        }
        return b.build();
    }
}
