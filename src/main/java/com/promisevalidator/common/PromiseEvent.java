package com.promisevalidator.common;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

import io.quarkus.arc.Arc;

/**
 * A promise changed status (AT_RISK, KEPT, BROKEN, CANCELLED, EXPIRED; {@link #RECOVERED} for AT_RISK back to OPEN). Fired synchronously inside the
 * transaction that made the change: observers (the webhooks outbox) write with {@code connection}, so their
 * rows commit or roll back with the change. {@code promise} builds the promise as the API shows it, only if
 * someone needs it.
 */
public record PromiseEvent(Connection connection, String promiseId, String status, Instant occurredAt, Snapshot promise) {

    /** The event of an AT_RISK promise back to OPEN (its status then is OPEN). */
    public static final String RECOVERED = "RECOVERED";

    /** The promise as the API shows it, read on the event's connection. */
    @FunctionalInterface
    public interface Snapshot {
        Object take() throws SQLException;
    }

    /**
     * Fires the event to the observers. A static entry point rather than an injected {@code Event<>}, so a
     * place that changes a status needs one line and no new constructor argument.
     */
    public static void fire(Connection connection, String promiseId, String status, Instant occurredAt, Snapshot promise) {
        Arc.container().beanManager().getEvent().select(PromiseEvent.class)
                .fire(new PromiseEvent(connection, promiseId, status, occurredAt, promise));
    }
}
