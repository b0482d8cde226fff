package com.promisevalidator.api;

import static com.promisevalidator.TestDates.at;
import static com.promisevalidator.TestDates.date;
import static com.promisevalidator.api.ApiTestSupport.PROBLEM_JSON;
import static com.promisevalidator.api.ApiTestSupport.assertFieldProblem;
import static com.promisevalidator.api.ApiTestSupport.assertProblem;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.CommitTestSupport.DISPATCH_DAY;
import static com.promisevalidator.api.CommitTestSupport.FAR;
import static com.promisevalidator.api.CommitTestSupport.PROMISES;
import static com.promisevalidator.api.CommitTestSupport.commit;
import static com.promisevalidator.api.CommitTestSupport.committed;
import static com.promisevalidator.api.CommitTestSupport.delivery;
import static com.promisevalidator.api.CommitTestSupport.earliest;
import static com.promisevalidator.api.CommitTestSupport.garage;
import static com.promisevalidator.api.CommitTestSupport.promise;
import static com.promisevalidator.api.CommitTestSupport.service;
import static com.promisevalidator.api.CommitTestSupport.serviceCommit;
import static com.promisevalidator.api.CommitTestSupport.stock;
import static com.promisevalidator.api.CommitTestSupport.stockOf;
import static com.promisevalidator.api.CommitTestSupport.validate;
import static com.promisevalidator.api.CommitTestSupport.warehouse;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * POST /api/v1/promises (commit by decisionId, by full quote, service slots), GET and DELETE of a
 * promise, and the commit's error answers. Each test builds its own sites through the API.
 */
@QuarkusTest
class CommitApiTest {

    private static final String START = at(0, "10:00");

    private static Instant instant(String isoWithOffset) {
        return OffsetDateTime.parse(isoWithOffset).toInstant();
    }

    @SuppressWarnings("unchecked")
    private static void assertHoldsStock(JsonPath p, String sku, int quantity) {
        List<Map<String, Object>> held = p.getList("holds.stock");
        assertEquals(1, held.size(), "holds.stock " + held);
        assertEquals(sku, held.get(0).get("sku"));
        assertEquals(quantity, held.get(0).get("quantity"));
    }

    // ---- 1. commit --------------------------------------------------------------------------

    @Test
    void commitByDecisionIdReturns201WithLocationAndTheOpenPromiseHoldsStockAndDispatchDay() {
        String dc = id("C1-DC"), region = id("C1-R"), sku = id("C1-SKU");
        warehouse(dc, region, 100);
        stock(dc, sku, 10);
        JsonPath answer = validate(delivery(id("C1-Q1"), "alice", dc, region, sku, 4, FAR)).extract().jsonPath();
        assertEquals("APPROVED", answer.getString("verdict"));
        assertEquals(0, stockOf(dc, sku).getInt("reserved")); // validating alone consumes nothing

        ExtractableResponse<Response> r = commit(id("C1-K1"), "{\"decisionId\":\"" + answer.getString("decisionId") + "\"}")
                .statusCode(201)
                .header("Content-Type", startsWith("application/json"))
                .extract();
        String promiseId = r.path("promiseId");
        assertNotNull(promiseId);
        assertThat(r.header("Location"), endsWith(PROMISES + "/" + promiseId));
        assertEquals("OPEN", r.path("status"));

        JsonPath p = promise(promiseId);
        assertEquals(promiseId, p.getString("promiseId"));
        assertEquals("OPEN", p.getString("status"));
        assertEquals("DELIVERY", p.getString("type"));
        assertEquals(answer.getString("decisionId"), p.getString("decisionId"));
        assertEquals(id("C1-Q1"), p.getString("quoteId"));
        assertEquals("alice", p.getString("rep"));
        assertEquals(dc, p.getString("site"));
        assertEquals(region, p.getString("region"));
        assertEquals(FAR, p.getString("promisedBy")); // the asked date was approved, so it is what is promised
        assertEquals(0.9, p.getDouble("targetConfidence"), 1e-9);
        assertHoldsStock(p, sku, 4);
        assertEquals(DISPATCH_DAY, p.getString("holds.dispatchDay"));
        assertNull(p.get("holds.bayFrom"));

        JsonPath s = stockOf(dc, sku);
        assertEquals(10, s.getInt("onHand"));
        assertEquals(4, s.getInt("reserved"));
        assertEquals(6, s.getInt("available"));
    }

