package com.promisevalidator.performance;

import static com.promisevalidator.TestDates.day;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.promisevalidator.db.Database;
import com.promisevalidator.performance.model.Blend;
import com.promisevalidator.performance.model.Observation;
import com.promisevalidator.performance.model.ServiceJudging;
import com.promisevalidator.performance.model.Standards;
import com.promisevalidator.performance.service.PerformanceStats;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A newly finished service is judged by the estimate in force once: what the database stores and what memory counts are
 * the same chances, even when the judging settings change between the commit and the in-memory update.
 */
@QuarkusTest
class ServiceJudgedOnceTest {

    @Inject
    PerformanceStats stats;
    @Inject
    Database db;

    @Test
    void theChancesStoredAreTheChancesCounted() {
        String site = "J1-G" + System.nanoTime(), type = "J1-T";
        Standards standards = new Standards(1, Map.of(site + ">" + type, 20.0));
        // the usual settings: the lane will rest on its own 60 jobs, so new jobs of it are judged
        AtomicReference<ServiceJudging> settings = new AtomicReference<>(new ServiceJudging(new Blend(30, 0.9, 1), 3, 2, standards));
        Supplier<ServiceJudging> before = stats.judgeServicesWith(settings::get);
        try {
            LocalDateTime monday10 = day(-20).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atTime(10, 0);
            List<Observation> history = new ArrayList<>();
            for (int i = 0; i < 60; i++) history.add(Observation.serviceOutcome(site, type, 20 + i % 7, monday10.plusDays(i % 5)));
            write(history);
            stats.apply(history);
            List<Observation> fresh = List.of(Observation.serviceOutcome(site, type, 22, monday10.plusDays(7)),
                    Observation.serviceOutcome(site, type, 30, monday10.plusDays(8)));
            write(fresh);
            // between the commit and the in-memory update, settings whose prior outweighs the lane (they would judge nothing)
            settings.set(new ServiceJudging(new Blend(1000, 0.9, 1), 3, 2, standards));
            stats.apply(fresh);
            assertEquals(2, stats.histogram(PerformanceStats.SERVICE_PIT, site).n(), "judged once, with the settings in force at the commit");
            assertEquals(2, stored(site), "the database holds the same judged chances");
        } finally {
            stats.judgeServicesWith(before);
        }
    }

    private void write(List<Observation> observations) {
        db.inTransaction(c -> {
            stats.persist(c, observations);
            return null;
        });
    }

    private long stored(String site) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("select coalesce(sum(n), 0) from perf_hist where scope = ? and skey = ?")) {
                ps.setString(1, PerformanceStats.SERVICE_PIT);
                ps.setString(2, site);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
