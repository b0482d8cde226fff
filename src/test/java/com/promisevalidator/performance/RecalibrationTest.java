package com.promisevalidator.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.promisevalidator.performance.estimate.Recalibration;
import com.promisevalidator.performance.model.Distribution;
import com.promisevalidator.performance.model.Histogram;

/** Recalibration on recent outcomes, pure: the curve from judged outcomes, its shrinkage, and the estimate it moves. No database. */
class RecalibrationTest {

    /** n outcomes with u spread evenly over [0, top) thousandths (top 1000: calibrated; 900: finishing sooner than said). */
    static Histogram judged(int n, int top, int over) {
        Histogram h = new Histogram();
        for (int i = 0; i < n; i++) h.add(i * top / n, 1, 1.0, 1.0);
        for (int i = 0; i < over; i++) h.add(1000, 1, 1.0, 1.0); // took longer than the whole estimate
        return h;
    }

    @Test
    void calibratedOutcomesLeaveTheEstimateAlone() {
        double[] g = Recalibration.curve(judged(5000, 1000, 0), null, 100);
        assertEquals(0.9, g[900], 0.002);
        assertEquals(0.5, g[500], 0.002);
        assertNull(Recalibration.curve(null, null, 100), "nothing judged yet: no correction");
    }

    @Test
    void promisesKeptLessOftenThanSaidMoveTheQuantileOut() {
        // 10 % of recent jobs took longer than their whole estimate: a "90 %" promise was kept 81 % of the time
        double[] g = Recalibration.curve(judged(4500, 1000, 500), null, 0);
        assertEquals(0.81, g[900], 0.002);
        Distribution d = new Distribution(new double[] {0, 0.2, 0.5, 0.8, 0.9, 0.95, 0.99, 1.0}, 100, 100, "x", true, 1);
        Distribution r = d.recalibrated(g);
        assertEquals(4, d.quantile(0.9));
        assertEquals(5, r.quantile(0.85), "the chance 0.95 is kept about 0.855 of the time now");
        assertEquals(8, r.quantile(0.95), "kept 95 % of the time only beyond the longest the estimate knew");
        assertEquals(0.81, r.cdf(4), 0.002);
    }

    @Test
    void aThinSiteLeansOnEveryoneAndEveryoneOnNoCorrection() {
        Histogram everyone = judged(900, 1000, 100), site = judged(10, 500, 0);
        double[] shrunk = Recalibration.curve(everyone, null, 1000);
        assertEquals((1000 * 0.81 + 1000 * 0.9) / 2000, shrunk[900], 0.002, "everyone's halfway to no correction");
        double[] g = Recalibration.curve(everyone, site, 10);
        assertEquals((10 * 1.0 + 10 * ((1000 * 0.81 + 10 * 0.9) / 1010)) / 20, g[900], 0.003, "the site halfway to everyone's");
    }

    /** Everyone's judged outcomes: the sites' added up. */
    static Histogram everyone(Histogram... sites) {
        Histogram all = new Histogram();
        for (Histogram h : sites) h.bins().forEach((u, b) -> all.add(u, (long) b[0], b[1], b[2]));
        return all;
    }

    /** A service's minutes, log-normal (median 45, sigma 0.35 on the log scale), in tenths of a minute. */
    static Distribution minutes() {
        double[] cdf = new double[4000];
        for (int i = 1; i < cdf.length; i++) {
            double z = Math.log(i / 10.0 / 45) / 0.35;
            cdf[i] = 0.5 * (1 + erf(z / Math.sqrt(2)));
        }
        return new Distribution(cdf, 500, 500, "x", true, 10);
    }

    private static double erf(double x) { // Abramowitz-Stegun 7.1.26, to 1e-7
        double t = 1 / (1 + 0.3275911 * Math.abs(x));
        double y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
        return x >= 0 ? y : -y;
    }

    /** The promise at 0.90 in whole minutes, with the site's recalibration. */
    static double promise(double[] g) {
        Distribution d = g == null ? minutes() : minutes().recalibrated(g);
        return d.quantile(0.9) / 10.0;
    }

    @Test
    void fiveSlowJobsAtOneSiteLeaveAnotherSitesPromiseAlone() {
        // a week of outcomes judged at three sites, then five jobs at SLOW beyond anything its estimate knew (probe P5, H3)
        Histogram slow = judged(400, 1000, 5), other = judged(400, 1000, 0), third = judged(400, 1000, 0);
        Histogram broad = Recalibration.broad(everyone(slow, other, third), Map.of("SLOW", slow, "OTHER", other, "THIRD", third));
        double before = promise(Recalibration.curve(Recalibration.broad(everyone(judged(400, 1000, 0), other, third),
                Map.of("SLOW", judged(400, 1000, 0), "OTHER", other, "THIRD", third)), other, 100));
        double after = promise(Recalibration.curve(broad, other, 100));
        assertTrue(Math.abs(after - before) <= 0.5, "the other site's promise moves by at most half a minute: " + before + " -> " + after);
        // nothing else judged lately (e.g. all the history came in one file): the slow site's five are its own, not everyone's
        Histogram alone = judged(0, 1000, 5);
        Histogram thin = Recalibration.broad(everyone(alone), Map.of("SLOW", alone));
        assertNull(thin, "one site's outcomes alone are no one else's correction");
        assertNull(Recalibration.curve(thin, null, 100), "another site, with nothing judged of its own: no correction");
        double[] own = Recalibration.curve(thin, alone, 100);
        assertEquals(100 * 0.9 / 105, own[900], 0.002, "the slow site's own five count once against no correction's 100");
        assertTrue(promise(own) < promise(Recalibration.curve(everyone(alone), alone, 100)) - 5,
                "counted twice (as the site's and as everyone's) they used to lengthen its promise far more: "
                        + promise(own) + " vs " + promise(Recalibration.curve(everyone(alone), alone, 100)));
    }

    @Test
    void sitesOfLikeWeightShareEveryonesAsBefore() {
        Histogram a = judged(300, 1000, 30), b = judged(250, 1000, 20), c = judged(200, 1000, 0);
        Histogram all = everyone(a, b, c);
        Histogram broad = Recalibration.broad(all, Map.of("A", a, "B", b, "C", c));
        assertEquals(all.weight(), broad.weight(), 1e-9, "no site outweighs the others together: everyone's as it is");
        // one site three times the other's weight counts as much as the other
        Histogram big = judged(600, 1000, 60), small = judged(200, 1000, 0);
        Histogram capped = Recalibration.broad(everyone(big, small), Map.of("BIG", big, "SMALL", small));
        assertEquals(2 * small.weight(), capped.weight(), 1e-6);
        assertEquals(Recalibration.curve(everyone(judged(200, 1000, 20), small), null, 0)[900],
                Recalibration.curve(capped, null, 0)[900], 0.003, "the big site's outcomes scaled to the small one's weight");
    }
}
