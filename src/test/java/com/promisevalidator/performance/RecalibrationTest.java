package com.promisevalidator.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
}
