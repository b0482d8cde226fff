package com.promisevalidator.performance.estimate;

import java.util.Map;
import java.util.function.Function;

import com.promisevalidator.performance.model.Distribution;
import com.promisevalidator.performance.model.Histogram;

/**
 * Ops' standard minutes read as standard times have turned out. A standard is a plan, and plans are often optimistic (or
 * padded): every finished job of a service with a standard is kept as its share of that standard, and a standard of s
 * minutes is planned as s times that share's distribution, mixed with the plain planning value (the standard kept
 * {@code planningConfidence} of the time). What one service's standard does says little about another's, so the shares
 * speak with the number of services behind them and the plain value with {@code priorWeight}: one wrong standard cannot
 * stretch every new type's plan. Pure arithmetic: no database, no clock.
 */
public final class StandardTimes {

    private StandardTimes() {
    }

    /**
     * The longest share of its standard a job counts with, in hundredths (20 times the standard): a one-minute standard
     * with a day-long job must not stretch every plan's array to millions of steps; the job still counts, as a long tail.
     */
    public static final int MAX_SHARE = 2000;

    /** Every job's share of its standard (hundredths, weights as the jobs had them) and how many services had jobs. */
    public record Shares(Histogram ratios, int services) {
    }

    /**
     * @param standards service (site>type) -> standard minutes
     * @param jobs      a service's finished jobs, in steps of {@code perUnit} per minute (null when none)
     */
    public static Shares shares(Map<String, Double> standards, Function<String, Histogram> jobs, int perUnit) {
        Histogram ratios = new Histogram();
        int services = 0;
        for (Map.Entry<String, Double> e : standards.entrySet()) {
            Double minutes = e.getValue();
            Histogram h = minutes == null || minutes <= 0 ? null : jobs.apply(e.getKey());
            if (h == null || h.isEmpty()) continue;
            services++;
            for (Map.Entry<Integer, double[]> bin : h.bins().entrySet()) {
                double[] b = bin.getValue();
                if (b[0] <= 0 || b[1] <= 0) continue;
                int share = (int) Math.ceil(bin.getKey() * 100.0 / (minutes * perUnit) - 1e-9);
                ratios.add(Math.min(MAX_SHARE, share), (long) b[0], b[1], b[2]);
            }
        }
        return new Shares(ratios, services);
    }

    /** The plan for a standard of {@code standardMinutes}: the plain planning value when no share is known. */
    public static Distribution plan(double standardMinutes, Shares shares, double planningConfidence, double priorWeight, String source,
                                    int perUnit) {
        Distribution plain = Distribution.planning(standardMinutes, planningConfidence, source, perUnit);
        if (shares == null || shares.ratios().isEmpty() || standardMinutes <= 0) return plain;
        Histogram ratios = shares.ratios();
        double n = shares.services(), k = priorWeight;
        double perHundredth = standardMinutes * perUnit / 100.0; // steps per hundredth of the standard
        double[] share = ratios.cdf(ratios.maxValue() + 2);
        double[] c = new double[Math.max((int) Math.ceil((ratios.maxValue() + 1) * perHundredth) + 2, (int) Math.ceil(standardMinutes * perUnit) + 2)];
        for (int v = 0; v < c.length; v++) {
            int r = (int) Math.floor(v / perHundredth + 1e-9);
            c[v] = (n * (r >= share.length ? 1.0 : share[r]) + k * plain.cdf(v)) / (n + k);
        }
        return new Distribution(c, 0, 0, source, false, perUnit)
                .withStandard(new Distribution.StandardRatio(median(ratios) / 100.0, ratios.n(), shares.services()));
    }

    /** The weighted median value of a histogram. */
    public static int median(Histogram h) {
        double half = h.weight() / 2, acc = 0;
        for (Map.Entry<Integer, double[]> e : h.bins().entrySet()) {
            acc += e.getValue()[1];
            if (acc >= half) return e.getKey();
        }
        return h.maxValue();
    }
}