    @Test
    void aDecisionCommitsOnceEvenUnderAnotherKeyUntilItsPromiseIsCancelled() {
        String dc = id("C1C-DC"), region = id("C1C-R"), sku = id("C1C-SKU");
        warehouse(dc, region, 100);
        stock(dc, sku, 10);
        String decision = "{\"decisionId\":\"" + validate(delivery(id("C1C-Q"), "alice", dc, region, sku, 4, FAR)).extract().path("decisionId") + "\"}";
        String first = committed(id("C1C-K1"), decision);
        commit(id("C1C-K2"), decision).statusCode(409).body("promiseId", equalTo(first)).body("detail", containsString("already committed"));
        assertEquals(4, stockOf(dc, sku).getInt("reserved")); // reserved once
        given().when().delete(PROMISES + "/" + first).then().statusCode(200);
        committed(id("C1C-K3"), decision); // the order changed its mind back: the decision may be committed again
        assertEquals(4, stockOf(dc, sku).getInt("reserved"));
    }

    @Test
    void commitByDecisionIdOfAnAlternativeCommitsTheRecommendedDate() {
        String dc = id("C1B-DC"), region = id("C1B-R"), sku = id("C1B-SKU");
        warehouse(dc, region, 100);
        stock(dc, sku, 10);
        // the lane takes 2 days (3, or 1, when other tests' deliveries make deliveries everywhere slower or faster lately):
        // the day it leaves is too early, and the earliest date that holds is recommended
        String quote = delivery(id("C1B-Q"), "alice", dc, region, sku, 1, date(0));
        String earliest = earliest(quote);
        assertTrue(earliest.compareTo(date(0)) > 0, earliest);
        JsonPath answer = validate(quote).extract().jsonPath();
        assertEquals("ALTERNATIVE", answer.getString("verdict"));
        assertEquals(earliest, answer.getString("recommended.promisedBy"));

        String promiseId = committed(id("C1B-K"), "{\"decisionId\":\"" + answer.getString("decisionId") + "\"}");
        JsonPath p = promise(promiseId);
        assertEquals(earliest, p.getString("promisedBy"));
        assertEquals(DISPATCH_DAY, p.getString("holds.dispatchDay"));
        assertEquals(1, stockOf(dc, sku).getInt("reserved"));
    }

    @Test
    void commitOfAFullQuoteWithPromisedByAndSiteReservesStock() {
        String dc = id("C1Q-DC"), region = id("C1Q-R"), sku = id("C1Q-SKU");
        warehouse(dc, region, 100);
        stock(dc, sku, 10);
        String quote = """
                {"type":"DELIVERY","quoteId":"%s","rep":"carol","customer":"ACME","region":"%s",
                 "lines":[{"sku":"%s","quantity":3}],"orderedAt":"%s"}""".formatted(id("C1Q-Q"), region, sku, at(0, "10:00"));
        ExtractableResponse<Response> r = commit(id("C1Q-K"),
                "{\"quote\":" + quote + ",\"promisedBy\":\"" + date(9) + "\",\"site\":\"" + dc + "\"}").statusCode(201).extract();
        String promiseId = r.path("promiseId");
        assertThat(r.header("Location"), endsWith(PROMISES + "/" + promiseId));

        JsonPath p = promise(promiseId);
        assertEquals("OPEN", p.getString("status"));
        assertEquals(dc, p.getString("site"));
        assertEquals(date(9), p.getString("promisedBy"));
        assertEquals(id("C1Q-Q"), p.getString("quoteId"));
        assertEquals("carol", p.getString("rep"));
        assertNull(p.get("decisionId"));
        assertHoldsStock(p, sku, 3);
        assertEquals(DISPATCH_DAY, p.getString("holds.dispatchDay"));
        assertEquals(instant(at(0, "10:00")), instant(p.getString("orderedAt")));

        JsonPath s = stockOf(dc, sku);
        assertEquals(3, s.getInt("reserved"));
        assertEquals(7, s.getInt("available"));
    }

    @Test
    void commitOfAServiceQuoteHoldsItsBaySlot() {
        String garage = id("C1S-G"), type = id("C1S-OIL");
        garage(garage, type, 2);
        ExtractableResponse<Response> r = commit(id("C1S-K"), serviceCommit(id("C1S-Q"), garage, type, START, 30))
                .statusCode(201).extract();
        String promiseId = r.path("promiseId");
        assertThat(r.header("Location"), endsWith(PROMISES + "/" + promiseId));

        JsonPath p = promise(promiseId);
        assertEquals("OPEN", p.getString("status"));
        assertEquals("SERVICE", p.getString("type"));
        assertEquals(type, p.getString("serviceType"));
        assertEquals(30, p.getInt("promisedMinutes"));
        assertEquals(instant(START), instant(p.getString("startAt")));
        // no history yet: the standard 30 minutes is the realistic duration, so 30 minutes of bay time are held
        assertEquals(instant(START), instant(p.getString("holds.bayFrom")));
        assertEquals(instant(at(0, "10:30")), instant(p.getString("holds.bayUntil")));
        assertNull(p.get("holds.stock"));
        assertNull(p.get("holds.dispatchDay"));
    }

