package com.promisevalidator.api;

import static com.promisevalidator.TestDates.date;
import static com.promisevalidator.TestDates.day;
import static com.promisevalidator.api.ApiTestSupport.CSV_HEADER;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.postCsv;
import static com.promisevalidator.api.CommitTestSupport.committed;
import static com.promisevalidator.api.CommitTestSupport.delivery;
import static com.promisevalidator.api.CommitTestSupport.promise;
import static com.promisevalidator.api.CommitTestSupport.promises;
import static com.promisevalidator.api.CommitTestSupport.stock;
import static com.promisevalidator.api.CommitTestSupport.validate;
import static com.promisevalidator.api.CommitTestSupport.warehouse;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.promisevalidator.TestClock;
import com.promisevalidator.commitment.service.AtRiskMonitor;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * An open promise whose lane slows down afterwards is re-checked and shows up as AT_RISK, with the
 * reason and a fresh recommendation, before its date slips.
 */
@QuarkusTest
class PromiseAtRiskApiTest {

    @Inject
    AtRiskMonitor monitor;

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    /**
     * 200 deliveries site→region ordered on the working days of day(-29) (a Monday) to day(-15), each taking 12 days:
     * orders as recent as the lane's fast ones (day(-29) to day(-10)), so the lane slowed down whether the statistics
     * weigh an order by the day it was delivered or by the day it started (cohort weights, when exports carry open orders).
     */
    private static String slowHistory(String site, String region) {
        return slowHistory(site, region, "-S", 200);
    }

    private static String slowHistory(String site, String region, String prefix, int count) {
        List<String> rows = new ArrayList<>();
        LocalDate day = day(-29); // a Monday
        int i = 0;
        while (i < count) {
            if (day.getDayOfWeek().getValue() <= 5) {
                for (int h = 0; h < 19 && i < count; h++) {
                    rows.add(String.join(",", "DELIVERY", site + prefix + i, site, region, "", "alice",
                            day + "T" + String.format("%02d:%02d", 6 + h / 2, h % 2 * 30) + ":00-03:00", day.plusDays(5).toString(),
                            day.plusDays(12) + "T16:00:00-03:00", "", "", "1"));
                    i++;
                }
            }
            day = day.plusDays(1);
        }
        return CSV_HEADER + "\n" + String.join("\n", rows) + "\n";
    }

    @Test
    void openPromiseOnALaneThatBecameMuchSlowerIsListedAtRiskWithItsReason() {
        String dc = id("PR-DC"), region = id("PR-R"), sku = id("PR-SKU");
        warehouse(dc, region, 100);
        stock(dc, sku, 10);
        // the lane has taken 2 days: day(3) (3 days after dispatch) holds
        JsonPath answer = validate(delivery(id("PR-Q"), "alice", dc, region, sku, 1, date(3))).extract().jsonPath();
        assertEquals("APPROVED", answer.getString("verdict"));
        String promiseId = committed(id("PR-K"), "{\"decisionId\":\"" + answer.getString("decisionId") + "\"}");

        monitor.recheckAll();
        JsonPath before = promise(promiseId);
        assertEquals("OPEN", before.getString("status"));
        assertTrue(before.getDouble("currentConfidence") >= before.getDouble("targetConfidence"),
                "still on track: " + before.getDouble("currentConfidence"));

        // a minute later (the service's clock is frozen; the monitor re-checks what was checked before a change),
        // 200 recent deliveries on the same lane took 12 days each
        TestClock.advance(Duration.ofMinutes(1));
        postCsv(slowHistory(dc, region)).statusCode(200).body("imported", equalTo(200));
        monitor.recheckAll();

        List<Map<String, Object>> atRisk = promises("AT_RISK");
        Map<String, Object> listed = atRisk.stream().filter(p -> promiseId.equals(p.get("promiseId"))).findFirst()
                .orElseThrow(() -> new AssertionError("AT_RISK does not list " + promiseId));
        assertEquals("AT_RISK", listed.get("status"));
        double target = ((Number) listed.get("targetConfidence")).doubleValue();
        double current = ((Number) listed.get("currentConfidence")).doubleValue();
        assertEquals(0.9, target, 1e-6); // JsonPath reads decimals as float
        assertTrue(current < target, "current confidence " + current + " below target " + target);
        assertTrue(current < 0.5, "most deliveries on the lane now take 12 days: " + current);
        @SuppressWarnings("unchecked") Map<String, Object> risk = (Map<String, Object>) listed.get("atRisk");
        assertNotNull(risk, "atRisk");
        String reason = (String) risk.get("reason");
        assertNotNull(reason, "atRisk.reason");
        assertFalse(reason.isBlank(), "atRisk.reason");
        assertTrue(reason.startsWith("At risk"), reason);
        assertEquals("LEAD_TIME", risk.get("code"));
        // what would hold now: a later date from the same site
        @SuppressWarnings("unchecked") Map<String, Object> rec = (Map<String, Object>) risk.get("recommended");
        assertNotNull(rec, "atRisk.recommended");
        assertEquals(dc, rec.get("site"));
        assertTrue(LocalDate.parse((String) rec.get("promisedBy")).isAfter(day(3)), "recommended " + rec);

        assertEquals("AT_RISK", promise(promiseId).getString("status"));
        assertFalse(promises("OPEN").stream().anyMatch(p -> promiseId.equals(p.get("promiseId"))), "no longer listed as OPEN");
    }

