package com.promisevalidator.commitment.model;

import java.time.Instant;

/**
 * A promise moved from one status to another ({@code from} null: it was just created). Fired as a
 * CDI event by {@code PromiseStatusChanges} once the transaction that made the change has committed.
 */
public record PromiseStatusChanged(String promiseId, PromiseStatus from, PromiseStatus to, Instant at) {
}
