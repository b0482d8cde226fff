package com.promisevalidator.commitment.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.promisevalidator.commitment.model.PromiseStatus;

/** One row of the promise table with its lines. */
record PromiseRow(String id, PromiseStatus status, String kind, String decisionId, String quoteId, String rep, String customer,
                  String site, String region, String serviceType, Instant orderedAt, LocalDate releaseDay, LocalDate dispatchDay,
                  LocalDate promisedBy, Instant startAt, Double promisedMinutes, Integer bookedMinutes, double target,
                  double confidence, Double currentConfidence, String riskReason, String riskRecommended, Instant checkedAt,
                  Instant holdExpiresAt, Instant completedAt, Double actualMinutes, String request, Instant createdAt,
                  Instant updatedAt, List<Line> lines) {

    record Line(String sku, int quantity) {
    }

    boolean isDelivery() {
        return "DELIVERY".equals(kind);
    }

    /** The end of the bay time a service was booked for (its start plus its booked minutes); null when it books no bay. */
    java.time.Instant bookedUntil() {
        return startAt == null || bookedMinutes == null ? null : startAt.plus(java.time.Duration.ofMinutes(bookedMinutes));
    }

    /** Whether this row is the promise {@code q} names: its site and date, or its site, start and minutes (to 0.01). */
    boolean isPromise(com.promisevalidator.validation.model.QuoteRequest q) {
        if (q.site() != null && !q.site().equals(site)) return false;
        if (isDelivery()) return promisedBy != null && promisedBy.equals(q.promisedBy());
        return startAt != null && q.startAt() != null && startAt.equals(q.startAt().toInstant())
                && promisedMinutes != null && q.promisedMinutes() != null && Math.abs(promisedMinutes - q.promisedMinutes()) < 0.005;
    }
}
