package com.promisevalidator.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.promisevalidator.performance.estimate.StandardTimes;
import com.promisevalidator.performance.model.Distribution;
import com.promisevalidator.performance.model.Histogram;
import com.promisevalidator.performance.model.Observation;

/** Standard minutes read as standard times have turned out, pure: shares, the plan, and how much a few services may say. */
class StandardTimesTest {

    static final int STEPS = Observation.SERVICE_STEPS_PER_MINUTE;

    /** {@code services} services of a 20-minute standard, each with 10 jobs taking {@code times} the standard (±2 %). */
    static StandardTimes.Shares shares(int services, double times) {
        Map<String, Double> standards = new HashMap<>();
        Map<String, Histogram> jobs = new HashMap<>();
        for (int s = 0; s < services; s++) {
            standards.put("G>T" + s, 20.0);
            Histogram h = new Histogram();
            for (int i = 0; i < 10; i++) h.add((int) Math.ceil(20 * times * (0.98 + 0.004 * i) * STEPS), 1, 1.0, 1.0);
            jobs.put("G>T" + s, h);
        }
        return StandardTimes.shares(standards, jobs::get, STEPS);
    }

    @Test
    void aStandardIsPlannedAsManyServicesStandardsTurnedOut() {
        StandardTimes.Shares many = shares(40, 1.5);
        assertEquals(40, many.services());
        Distribution plan = StandardTimes.plan(40, many, 0.9, 30, "the standard 40 minutes", STEPS);
        int p90 = plan.quantileUnits(0.9);
        assertTrue(p90 >= 58 && p90 <= 62, "40 standard minutes, half again as standards turn out: " + p90);
        assertFalse(plan.fromHistory(), "still a plan");
        assertEquals(1.5, plan.standard().median(), 0.02);
        assertEquals(400, plan.standard().jobs());
        assertEquals(40, plan.standard().services());
    }

    @Test
    void oneWrongStandardBarelyMovesAnotherTypesPlan() {
        Distribution plan = StandardTimes.plan(60, shares(1, 3.3), 0.9, 30, "the standard 60 minutes", STEPS);
        assertTrue(plan.quantileUnits(0.9) <= 61, "one service taking 3.3 times its standard says little of the others: " + plan.quantileUnits(0.9));
        assertEquals(1, plan.standard().services());
    }

    @Test
    void withoutSharesTheStandardIsThePlainPlan() {
        Distribution plain = StandardTimes.plan(60, null, 0.9, 30, "the standard 60 minutes", STEPS);
        assertEquals(60, plain.quantileUnits(0.9));
        assertNull(plain.standard());
        assertNull(StandardTimes.plan(60, shares(0, 1.5), 0.9, 30, "x", STEPS).standard(), "no service with jobs: plain");
    }

    @Test
    void aJobFarBeyondItsStandardCountsAtTwentyTimesIt() {
        Histogram h = new Histogram();
        h.add(24 * 60 * STEPS, 1, 1.0, 1.0); // a day-long job of a one-minute standard
        StandardTimes.Shares s = StandardTimes.shares(Map.of("G>T", 1.0), Map.of("G>T", h)::get, STEPS);
        assertEquals(StandardTimes.MAX_SHARE, s.ratios().maxValue());
        assertEquals(1, s.ratios().n(), "it still counts");
    }
}
