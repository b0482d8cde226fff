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
}
