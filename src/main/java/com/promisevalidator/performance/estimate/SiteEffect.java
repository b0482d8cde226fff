package com.promisevalidator.performance.estimate;

import java.util.HashMap;
import java.util.Map;

import com.promisevalidator.performance.model.Histogram;

/**
 * How much slower (or faster) a site's work is than the same service types everywhere, for the shrinkage of a thin
 * lane: a service type at a slow site leans on the type everywhere stretched by the site's factor, not on the type as
 * the faster sites do it. Pure arithmetic: no database, no clock.
 *
 * <p>Each lane (service type at a site) is compared with its type at the other sites on the log scale (mean log minutes,
 * time-decayed weights); the differences of a site's lanes are pooled, weighted by the effective number of jobs behind
 * each difference (the lane's and the other sites' together, as for a difference of two means: the thinner side
 * bounds it), and shrunk toward none by {@code priorWeight} pseudo-jobs. The factor is exp(effect).
 */
public final class SiteEffect {

    private SiteEffect() {
    }

    /**
     * @param lanes site -> lane ("site>type") -> finished jobs of the lane (any split, e.g. by hour of the week, summed here)
     * @return site -> factor (1 = as everywhere)
     */
    public static Map<String, Double> factors(Map<String, Map<String, Map<Integer, Histogram>>> lanes, int stepsPerUnit, double priorWeight) {
        // per lane: weight, weighted log sum, squared weights; per type the same over every site
        Map<String, double[]> lane = new HashMap<>(), type = new HashMap<>();
        for (Map<String, Map<Integer, Histogram>> site : lanes.values()) {
            for (Map.Entry<String, Map<Integer, Histogram>> l : site.entrySet()) {
                double[] s = lane.computeIfAbsent(l.getKey(), k -> new double[3]);
                for (Histogram h : l.getValue().values()) {
                    for (Map.Entry<Integer, double[]> bin : h.bins().entrySet()) {
                        if (bin.getValue()[0] <= 0 || bin.getValue()[1] <= 0) continue;
                        s[0] += bin.getValue()[1];
                        s[1] += bin.getValue()[1] * Math.log(Math.max(1, bin.getKey()) / (double) stepsPerUnit);
                        s[2] += bin.getValue()[2];
                    }
                }
                String t = l.getKey().substring(l.getKey().indexOf('>') + 1);
                double[] ts = type.computeIfAbsent(t, k -> new double[3]);
                ts[0] += s[0];
                ts[1] += s[1];
                ts[2] += s[2];
            }
        }
        Map<String, double[]> sums = new HashMap<>();
        for (Map.Entry<String, double[]> l : lane.entrySet()) {
            double[] s = l.getValue();
            if (s[0] <= 0 || s[2] <= 0) continue;
            int gt = l.getKey().indexOf('>');
            double[] ts = type.get(l.getKey().substring(gt + 1));
            double otherW = ts[0] - s[0];
            if (otherW <= 1e-9 * ts[0]) continue; // no other site does this type: nothing to compare with
            double d = s[1] / s[0] - (ts[1] - s[1]) / otherW;
            // a difference of two means is as sure as the thinner side allows: one job elsewhere is no yardstick for a lane's
            // hundreds (probe api H1: a new site's one-minute job made GARAGE-1 "19 times slower" than the type everywhere)
            double otherW2 = ts[2] - s[2];
            double nOthers = otherW2 > 0 ? otherW * otherW / otherW2 : 0;
            double nEff = pair(s[0] * s[0] / s[2], nOthers);
            double[] site = sums.computeIfAbsent(l.getKey().substring(0, gt), k -> new double[2]);
            site[0] += nEff * d;
            site[1] += nEff;
        }
        Map<String, Double> out = new HashMap<>();
        sums.forEach((site, s) -> out.put(site, Math.exp(s[1] + priorWeight > 0 ? s[0] / (s[1] + priorWeight) : 0)));
        return out;
    }

    /** The effective number of jobs behind a difference of two means of {@code a} and {@code b} jobs (0 when either has none). */
    static double pair(double a, double b) {
        return a <= 0 || b <= 0 ? 0 : a * b / (a + b);
    }
}
