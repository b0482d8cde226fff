package com.promisevalidator.cli.replay;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * One row of a history CSV as the replay sees it (its own copy of the import format, so the replay
 * shares nothing with the service's internals). Delivery rows: orderedAt, promisedBy (the seller's
 * quote), completedAt. Service rows: orderedAt is the start, promisedMinutes (the seller's quote),
 * actualMinutes. The outcome (completedAt / actualMinutes) is null for a row that never completed.
 */
public record HistoryRecord(Kind kind, String reference, String site, String region, String serviceType, String rep,
                            OffsetDateTime orderedAt, LocalDate promisedBy, OffsetDateTime completedAt,
                            Double promisedMinutes, Double actualMinutes, Integer quantity) {

    public enum Kind { DELIVERY, SERVICE }

    public boolean isService() {
        return kind == Kind.SERVICE;
    }

    /** When the outcome became known: delivery time, or start + actual minutes; null if never. */
    public Instant completion() {
        if (isService()) {
            return actualMinutes == null ? null : orderedAt.toInstant().plusMillis(Math.round(actualMinutes * 60_000));
        }
        return completedAt == null ? null : completedAt.toInstant();
    }

    public boolean hasOutcome() {
        return completion() != null;
    }

    /** The order's own local date (at the offset it was written with). */
    public LocalDate orderDay() {
        return orderedAt.toLocalDate();
    }

    /** The outcome in the unit promises are made in: whole days from order day to delivery day, or minutes. */
    public Double outcome() {
        if (!hasOutcome()) return null;
        if (isService()) return actualMinutes;
        return (double) (completedAt.toLocalDate().toEpochDay() - orderDay().toEpochDay());
    }

    /** The seller's own quote in the same unit (days after the order day, or minutes); null if none. */
    public Double sellerPromise() {
        if (isService()) return promisedMinutes;
        return promisedBy == null ? null : (double) (promisedBy.toEpochDay() - orderDay().toEpochDay());
    }

    /** The same row as it looked while still open: no outcome. */
    public HistoryRecord open() {
        return new HistoryRecord(kind, reference, site, region, serviceType, rep, orderedAt, promisedBy, null,
                promisedMinutes, null, quantity);
    }

    /** Kept: delivered on or before the promised day (delivery local date), or done within the promised minutes. */
    public static boolean kept(double outcome, double promised) {
        return outcome <= promised + 1e-9;
    }
}
