package com.promisevalidator.db;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the store answers: every commit, outcome and recorded decision needs it. */
@Readiness
@ApplicationScoped
public class DatabaseHealthCheck implements HealthCheck {

    private static final int TIMEOUT_SECONDS = 2;

    private final Database db;

    public DatabaseHealthCheck(Database db) {
        this.db = db;
    }

    @Override
    public HealthCheckResponse call() {
        var b = HealthCheckResponse.named("database").withData("kind", db.kind().name());
        try {
            boolean valid = db.query(c -> c.isValid(TIMEOUT_SECONDS));
            return b.status(valid).build();
        } catch (RuntimeException e) { // no connection at all: DOWN with the reason, never a failed probe
            return b.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