    /** Minutes chosen without a start: booked as chosen at the first free slot, not as the shorter ones recommended there. */
    @Test
    void minutesChosenWithoutAStartAreTheMinutesBooked() {
        String garage = id("C1M-G"), type = id("C1M-OIL");
        garage(garage, type, 2); // standard 30 minutes, no history
        String body = "{\"quote\":" + service(id("C1M-Q"), garage, type) + ",\"promisedMinutes\":45}";
        JsonPath p = promise(commit(id("C1M-K"), body).statusCode(201).extract().path("promiseId"));
        assertEquals(45, p.getInt("promisedMinutes"), "the customer was promised 45 minutes");
        assertEquals(45, java.time.Duration.between(instant(p.getString("holds.bayFrom")), instant(p.getString("holds.bayUntil"))).toMinutes());
    }

    /** Probe rep H1: minutes asked without a start and APPROVED, committed by decisionId alone, booked the recommended minutes. */
    @Test
    void minutesApprovedWithoutAStartAreWhatTheDecisionBooks() {
        String garage = id("C1D-G"), type = id("C1D-OIL");
        garage(garage, type, 2); // standard 30 minutes, no history
        String quote = service(id("C1D-Q"), garage, type);
        JsonPath answer = validate(quote.substring(0, quote.length() - 1) + ",\"promisedMinutes\":45}").statusCode(200).extract().jsonPath();
        assertEquals("APPROVED", answer.getString("verdict"));
        assertTrue(answer.getDouble("recommended.promisedMinutes") < 45, "a shorter promise is recommended: " + answer.prettify());
        JsonPath p = promise(commit(id("C1D-K"), "{\"decisionId\":\"" + answer.getString("decisionId") + "\"}")
                .log().ifValidationFails().statusCode(201)
                .extract().path("promiseId"));
        assertEquals(45, p.getInt("promisedMinutes"), "the asked minutes held: they are the promise");
        assertEquals(instant(answer.getString("recommended.startAt")), instant(p.getString("startAt")), "at the first free start");
        assertEquals(45, java.time.Duration.between(instant(p.getString("holds.bayFrom")), instant(p.getString("holds.bayUntil"))).toMinutes());
    }

    // ---- 5. cancel --------------------------------------------------------------------------

    @Test
    void cancelReleasesStockAndTheDayAndCancellingTwiceIs409() {
        String dc = id("C5-DC"), region = id("C5-R"), sku = id("C5-SKU");
        warehouse(dc, region, 1); // one order a day: a committed order fills day(0)
        stock(dc, sku, 10);
        String open = earliest(delivery(id("C5-Q0"), "bob", dc, region, sku, 1, null)); // leaving on day(0)
        String first = committed(id("C5-K1"), "{\"quote\":" + delivery(id("C5-Q1"), "alice", dc, region, sku, 3, FAR) + "}");
        assertEquals(DISPATCH_DAY, promise(first).getString("holds.dispatchDay"));
        assertEquals(3, stockOf(dc, sku).getInt("reserved"));

        // day(0) is full: another order would leave on Wednesday day(1), so the earliest date moves later (day(2) to day(3))
        JsonPath full = validate(delivery(id("C5-Q2"), "bob", dc, region, sku, 1, null)).extract().jsonPath();
        assertTrue(full.getString("recommended.promisedBy").compareTo(open) > 0, full.getString("recommended.promisedBy") + " after " + open);

        JsonPath cancelled = given().when().delete(PROMISES + "/" + first).then().statusCode(200).extract().jsonPath();
        assertEquals("CANCELLED", cancelled.getString("status"));
        assertEquals("CANCELLED", promise(first).getString("status"));
        JsonPath s = stockOf(dc, sku);
        assertEquals(0, s.getInt("reserved"));
        assertEquals(10, s.getInt("available"));
        assertEquals(10, s.getInt("onHand"));

        // the day is free again: the same quote leaves on day(0) and is promised as before (day(2))
        JsonPath free = validate(delivery(id("C5-Q3"), "bob", dc, region, sku, 1, null)).extract().jsonPath();
        assertEquals(open, free.getString("recommended.promisedBy"));
        String second = committed(id("C5-K2"), "{\"quote\":" + delivery(id("C5-Q4"), "bob", dc, region, sku, 10, FAR) + "}");
        assertEquals(DISPATCH_DAY, promise(second).getString("holds.dispatchDay"));
        assertEquals(10, stockOf(dc, sku).getInt("reserved"));

        CommitTestSupport.assertConflict(given().when().delete(PROMISES + "/" + first).then())
                .body("detail", containsString("CANCELLED"));
        assertEquals(10, stockOf(dc, sku).getInt("reserved")); // the second cancel released nothing
    }

