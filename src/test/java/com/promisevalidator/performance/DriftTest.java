package com.promisevalidator.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.promisevalidator.performance.estimate.Hierarchy;
import com.promisevalidator.performance.model.Blend;
import com.promisevalidator.performance.model.Distribution;
import com.promisevalidator.performance.model.Histogram;
import com.promisevalidator.performance.model.Observation;
import com.promisevalidator.performance.service.PerformanceStats;

/**
 * Drift-adaptive recency, pure: all deliveries' short memory (half-life 7) against their long memory (half-life 30),
 * and the cohort weights the statistics give every order. No database.
 */
class DriftTest {

    static final Blend BLEND = new Blend(30, 0.90, 1, 2.0);
    static final Distribution PLANNING = Distribution.planning(5, 0.90, "the default transit time");
    static final Hierarchy.Drift DRIFT = new Hierarchy.Drift(2.0, 30, 7);

    static double w(int day, int halfLife) {
        return Math.pow(2, day / (double) halfLife);
    }

    /**
     * 100 days of 20 orders a day (start days -99..0, day 0 today). A third of the orders started in the last
     * {@code slowDays} take {@code slowLead} days; the others take 5-9 days. Those not finished by today are open at their age.
     */
    static Hierarchy.Level level(int halfLife, int slowDays, int slowLead) {
        Histogram finished = new Histogram(), open = new Histogram();
        for (int start = -99; start <= 0; start++) {
            for (int i = 0; i < 20; i++) {
                int lead = start > -slowDays && i % 3 == 0 ? slowLead : 5 + i % 5;
                double wt = w(start, halfLife);
                if (start + lead <= 0) finished.add(lead, 1, wt, wt * wt); // open at age a: takes longer than a
                else open.add(-start, 1, wt, wt * wt);
            }
        }
        return Hierarchy.level("all deliveries", finished, open, null, 0);
    }

    @Test
    void aSteadyFlowIsNotADrift() {
        assertFalse(Hierarchy.drifting(level(30, 0, 0), level(7, 0, 0), DRIFT));
    }

    /**
     * The same steady flow as an export taken at the start of today sees it: an order due today is still open, at its
     * age (it may be delivered later today). Read as "more than a days", those open orders made the short memory, whose
     * evidence is mostly recent open orders, look slower than the long one, and the short memory answered in a steady
     * flow (probe F, F4: about a day longer in stable months).
     */
    @Test
    void aSteadyFlowExportedAtTheStartOfADayIsNotADrift() {
        assertFalse(Hierarchy.drifting(startOfDay(30), startOfDay(7), DRIFT));
    }

    /** 100 days of 20 orders a day, 5-9 days each (a third 3 days), exported at 00:00 of day 0: due today = still open. */
    static Hierarchy.Level startOfDay(int halfLife) {
        Histogram finished = new Histogram(), open = new Histogram();
        for (int start = -99; start <= 0; start++) {
            for (int i = 0; i < 20; i++) {
                int lead = i % 3 == 0 ? 3 : 5 + i % 5;
                double wt = w(start, halfLife);
                if (start + lead < 0) finished.add(lead, 1, wt, wt * wt);
                else open.add(-start, 1, wt, wt * wt); // open at age a: takes at least a days
            }
        }
        return Hierarchy.level("all deliveries", finished, open, null, 0);
    }

    @Test
    void aRecentSlowdownIsADriftAndTheShortMemoryAnswers() {
        // a third of the orders of the last 21 days take 15 days: most of them are still open
        Hierarchy.Level longMemory = level(30, 21, 15), shortMemory = level(7, 21, 15);
        assertTrue(Hierarchy.drifting(longMemory, shortMemory, DRIFT));
        Distribution longOnly = Hierarchy.estimate(List.of(longMemory), PLANNING, BLEND, 1, 7);
        Distribution adaptive = Hierarchy.estimate(List.of(longMemory), List.of(shortMemory), DRIFT, PLANNING, BLEND, 1, 7);
        Distribution shortOnly = Hierarchy.estimate(List.of(shortMemory), PLANNING, BLEND, 1, 7);
        assertEquals(shortOnly.quantile(0.90), adaptive.quantile(0.90));
        assertEquals(9, longOnly.quantile(0.90), "the long memory has not seen it yet");
        assertEquals(15, adaptive.quantile(0.90));
        assertEquals(7, adaptive.memoryDays(), "the answer can say it rests on the short memory");
        assertEquals(0, longOnly.memoryDays());
    }

