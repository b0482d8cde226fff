package com.promisevalidator.cli.replay;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The yardstick: a plain empirical quantile of the outcomes completed so far, per lane (site → region,
 * or site + service type), falling back to the site and then to everything when the lane has fewer than
 * {@link #MIN_SAMPLE} outcomes. No weighting, no shrinkage, no open orders: what anyone could compute
 * from the same exports. Fed by the replay with exactly the rows each step's import holds.
 */
public final class PlainQuantile {

    /** Outcomes a level needs before its quantile is used instead of its parent's. */
    public static final int MIN_SAMPLE = 20;

    private final Map<String, List<Double>> byKey = new HashMap<>();

    public void learn(HistoryRecord r) {
        Double v = r.outcome();
        if (v == null) return;
        for (String k : keys(r)) insert(byKey.computeIfAbsent(k, x -> new ArrayList<>()), v);
    }

    /**
     * The promise at {@code target} (days after the order day, whole; or whole minutes), and the level it
     * rests on; null when nothing has completed yet.
     */
    public Estimate promise(HistoryRecord order, double target) {
        List<String> keys = keys(order);
        for (int i = 0; i < keys.size(); i++) {
            List<Double> values = byKey.get(keys.get(i));
            boolean last = i == keys.size() - 1;
            if (values != null && (values.size() >= MIN_SAMPLE || last && !values.isEmpty())) {
                return new Estimate(Math.ceil(quantile(values, target) - 1e-9), LEVELS[i], values.size());
            }
        }
        return null;
    }

    public record Estimate(double promise, String level, int n) {
    }

    private static final String[] LEVELS = {"lane", "site", "global"};

    private static List<String> keys(HistoryRecord r) {
        String lane = r.isService() ? "S|" + r.site() + "|" + r.serviceType() : "D|" + r.site() + "|" + r.region();
        return List.of(lane, (r.isService() ? "S|" : "D|") + r.site(), r.isService() ? "S" : "D");
    }

    private static void insert(List<Double> sorted, double v) {
        int i = Collections.binarySearch(sorted, v);
        sorted.add(i < 0 ? -i - 1 : i, v);
    }

    /** Nearest-rank quantile of sorted values: the smallest value with at least q of them at or below it. */
    static double quantile(List<Double> sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.size() - 1e-9);
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