    @Test
    void cancelFreesTheBaySoTheSameSlotCanBeCommittedAgain() {
        String garage = id("C5S-G"), type = id("C5S-OIL");
        garage(garage, type, 1);
        String first = committed(id("C5S-K1"), serviceCommit(id("C5S-Q1"), garage, type, START, 30));
        commit(id("C5S-K2"), serviceCommit(id("C5S-Q2"), garage, type, START, 30)).statusCode(409);

        given().when().delete(PROMISES + "/" + first).then().statusCode(200).body("status", equalTo("CANCELLED"));

        String again = committed(id("C5S-K3"), serviceCommit(id("C5S-Q3"), garage, type, START, 30));
        assertNotEquals(first, again);
        JsonPath p = promise(again);
        assertEquals(instant(START), instant(p.getString("holds.bayFrom")));
        assertEquals(instant(at(0, "10:30")), instant(p.getString("holds.bayUntil")));
    }

    @Test
    void cancellingTwiceIsAProblemWhoseStatusMemberIs409() {
        String dc = id("C5B-DC"), region = id("C5B-R"), sku = id("C5B-SKU");
        warehouse(dc, region, 100);
        stock(dc, sku, 5);
        String p = committed(id("C5B-K"), "{\"quote\":" + delivery(id("C5B-Q"), "alice", dc, region, sku, 1, FAR) + "}");
        given().when().delete(PROMISES + "/" + p).then().statusCode(200);
        String body = assertProblem(given().when().delete(PROMISES + "/" + p).then(), 409).extract().asString();
        assertEquals(1, CommitTestSupport.occurrences(body, "status"), body);
    }

    @Test
    void cancelOfAnUnknownPromiseIs404() {
        assertProblem(given().when().delete(PROMISES + "/" + id("NO-PROMISE")).then(), 404);
    }

    // ---- 7. service bays --------------------------------------------------------------------

    @Test
    void withOneBayASecondCommitOfTheSameSlotIs409WithALaterStart() {
        String garage = id("C7-G"), type = id("C7-OIL");
        garage(garage, type, 1);
        committed(id("C7-K1"), serviceCommit(id("C7-Q1"), garage, type, START, 30));

        ExtractableResponse<Response> refused = commit(id("C7-K2"), serviceCommit(id("C7-Q2"), garage, type, START, 30))
                .statusCode(409)
                .header("Content-Type", startsWith(PROBLEM_JSON))
                .body("status", equalTo(409))
                .body("title", equalTo("Capacity gone"))
                .body("decisionId", notNullValue())
                .extract();
        // the only bay is busy until 10:30: the next 15-minute slot with a free bay
        assertEquals(instant(at(0, "10:30")), instant(refused.path("recommended.startAt")));
        assertEquals(30, (int) refused.path("recommended.promisedMinutes"));
        assertEquals(garage, refused.path("recommended.site"));
        // with the reasons of the fresh answer, by stable code
        List<String> codes = refused.path("reasons.code");
        assertTrue(codes.contains("NO_FREE_BAY"), "reasons of the 409: " + codes);
        assertThat(refused.path("detail"), containsString("every bay is taken at " + com.promisevalidator.TestDates.say(0) + " 10:00 (UTC-3)"));

        // after the garage's hours: closed, not busy, said in the garage's own time
        String evening = at(0, "19:00");
        // the opening hours refuse it, not capacity taken meanwhile: the title says so too
        commit(id("C7-K3"), serviceCommit(id("C7-Q3"), garage, type, evening, 30)).statusCode(409)
                .body("title", equalTo("Promise cannot be kept"))
                .body("detail", containsString(garage + " is closed at " + com.promisevalidator.TestDates.say(0) + " 19:00 (UTC-3)"));
        // open at 17:50, but the 30-minute job would run past 18:00: said so, not "closed"
        String late = at(0, "17:50");
        commit(id("C7-K4"), serviceCommit(id("C7-Q4"), garage, type, late, 30)).statusCode(409)
                .body("title", equalTo("Promise cannot be kept"))
                .body("detail", containsString(garage + " is open at " + com.promisevalidator.TestDates.say(0) + " 17:50 (UTC-3), but the 30-minute job would end after it closes at 18:00"));

        // the refusal committed nothing: one promise holds the slot
        long holding = CommitTestSupport.promises(null).stream()
                .filter(m -> garage.equals(m.get("site")) && List.of("OPEN", "AT_RISK").contains(m.get("status"))).count();
        assertEquals(1, holding);
    }

