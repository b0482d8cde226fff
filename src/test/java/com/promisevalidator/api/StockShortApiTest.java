package com.promisevalidator.api;

import static com.promisevalidator.api.ApiTestSupport.createSite;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.putJson;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.promisevalidator.TestClock;

import com.promisevalidator.commitment.service.AtRiskMonitor;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A stock count below what is promised is accepted as a fact: the answer says how many units are
 * short, and the open promises the stock can no longer cover (the ones dispatched last) become
 * AT_RISK with code STOCK_SHORT and the numbers; the others stay OPEN. Dates are relative to now;
 * the site works every day with no cut-off, so orders placed now dispatch today whatever the hour.
 */
@QuarkusTest
class StockShortApiTest {

    @AfterEach
    void backToTheAnchor() {
        TestClock.reset();
    }

    @Inject
    AtRiskMonitor monitor;

    @Test
    void onHandBelowReservedIsAcceptedAndTheUncoveredPromisesBecomeAtRisk() {
        String dc = id("SS-DC"), region = id("SS-R"), sku = id("SS-SKU");
        createSite(dc, """
                {"name":"Short DC","timeZone":"America/Sao_Paulo",
                 "workingDays":["MON","TUE","WED","THU","FRI","SAT","SUN"],"dailyCapacity":{"orders":1000}}""");
        putJson("/api/v1/sites/" + dc + "/lanes/" + region, "{\"transitDays\":2}").statusCode(200);
        putJson("/api/v1/sites/" + dc + "/stock/" + sku, "{\"onHand\":30}").statusCode(200).body("short", equalTo(0));

        String promisedBy = com.promisevalidator.TestDates.date(40).toString();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String body = """
                    {"quote":{"type":"DELIVERY","rep":"alice","site":"%s","region":"%s","lines":[{"sku":"%s","quantity":10}],
                              "confidence":0.5},"promisedBy":"%s"}""".formatted(dc, region, sku, promisedBy);
            ids.add(given().contentType(ContentType.JSON).header("Idempotency-Key", id("SS-K" + i)).body(body)
                    .post("/api/v1/promises").then().statusCode(201).extract().path("promiseId"));
        }
        monitor.recheckAll();
        for (String p : ids) assertEquals("OPEN", status(p).getString("status"));

        // ops count 15: accepted, and the answer says 15 of the 30 promised units are short
        putJson("/api/v1/sites/" + dc + "/stock/" + sku, "{\"onHand\":15}").statusCode(200)
                .body("onHand", equalTo(15)).body("reserved", equalTo(30)).body("available", equalTo(-15))
                .body("short", equalTo(15)).body("warning", containsString("STOCK_SHORT"));

        TestClock.advance(Duration.ofMinutes(1)); // the monitor re-checks promises checked before the change
        monitor.recheckAll();
        List<Integer> shorts = new ArrayList<>();
        int open = 0;
        for (String p : ids) {
            JsonPath v = status(p);
            if ("OPEN".equals(v.getString("status"))) {
                open++;
                assertNull(v.get("atRisk"));
                continue;
            }
            assertEquals("AT_RISK", v.getString("status"));
            assertEquals("STOCK_SHORT", v.getString("atRisk.code"));
            Map<String, Object> evidence = v.getMap("atRisk.evidence");
            assertEquals(sku, evidence.get("sku"));
            assertEquals(15, evidence.get("available"));
            assertEquals(10, evidence.get("quantity"));
            shorts.add((Integer) evidence.get("short"));
            assertEquals(0.0, v.getDouble("currentConfidence"), 1e-9);
        }
        // 15 on hand: the first promise is covered, the second half covered (5 short), the third not at all
        assertEquals(1, open, "one promise is still covered");
        assertEquals(List.of(5, 10), shorts.stream().sorted().toList());
        given().get("/api/v1/promises?status=AT_RISK&limit=1000").then().statusCode(200);

        // counted again: every promise is covered and goes back to OPEN
        putJson("/api/v1/sites/" + dc + "/stock/" + sku, "{\"onHand\":30}").statusCode(200).body("short", equalTo(0));
        TestClock.advance(Duration.ofMinutes(1));
        monitor.recheckAll();
        for (String p : ids) assertEquals("OPEN", status(p).getString("status"));
    }

    /** Stock gone to 0 with supply arriving only later: the at-risk sentence says none is there, not "0 … 6 of them" (probe H1-5). */
    @Test
    void stockGoneToZeroReadsAsNoneOfIt() {
        String dc = id("SZ-DC"), region = id("SZ-R"), sku = id("SZ-SKU");
        createSite(dc, """
                {"name":"Zero DC","timeZone":"America/Sao_Paulo",
                 "workingDays":["MON","TUE","WED","THU","FRI","SAT","SUN"],"dailyCapacity":{"orders":1000}}""");
        putJson("/api/v1/sites/" + dc + "/lanes/" + region, "{\"transitDays\":2}").statusCode(200);
        putJson("/api/v1/sites/" + dc + "/stock/" + sku, "{\"onHand\":30}").statusCode(200);
        String body = """
                {"quote":{"type":"DELIVERY","rep":"alice","site":"%s","region":"%s","lines":[{"sku":"%s","quantity":1}],
                          "confidence":0.5},"promisedBy":"%s"}""".formatted(dc, region, sku, com.promisevalidator.TestDates.date(40));
        String promise = given().contentType(ContentType.JSON).header("Idempotency-Key", id("SZ-K")).body(body)
                .post("/api/v1/promises").then().statusCode(201).extract().path("promiseId");

        putJson("/api/v1/sites/" + dc + "/stock/" + sku, """
                {"onHand":0,"inbound":[{"quantity":50,"arrives":"%s"}]}""".formatted(com.promisevalidator.TestDates.date(60)))
                .statusCode(200).body("short", equalTo(1));
        TestClock.advance(Duration.ofMinutes(1));
        monitor.recheckAll();
        JsonPath v = status(promise);
        assertEquals("AT_RISK", v.getString("status"));
        assertEquals(0, (Integer) v.get("atRisk.evidence.available"));
        String reason = v.getString("atRisk.reason");
        assertTrue(reason.startsWith("At risk: " + dc + " has none of " + sku + " by "), reason);
        assertTrue(reason.contains(", so this promise's 1 unit is not covered (target "), reason);
    }

    private static JsonPath status(String promiseId) {
        return given().get("/api/v1/promises/" + promiseId).then().statusCode(200).extract().jsonPath();
    }
}