    @Test
    void withoutADriftTheLongMemoryAnswersAndOffMeansOff() {
        Hierarchy.Level longMemory = level(30, 0, 0), shortMemory = level(7, 0, 0);
        Distribution longOnly = Hierarchy.estimate(List.of(longMemory), PLANNING, BLEND, 1, 7);
        Distribution adaptive = Hierarchy.estimate(List.of(longMemory), List.of(shortMemory), DRIFT, PLANNING, BLEND, 1, 7);
        assertEquals(longOnly.quantile(0.90), adaptive.quantile(0.90));
        assertEquals(0, adaptive.memoryDays());
        // a slowdown, but the short memory is not shorter than the long one: no drift test
        assertFalse(Hierarchy.drifting(level(30, 21, 15), level(7, 21, 15), new Hierarchy.Drift(2.0, 30, 30)));
        Distribution off = Hierarchy.estimate(List.of(level(30, 21, 15)), null, DRIFT, PLANNING, BLEND, 1, 7);
        assertEquals(9, off.quantile(0.90));
        // a slowdown the long memory has already learnt (four weeks of it) needs no short memory
        assertFalse(Hierarchy.drifting(level(30, 28, 15), level(7, 28, 15), DRIFT));
    }

    @Test
    void aSlowdownWithinTheNoiseOfAThinFlowIsNoDrift() {
        // two orders a day instead of twenty, slower only in the last 3 days: within two standard errors
        Histogram finished = new Histogram(), open = new Histogram(), finishedS = new Histogram(), openS = new Histogram();
        for (int start = -99; start <= 0; start++) {
            for (int i = 0; i < 2; i++) {
                int lead = start > -3 ? 12 : 5 + (start + i) % 5 + (start + i < 0 && (start + i) % 5 != 0 ? 5 : 0);
                lead = Math.max(1, lead);
                double wl = w(start, 30), ws = w(start, 7);
                if (start + lead <= 0) {
                    finished.add(lead, 1, wl, wl * wl);
                    finishedS.add(lead, 1, ws, ws * ws);
                } else {
                    open.add(-start, 1, wl, wl * wl);
                    openS.add(-start, 1, ws, ws * ws);
                }
            }
        }
        assertFalse(Hierarchy.drifting(Hierarchy.level("all", finished, open, null, 0), Hierarchy.level("all", finishedS, openS, null, 0), DRIFT));
    }

    /**
     * Services: 60 days of 30 finished jobs a day (no open work: they finish within minutes), 40-49.9 minutes in tenths;
     * in the last {@code slowDays} days every job takes a quarter longer.
     */
    static Hierarchy.Level services(int halfLife, int slowDays) {
        Histogram finished = new Histogram();
        for (int day = -59; day <= 0; day++) {
            for (int i = 0; i < 30; i++) {
                int steps = 400 + (i * 37) % 100;
                if (day > -slowDays) steps = steps * 5 / 4;
                double wt = w(day, halfLife);
                finished.add(steps, 1, wt, wt * wt);
            }
        }
        return Hierarchy.Level.finishedOnly("OIL everywhere", finished);
    }

    @Test
    void finishedServicesAloneShowADriftAndTheShortMemoryAnswers() {
        Distribution planning = Distribution.planning(45, 0.90, "standard", Observation.SERVICE_STEPS_PER_MINUTE);
        Distribution steady = Hierarchy.estimate(List.of(services(30, 0)), List.of(services(7, 0)), DRIFT, planning, BLEND, 10, 452);
        assertEquals(0, steady.memoryDays(), "a steady flow keeps the long memory");
        Distribution slower = Hierarchy.estimate(List.of(services(30, 5)), List.of(services(7, 5)), DRIFT, planning, BLEND, 10, 452);
        Distribution longOnly = Hierarchy.estimate(List.of(services(30, 5)), planning, BLEND, 10, 452);
        assertEquals(7, slower.memoryDays(), "five slower days of finished jobs are a drift");
        assertTrue(slower.quantile(0.90) > longOnly.quantile(0.90) + 20, slower.quantile(0.90) + " vs " + longOnly.quantile(0.90));
    }

    @Test
    void everyOrderWeighsTheWeightOfTheDayItStarted() {
        LocalDate delivered = LocalDate.of(2025, 3, 20);
        assertEquals(LocalDate.of(2025, 3, 8), PerformanceStats.startDay(Observation.outcome(Observation.Kind.DELIVERY, "SP", "RJ", 12, delivered)));
        Observation open = new Observation(Observation.Kind.DELIVERY, Observation.Event.OPEN_AT, "SP", "RJ", 4, delivered);
        assertEquals(LocalDate.of(2025, 3, 16), PerformanceStats.startDay(open));
        assertEquals(delivered, PerformanceStats.startDay(Observation.serviceOutcome("G1", "OIL", 42.5, delivered)));
    }

