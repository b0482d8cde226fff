package com.promisevalidator.history.model;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** One past promise with its outcome, as imported (see the CSV columns in README). */
public record HistoryRow(Kind kind, String reference, String site, String region, String serviceType, String rep,
                         OffsetDateTime orderedAt, LocalDate promisedBy, OffsetDateTime completedAt,
                         Integer promisedMinutes, Integer actualMinutes, Integer quantity) {

    public enum Kind { DELIVERY, SERVICE }

    public boolean hasOutcome() {
        return kind == Kind.DELIVERY ? completedAt != null : actualMinutes != null;
    }
}
