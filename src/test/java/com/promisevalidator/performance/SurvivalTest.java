package com.promisevalidator.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.promisevalidator.performance.model.Histogram;
import com.promisevalidator.performance.model.Survival;

/** Kaplan-Meier with open orders: a lane that slows down shows before its late deliveries arrive. */
class SurvivalTest {

    @Test
    void withoutOpenOrdersItIsTheEmpiricalDistribution() {
        Histogram h = new Histogram();
        h.add(2, 6, 6, 6); // six orders took 2 days
        h.add(5, 4, 4, 4); // four took 5 days
        double[] cdf = Survival.cdf(h.bins(), new TreeMap<>(), 8);
        assertEquals(0.0, cdf[1], 1e-12);
        assertEquals(0.6, cdf[2], 1e-12);
        assertEquals(0.6, cdf[4], 1e-12);
        assertEquals(1.0, cdf[5], 1e-12);
    }

    @Test
    void ordersStillOpenPastTheUsualLeadTimeLowerTheChanceOfBeingOnTime() {
        Histogram h = new Histogram();
        h.add(2, 10, 10, 10); // ten finished in 2 days
        TreeMap<Integer, Double> open = new TreeMap<>();
        open.put(6, 10.0); // ten more are 6 days old and not delivered yet
        double[] cdf = Survival.cdf(h.bins(), open, 10);
        // at day 2, 10 of the 20 at risk finished: the chance of being done by day 2 is 50%, not 100%
        assertEquals(0.5, cdf[2], 1e-12);
        // nothing is known beyond day 6 for the open ones: the curve stays at 50% (the caller borrows a tail)
        assertEquals(0.5, cdf[9], 1e-12);
        double ignoringOpen = h.cdf(10)[2];
        assertEquals(1.0, ignoringOpen, 1e-12);
        assertTrue(cdf[2] < ignoringOpen);
    }

    @Test
    void anOrderOpenOnItsDayMayStillFinishThatDay() {
        Histogram h = new Histogram();
        h.add(2, 10, 10, 10); // ten finished in 2 days
        TreeMap<Integer, Double> open = new TreeMap<>();
        open.put(2, 10.0); // ten more were open at an export taken on their day 2: they may still arrive that day
        // read as "at least 2 days" they say nothing against day 2
        assertEquals(1.0, Survival.cdf(h.bins(), open, 5, true)[2], 1e-12);
        // read as "more than 2 days" (the estimate's reading) they halve it
        assertEquals(0.5, Survival.cdf(h.bins(), open, 5, false)[2], 1e-12);
        assertEquals(0.5, Survival.cdf(h.bins(), open, 5)[2], 1e-12);
    }

    /** Probe multi H1: on a same-day lane, orders placed minutes ago read as "took more than 0 days" made it a 3-day lane. */
    @Test
    void anOrderOpenOnItsFirstDayShowsNothingUnderEitherReading() {
        Histogram h = new Histogram();
        h.add(0, 1, 1, 1); // one delivered the day it was placed
        TreeMap<Integer, Double> open = new TreeMap<>();
        open.put(0, 2.0); // two placed today, not delivered yet: they may still be, today
        assertEquals(1.0, Survival.cdf(h.bins(), open, 3)[0], 1e-12);
        assertEquals(1.0, Survival.cdf(h.bins(), open, 3, true)[0], 1e-12);
    }

    @Test
    void openOrdersYoungerThanAnEventDoNotCountAgainstIt() {
        Histogram h = new Histogram();
        h.add(3, 4, 4, 4);
        TreeMap<Integer, Double> open = new TreeMap<>();
        open.put(1, 4.0); // four orders placed yesterday: they say nothing about day 3
        double[] cdf = Survival.cdf(h.bins(), open, 6);
        assertEquals(1.0, cdf[3], 1e-12);
    }
}