    /**
     * The fresh recommendation of an at-risk promise is what would hold for it if it were promised again, so what the promise
     * itself holds (its stock, its dispatch day) is free for it: with 8 of 10 units reserved by the promise, the re-check read
     * 2 available and recommended nothing from the site that has its goods on the shelf.
     */
    @Test
    void anAtRiskPromisesRecommendationCountsWhatItHoldsAsItsOwn() {
        String dc = id("PRO-DC"), region = id("PRO-R"), sku = id("PRO-SKU");
        warehouse(dc, region, 1); // one order a day: the promise's own order fills its dispatch day
        stock(dc, sku, 10);
        JsonPath answer = validate(delivery(id("PRO-Q"), "alice", dc, region, sku, 8, date(3))).extract().jsonPath();
        assertEquals("APPROVED", answer.getString("verdict"));
        String promiseId = committed(id("PRO-K"), "{\"decisionId\":\"" + answer.getString("decisionId") + "\"}");
        JsonPath held = promise(promiseId);
        String dispatch = held.getString("holds.dispatchDay");

        TestClock.advance(Duration.ofMinutes(1));
        postCsv(slowHistory(dc, region, "-O", 200)).statusCode(200).body("imported", equalTo(200));
        monitor.recheckAll();

        JsonPath risky = promise(promiseId);
        assertEquals("AT_RISK", risky.getString("status"));
        Map<String, Object> rec = risky.getMap("atRisk.recommended");
        assertNotNull(rec, "atRisk.recommended: " + risky.prettify());
        assertEquals(dc, rec.get("site"), "the goods it holds are at " + dc + ": " + rec);
        // the same dispatch day as it holds (the day is full only with itself), 12 days on the slowed lane
        LocalDate leaves = LocalDate.parse(dispatch);
        assertTrue(!LocalDate.parse((String) rec.get("promisedBy")).isBefore(leaves.plusDays(12)), "recommended " + rec);
        // a quote of the same order by someone else still meets the promise's stock and day
        JsonPath other = validate(delivery(id("PRO-Q2"), "bob", dc, region, sku, 8, null)).extract().jsonPath();
        assertTrue(other.getString("recommended.site") == null || !dc.equals(other.getString("recommended.site"))
                || !other.getString("recommended.promisedBy").equals(rec.get("promisedBy")), other.prettify());
        assertEquals(10, CommitTestSupport.stockOf(dc, sku).getInt("onHand"));
        assertEquals(8, CommitTestSupport.stockOf(dc, sku).getInt("reserved"), "the re-check changed nothing it holds");
    }

