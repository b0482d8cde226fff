package com.promisevalidator.performance.model;

import java.util.Map;
import java.util.NavigableMap;

/**
 * Kaplan-Meier estimate of a lead-time distribution from finished orders (events) and orders still
 * open (right-censored: an order open at age a is known to take at least a days). Ignoring the open
 * ones would learn only from the fast deliveries of a slow period; counting them as "at risk" makes
 * a lane that is running late show up before its late deliveries arrive.
 */
public final class Survival {
    private Survival() {
    }

    /**
     * @param events   finished orders: value -> {n, weight, weight^2} (Histogram bins)
     * @param censored open orders: age in days -> weight
     * @param length   size of the dense CDF to return
     * @return cdf[v] = estimated chance the lead time is at most v; mass beyond the last order still at
     *         risk is left unassigned (cdf below 1), which callers read as "longer than we have seen"
     */
    public static double[] cdf(Map<Integer, double[]> events, NavigableMap<Integer, Double> censored, int length) {
        return cdf(events, censored, length, false);
    }

    /**
     * The same, reading an order open at age a as what an export taken during day a knows of it: at least a days (it may
     * still be delivered that day), i.e. it leaves the orders at risk before day a's deliveries are counted, not after.
     * {@link #cdf(Map, NavigableMap, int)} counts it through day a ("more than a days"; except on its first day, age 0, when it
     * has shown nothing either way), which lengthens the curve most
     * where open orders are most of the evidence: the recent weeks a short memory weighs most. The drift test compares
     * a short memory with a long one, so it reads both this way (see {@code Hierarchy.drifting}).
     */
    public static double[] cdf(Map<Integer, double[]> events, NavigableMap<Integer, Double> censored, int length, boolean openMayFinishThatDay) {
        double atRisk = 0;
        for (double[] b : events.values()) atRisk += b[1];
        for (double w : censored.values()) atRisk += w;
        double[] cdf = new double[length];
        double survival = 1.0;
        for (int v = 0; v < length; v++) {
            Double c = censored.get(v);
            // an order open on its first day (age 0) has shown nothing yet, under either reading: counted through day 0 it read
            // as "took more than 0 days", and one same-day delivery among two orders placed minutes before made a same-day
            // lane promise 3 days (probe multi H1). At older ages the longer reading is the estimates' (see above)
            boolean before = openMayFinishThatDay || v == 0;
            if (c != null && before) atRisk -= c; // open at age v: known to have survived the days before v only
            double[] b = events.get(v);
            double d = b == null ? 0 : b[1];
            if (d > 0 && atRisk > 0) survival *= Math.max(0.0, 1.0 - d / atRisk);
            cdf[v] = 1.0 - survival;
            atRisk -= d;
            if (c != null && !before) atRisk -= c; // open at age v: at risk up to and including v
        }
        return cdf;
    }
}
