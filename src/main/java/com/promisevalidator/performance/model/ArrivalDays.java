package com.promisevalidator.performance.model;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The days of the week on which a site's deliveries (almost) never arrive, learned from when they did: many carriers and
 * business customers take nothing on weekends. Such a day adds nothing to the chance of a delivery, so a promise that would
 * fall on it is kept as often on the arrival day before it: the promise need not be later than that day. Pure arithmetic:
 * a mask of days (bit 0 = Monday … bit 6 = Sunday), no clock, no database.
 */
public final class ArrivalDays {

    private ArrivalDays() {
    }

    public static final int ALL = 0x7F;

    /** Below this share of a site's (time-weighted) arrivals, a day of the week counts as one on which none arrive. */
    public static final double RARE_SHARE = 0.005;

    /** Arrivals a site needs before any day counts as one without: a few weeks of a small site's deliveries. */
    public static final long MIN_ARRIVALS = 100;

    /**
     * Arrivals a day needs before it counts as one deliveries arrive on, however recent (they weigh most): a special
     * Saturday courier or two is not a new pattern (probe arr M1: four recent Saturday arrivals among 1,040 flipped Friday
     * quotes from 100 % to 40 % and committed promises to AT_RISK).
     */
    public static final long MIN_DAY_ARRIVALS = 5;

    /**
     * The days without arrivals, from {@code weights[d]} (d = 0 Monday … 6 Sunday: time-weighted arrivals on that day),
     * {@code counts[d]} (how many) and {@code arrivals} (how many outcomes in all): 0 when too few to tell. A day is one
     * without when its weighted share is under {@link #RARE_SHARE} or it has fewer than {@link #MIN_DAY_ARRIVALS}. At most
     * three days: a site with fewer arrival days than four is read as too irregular to tell.
     */
    public static int learn(double[] weights, long[] counts, long arrivals) {
        if (weights == null || weights.length != 7 || counts == null || counts.length != 7 || arrivals < MIN_ARRIVALS) return 0;
        double total = 0;
        for (double w : weights) total += Math.max(0, w);
        if (!(total > 0)) return 0;
        int mask = 0;
        for (int d = 0; d < 7; d++) {
            if (Math.max(0, weights[d]) < RARE_SHARE * total || counts[d] < MIN_DAY_ARRIVALS) mask |= 1 << d;
        }
        return Integer.bitCount(mask) > 3 ? 0 : mask;
    }

    public static boolean arrives(int mask, LocalDate day) {
        return (mask & bit(day.getDayOfWeek())) == 0;
    }

    /**
     * The last day of the run of days without arrivals that follows {@code day} (Sunday for a Friday when weekends see none,
     * and for the Saturday and the Sunday too); {@code day} itself when the next day sees arrivals.
     */
    public static LocalDate lastOfGap(int mask, LocalDate day) {
        LocalDate end = day;
        for (int i = 0; i < 7 && mask != 0 && !arrives(mask, end.plusDays(1)); i++) end = end.plusDays(1);
        return end;
    }

    /** {@code day}, or the last arrival day before it when none arrive on it, never before {@code notBefore}. */
    public static LocalDate backToArrival(int mask, LocalDate day, LocalDate notBefore) {
        LocalDate d = day;
        for (int i = 0; i < 7 && mask != 0 && !arrives(mask, d) && d.isAfter(notBefore); i++) d = d.minusDays(1);
        return arrives(mask, d) ? d : day;
    }

    /** {@code day}, or the first arrival day after it when none arrive on it. */
    public static LocalDate forwardToArrival(int mask, LocalDate day) {
        LocalDate d = day;
        for (int i = 0; i < 7 && mask != 0 && !arrives(mask, d); i++) d = d.plusDays(1);
        return d;
    }

    /** The days of the mask, Monday first ("SATURDAY", "SUNDAY"), as evidence says them. */
    public static List<String> names(int mask) {
        List<String> out = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) if ((mask & bit(d)) != 0) out.add(d.name());
        return out;
    }

    /** The mask of {@link #names} (null or empty: 0; a name that is no day is ignored). */
    public static int mask(List<String> names) {
        int mask = 0;
        if (names != null) for (String n : names) {
            for (DayOfWeek d : DayOfWeek.values()) if (d.name().equals(n)) mask |= bit(d);
        }
        return mask;
    }

    private static int bit(DayOfWeek d) {
        return 1 << (d.getValue() - 1);
    }
}
