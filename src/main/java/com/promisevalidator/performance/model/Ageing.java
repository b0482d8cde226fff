package com.promisevalidator.performance.model;

import java.util.Map;
import java.util.NavigableMap;

/**
 * Open work behind an estimate: how many orders of the most specific level used are still open, their ages, and
 * what the estimate would be without them. Lets an answer say when ageing open orders moved a promise.
 *
 * @param open        orders still open at that level
 * @param openByAge   age in steps (days) -> how many
 * @param withoutOpen the same estimate with every open order left out (its own {@code ageing} is null)
 */
public record Ageing(long open, NavigableMap<Integer, Long> openByAge, Distribution withoutOpen) {

    /** Read-only: an estimate is shared by every quote until the statistics change, and rules see it (probe ops H2). */
    public Ageing {
        openByAge = openByAge == null ? null : java.util.Collections.unmodifiableNavigableMap(openByAge);
    }

    /** Open orders older than {@code steps}. */
    public long olderThan(int steps) {
        long n = 0;
        for (Map.Entry<Integer, Long> e : openByAge.tailMap(steps, false).entrySet()) n += e.getValue();
        return n;
    }

    /** The same, {@code steps} later (an ops buffer shifts the estimate and its without-open twin alike). */
    Ageing shifted(int units) {
        return new Ageing(open, openByAge, withoutOpen.withBuffer(units));
    }
}
