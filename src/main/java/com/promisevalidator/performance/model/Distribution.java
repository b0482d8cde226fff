package com.promisevalidator.performance.model;

/**
 * What past performance says about a duration (lead days, or service minutes), as a cumulative
 * distribution over steps (whole days; tenths of a minute): {@code cdf(v)} is the estimated chance that the work takes at most
 * {@code v} steps. A fact for the rules: immutable, no I/O.
 *
 * @param cdf     cdf[v] for v = 0..cdf.length-1; 1.0 beyond
 * @param n       outcomes behind the most specific level that had any
 * @param nEff    effective sample size after time decay and mixing
 * @param source  which evidence was used, in words ("lane SP→RJ", "planning value")
 * @param fromHistory false when only planning values were available
 * @param perUnit cdf steps per unit: 1 for lead days, 10 for service minutes (binned per 0.1 minute,
 *                so decimal minutes are judged as asked: a 12.5-minute promise is not read as 12)
 * @param buffer  whole units ops added on top of the evidence (parameters.yaml buffers), already in {@code cdf}
 * @param ageing  the open work behind the estimate and the estimate without it; null when none was open
 * @param memoryDays the short half-life (days) the estimate was weighed with because work everywhere slowed down
 *                (drift-adaptive recency); 0 = the usual memory
 * @param timeFactor how much longer (above 1) or shorter work started in {@code timeBand} takes than at other times, already
 *                in {@code cdf}; 1 = none
 * @param timeBand the band of the week the estimate was made for (e.g. "friday 12-15"; facts recorded before days had their own: "weekday 12-15"),
 *                marked {@link #OWN_JOBS} when its effect rests mostly on the site's own jobs; null when no time-of-week effect applied
 * @param standard how ops' standard times have turned out, when a planning value was read that way; null otherwise
 * @param noArrivalDays lead days: the days of the week on which the site's deliveries (almost) never arrive, as a mask
 *                (bit 0 = Monday … bit 6 = Sunday; see {@link ArrivalDays}); 0 = any day, and for service minutes
 * @param pace    lead days: how much slower (above 1) or faster (below 1) deliveries everywhere have been going lately, already in
 *                {@code cdf} (the estimate was stretched by it); 1 = as usual, and for service minutes
 */
