package com.promisevalidator.performance.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * Exact weighted histogram of whole values (lead days, minutes). Values are small integers, so an
 * exact histogram is both smaller and more accurate than a sketch, merges by addition and can be
 * stored as (value, count, weight) rows. Weights carry the time decay; n is the raw count.
 * Not thread-safe: owners guard it or replace it copy-on-write.
 */
public final class Histogram {

    private final TreeMap<Integer, double[]> bins = new TreeMap<>(); // value -> {n, weight, weight^2}
    private long n;
    private double weight;
    private double weight2;

    /** Adds (or, with negative amounts, takes back) outcomes of one value. */
    public void add(int value, long count, double w, double w2) {
        double[] b = bins.computeIfAbsent(value, k -> new double[3]);
        b[0] += count;
        b[1] += w;
        b[2] += w2;
        n += count;
        weight += w;
        weight2 += w2;
        if (count < 0) {
            // taken back: drop an emptied bin (no rounding residue as a phantom value) and re-add the
            // totals from the bins, so a large weight added and removed leaves no cancellation error
            if (b[0] <= 0) bins.remove(value);
            n = 0;
            weight = 0;
            weight2 = 0;
            for (double[] x : bins.values()) {
                n += (long) x[0];
                weight += x[1];
                weight2 += x[2];
            }
        }
    }

    public long n() {
        return n;
    }

    public double weight() {
        return weight;
    }

    public double weight2() {
        return weight2;
    }

    /** Kish's effective sample size: how many equally weighted outcomes the decayed weights are worth. */
    public double effectiveN() {
        return weight2 <= 0 ? 0 : weight * weight / weight2;
    }

    public boolean isEmpty() {
        return n == 0;
    }

    public int maxValue() {
        return bins.isEmpty() ? 0 : bins.lastKey();
    }

    /** Dense CDF over 0..length-1 using the decayed weights. */
    public double[] cdf(int length) {
        double[] c = new double[length];
        if (weight <= 0) return c;
        double acc = 0;
        int v = 0;
        for (Map.Entry<Integer, double[]> e : bins.entrySet()) {
            int value = Math.max(0, e.getKey());
            while (v < Math.min(value, length)) c[v++] = acc / weight;
            acc += e.getValue()[1];
        }
        while (v < length) c[v++] = acc / weight;
        return c;
    }

    /** The same outcomes, each value times {@code factor} (rounded up to a step). */
    public Histogram scaled(double factor) {
        Histogram h = new Histogram();
        bins.forEach((k, b) -> h.add((int) Math.ceil(k * factor - 1e-9), (long) b[0], b[1], b[2]));
        return h;
    }

    public Histogram copy() {
        Histogram h = new Histogram();
        bins.forEach((k, b) -> h.add(k, (long) b[0], b[1], b[2]));
        return h;
    }

    public Map<Integer, double[]> bins() {
        return java.util.Collections.unmodifiableMap(bins);
    }
}
