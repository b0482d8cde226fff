package com.promisevalidator.performance.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.promisevalidator.performance.estimate.Hierarchy;
import com.promisevalidator.performance.model.Histogram;

/** The type everywhere as a lane's site does it: only the other sites' jobs are stretched by the site's factor. */
class TypeAsAtSiteTest {

    private static Histogram jobs(Object... valueAndCount) {
        Histogram h = new Histogram();
        for (int i = 0; i < valueAndCount.length; i += 2) {
            int n = (Integer) valueAndCount[i + 1];
            h.add((Integer) valueAndCount[i], n, n, n);
        }
        return h;
    }

    @Test
    void theLanesOwnJobsStayAsTheyAreAndTheOthersAreStretched() {
        // the lane: 30 jobs of 30 minutes (300 tenths); the other site: 30 jobs of 20 minutes; the site is 1.5 times as slow
        Hierarchy.Level type = Hierarchy.Level.finishedOnly("OIL at all sites", jobs(200, 30, 300, 30));
        Hierarchy.Level lane = Hierarchy.Level.finishedOnly("OIL at A", jobs(300, 30));

        Map<Integer, double[]> bins = PerformanceStats.asAtSite(type, lane, 1.5, 1.0).finished().bins();
        assertEquals(1, bins.size(), "both at 30 minutes: " + bins.keySet());
        assertEquals(60, bins.get(300)[0], 0);

        // a band 10% slower stretches every job, the lane's own too
        Map<Integer, double[]> band = PerformanceStats.asAtSite(type, lane, 1.5, 1.1).finished().bins();
        assertEquals(60, band.get(330)[0], 0);
        assertEquals(type, PerformanceStats.asAtSite(type, lane, 1.0, 1.0), "no factor: the level as it is");
    }
}
