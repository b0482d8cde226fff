package com.promisevalidator.performance.service;

import java.time.LocalDate;
import java.util.TreeMap;

/**
 * Observations summed per stored row: (scope, key, value) -> {n, weight, weight^2} for finished work and for open
 * work of a known age; (scope, key, release day) -> count for open work aged live. Sorted maps: a fixed lock order
 * when stored, so concurrent imports never deadlock.
 */
final class StatsAggregate {
    final TreeMap<String, double[]> hist = new TreeMap<>();
    final TreeMap<String, Long> open = new TreeMap<>();
    final TreeMap<String, double[]> openAt = new TreeMap<>();
    /** Service outcomes judged now: history reference -> chance in thousandths. */
    final TreeMap<String, Integer> judged = new TreeMap<>();
    LocalDate latest;
    boolean removals;
}
