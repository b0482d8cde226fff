package com.promisevalidator.performance.estimate;

import java.util.Map;
import java.util.TreeMap;

/**
 * The outlier limit of one key from raw counts: {@code P90 + max(k × (P90 − P10), P90, floor)}. P10/P90 rather
 * than the extremes keep the limit robust to the outliers it looks for (up to 10 % of a key may be wild without
 * moving it). Pure arithmetic on value -> count.
 *
 * @param n     rows behind it
 * @param p10   10th percentile (steps)
 * @param p90   90th percentile (steps)
 * @param limit values above it are outliers (steps)
 */
public record OutlierLimit(long n, int p10, int p90, int limit) {

    /** Null when the counts are fewer than {@code minRows}. */
    public static OutlierLimit of(TreeMap<Integer, Long> counts, int minRows, double k, int floorSteps) {
        long n = 0;
        for (long c : counts.values()) n += c;
        if (n < Math.max(1, minRows)) return null;
        int p10 = countQuantile(counts, n, 0.10), p90 = countQuantile(counts, n, 0.90);
        int limit = p90 + (int) Math.ceil(Math.max(k * (p90 - p10), Math.max(p90, floorSteps)));
        return new OutlierLimit(n, p10, p90, limit);
    }

    /** Smallest value whose cumulative count reaches p × n. */
    static int countQuantile(TreeMap<Integer, Long> counts, long n, double p) {
        long need = (long) Math.ceil(p * n);
        long acc = 0;
        for (Map.Entry<Integer, Long> e : counts.entrySet()) {
            acc += e.getValue();
            if (acc >= need) return e.getKey();
        }
        return counts.lastKey();
    }
}
