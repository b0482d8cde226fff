package com.promisevalidator.performance.model;

/**
 * What past performance says about a duration (lead days, or service minutes), as a cumulative
 * distribution over whole units: {@code cdf(v)} is the estimated chance that the work takes at most
 * {@code v}. A fact for the rules: immutable, no I/O.
 *
 * @param cdf     cdf[v] for v = 0..cdf.length-1; 1.0 beyond
 * @param n       outcomes behind the most specific level that had any
 * @param nEff    effective sample size after time decay and mixing
 * @param source  which evidence was used, in words ("lane SP→RJ", "planning value")
 * @param fromHistory false when only planning values were available
 * @param buffer  units ops added on top of the evidence (parameters.yaml buffers), already in {@code cdf}
 */
public record Distribution(double[] cdf, long n, double nEff, String source, boolean fromHistory, int buffer) {

    public Distribution(double[] cdf, long n, double nEff, String source, boolean fromHistory) {
        this(cdf, n, nEff, source, fromHistory, 0);
    }

    /**
     * The same evidence with {@code units} more margin: the chance of taking at most v becomes the old chance
     * of taking at most v - units, so every quantile moves by exactly {@code units}.
     */
    public Distribution withBuffer(int units) {
        if (units <= 0) return this;
        double[] shifted = new double[cdf.length + units];
        System.arraycopy(cdf, 0, shifted, units, cdf.length);
        return new Distribution(shifted, n, nEff, source, fromHistory, buffer + units);
    }

    /** Chance the work takes at most {@code v} units. */
    public double cdf(int v) {
        if (v < 0) return 0.0;
        if (v >= cdf.length) return 1.0;
        return cdf[v];
    }

    /** Smallest whole value whose chance of being enough reaches {@code p}. */
    public int quantile(double p) {
        double target = p - 1e-9; // tolerate rounding in summed weights
        for (int v = 0; v < cdf.length; v++) {
            if (cdf[v] >= target) return v;
        }
        return cdf.length;
    }

    /** A duration known only as a planning value: assumed kept with {@code confidence} at the value, surely one unit later. */
    public static Distribution planning(int value, double confidence, String source) {
        double[] c = new double[value + 1];
        c[value] = confidence;
        return new Distribution(c, 0, 0, source, false);
    }
}
