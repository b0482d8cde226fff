package com.promisevalidator.api;

import static com.promisevalidator.TestDates.day;
import static com.promisevalidator.api.ApiTestSupport.CSV_HEADER;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.postCsv;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.promisevalidator.db.Database;
import com.promisevalidator.history.service.HistoryService;
import com.promisevalidator.performance.service.PerformanceStats;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A rebuild of the statistics and the writes that add to them never interleave, also across instances on one
 * database: two instances rebuilding at once used to count every outcome twice. The lock is the database's (an
 * advisory lock on PostgreSQL, a row on H2), so a transaction holding it here stands for another instance's rebuild.
 */
@QuarkusTest
class StatsRebuildLockApiTest {

    @Inject
    Database db;
    @Inject
    PerformanceStats stats;
    @Inject
    HistoryService history;

    @Test
    void anImportWaitsForARebuildRunningElsewhereAndIsCountedOnce() throws Exception {
        String site = id("SL-DC"), region = id("SL-R");
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (int i = 0; i < 5; i++) {
            csv.append(String.join(",", "DELIVERY", site + "-L" + i, site, region, "", "", day(-20 + i) + "T10:00:00Z", "",
                    day(-17 + i) + "T10:00:00Z", "", "", "1")).append('\n');
        }
        postCsv(CSV_HEADER + "\n").statusCode(200); // warm: what waits below is the import, not the first request
        CountDownLatch held = new CountDownLatch(1);
        long[] releasedAt = new long[1];
        CompletableFuture<Void> otherInstance = CompletableFuture.runAsync(() -> db.inTransaction(c -> {
            stats.lockForRebuild(c);
            held.countDown();
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            releasedAt[0] = System.nanoTime();
            return null;
        }));
        assertTrue(held.await(10, TimeUnit.SECONDS), "the other rebuild holds the lock");
        postCsv(csv.toString()).statusCode(200).body("imported", equalTo(5));
        long importedAt = System.nanoTime();
        otherInstance.get(10, TimeUnit.SECONDS);
        assertTrue(releasedAt[0] > 0 && importedAt > releasedAt[0], "the import added to the statistics only after the rebuild ended");
    }

    @Test
    void aRebuildForTheSettingsAlreadyStoredIsLeftToTheInstanceThatMadeIt() {
        int halfLife = stats.halfLifeDays(), drift = stats.driftHalfLifeDays();
        assertEquals(-1, history.rebuildStatisticsUnlessCurrent(halfLife, drift), "stored statistics already have these weights");
        assertTrue(history.rebuildStatistics(halfLife, drift) >= 0, "an asked-for rebuild always runs");
        assertEquals(PerformanceStats.settingsFingerprint(halfLife, drift), stats.storedFingerprint());
    }
}
