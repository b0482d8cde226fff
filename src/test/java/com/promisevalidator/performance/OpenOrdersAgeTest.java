package com.promisevalidator.performance;

import static com.promisevalidator.TestDates.day;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.promisevalidator.db.Database;
import com.promisevalidator.performance.model.Blend;
import com.promisevalidator.performance.model.Distribution;
import com.promisevalidator.performance.model.Observation;
import com.promisevalidator.performance.service.PerformanceStats;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Open orders are aged to the latest delivery the statistics saw finish. A promise committed now is open from a release
 * day that may lie days ahead (a weekend, a future order): it must not move that day, or every open order of every lane
 * would suddenly look that much older and push promises out (seen live: 66 fresh commits took a lane from 4 to 18 days).
 */
@QuarkusTest
class OpenOrdersAgeTest {

    @Inject
    PerformanceStats stats;
    @Inject
    Database db;

    @Test
    void anOrderOpenFromALaterDayDoesNotAgeTheOthers() {
        String site = "AGE-S" + System.nanoTime(), region = "AGE-R";
        List<Observation> finished = new ArrayList<>();
        for (int i = 0; i < 200; i++) finished.add(Observation.outcome(Observation.Kind.DELIVERY, site, region, 2 + i % 3, day(-40 + i % 30)));
        apply(finished);
        Blend blend = new Blend(30, 0.9, 1);
        List<Observation> young = new ArrayList<>();
        for (int i = 0; i < 40; i++) young.add(Observation.open(site, region, stats.asOf())); // open since the latest day known
        apply(young);
        int before = stats.leadTime(site, region, 3, "planning", blend).quantile(0.9);
        var asOf = stats.asOf();

        apply(List.of(Observation.open(site, region, asOf.plusDays(20)))); // a promise committed for a later release day

        assertEquals(asOf, stats.asOf(), "an open order does not move the day the statistics know of");
        Distribution after = stats.leadTime(site, region, 3, "planning", blend);
        assertEquals(before, after.quantile(0.9), "the lane's other open orders are as young as they were");
    }

    private void apply(List<Observation> observations) {
        db.inTransaction(c -> {
            stats.persist(c, observations);
            return null;
        });
        stats.apply(observations);
    }
}
