package com.promisevalidator.api;

import static com.promisevalidator.TestDates.at;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.postJson;
import static com.promisevalidator.api.ApiTestSupport.putJson;
import static com.promisevalidator.api.CommitTestSupport.FAR;
import static com.promisevalidator.api.CommitTestSupport.PROMISES;
import static com.promisevalidator.api.CommitTestSupport.committed;
import static com.promisevalidator.api.CommitTestSupport.delivery;
import static com.promisevalidator.api.CommitTestSupport.promise;
import static com.promisevalidator.api.CommitTestSupport.stock;
import static com.promisevalidator.api.CommitTestSupport.validate;
import static com.promisevalidator.api.CommitTestSupport.warehouse;
import static com.promisevalidator.api.CommitTestSupport.withHold;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.promisevalidator.TestClock;
import com.promisevalidator.commitment.service.AtRiskMonitor;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Every status change of a promise is fired once as a PromiseStatusChanged event after its
 * transaction committed (what webhooks build on): created, held → open, at risk and back, cancelled,
 * kept or broken; a refused change fires nothing.
 */
@QuarkusTest
class PromiseStatusChangesApiTest {

    @Inject
    StatusChangeRecorder recorder;

    @Inject
    AtRiskMonitor monitor;

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @Test
    void commitThenCancelFiresOpenThenCancelledAndACancelRefusedFiresNothing() {
        String dc = id("SC1-DC"), region = id("SC1-R"), sku = id("SC1-SKU");
        warehouse(dc, region, 100);
        stock(dc, sku, 10);
        String p = committed(id("SC1-K"), delivery(id("SC1-Q"), "alice", dc, region, sku, 1, FAR));
        given().when().delete(PROMISES + "/" + p).then().statusCode(200);
        given().when().delete(PROMISES + "/" + p).then().statusCode(409);
        assertEquals(List.of("null->OPEN", "OPEN->CANCELLED"), recorder.of(p));
    }

    @Test
    void aHoldCommittedByItsDecisionFiresHeldThenOpenAndItsOutcomeKept() {
        String dc = id("SC2-DC"), region = id("SC2-R"), sku = id("SC2-SKU");
        warehouse(dc, region, 100);
        stock(dc, sku, 10);
        var answer = validate(withHold(delivery(id("SC2-Q"), "alice", dc, region, sku, 1, FAR))).extract().jsonPath();
        String held = answer.getString("hold.promiseId");
        String p = committed(id("SC2-K"), "{\"decisionId\":\"" + answer.getString("decisionId") + "\"}");
        assertEquals(held, p);
        TestClock.advance(Duration.ofDays(3));
        postJson(PROMISES + "/" + p + "/outcome", "{\"completedAt\":\"" + at(2, "16:00") + "\"}").statusCode(200);
        assertEquals(List.of("null->HELD", "HELD->OPEN", "OPEN->KEPT"), recorder.of(p));
    }

