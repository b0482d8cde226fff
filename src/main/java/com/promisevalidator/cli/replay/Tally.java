package com.promisevalidator.cli.replay;

import java.util.Map;
import java.util.TreeMap;

/** Kept count and promised sum of one way of promising, overall and per calendar period (month or day). */
public final class Tally {

    private int n;
    private int kept;
    private double promised;
    private final Map<String, double[]> periods = new TreeMap<>(); // period -> {n, kept, promised}

    public void add(String period, boolean wasKept, double promisedValue) {
        n++;
        if (wasKept) kept++;
        promised += promisedValue;
        double[] p = periods.computeIfAbsent(period, k -> new double[3]);
        p[0]++;
        if (wasKept) p[1]++;
        p[2] += promisedValue;
    }

    public int n() {
        return n;
    }

    public Map<String, double[]> periods() {
        return periods;
    }

    /**
     * The summary; the worst period is taken among periods with at least {@code minPeriodOrders} orders. When no day has
     * that many (a clinic or a helpdesk of a few dozen jobs a day), among ISO weeks ("2026-W40"): a worst period is
     * still told (probe svckinds L1: every small business's replay said "–").
     */
    public Figures figures(int minPeriodOrders) {
        Figures f = figures(periods, minPeriodOrders);
        if (f.worstPeriod() != null || periods.keySet().stream().anyMatch(k -> k.length() != 10)) return f;
        Map<String, double[]> weeks = new TreeMap<>();
        periods.forEach((day, p) -> {
            java.time.LocalDate d = java.time.LocalDate.parse(day);
            String week = String.format("%d-W%02d", d.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR),
                    d.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            double[] w = weeks.computeIfAbsent(week, k -> new double[3]);
            for (int i = 0; i < 3; i++) w[i] += p[i];
        });
        return figures(weeks, minPeriodOrders);
    }

    private Figures figures(Map<String, double[]> periods, int minPeriodOrders) {
        String worst = null;
        double worstRate = Double.NaN;
        int worstN = 0;
        for (Map.Entry<String, double[]> e : periods.entrySet()) {
            double[] p = e.getValue();
            if (p[0] < minPeriodOrders) continue;
            double rate = p[1] / p[0];
            if (worst == null || rate < worstRate) {
                worst = e.getKey();
                worstRate = rate;
                worstN = (int) p[0];
            }
        }
        return new Figures(n, kept, n == 0 ? Double.NaN : (double) kept / n, n == 0 ? Double.NaN : promised / n,
                worst, worstRate, worstN);
    }

    /** Orders counted, kept, kept rate, mean promised days (or minutes), worst period and its kept rate. */
    public record Figures(int n, int kept, double keptRate, double meanPromised, String worstPeriod, double worstKeptRate,
                          int worstPeriodOrders) {
    }
}
