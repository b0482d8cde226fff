package com.promisevalidator.performance.model;

import java.time.LocalDate;

/**
 * One finished promise as the statistics see it: a lead time in days (delivery) or a duration in
 * minutes (service), and the day the outcome became known (it sets the time-decay weight).
 */
public record Observation(Kind kind, String site, String regionOrType, int value, LocalDate knownOn) {
    public enum Kind { DELIVERY, SERVICE }
}