public record Distribution(double[] cdf, long n, double nEff, String source, boolean fromHistory, int perUnit, int buffer, Ageing ageing,
                           int memoryDays, double timeFactor, String timeBand, StandardRatio standard, int noArrivalDays, double pace) {

    public Distribution(double[] cdf, long n, double nEff, String source, boolean fromHistory, int perUnit, int buffer, Ageing ageing,
                        int memoryDays, double timeFactor, String timeBand, StandardRatio standard, int noArrivalDays) {
        this(cdf, n, nEff, source, fromHistory, perUnit, buffer, ageing, memoryDays, timeFactor, timeBand, standard, noArrivalDays, 1.0);
    }

    public Distribution(double[] cdf, long n, double nEff, String source, boolean fromHistory, int perUnit, int buffer, Ageing ageing,
                        int memoryDays, double timeFactor, String timeBand, StandardRatio standard) {
        this(cdf, n, nEff, source, fromHistory, perUnit, buffer, ageing, memoryDays, timeFactor, timeBand, standard, 0);
    }

    /**
     * Finished jobs' minutes against their standard minutes: the weighted median share (1.27 = 27 % over), how many jobs
     * and of how many services (site and type) with a standard.
     */
    public record StandardRatio(double median, long jobs, int services) {
    }

    public Distribution(double[] cdf, long n, double nEff, String source, boolean fromHistory, int perUnit, int buffer, Ageing ageing,
                        int memoryDays, double timeFactor, String timeBand) {
        this(cdf, n, nEff, source, fromHistory, perUnit, buffer, ageing, memoryDays, timeFactor, timeBand, null);
    }

    public Distribution(double[] cdf, long n, double nEff, String source, boolean fromHistory, int perUnit, int buffer, Ageing ageing,
                        int memoryDays) {
        this(cdf, n, nEff, source, fromHistory, perUnit, buffer, ageing, memoryDays, 1.0, null);
    }

    public Distribution(double[] cdf, long n, double nEff, String source, boolean fromHistory, int perUnit, int buffer, Ageing ageing) {
        this(cdf, n, nEff, source, fromHistory, perUnit, buffer, ageing, 0);
    }

    public Distribution(double[] cdf, long n, double nEff, String source, boolean fromHistory, int perUnit, int buffer) {
        this(cdf, n, nEff, source, fromHistory, perUnit, buffer, null);
    }

    public Distribution(double[] cdf, long n, double nEff, String source, boolean fromHistory) {
        this(cdf, n, nEff, source, fromHistory, 1, 0);
    }

    public Distribution(double[] cdf, long n, double nEff, String source, boolean fromHistory, int perUnit) {
        this(cdf, n, nEff, source, fromHistory, perUnit, 0);
    }

    /**
     * The same evidence with {@code units} more margin: the chance of taking at most v becomes the old chance
     * of taking at most v - units, so every quantile moves by exactly {@code units}.
     */
    public Distribution withBuffer(int units) {
        if (units <= 0) return this;
        int steps = units * perUnit;
        double[] shifted = new double[cdf.length + steps];
        System.arraycopy(cdf, 0, shifted, steps, cdf.length);
        return new Distribution(shifted, n, nEff, source, fromHistory, perUnit, buffer + units, ageing == null ? null : ageing.shifted(units),
                memoryDays, timeFactor, timeBand, standard, noArrivalDays, pace);
    }

    /**
     * The same estimate for work going {@code factor} times as slow (below 1: faster): the chance of taking at most v is
     * the old chance of taking at most v / factor, read between whole steps on a straight line. Buffers, the days without
     * arrivals and the rest are kept; the estimate without open work is stretched alike.
     */
    public Distribution stretched(double factor) {
        if (!(factor > 0) || factor == 1.0) return this;
        Ageing a = ageing == null ? null : new Ageing(ageing.open(), ageing.openByAge(), ageing.withoutOpen().stretched(factor));
        return new Distribution(stretch(cdf, factor), n, nEff, source, fromHistory, perUnit, buffer, a, memoryDays, timeFactor, timeBand,
                standard, noArrivalDays, pace * factor);
    }

    /** {@code cdf} read {@code factor} times as slow: out[v] = cdf(v / factor), linear between steps; 1 beyond its end. */
    public static double[] stretch(double[] cdf, double factor) {
        int length = Math.max(1, (int) Math.ceil((cdf.length - 1) * factor) + 1);
        double[] out = new double[length];
        for (int v = 0; v < length; v++) {
            double x = v / factor;
            int i = (int) Math.floor(x);
            double f = x - i;
            double lo = i < cdf.length ? cdf[i] : 1.0, hi = i + 1 < cdf.length ? cdf[i + 1] : 1.0;
            out[v] = Math.min(1.0, lo + (hi - lo) * f);
        }
        return out;
    }

    /** The same estimate, said to rest on a short memory of {@code days} (a market-wide slowdown). */
    public Distribution withMemory(int days) {
        return new Distribution(cdf, n, nEff, source, fromHistory, perUnit, buffer, ageing, Math.max(0, days), timeFactor, timeBand, standard, noArrivalDays, pace);
    }

    /**
     * The same estimate with every chance x mapped to g[1000 x] (interpolated): what estimates' chances turned out to be
     * lately (recalibration). g must not decrease.
     */
    public Distribution recalibrated(double[] g) {
        double[] c = new double[cdf.length];
        for (int v = 0; v < cdf.length; v++) {
            double x = Math.max(0, Math.min(1, cdf[v])) * (g.length - 1);
            int i = (int) Math.floor(x);
            double f = x - i;
            c[v] = i + 1 < g.length ? g[i] * (1 - f) + g[i + 1] * f : g[g.length - 1];
        }
        return new Distribution(c, n, nEff, source, fromHistory, perUnit, buffer, ageing, memoryDays, timeFactor, timeBand, standard, noArrivalDays, pace);
    }

    /**
     * The same estimate, said to be made for work started in {@code band}, which takes {@code factor} times as long as
     * the lane's usual mix of bands: the estimate already allows for it (its lane's jobs were re-banded), so nothing is
     * stretched here.
     */
    public Distribution madeForBand(double factor, String band) {
        if (band == null || !(factor > 0)) return this;
        return new Distribution(cdf, n, nEff, source, fromHistory, perUnit, buffer, ageing, memoryDays, factor, band, standard, noArrivalDays, pace);
    }

    /** Marks a {@code timeBand} whose effect rests mostly on the site's own jobs ("friday 12-15 own"); without it, on jobs at all sites. */
    public static final String OWN_JOBS = " own";

    /** The same, with whether the band's effect rests mostly on the site's own jobs ({@link #OWN_JOBS}). */
    public Distribution madeForBand(double factor, String band, boolean ownJobs) {
        return madeForBand(factor, band == null || !ownJobs ? band : band + OWN_JOBS);
    }

    /** The band of {@link #timeBand} without its {@link #OWN_JOBS} mark; null when none. */
    public String timeBandText() {
        return timeBand == null || !timeBand.endsWith(OWN_JOBS) ? timeBand : timeBand.substring(0, timeBand.length() - OWN_JOBS.length());
    }

    /** Whether the time-of-week effect rests mostly on the site's own jobs (else on jobs at all sites, or not known). */
    public boolean timeFromOwnJobs() {
        return timeBand != null && timeBand.endsWith(OWN_JOBS);
    }

    /** The same estimate, said to read a standard time as standard times have turned out. */
    public Distribution withStandard(StandardRatio s) {
        return new Distribution(cdf, n, nEff, source, fromHistory, perUnit, buffer, ageing, memoryDays, timeFactor, timeBand, s, noArrivalDays, pace);
    }

    /** The same lead days, for a site whose deliveries (almost) never arrive on the days of {@code mask} ({@link ArrivalDays}). */
    /**
     * A copy of the chances: an estimate is shared by every quote until the statistics change, and rules see it, so its own
     * array never leaves it (a rule writing {@code cdf()[0] = 1.0} changed every later quote's promise: probe ops H2).
     */
    @Override
    public double[] cdf() {
        return cdf.clone();
    }

    /** How many steps the chances are given for (1.0 beyond). */
    public int steps() {
        return cdf.length;
    }

    /** The first step with any chance; -1 when none (a planning value has none before it, see {@link #planning}). */
    public int firstStepWithChance() {
        for (int v = 0; v < cdf.length; v++) {
            if (cdf[v] > 0) return v;
        }
        return -1;
    }

    /** Whether the two give the same chances at every step. */
    public boolean sameChances(Distribution other) {
        return other != null && java.util.Arrays.equals(cdf, other.cdf);
    }

    public Distribution withNoArrivalDays(int mask) {
        return new Distribution(cdf, n, nEff, source, fromHistory, perUnit, buffer, ageing, memoryDays, timeFactor, timeBand, standard,
                mask & ArrivalDays.ALL, pace);
    }

    /**
     * The chance of a delivery by {@code day}, dispatched on {@code dispatch}, with {@code extraDays} more than the evidence says
     * (an ops buffer): by a day on which deliveries never arrive, and by the arrival day before it, as much as by the last day of
     * that gap, since nothing arrives in between (a Friday promise is kept as often as a Sunday one when weekends see none).
     */
    public double chanceBy(java.time.LocalDate dispatch, java.time.LocalDate day, int extraDays) {
        java.time.LocalDate end = ArrivalDays.lastOfGap(noArrivalDays, day);
        return cdf((int) java.time.temporal.ChronoUnit.DAYS.between(dispatch, end) - extraDays);
    }

    /**
     * Chance the work takes at most {@code units} (days or minutes, decimals allowed). Outcomes are
     * binned up to the next step, so the answer is exact at the step: 30.0 is within 30, 30.1 is not.
     */
    public double cdfAt(double units) {
        return cdf((int) Math.floor(units * perUnit + 1e-9));
    }

    /** Smallest whole number of units (days, minutes) whose chance of being enough reaches {@code p}: rounds up. */
    public int quantileUnits(double p) {
        return (quantile(p) + perUnit - 1) / perUnit;
    }

    /** The same with the step's precision (e.g. 41.9 minutes): the statistic behind a whole-unit promise. */
    public double quantileExact(double p) {
        return quantile(p) / (double) perUnit;
    }

    /** Chance the work takes at most {@code v} steps (units × perUnit). */
    public double cdf(int v) {
        if (v < 0) return 0.0;
        if (v >= cdf.length) return 1.0;
        return cdf[v];
    }

    /** Smallest number of steps whose chance of being enough reaches {@code p}. */
    public int quantile(double p) {
        double target = p - 1e-9; // tolerate rounding in summed weights
        for (int v = 0; v < cdf.length; v++) {
            if (cdf[v] >= target) return v;
        }
        return cdf.length;
    }

    /** A duration known only as a planning value: assumed kept with {@code confidence} at the value, surely one unit later. */
    public static Distribution planning(int value, double confidence, String source) {
        return planning(value, confidence, source, 1);
    }

    /** A planning value in whole units, held at {@code perUnit} steps per unit. */
    public static Distribution planning(int value, double confidence, String source, int perUnit) {
        return planning((double) value, confidence, source, perUnit);
    }

    /** A planning value with decimals (a standard of 12.5 minutes), held at the nearest of {@code perUnit} steps per unit. */
    public static Distribution planning(double value, double confidence, String source, int perUnit) {
        int steps = (int) Math.round(value * perUnit);
        double[] c = new double[steps + 1];
        c[steps] = confidence;
        return new Distribution(c, 0, 0, source, false, perUnit);
    }
}
