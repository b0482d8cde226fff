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
     * by {@code k} (effective numbers of outcomes, after decay). Null when no outcome was judged yet. {@code everyone}
     * should be {@link #broad}: a site's own outcomes then count once, not again as everyone's.
     */
    public static double[] curve(Histogram everyone, Histogram site, double k) {
        double[] all = shares(everyone), own = shares(site);
        if (all == null && own == null) return null;
        double nAll = all == null ? 0 : everyone.effectiveN();
        double[] g = new double[1001];
        for (int i = 0; i <= 1000; i++) g[i] = all == null ? i / 1000.0 : (nAll * all[i] + k * (i / 1000.0)) / (nAll + k);
        if (own != null) {
            double n = site.effectiveN();
            for (int i = 0; i <= 1000; i++) g[i] = (n * own[i] + k * g[i]) / (n + k);
        }
        return g;
    }

    /**
     * Everyone's outcomes as a correction every site may lean on: no site counts for more than all other sites together.
     * What one site's outcomes say is that site's (its own curve); everyone's stands for what the sites share, so a
     * handful of slow jobs at one site, when it is the only site (or nearly) judged lately, must not recalibrate the others
     * (probe P5, H3: five slow jobs at one salon, the only outcomes judged after a rebuild, lengthened every other salon's
     * promises by up to 1.5 hours), nor count twice at a single site. Only the heaviest site can weigh more than the
     * others together: its weights are scaled down to theirs (c = others / its own; squared weights by c²). Null when
     * nothing is left.
     */
    public static Histogram broad(Histogram everyone, Map<String, Histogram> sites) {
        if (everyone == null || everyone.isEmpty() || everyone.weight() <= 0) return null;
        Histogram heaviest = null;
        for (Histogram h : sites.values()) if (h != null && (heaviest == null || h.weight() > heaviest.weight())) heaviest = h;
        double others = heaviest == null ? everyone.weight() : everyone.weight() - heaviest.weight();
        if (heaviest == null || heaviest.weight() <= others) return everyone;
        double c = Math.max(0, others) / heaviest.weight();
        if (c <= 1e-9) return null;
        Histogram out = new Histogram();
        for (Map.Entry<Integer, double[]> e : everyone.bins().entrySet()) {
            double[] a = e.getValue(), b = heaviest.bins().getOrDefault(e.getKey(), new double[3]);
            double w = a[1] - (1 - c) * b[1], w2 = a[2] - (1 - c * c) * b[2];
            // raw counts are whole: a scaled outcome still counts as one (only weights say how much)
            if (w > 1e-12 * everyone.weight()) out.add(e.getKey(), Math.max(1, Math.round(a[0] - (1 - c) * b[0])), w, Math.max(w2, 0));
        }
        return out.isEmpty() ? null : out;
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
