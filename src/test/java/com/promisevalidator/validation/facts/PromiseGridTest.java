package com.promisevalidator.validation.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.promisevalidator.performance.model.Distribution;

/**
 * The minutes recommended are rounded up to whole minutes only when that adds at most a point of chance: probe P5 found a
 * 1-6 minute drive-through kept 0.936 at a 0.90 target, because every promise was rounded up to the next whole minute.
 */
class PromiseGridTest {

    /** Jobs spread evenly over [from, to) minutes, held in tenths of a minute as service statistics are. */
    private static Distribution even(double from, double to) {
        int lo = (int) Math.round(from * 10), hi = (int) Math.round(to * 10);
        double[] cdf = new double[hi + 1];
        for (int v = lo; v <= hi; v++) cdf[v] = Math.min(1.0, (v - lo + 1) / (double) (hi - lo));
        return new Distribution(cdf, 500, 500, "WASH at S1", true, 10);
    }

    @Test
    @DisplayName("a tight 10-15 minute job is promised to the tenth: a whole minute would add 12 points of chance")
    void tightShortJobToTheTenth() {
        Distribution d = even(10.0, 15.0);
        assertEquals(14.4, ServicePlan.onGrid(d, 0.90), 1e-9);
        assertEquals(0.90, d.cdfAt(14.4), 1e-9);
    }

    @Test
    @DisplayName("a spread that a whole minute moves by more than a point, a half by less: half minutes")
    void halfMinuteWhenItIsEnough() {
        Distribution d = even(20.0, 80.0); // a tenth of a minute is 1/600 of the jobs
        assertEquals(74.5, ServicePlan.onGrid(d, 0.902), 1e-9); // exact 74.1: 75 adds 1.5 points, 74.5 adds 0.67
    }

    @Test
    @DisplayName("a wide spread keeps whole minutes: the rounding adds less than a point")
    void wideSpreadKeepsWholeMinutes() {
        Distribution d = even(40.0, 140.0); // a tenth of a minute is 1/1000 of the jobs
        assertEquals(130.0, ServicePlan.onGrid(d, 0.90), 1e-9); // exact 129.9
    }

    @Test
    @DisplayName("the plan recommends the exact promise and holds a bay for whole minutes")
    void planRecommendsExactHoldsWhole() {
        ServicePlan p = new ServicePlan("S1", "WASH", true, null, even(10.0, 15.0), java.time.Instant.parse("2030-01-07T10:00:00Z"),
                null, 0.90, 30);
        p.estimate();
        assertEquals(14.4, p.getPromisedMinutes(), 1e-9);
        assertEquals(15, p.getMinutes());
        assertEquals(0.90, p.getConfidenceAtRealistic(), 1e-9);
    }
}
