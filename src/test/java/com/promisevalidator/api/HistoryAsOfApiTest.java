package com.promisevalidator.api;

import static com.promisevalidator.TestDates.at;
import static com.promisevalidator.TestDates.date;
import static com.promisevalidator.TestDates.day;
import static com.promisevalidator.api.ApiTestSupport.CSV_HEADER;
import static com.promisevalidator.api.ApiTestSupport.assertFieldProblem;
import static com.promisevalidator.api.ApiTestSupport.createSite;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.postJson;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.promisevalidator.TestClock;
import com.promisevalidator.commitment.service.AtRiskMonitor;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** POST /api/v1/history/import?asOf=: open rows count as open for as long as they were at the export's time. */
@QuarkusTest
class HistoryAsOfApiTest {

    @Inject
    AtRiskMonitor monitor;

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    private static ValidatableResponse importAsOf(String csv, String asOf) {
        var req = given().contentType("text/csv").body(csv);
        if (asOf != null) req = req.queryParam("asOf", asOf);
        return req.when().post("/api/v1/history/import").then();
    }

    private static String row(String ref, String site, String region, String orderedAt, String promisedBy, String completedAt) {
        return String.join(",", "DELIVERY", ref, site, region, "", "", orderedAt, promisedBy, completedAt, "", "", "1");
    }

    private static String csv(List<String> rows) {
        return CSV_HEADER + "\n" + String.join("\n", rows) + "\n";
    }