    @Test
    void theShortMemoryIsOffUnlessShorterThanADecayingHalfLife() {
        assertEquals(7, PerformanceStats.driftHalfLife(30, 7));
        assertEquals(0, PerformanceStats.driftHalfLife(7, 7));
        assertEquals(0, PerformanceStats.driftHalfLife(0, 7));
        assertEquals(0, PerformanceStats.driftHalfLife(30, 0));
        assertEquals(PerformanceStats.settingsFingerprint(7, 7), PerformanceStats.settingsFingerprint(7, 0));
    }

    // ---- the pace: the body of the curve, both ways (deliveries) ------------------------------------------------------

    static final Hierarchy.Drift PACED = new Hierarchy.Drift(2.0, 30, 7, true);

    /**
     * 100 days of 20 orders a day taking 8-16 days; orders started in the last {@code recentDays} take {@code factor}
     * times as long (rounded). Exported at the end of day 0: those not finished are open at their age.
     */
    static Hierarchy.Level paced(int halfLife, int recentDays, double factor) {
        Histogram finished = new Histogram(), open = new Histogram();
        for (int start = -99; start <= 0; start++) {
            for (int i = 0; i < 20; i++) {
                int lead = 8 + (i * 7) % 9;
                if (start > -recentDays) lead = (int) Math.round(lead * factor);
                double wt = w(start, halfLife);
                if (start + lead <= 0) finished.add(lead, 1, wt, wt * wt);
                else open.add(-start, 1, wt, wt * wt);
            }
        }
        return Hierarchy.level("all deliveries", finished, open, null, 0);
    }

    @Test
    void aSteadyFlowHasNoPace() {
        assertEquals(1.0, Hierarchy.pace(paced(30, 0, 1), paced(7, 0, 1), PACED));
        Distribution longOnly = Hierarchy.estimate(List.of(paced(30, 0, 1)), PLANNING, BLEND, 1, 7);
        Distribution paced = Hierarchy.estimate(List.of(paced(30, 0, 1)), List.of(paced(7, 0, 1)), PACED, PLANNING, BLEND, 1, 7);
        assertEquals(longOnly.quantile(0.90), paced.quantile(0.90));
    }

    /** Probe later H2: orders of the last four weeks going 30 % faster shorten the promise weeks before their P90 is seen. */
    @Test
    void aMarketThatSpedUpIsFollowedBeforeItsTailIsSeen() {
        Hierarchy.Level longMemory = paced(30, 28, 0.7), shortMemory = paced(7, 28, 0.7);
        double pace = Hierarchy.pace(longMemory, shortMemory, PACED);
        assertTrue(pace < 0.9 && pace > 0.6, "pace " + pace);
        Distribution longOnly = Hierarchy.estimate(List.of(longMemory), PLANNING, BLEND, 1, 7);
        Distribution paced = Hierarchy.estimate(List.of(longMemory), List.of(shortMemory), PACED, PLANNING, BLEND, 1, 7);
        assertTrue(paced.quantile(0.90) <= longOnly.quantile(0.90) - 2, paced.quantile(0.90) + " vs " + longOnly.quantile(0.90));
        assertEquals(0, paced.memoryDays(), "a faster market is not said to rest on the short memory");
        // the same flow without the pace (services, or before): the long memory answers as it did
        Distribution unpaced = Hierarchy.estimate(List.of(longMemory), List.of(shortMemory), DRIFT, PLANNING, BLEND, 1, 7);
        assertEquals(longOnly.quantile(0.90), unpaced.quantile(0.90));
    }

    @Test
    void aMarketThatSlowedDownIsStretchedByItsPace() {
        Hierarchy.Level longMemory = paced(30, 21, 1.4), shortMemory = paced(7, 21, 1.4);
        double pace = Hierarchy.pace(longMemory, shortMemory, PACED);
        assertTrue(pace > 1.1, "pace " + pace);
        Distribution longOnly = Hierarchy.estimate(List.of(longMemory), PLANNING, BLEND, 1, 7);
        Distribution paced = Hierarchy.estimate(List.of(longMemory), List.of(shortMemory), PACED, PLANNING, BLEND, 1, 7);
        assertTrue(paced.quantile(0.90) > longOnly.quantile(0.90), paced.quantile(0.90) + " vs " + longOnly.quantile(0.90));
    }

    @Test
    void aStretchedCurveReadsTheOldChanceFurtherOut() {
        double[] cdf = {0.0, 0.2, 0.6, 1.0};
        double[] slower = Distribution.stretch(cdf, 2.0);
        assertEquals(7, slower.length);
        assertEquals(0.2, slower[2], 1e-12);
        assertEquals(0.4, slower[3], 1e-12, "halfway between days 1 and 2");
        assertEquals(1.0, slower[6], 1e-12);
        double[] faster = Distribution.stretch(cdf, 0.5);
        assertEquals(3, faster.length);
        assertEquals(0.6, faster[1], 1e-12, "day 1 reads day 2");
        assertEquals(1.0, faster[2], 1e-12);
    }
}