    /** Probe P7 M6: a holiday added on an open promise's dispatch day left it OPEN, dispatching on the holiday. */
    @Test
    void aHolidayAddedOnThePromisesDispatchDayPutsItAtRisk() {
        String dc = id("PRH-DC"), region = id("PRH-R"), sku = id("PRH-SKU");
        warehouse(dc, region, 100);
        stock(dc, sku, 10);
        // ordered Tuesday day(0) before the cut-off: leaves day(0), the 2-day lane makes day(2)
        JsonPath answer = validate(delivery(id("PRH-Q"), "alice", dc, region, sku, 1, date(2))).extract().jsonPath();
        assertEquals("APPROVED", answer.getString("verdict"), answer.prettify());
        String promiseId = committed(id("PRH-K"), "{\"decisionId\":\"" + answer.getString("decisionId") + "\"}");
        assertEquals(date(0), promise(promiseId).getString("holds.dispatchDay"));
        monitor.recheckAll();
        assertEquals("OPEN", promise(promiseId).getString("status"));

        TestClock.advance(Duration.ofMinutes(1));
        ApiTestSupport.putJson("/api/v1/sites/" + dc, """
                {"name":"Commit test DC","timeZone":"America/Sao_Paulo","cutoff":"14:00","holidays":["%s"],
                 "workingDays":["MON","TUE","WED","THU","FRI"],"dailyCapacity":{"orders":100}}""".formatted(date(0))).statusCode(200);
        monitor.recheckAll();

        JsonPath after = promise(promiseId);
        assertEquals("AT_RISK", after.getString("status"), after.prettify());
        assertEquals(date(0), after.getString("atRisk.evidence.closedDay"));
        assertEquals(date(1), after.getString("atRisk.evidence.dispatchDay"), "it leaves on the next working day");
        // probe P11: the reason names the closed day as the cause, not the lane's lead time
        assertEquals("SITE_CLOSED", after.getString("atRisk.code"));
        String reason = after.getString("atRisk.reason");
        assertTrue(reason.startsWith("At risk: " + dc + " is now closed on " + com.promisevalidator.TestDates.say(0)
                + ", this order's dispatch day, so it leaves on " + com.promisevalidator.TestDates.say(1) + ": "), reason);
    }

    @Test
    void promiseCommittedBelowItsTargetIsAtRiskOnlyWhenItsChanceFallsFurther() {
        String dc = id("PB-DC"), region = id("PB-R"), sku = id("PB-SKU");
        warehouse(dc, region, 100); // 60 deliveries of 2 days
        postCsv(slowHistory(dc, region, "-M", 60)).statusCode(200).body("imported", equalTo(60)); // and 60 of 12 days
        stock(dc, sku, 10);
        JsonPath answer = validate(delivery(id("PB-Q"), "alice", dc, region, sku, 1, date(3))).extract().jsonPath();
        double asked = answer.getDouble("confidence");
        assertTrue(asked > 0.3 && asked < 0.88, "the rep asks for a date below the 90 % target: " + asked);
        // the rep knowingly commits the date as asked, below target
        String promiseId = committed(id("PB-K"),
                "{\"decisionId\":\"" + answer.getString("decisionId") + "\",\"promisedBy\":\"" + date(3) + "\"}");

        monitor.recheckAll();
        assertEquals("OPEN", promise(promiseId).getString("status"), "nothing changed since it was committed");

        TestClock.advance(Duration.ofMinutes(1));
        postCsv(slowHistory(dc, region)).statusCode(200).body("imported", equalTo(200));
        monitor.recheckAll();

        JsonPath after = promise(promiseId);
        assertEquals("AT_RISK", after.getString("status"), "its chance fell below what was committed: " + after.prettify());
        assertTrue(after.getDouble("currentConfidence") < asked - 0.005, "current " + after.getDouble("currentConfidence"));
        assertEquals(asked, after.getDouble("atRisk.evidence.committedConfidence"), 0.001);
    }
}