    @Test
    void validateAndCommitJudgeTheAskedMinutesAgainstClosingAndBaysAlike() {
        // probe-C #2: 700 minutes asked in an 08:00-18:00 garage were approved and booked until 21:40
        String garage = id("C8-G"), type = id("C8-OIL");
        garage(garage, type, 2);
        String asked = service(id("C8-Q"), garage, type);
        String longAsk = asked.substring(0, asked.length() - 1) + ",\"startAt\":\"" + START + "\",\"promisedMinutes\":700}";
        JsonPath answer = validate(longAsk).extract().jsonPath();
        assertEquals("ALTERNATIVE", answer.getString("verdict"));
        assertEquals(List.of(true), answer.getList("reasons.findAll { it.code == 'NO_FREE_BAY' }.evidence.endsAfterClosing"));
        assertEquals(30, answer.getDouble("recommended.promisedMinutes"));
        commit(id("C8-K0"), serviceCommit(id("C8-Q0"), garage, type, START, 700)).statusCode(409)
                .body("detail", containsString("the 700-minute job would end after it closes at 18:00"));

        // 480 minutes from 10:00 end at 18:00: both bays are booked for them, never past closing
        String first = committed(id("C8-K1"), serviceCommit(id("C8-Q1"), garage, type, START, 480));
        assertEquals(instant(at(0, "18:00")), instant(promise(first).getString("holds.bayUntil")));
        committed(id("C8-K2"), serviceCommit(id("C8-Q2"), garage, type, START, 480));

        // a third: busy, in the answer and in the refusal alike
        String third = asked.substring(0, asked.length() - 1) + ",\"startAt\":\"" + START + "\",\"promisedMinutes\":480}";
        JsonPath busy = validate(third).extract().jsonPath();
        assertEquals("ALTERNATIVE", busy.getString("verdict"));
        assertEquals(List.of(false), busy.getList("reasons.findAll { it.code == 'NO_FREE_BAY' }.evidence.endsAfterClosing"));
        commit(id("C8-K3"), serviceCommit(id("C8-Q3"), garage, type, START, 480)).statusCode(409)
                .body("detail", containsString("every bay is taken at"));
    }

    // ---- reads and errors -------------------------------------------------------------------

    @Test
    void getOfAnUnknownPromiseIs404Problem() {
        assertProblem(given().when().get(PROMISES + "/" + id("NO-PROMISE")).then(), 404)
                .body("detail", containsString(id("NO-PROMISE")));
    }

    @Test
    void malformedCommitBodyIs400() {
        assertFieldProblem(commit(id("C-BAD-K1"), "{\"decisionId\":"), 400, "body");
        assertProblem(commit(id("C-BAD-K2"), "{}"), 400);
    }

    @Test
    void commitOfAnUnknownDecisionIdIs422NamingDecisionId() {
        assertFieldProblem(commit(id("C-UNK-K"), "{\"decisionId\":\"" + id("no-such-decision") + "\"}"), 422, "decisionId")
                .body("detail", containsString(id("no-such-decision")));
    }

    @Test
    void byDecisionIdNamingADateWithoutASiteIsA400AskingForTheSite() {
        String dc = id("C-NS-DC"), region = id("C-NS-R"), sku = id("C-NS-SKU");
        warehouse(dc, region, 100);
        stock(dc, sku, 10);
        String quote = delivery(id("C-NS-Q"), "alice", dc, region, sku, 1, FAR).replace("\"site\":\"" + dc + "\",", "");
        String decisionId = validate(quote).statusCode(200).extract().path("decisionId");
        assertFieldProblem(commit(id("C-NS-K"), "{\"decisionId\":\"" + decisionId + "\",\"promisedBy\":\"" + FAR + "\"}"), 400, "site")
                .body("errors[0].message", containsString("name a promise of this answer"))
                .body("errors[0].message", org.hamcrest.Matchers.not(containsString("or commit by decisionId")));
    }

    private static void assertThat(String actual, org.hamcrest.Matcher<String> matcher) {
        org.hamcrest.MatcherAssert.assertThat(actual, matcher);
    }
}
