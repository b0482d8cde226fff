package com.promisevalidator.performance.estimate;

import java.util.Map;

import com.promisevalidator.performance.model.Histogram;

/**
 * Recalibration of service estimates on recent outcomes (an adaptive conformal correction of the whole distribution).
 * Pure arithmetic: no database, no clock.
 *
 * <p>Each finished service is judged, when imported, by the estimate then in force: u = the chance that estimate gave
 * of finishing sooner than it did, kept in thousandths (0-1000) with a decaying weight. A calibrated estimate gives u
 * spread evenly: a promise at chance x is kept when u &lt; x, so x of the time. When lately the promises at x were kept
 * only G(x) of the time, every chance x of an estimate becomes G(x): its quantile at the target moves to where it
 * was really kept that often.
 */
public final class Recalibration {

    private Recalibration() {
    }

    /**
     * g[i] = the share of recent outcomes whose u is below i / 1000 (what an estimate's chance i / 1000 turned out to
     * be): the site's, shrunk toward everyone's by {@code k} outcomes, everyone's toward no correction (g[i] = i / 1000)
     * by {@code k} (effective numbers of outcomes, after decay). Null when no outcome was judged yet.
     */
    public static double[] curve(Histogram everyone, Histogram site, double k) {
        double[] all = shares(everyone);
        if (all == null) return null;
        double nAll = everyone.effectiveN();
        double[] g = new double[1001];
        for (int i = 0; i <= 1000; i++) g[i] = (nAll * all[i] + k * (i / 1000.0)) / (nAll + k);
        double[] own = shares(site);
        if (own != null) {
            double n = site.effectiveN();
            for (int i = 0; i <= 1000; i++) g[i] = (n * own[i] + k * g[i]) / (n + k);
        }
        return g;
    }

    /** c[i] = weighted share of the stored u (thousandths) below i; null when none. */
    static double[] shares(Histogram h) {
        if (h == null || h.isEmpty() || h.weight() <= 0) return null;
        double[] c = new double[1001];
        for (Map.Entry<Integer, double[]> e : h.bins().entrySet()) {
            int v = Math.max(0, Math.min(1000, e.getKey()));
            if (v + 1 <= 1000) c[v + 1] += e.getValue()[1];
        }
        double run = 0;
        for (int i = 0; i <= 1000; i++) {
            run += c[i];
            c[i] = run / h.weight();
        }
        return c;
    }
}
