package com.promisevalidator.performance;

import static com.promisevalidator.TestDates.day;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.promisevalidator.db.Database;
import com.promisevalidator.performance.model.Blend;
import com.promisevalidator.performance.model.Observation;
import com.promisevalidator.performance.model.SourceWords;
import com.promisevalidator.performance.service.PerformanceStats;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A thin or new lane leans on its site as the site's lanes are, not as its orders are (probe F, F3): one busy lane of
 * 1,000 two-to-three-day orders must not stand for the twenty other lanes of the site, each of which took 12 days.
 */
@QuarkusTest
class ThinLaneParentTest {

    @Inject
    PerformanceStats stats;
    @Inject
    Database db;

    @Test
    void aNewLaneLeansOnTheSitesLanesNotOnItsBusiestLanesOrders() {
        String site = "THIN-S" + System.nanoTime();
        List<Observation> finished = new ArrayList<>();
        for (int i = 0; i < 1000; i++) finished.add(Observation.outcome(Observation.Kind.DELIVERY, site, "THIN-BUSY", 2 + i % 2, day(-40 + i % 30)));
        for (int r = 0; r < 20; r++) finished.add(Observation.outcome(Observation.Kind.DELIVERY, site, "THIN-R" + r, 12, day(-40 + r)));
        apply(finished);
        Blend blend = new Blend(30, 0.9, 1);

        // order-weighted, the site says 3 days at P90 (2 % of its orders took 12); as lanes, 20 of 21 lanes took 12 days
        // (a lane ops have not planned: a planning value of their own would be the new lane's prior, HierarchyTest)
        String unplanned = SourceWords.defaultTransit();
        int fresh = stats.leadTime(site, "THIN-NEW" + System.nanoTime(), 3, unplanned, blend).quantile(0.9);
        assertTrue(fresh >= 12, "a new lane from the site is promised as the site's lanes turned out: " + fresh);
        // the busy lane speaks for itself
        assertEquals(3, stats.leadTime(site, "THIN-BUSY", 3, unplanned, blend).quantile(0.9));
    }

    private void apply(List<Observation> observations) {
        db.inTransaction(c -> {
            stats.persist(c, observations);
            return null;
        });
        stats.apply(observations);
    }
}
