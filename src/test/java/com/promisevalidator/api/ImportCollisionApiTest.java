package com.promisevalidator.api;

import static com.promisevalidator.TestDates.day;
import static com.promisevalidator.api.ApiTestSupport.CSV_HEADER;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.postCsv;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.promisevalidator.db.Database;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Two instances importing at once: one creates a site the other's import creates too. The import that loses the race
 * tries again and finds the site there (it used to answer 500). A transaction here stands for the other instance.
 */
@QuarkusTest
class ImportCollisionApiTest {

    @Inject
    Database db;

    @Test
    void anImportCreatingASiteAnotherInstanceCreatesAtTheSameMomentTriesAgainAndSucceeds() throws Exception {
        String site = id("IC-DC"), region = id("IC-R");
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (int i = 0; i < 3; i++) {
            csv.append(String.join(",", "DELIVERY", site + "-H" + i, site, region, "", "", day(-20 + i) + "T10:00:00Z", "",
                    day(-17 + i) + "T10:00:00Z", "", "", "1")).append('\n');
        }
        postCsv(CSV_HEADER + "\n").statusCode(200); // warm: the race below is the import's, not the first request's
        CountDownLatch inserted = new CountDownLatch(1);
        CompletableFuture<Void> otherInstance = CompletableFuture.runAsync(() -> db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into site (code, time_zone, working_days, configured, updated_at) values (?, 'UTC', 'MON,TUE,WED,THU,FRI', false, ?)")) {
                ps.setString(1, site);
                ps.setTimestamp(2, Timestamp.from(Instant.now()));
                ps.executeUpdate();
            }
            inserted.countDown();
            try {
                Thread.sleep(3_000); // the import meets the uncommitted site and waits for it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        assertTrue(inserted.await(10, TimeUnit.SECONDS));
        postCsv(csv.toString()).statusCode(200).body("imported", equalTo(3)).body("sitesCreated", org.hamcrest.Matchers.empty());
        assertTrue(otherInstance.isDone(), "the import met the other instance's site while it was being created");
        otherInstance.get(10, TimeUnit.SECONDS);
    }
}