    /** Probe multi H1: a same-day delivery kept on time made a same-day lane a 3-day one and put its open promises at risk. */
    @Test
    void aSameDayDeliveryKeptOnTimeLeavesTheLaneSameDayAndItsOpenPromisesOpen() {
        // a year past every other test's days: the statistics age open orders by the latest day they know of
        TestClock.advance(Duration.ofDays(400));
        java.time.OffsetDateTime now = TestClock.now().atOffset(java.time.ZoneOffset.UTC);
        String dc = id("SC8-DC"), region = id("SC8-R");
        ApiTestSupport.createSite(dc, """
                {"name":"Same-day DC","timeZone":"UTC","cutoff":"23:59","workingDays":["MON","TUE","WED","THU","FRI","SAT","SUN"],
                 "dailyCapacity":{"orders":100}}""");
        putJson("/api/v1/sites/" + dc + "/lanes/" + region, "{\"transitDays\":0}").statusCode(200);
        String quote = "{\"type\":\"DELIVERY\",\"rep\":\"alice\",\"site\":\"" + dc + "\",\"region\":\"" + region
                + "\",\"orderedAt\":\"" + now + "\",\"promisedBy\":\"" + now.toLocalDate() + "\"}";
        List<String> ps = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) ps.add(committed(id("SC8-K" + i), quote));
        TestClock.advance(Duration.ofHours(2));
        postJson(PROMISES + "/" + ps.get(0) + "/outcome", "{\"completedAt\":\"" + now.plusHours(1) + "\"}").statusCode(200);
        var answer = validate(quote).statusCode(200).extract().jsonPath();
        assertEquals("APPROVED", answer.getString("verdict"), answer.prettify());
        TestClock.advance(Duration.ofMinutes(1));
        monitor.recheckAll();
        assertEquals("OPEN", promise(ps.get(1)).getString("status"));
        assertEquals("OPEN", promise(ps.get(2)).getString("status"));
    }

    @Test
    void aCorrectedOutcomeRowJudgesThePromiseAgainAndFiresTheChange() {
        String dc = id("SC7-DC"), region = id("SC7-R"), sku = id("SC7-SKU");
        warehouse(dc, region, 100);
        stock(dc, sku, 10);
        String p = committed(id("SC7-K"), delivery(id("SC7-Q"), "alice", dc, region, sku, 1, FAR));
        String orderedAt = promise(p).getString("orderedAt");
        TestClock.advance(Duration.ofDays(3));
        postJson(PROMISES + "/" + p + "/outcome", "{\"completedAt\":\"" + at(2, "16:00") + "\"}").statusCode(200);
        assertEquals("KEPT", promise(p).getString("status"));

        // ops learn from the carrier that it arrived the day after the promised date, and correct the outcome's row
        TestClock.advance(Duration.ofDays(30));
        String row = "DELIVERY," + p + "," + dc + "," + region + ",,alice," + orderedAt + "," + FAR + "," + at(28, "11:00") + ",,,1";
        replacing(row).body("replaced", org.hamcrest.Matchers.equalTo(1));
        var after = promise(p);
        assertEquals("BROKEN", after.getString("status"));
        assertEquals(java.time.OffsetDateTime.parse(at(28, "11:00")).toInstant(), java.time.OffsetDateTime.parse(after.getString("completedAt")).toInstant());
        assertEquals(List.of("null->OPEN", "OPEN->KEPT", "KEPT->BROKEN"), recorder.of(p));

        // the same correction again changes nothing and fires nothing; a row without an outcome leaves the promise as it is
        replacing(row);
        String open = "DELIVERY," + p + "," + dc + "," + region + ",,alice," + orderedAt + "," + FAR + ",,,,1";
        replacing(open);
        assertEquals("BROKEN", promise(p).getString("status"));
        assertEquals(List.of("null->OPEN", "OPEN->KEPT", "KEPT->BROKEN"), recorder.of(p));
    }

    @Test
    void stockCountedShortFiresAtRiskOnceAndRecoveryFiresOpen() {
        String dc = id("SC3-DC"), region = id("SC3-R"), sku = id("SC3-SKU");
        warehouse(dc, region, 100);
        stock(dc, sku, 10);
        String p = committed(id("SC3-K"), delivery(id("SC3-Q"), "alice", dc, region, sku, 10, FAR));
        monitor.recheckAll();
        assertEquals("OPEN", promise(p).getString("status"));

        putJson("/api/v1/sites/" + dc + "/stock/" + sku, "{\"onHand\":4}").statusCode(200);
        TestClock.advance(Duration.ofMinutes(1)); // the monitor re-checks promises checked before the change
        monitor.recheckAll();
        assertEquals("AT_RISK", promise(p).getString("status"));
        TestClock.advance(Duration.ofMinutes(1));
        monitor.recheckAll(); // still short: no second event
        putJson("/api/v1/sites/" + dc + "/stock/" + sku, "{\"onHand\":10}").statusCode(200);
        TestClock.advance(Duration.ofMinutes(1));
        monitor.recheckAll();
        assertEquals("OPEN", promise(p).getString("status"));
        assertEquals(List.of("null->OPEN", "OPEN->AT_RISK", "AT_RISK->OPEN"), recorder.of(p));
    }

    /** An ops import of one history row with ?replace=true: a correction. */
    private static io.restassured.response.ValidatableResponse replacing(String row) {
        return given().contentType("text/csv").body(ApiTestSupport.CSV_HEADER + "\n" + row).queryParam("replace", "true")
                .when().post("/api/v1/history/import").then().statusCode(200);
    }
}