    /**
     * A configured site (every day a working day) with a lane of 300 finished orders of 3–7 days, ordered on days -75 to -46:
     * with the 30-day half-life they weigh less than 30 orders known open now or 20 days ago, so those move the P90.
     */
    private static void lane(String site, String region) {
        createSite(site, """
                {"name":"As-of test DC","timeZone":"America/Sao_Paulo","cutoff":"14:00",
                 "workingDays":["MON","TUE","WED","THU","FRI","SAT","SUN"],"dailyCapacity":{"orders":100000}}""");
        given().contentType("application/json").body("{\"transitDays\":5}").when().put("/api/v1/sites/" + site + "/lanes/" + region)
                .then().statusCode(200);
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int ordered = -75 + i % 30, lead = 3 + i % 5;
            rows.add(row(id("AO-" + site + "-" + i), site, region, at(ordered, "10:00"), date(ordered + 7), at(ordered + lead, "12:00")));
        }
        importAsOf(csv(rows), null).statusCode(200).body("imported", equalTo(300));
    }

    /** 30 orders of the lane released on {@code orderedDay}, still open. */
    private static List<String> open(String site, String region, String tag, int orderedDay, String completedAt) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(row(id("AO-" + tag + "-" + i), site, region, at(orderedDay, "10:00"), date(orderedDay + 7), completedAt));
        }
        return rows;
    }

    /** The recommended promise (days after the anchor) for an order placed now asking for tomorrow. */
    private static long recommended(String site, String region) {
        String answer = postJson("/api/v1/promises/validate", """
                {"type":"DELIVERY","site":"%s","region":"%s","orderedAt":"%s","promisedBy":"%s"}"""
                .formatted(site, region, at(0, "10:00"), date(1))).statusCode(200).extract().path("recommended.promisedBy");
        return java.time.temporal.ChronoUnit.DAYS.between(day(0), LocalDate.parse(answer));
    }

    @Test
    void openRowsCountAsOpenForAsLongAsTheyWereAtTheExportsTime() {
        // (a) open for 15 days as of now (default asOf): the lane's promise moves later at once
        String sa = id("AO-A"), ra = id("AO-RA");
        lane(sa, ra);
        long before = recommended(sa, ra);
        importAsOf(csv(open(sa, ra, "A", -15, "")), null).statusCode(200).body("imported", equalTo(30)).body("openTooOld", equalTo(0));
        long fifteenNow = recommended(sa, ra);
        assertTrue(fifteenNow > before, "30 orders open for 15 days move the promise later: " + before + " -> " + fifteenNow);

        // (b) the same ages as of an export taken 20 days ago (ordered 35 days ago): counted as open for 15 days, not 35
        String sb = id("AO-B"), rb = id("AO-RB");
        lane(sb, rb);
        assertEquals(before, recommended(sb, rb), "two lanes with the same history promise the same");
        importAsOf(csv(open(sb, rb, "B", -35, "")), at(-20, "10:00")).statusCode(200).body("imported", equalTo(30))
                .body("asOf", containsString(date(-20)));
        long fifteenThen = recommended(sb, rb);
        assertTrue(fifteenThen > before, "open 15 days at the export moves the lane: " + before + " -> " + fifteenThen);
        assertTrue(fifteenThen <= fifteenNow, "never aged against the clock: " + fifteenThen + " vs " + fifteenNow);

        // a control lane whose orders were open 35 days as of now is pushed further out than (b)
        String sc = id("AO-C"), rc = id("AO-RC");
        lane(sc, rc);
        importAsOf(csv(open(sc, rc, "C", -35, "")), null).statusCode(200).body("imported", equalTo(30));
        long thirtyFive = recommended(sc, rc);
        assertTrue(thirtyFive > fifteenThen, "open 35 days reads later than open 15 days: " + thirtyFive + " vs " + fifteenThen);

        // a later import of the same references with completedAt completes them (not duplicates) and they leave the open orders
        importAsOf(csv(open(sb, rb, "B", -35, at(-30, "12:00"))), null).statusCode(200)
                .body("imported", equalTo(0)).body("outcomesAdded", equalTo(30)).body("duplicates", equalTo(0));
        assertNotEquals(fifteenThen, recommended(sb, rb), "the completed orders replace the open ones in the estimate");
    }

    @Test
    void anAsOfInTheFutureOrMalformedIsRefusedAndRowsAfterItAreRefusedWithTheirLine() {
        String site = id("AO-F"), region = id("AO-RF");
        String body = csv(List.of(row(id("AO-F1"), site, region, at(-3, "10:00"), date(2), "")));
        TestClock.advance(java.time.Duration.ofNanos(131_297_137)); // a real clock's now has a fraction
        try {
            assertFieldProblem(importAsOf(body, at(2, "10:00")), 400, "asOf").body("detail", containsString("future"))
                    // now to the second, as answers write times (probe api L5: it had nanoseconds)
                    .body("detail", org.hamcrest.Matchers.matchesPattern("(?s).*now is \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?Z,.*"));
        } finally {
            TestClock.reset();
        }
        assertFieldProblem(importAsOf(body, "last tuesday"), 400, "asOf");
        assertFieldProblem(importAsOf(body, date(-5)), 400, "line 2")
                .body("detail", containsString("line 2"))
                .body("errors[0].message", containsString("after the export's asOf"));
        // nothing of the refused imports was stored
        given().when().get("/api/v1/history/" + id("AO-F1")).then().statusCode(404);
        importAsOf(body, date(-2)).statusCode(200).body("imported", equalTo(1));
    }

    @Test
    void anExportOf2018WithAThousandOpenRowsRejectsNoQuoteBackdatedToThatWeek() {
        String site = id("AO-2018"), region = id("AO-R2018");
        createSite(site, """
                {"name":"2018 DC","timeZone":"America/Sao_Paulo","cutoff":"14:00",
                 "workingDays":["MON","TUE","WED","THU","FRI","SAT","SUN"],"dailyCapacity":{"orders":100000}}""");
        List<String> rows = new ArrayList<>();
        LocalDate first = LocalDate.of(2017, 12, 1);
        for (int i = 0; i < 200; i++) {
            LocalDate d = first.plusDays(i % 20);
            rows.add(row(id("AO18-D" + i), site, region, d + "T10:00:00-03:00", d.plusDays(8).toString(),
                    d.plusDays(3 + i % 5) + "T12:00:00-03:00"));
        }
        for (int i = 0; i < 1000; i++) {
            LocalDate d = LocalDate.of(2017, 12, 10).plusDays(i % 22);
            rows.add(row(id("AO18-O" + i), site, region, d + "T10:00:00-03:00", d.plusDays(8).toString(), ""));
        }
        importAsOf(csv(rows), "2018-01-08").statusCode(200).body("imported", equalTo(1200)).body("openTooOld", equalTo(0));
        for (int d = 8; d <= 12; d++) {
            String verdict = postJson("/api/v1/promises/validate", """
                    {"type":"DELIVERY","site":"%s","region":"%s","orderedAt":"2018-01-%02dT10:00:00-03:00"}"""
                    .formatted(site, region, d)).statusCode(200).extract().path("verdict");
            assertNotEquals("REJECTED", verdict, "quote of 2018-01-" + d);
        }
    }

    @Test
    void openRowsOlderThanThePlanningHorizonAtTheirAsOfCountAsLost() {
        String site = id("AO-E"), region = id("AO-RE");
        lane(site, region);
        long before = recommended(site, region);
        // delivery-horizon-days is 120: open for 150 days at the export is lost, not an ever-growing lead time
        importAsOf(csv(open(site, region, "E", -150, "")), null).statusCode(200)
                .body("imported", equalTo(30)).body("openTooOld", equalTo(30));
        assertEquals(before, recommended(site, region));
    }

    /** The answer to an order placed now (day 0, 10:00), best promise or asking for {@code promisedBy}. */
    private static JsonPath validate(String site, String region, String promisedBy) {
        return postJson("/api/v1/promises/validate", """
                {"type":"DELIVERY","site":"%s","region":"%s","orderedAt":"%s"%s}"""
                .formatted(site, region, at(0, "10:00"), promisedBy == null ? "" : ",\"promisedBy\":\"" + promisedBy + "\""))
                .statusCode(200).extract().jsonPath();
    }

    @Test
    void openOrdersAgeingPastTheLanesLeadTimeMoveItsPromiseAtOnceSaySoAndPutItsOpenPromisesAtRisk() {
        String site = id("AO-D"), region = id("AO-RD");
        lane(site, region);
        JsonPath calm = validate(site, region, null);
        String keptBefore = calm.getString("recommended.promisedBy");
        assertTrue(calm.getList("reasons.code").stream().noneMatch("OPEN_ORDERS_AGEING"::equals), calm.prettify());
        // a promise made at the date that held then
        JsonPath asked = validate(site, region, keptBefore);
        assertEquals("APPROVED", asked.getString("verdict"));
        String promiseId = CommitTestSupport.committed(id("AO-DK"), "{\"decisionId\":\"" + asked.getString("decisionId") + "\"}");
        monitor.recheckAll();
        assertEquals("OPEN", CommitTestSupport.promise(promiseId).getString("status"));

        // a minute later, an export as of now: 30 orders of the lane open for 15 days (its finished ones took 3-7)
        TestClock.advance(java.time.Duration.ofMinutes(1));
        importAsOf(csv(open(site, region, "D", -15, "")), null).statusCode(200).body("imported", equalTo(30));
        JsonPath drifting = validate(site, region, null);
        LocalDate later = LocalDate.parse(drifting.getString("recommended.promisedBy"));
        assertTrue(later.isAfter(LocalDate.parse(keptBefore)), "moves later at once: " + keptBefore + " -> " + later);
        List<java.util.Map<String, Object>> reasons = drifting.getList("reasons");
        java.util.Map<String, Object> drift = reasons.stream().filter(r -> "OPEN_ORDERS_AGEING".equals(r.get("code"))).findFirst()
                .orElseThrow(() -> new AssertionError("no OPEN_ORDERS_AGEING in " + drifting.prettify()));
        @SuppressWarnings("unchecked") java.util.Map<String, Object> evidence = (java.util.Map<String, Object>) drift.get("evidence");
        assertEquals(30, ((Number) evidence.get("openOrders")).intValue(), evidence.toString());
        int without = ((Number) evidence.get("leadDaysWithoutOpen")).intValue();
        assertTrue(without <= 7, "finished orders took 3-7 days: " + evidence);
        assertTrue(((Number) evidence.get("oldestOpenDays")).intValue() >= 15 && ((Number) evidence.get("oldestOpenDays")).intValue() <= 16,
                evidence.toString());
        assertTrue(((Number) evidence.get("leadDaysAtTarget")).intValue() > without, evidence.toString());
        assertEquals(later.toString(), evidence.get("earliest"));
        assertTrue(((String) drift.get("message")).contains("30 orders"), (String) drift.get("message"));

        // the promise made before can no longer be kept at its target: the re-check on the changed statistics says so
        monitor.recheckAll();
        JsonPath promise = CommitTestSupport.promise(promiseId);
        assertEquals("AT_RISK", promise.getString("status"), promise.prettify());
        assertTrue(promise.getDouble("currentConfidence") < promise.getDouble("targetConfidence"), promise.prettify());
        assertEquals("OPEN_ORDERS_AGEING", promise.getString("atRisk.code"), promise.prettify());
        assertTrue(promise.getString("atRisk.reason").contains("still open after more than"), promise.getString("atRisk.reason"));
    }

    @Test
    void aStillOpenRowExportedAgainLaterIsReAgedNotADuplicate() {
        // exported 20 days ago, open for 5 days then; exported again now, still open: open for 25 days now
        // (25, not 35: every lane's tail ends in the shared "all deliveries" level, which the other tests here read)
        String site = id("AO-G"), region = id("AO-RG");
        lane(site, region);
        importAsOf(csv(open(site, region, "G", -25, "")), at(-20, "10:00")).statusCode(200).body("imported", equalTo(30));
        long fiveThen = recommended(site, region);
        importAsOf(csv(open(site, region, "G", -25, "")), null).statusCode(200)
                .body("imported", equalTo(0)).body("duplicates", equalTo(0)).body("openReaged", equalTo(30));
        long reaged = recommended(site, region);
        assertTrue(reaged > fiveThen, "open 25 days now reads later than open 5 days then: " + fiveThen + " -> " + reaged);

        // the same as a lane whose orders were exported once, as of now, open 25 days
        String control = id("AO-H"), controlRegion = id("AO-RH");
        lane(control, controlRegion);
        importAsOf(csv(open(control, controlRegion, "H", -25, "")), null).statusCode(200).body("imported", equalTo(30));
        assertEquals(recommended(control, controlRegion), reaged, "re-aged exactly as if exported once, now");

        // an older export arriving late changes nothing; a re-export past the horizon makes them lost
        importAsOf(csv(open(site, region, "G", -25, "")), at(-10, "10:00")).statusCode(200)
                .body("openReaged", equalTo(0)).body("duplicates", equalTo(30));
        assertEquals(reaged, recommended(site, region));
    }

    @Test
    void openRowsAChangesOnlyExportLeavesOutAreStillOpenAtItsAsOf() {
        // a "changes only" export: 30 orders sent open 20 days ago (open 5 days then), and now only what changed: one new order
        String site = id("AO-J"), region = id("AO-RJ");
        lane(site, region);
        importAsOf(csv(open(site, region, "J", -25, "")), at(-20, "10:00")).statusCode(200).body("imported", equalTo(30));
        long fiveThen = recommended(site, region);
        // an export of another site, as of now, leaves them as they were: had it re-aged them, the site's own export below
        // (the test clock stands still: the same asOf) would find them already re-aged and count none
        String control = id("AO-K"), controlRegion = id("AO-RK");
        lane(control, controlRegion);

        // a service export of the same site says nothing of its deliveries
        String job = String.join(",", "SERVICE", id("AO-J-job"), site, "", "WASH", "", at(-1, "10:00"), "", "", "30", "28", "");
        importAsOf(csv(List.of(job)), null).statusCode(200).body("imported", equalTo(1)).body("openReaged", equalTo(0));

        String fresh = row(id("AO-J-new"), site, region, at(-1, "10:00"), date(6), "");
        importAsOf(csv(List.of(fresh)), null).statusCode(200)
                .body("imported", equalTo(1)).body("duplicates", equalTo(0)).body("openReaged", equalTo(30));
        long reaged = recommended(site, region);
        assertTrue(reaged > fiveThen, "left out of the later export, still open 25 days now: " + fiveThen + " -> " + reaged);

        // the same as a lane whose export listed them all, now
        List<String> all = new ArrayList<>(open(control, controlRegion, "K", -25, ""));
        all.add(row(id("AO-K-new"), control, controlRegion, at(-1, "10:00"), date(6), ""));
        importAsOf(csv(all), null).statusCode(200).body("imported", equalTo(31));
        assertEquals(recommended(control, controlRegion), reaged, "as if the export had listed them again");

        // an export with ?replace=true leaves them out too: still open, re-aged as well
        TestClock.advance(java.time.Duration.ofDays(1));
        given().contentType("text/csv").body(csv(List.of(fresh))).queryParam("replace", "true").when().post("/api/v1/history/import").then()
                .statusCode(200).body("replaced", equalTo(1)).body("openReaged", equalTo(30));

        // completed by a later export, they leave the open orders as any completed row does
        importAsOf(csv(open(site, region, "J", -25, at(-2, "12:00"))), null).statusCode(200)
                .body("outcomesAdded", equalTo(30)).body("openReaged", equalTo(0));
    }

    @Test
    void openRowsALaterExportLeavesOutPastTheHorizonByThenAreLost() {
        String site = id("AO-L"), region = id("AO-RL");
        lane(site, region);
        // open 5 days at an export 125 days ago; a later export of the site leaves them out: open 130 days now, lost
        importAsOf(csv(open(site, region, "L", -130, "")), at(-125, "10:00")).statusCode(200).body("openTooOld", equalTo(0));
        importAsOf(csv(List.of(row(id("AO-L-new"), site, region, at(-1, "10:00"), date(6), at(0, "08:00")))), null).statusCode(200)
                .body("imported", equalTo(1)).body("openReaged", equalTo(30)).body("openTooOld", equalTo(30)).body("duplicates", equalTo(0));
        // lost orders are left out of the estimate: the same as a lane that never had them
        String control = id("AO-M"), controlRegion = id("AO-RM");
        lane(control, controlRegion);
        importAsOf(csv(List.of(row(id("AO-M-new"), control, controlRegion, at(-1, "10:00"), date(6), at(0, "08:00")))), null)
                .statusCode(200).body("imported", equalTo(1));
        assertEquals(recommended(control, controlRegion), recommended(site, region));
    }
}
