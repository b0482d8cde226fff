package com.promisevalidator.api;

import static com.promisevalidator.TestDates.at;
import static com.promisevalidator.TestDates.date;
import static com.promisevalidator.TestDates.day;
import static com.promisevalidator.api.ApiTestSupport.assertFieldProblem;
import static com.promisevalidator.api.ApiTestSupport.assertProblem;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.postJson;
import static com.promisevalidator.api.CommitTestSupport.FAR;
import static com.promisevalidator.api.CommitTestSupport.PROMISES;
import static com.promisevalidator.api.CommitTestSupport.committed;
import static com.promisevalidator.api.CommitTestSupport.delivery;
import static com.promisevalidator.api.CommitTestSupport.garage;
import static com.promisevalidator.api.CommitTestSupport.promise;
import static com.promisevalidator.api.CommitTestSupport.promises;
import static com.promisevalidator.api.CommitTestSupport.serviceCommit;
import static com.promisevalidator.api.CommitTestSupport.stock;
import static com.promisevalidator.api.CommitTestSupport.stockOf;
import static com.promisevalidator.api.CommitTestSupport.validate;
import static com.promisevalidator.api.CommitTestSupport.warehouse;
import static com.promisevalidator.api.CommitTestSupport.withHold;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.promisevalidator.TestClock;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * POST /api/v1/promises/{id}/outcome: KEPT or BROKEN (a delivery by the end of promisedBy in the
 * site's time zone, a service within its promised minutes), what a delivery outcome does to the
 * stock, and listing by status.
 */
@QuarkusTest
class PromiseOutcomeApiTest {

    @AfterEach
    void backToTheAnchor() {
        TestClock.reset();
    }

    private static String outcome(String promiseId) {
        return PROMISES + "/" + promiseId + "/outcome";
    }

    private static boolean listed(String status, String promiseId) {
        List<Map<String, Object>> all = promises(status);
        return all.stream().anyMatch(p -> promiseId.equals(p.get("promiseId")));
    }

    @Test
    void deliveryIsKeptOnThePromisedDayInTheSiteTimeZoneBrokenAfterAndShipsTheStock() {
        String dc = id("PO-DC"), region = id("PO-R"), sku = id("PO-SKU");
        warehouse(dc, region, 100);
        stock(dc, sku, 20);
        String kept = committed(id("PO-K1"), "{\"quote\":" + delivery(id("PO-Q1"), "alice", dc, region, sku, 4, date(3)) + "}");
        String broken = committed(id("PO-K2"), "{\"quote\":" + delivery(id("PO-Q2"), "alice", dc, region, sku, 2, date(3)) + "}");
        JsonPath s = stockOf(dc, sku);
        assertEquals(20, s.getInt("onHand"));
        assertEquals(6, s.getInt("reserved"));

        TestClock.advance(Duration.ofDays(5)); // the deliveries are over: outcomes in the future are refused
        // 02:30 UTC on day(4) is 23:30 on day(3) in Sao Paulo: on the promised day there
        JsonPath k = postJson(outcome(kept), "{\"completedAt\":\"" + day(4) + "T02:30:00Z\"}").statusCode(200).extract().jsonPath();
        assertEquals("KEPT", k.getString("status"));
        assertEquals(OffsetDateTime.parse(day(4) + "T02:30:00Z").toInstant(), OffsetDateTime.parse(k.getString("completedAt")).toInstant());
        assertEquals("KEPT", promise(kept).getString("status"));
        // probe P13 L6: the history row made from it wrote completedAt in Z beside orderedAt with the site's offset
        JsonPath row = io.restassured.RestAssured.given().get("/api/v1/history/" + kept).then().statusCode(200).extract().jsonPath();
        // (the site's offset as written on H2; PostgreSQL's timestamptz reads every time back in UTC: one way either way)
        OffsetDateTime ordered = OffsetDateTime.parse(row.getString("orderedAt")), completed = OffsetDateTime.parse(row.getString("completedAt"));
        assertEquals(ordered.getOffset(), completed.getOffset(), row.prettify());
        assertEquals(OffsetDateTime.parse(date(3) + "T23:30:00-03:00").toInstant(), completed.toInstant(), row.prettify());
        s = stockOf(dc, sku);
        assertEquals(16, s.getInt("onHand")); // the 4 units left the shelf
        assertEquals(2, s.getInt("reserved")); // and their reservation with them
        assertEquals(14, s.getInt("available"));

        // 00:30 on day(4) in Sao Paulo: a day late
        postJson(outcome(broken), "{\"completedAt\":\"" + at(4, "00:30") + "\"}").statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("BROKEN"));
        s = stockOf(dc, sku);
        assertEquals(14, s.getInt("onHand"));
        assertEquals(0, s.getInt("reserved"));
        assertEquals(14, s.getInt("available"));

        assertTrue(listed("KEPT", kept), "KEPT lists the kept promise");
        assertFalse(listed("KEPT", broken), "KEPT does not list the broken promise");
        assertTrue(listed("BROKEN", broken), "BROKEN lists the broken promise");
        assertFalse(listed("OPEN", kept), "a closed promise is not OPEN any more");

        // an outcome is recorded once
        CommitTestSupport.assertConflict(postJson(outcome(kept), "{\"completedAt\":\"" + at(3, "10:00") + "\"}"))
                .body("detail", containsString("KEPT"));
        assertEquals("KEPT", promise(kept).getString("status"));
        assertEquals(14, stockOf(dc, sku).getInt("onHand"));
    }

    @Test
    void serviceIsKeptWithinThePromisedMinutesAndBrokenAfter() {
        String garage = id("POS-G"), type = id("POS-OIL");
        garage(garage, type, 2);
        String kept = committed(id("POS-K1"), serviceCommit(id("POS-Q1"), garage, type, at(0, "10:00"), 30));
        String broken = committed(id("POS-K2"), serviceCommit(id("POS-Q2"), garage, type, at(0, "11:00"), 30));
        // before the job started: refused, naming the start (the promise's word for it), and nothing changes
        assertFieldProblem(postJson(outcome(broken), "{\"actualMinutes\":30}"), 400, "startAt")
                .body("errors[0].message", containsString("once it has started"));
        TestClock.advance(Duration.ofDays(1)); // both jobs are over: outcomes in the future are refused
        assertFieldProblem(postJson(outcome(kept), "{\"actualMinutes\":30,\"completedAt\":\"" + at(0, "10:30") + "\"}"), 400, "completedAt")
                .body("errors[0].message", containsString("given with actualMinutes"))
                .body("detail", org.hamcrest.Matchers.startsWith("completedAt given with actualMinutes"));
        // probe svc L9: when it ended, as a workshop's log says it, before its start: refused naming completedAt
        assertFieldProblem(postJson(outcome(broken), "{\"completedAt\":\"" + at(0, "10:59") + "\"}"), 400, "completedAt")
                .body("errors[0].message", containsString("before the service's start"))
                .body("detail", org.hamcrest.Matchers.startsWith("completedAt is before the service's start"));

        // probe P11: the texts "NaN" and "Infinity" were read as numbers and refused twice over, as under 0 and over the maximum
        for (String text : new String[]{"\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"30\""}) {
            assertFieldProblem(postJson(outcome(kept), "{\"actualMinutes\":" + text + "}"), 400, "actualMinutes")
                    .body("errors", org.hamcrest.Matchers.hasSize(1)).body("errors[0].message", org.hamcrest.Matchers.equalTo("must be a number"));
        }
        JsonPath k = postJson(outcome(kept), "{\"actualMinutes\":30}").statusCode(200).extract().jsonPath();
        assertEquals("KEPT", k.getString("status"));
        assertEquals(30, k.getInt("actualMinutes"));
        // the end instead of the minutes (probe svc L9): 11:00 to 11:31 is 31 minutes
        JsonPath b = postJson(outcome(broken), "{\"completedAt\":\"" + at(0, "11:31") + "\"}").statusCode(200).extract().jsonPath();
        assertEquals("BROKEN", b.getString("status"));
        assertEquals(31, b.getInt("actualMinutes"));

        assertTrue(listed("KEPT", kept));
        assertTrue(listed("BROKEN", broken));
    }

    /**
     * F-j: a service recorded as done frees its bay from when the job ended. The bay stayed booked until the planned end,
     * so a quote for the empty bay was told NO_FREE_BAY and a commit there was refused with a 409 "every bay is taken".
     */
    @Test
    void aServiceRecordedAsDoneFreesItsBayFromWhenItEnded() {
        String garage = id("POF-G"), type = id("POF-OIL");
        garage(garage, type, 1); // one bay: the finished job's booking is all that could block it
        // 28 of 30 standard minutes: near the standard, so other tests' services do not learn that jobs run short
        String done = committed(id("POF-K1"), serviceCommit(id("POF-Q1"), garage, type, at(0, "10:00"), 30));
        assertFalse(OffsetDateTime.parse(promise(done).getString("holds.bayUntil")).isBefore(OffsetDateTime.parse(at(0, "10:30"))),
                "booked for the realistic minutes, at least the 30 promised");
        TestClock.advance(Duration.ofMinutes(29)); // 10:29: the job took 28 minutes and is over
        postJson(outcome(done), "{\"actualMinutes\":28}").statusCode(200).body("status", org.hamcrest.Matchers.equalTo("KEPT"));

        JsonPath v = validate("""
                {"type":"SERVICE","site":"%s","serviceType":"%s","startAt":"%s","promisedMinutes":40}""".formatted(garage, type, at(0, "10:29")))
                .extract().jsonPath();
        assertEquals("APPROVED", v.getString("verdict"), v.prettify());
        assertFalse(v.getList("reasons.code").contains("NO_FREE_BAY"), v.getList("reasons.code").toString());
        String next = committed(id("POF-K2"), serviceCommit(id("POF-Q2"), garage, type, at(0, "10:29"), 40));
        assertEquals("OPEN", promise(next).getString("status"));
        assertEquals(OffsetDateTime.parse(at(0, "10:28")).toInstant(), OffsetDateTime.parse(promise(done).getString("holds.bayUntil")).toInstant(),
                "the done job's bay was held until it ended");
    }

    @Test
    void outcomeOfAnUnknownPromiseIs404() {
        assertProblem(postJson(outcome(id("NO-PROMISE")), "{\"completedAt\":\"" + at(3, "10:00") + "\"}"), 404)
                .body("detail", containsString(id("NO-PROMISE")));
    }

    @Test
    void deliveryOutcomeWithoutCompletedAtIs400AndChangesNothing() {
        String dc = id("PO4-DC"), region = id("PO4-R"), sku = id("PO4-SKU");
        warehouse(dc, region, 100);
        stock(dc, sku, 5);
        String p = committed(id("PO4-K"), "{\"quote\":" + delivery(id("PO4-Q"), "alice", dc, region, sku, 2, FAR) + "}");
        assertFieldProblem(postJson(outcome(p), "{}"), 400, "completedAt")
                .body("detail", containsString("needs completedAt")); // probe P11: the detail was "is required for a delivery"
        // probe contract3 L4: the field at fault is named beside the missing one
        assertFieldProblem(postJson(outcome(p), "{\"actualMinutes\":20}"), 400, "completedAt")
                .body("errors.field", org.hamcrest.Matchers.hasItem("actualMinutes"));
        // probe P6 M3: the other kind's field beside the right one is refused too, not ignored
        assertFieldProblem(postJson(outcome(p), "{\"completedAt\":\"" + at(0, "10:00") + "\",\"actualMinutes\":3}"), 400, "actualMinutes")
                .body("errors[0].message", containsString("not part of a delivery's outcome"))
                .body("detail", org.hamcrest.Matchers.startsWith("actualMinutes is not part of")); // the detail names its field
        assertEquals("OPEN", promise(p).getString("status"));
        JsonPath s = stockOf(dc, sku);
        assertEquals(5, s.getInt("onHand"));
        assertEquals(2, s.getInt("reserved"));
    }

    @Test
    void outcomeOfAHeldPromiseIs409() {
        String dc = id("POH-DC"), region = id("POH-R"), sku = id("POH-SKU");
        warehouse(dc, region, 100);
        stock(dc, sku, 5);
        JsonPath held = validate(withHold(delivery(id("POH-Q"), "alice", dc, region, sku, 2, FAR))).extract().jsonPath();
        assertEquals("HELD", held.getString("hold.status"));
        String p = held.getString("hold.promiseId");
        CommitTestSupport.assertConflict(postJson(outcome(p), "{\"completedAt\":\"" + at(3, "10:00") + "\"}"))
                .body("detail", containsString("held"));
        assertEquals("HELD", promise(p).getString("status"));
        JsonPath s = stockOf(dc, sku);
        assertEquals(5, s.getInt("onHand"));
        assertEquals(2, s.getInt("reserved"));
    }

    @Test
    void outcomeConflictsAreProblemsWhoseStatusMemberIs409() {
        String dc = id("POC-DC"), region = id("POC-R"), sku = id("POC-SKU");
        warehouse(dc, region, 100);
        stock(dc, sku, 5);
        String kept = committed(id("POC-K"), "{\"quote\":" + delivery(id("POC-Q1"), "alice", dc, region, sku, 1, FAR) + "}");
        String held = validate(withHold(delivery(id("POC-Q2"), "alice", dc, region, sku, 1, FAR))).extract().path("hold.promiseId");
        TestClock.advance(Duration.ofDays(4)); // the delivery is over: outcomes in the future are refused
        postJson(outcome(kept), "{\"completedAt\":\"" + at(3, "10:00") + "\"}").statusCode(200);
        String body = assertProblem(postJson(outcome(kept), "{\"completedAt\":\"" + at(3, "10:00") + "\"}"), 409).extract().asString();
        assertEquals(1, CommitTestSupport.occurrences(body, "status"), body);

        body = assertProblem(postJson(outcome(held), "{\"completedAt\":\"" + at(3, "10:00") + "\"}"), 409).extract().asString();
        assertEquals(1, CommitTestSupport.occurrences(body, "status"), body);
    }

    @Test
    void listWithAnUnknownStatusIs400() {
        assertFieldProblem(io.restassured.RestAssured.given().queryParam("status", "LATE").when().get(PROMISES).then(), 400, "status");
    }
}
