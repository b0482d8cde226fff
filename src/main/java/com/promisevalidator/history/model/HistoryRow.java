package com.promisevalidator.history.model;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** One past promise with its outcome, as imported (see the CSV columns in README); minutes may have decimals. */
public record HistoryRow(Kind kind, String reference, String site, String region, String serviceType, String rep,
                         OffsetDateTime orderedAt, LocalDate promisedBy, OffsetDateTime completedAt,
                         Double promisedMinutes, Double actualMinutes, Integer quantity) {

    public enum Kind { DELIVERY, SERVICE }

    public boolean hasOutcome() {
        return kind == Kind.DELIVERY ? completedAt != null : actualMinutes != null;
    }
}
