package com.promisevalidator.commitment.model;

import java.time.OffsetDateTime;

/** What happened: a delivery's {@code completedAt}, or a service's {@code actualMinutes}. */
public record OutcomeRequest(OffsetDateTime completedAt, Integer actualMinutes) {
}
