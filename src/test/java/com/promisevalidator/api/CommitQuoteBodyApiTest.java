package com.promisevalidator.api;

import static com.promisevalidator.TestDates.at;
import static com.promisevalidator.TestDates.date;
import static com.promisevalidator.TestDates.day;
import static com.promisevalidator.api.ApiTestSupport.assertFieldProblem;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.CommitTestSupport.DISPATCH_DAY;
import static com.promisevalidator.api.CommitTestSupport.FAR;
import static com.promisevalidator.api.CommitTestSupport.PROMISES;
import static com.promisevalidator.api.CommitTestSupport.commit;
import static com.promisevalidator.api.CommitTestSupport.delivery;
import static com.promisevalidator.api.CommitTestSupport.garage;
import static com.promisevalidator.api.CommitTestSupport.serviceCommit;
import static com.promisevalidator.api.CommitTestSupport.promise;
import static com.promisevalidator.api.CommitTestSupport.service;
import static com.promisevalidator.api.CommitTestSupport.stock;
import static com.promisevalidator.api.CommitTestSupport.stockOf;
import static com.promisevalidator.api.CommitTestSupport.validate;
import static com.promisevalidator.api.CommitTestSupport.warehouse;
import static com.promisevalidator.api.CommitTestSupport.withHold;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.promisevalidator.TestClock;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * POST /api/v1/promises with the quote body validate takes (PRODUCT.md): its promisedBy, or startAt and
 * promisedMinutes, is the chosen promise and must be given; 201 with Location. And the times in
 * commitment answers: an offset, to the second.
 */
@QuarkusTest
class CommitQuoteBodyApiTest {

    /** 2026-12-08T10:00:01-03:00: seconds, an offset, no fraction. */
    private static final Pattern SECONDS_WITH_OFFSET = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(Z|[+-]\\d{2}:\\d{2})");

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @Test
    void aDeliveryQuoteBodyWithPromisedByCommitsThatDateWith201AndLocation() {
        String dc = id("QB1-DC"), region = id("QB1-R"), sku = id("QB1-SKU");
        warehouse(dc, region, 100);
        stock(dc, sku, 10);

        ExtractableResponse<Response> r = commit(id("QB1-K"), delivery(id("QB1-Q"), "alice", dc, region, sku, 4, FAR))
                .statusCode(201).extract();
        String promiseId = r.path("promiseId");
        assertNotNull(promiseId);
        assertEquals(PROMISES + "/" + promiseId, java.net.URI.create(r.header("Location")).getPath());
        assertEquals("OPEN", r.path("status"));

        JsonPath p = promise(promiseId);
        assertEquals(FAR, p.getString("promisedBy"));
        assertEquals(dc, p.getString("site"));
        assertEquals(id("QB1-Q"), p.getString("quoteId"));
        assertEquals(DISPATCH_DAY, p.getString("holds.dispatchDay"));
        assertEquals(4, stockOf(dc, sku).getInt("reserved"));
    }

    /** docs1 L4: a job committed without a start was booked at the clock's fraction of a second and shown without it. */
    @Test
    void aServiceCommittedWithoutAStartIsBookedAtTheSecondItShows() {
        String g = id("QB20-G"), type = id("QB20-OIL");
        garage(g, type, 1);
        TestClock.advance(Duration.ofMillis(490)); // 10:00:00.49
        String promiseId = commit(id("QB20-K"), "{\"quote\":" + service(id("QB20-Q"), g, type) + ",\"promisedMinutes\":30}")
                .statusCode(201).extract().path("promiseId");
        JsonPath p = promise(promiseId);
        OffsetDateTime start = OffsetDateTime.parse(p.getString("startAt"));
        assertEquals(OffsetDateTime.parse(at(0, "10:00:01")).toInstant(), start.toInstant(), "the next whole second: " + p.prettify());
        assertEquals(start.toInstant(), OffsetDateTime.parse(p.getString("holds.bayFrom")).toInstant());
        TestClock.advance(Duration.ofMinutes(5));
        given().contentType("application/json").body("{\"completedAt\":\"" + start.plusSeconds(210) + "\"}").when()
                .post(PROMISES + "/" + promiseId + "/outcome").then().statusCode(200).body("actualMinutes", equalTo(3.5f));
    }

    /** docs1 L2: a SKU the site never stocked read "cannot deliver this order within the planning horizon any more". */
    @Test
    void aQuoteBodyThatNeverHeldIsNotToldItsCapacityWentAway() {
        String dc = id("QB9-DC"), other = id("QB9-DC2"), region = id("QB9-R"), sku = id("QB9-SKU");
        warehouse(dc, region, 100); // never stocks the SKU another site has: its line can never be served here
        warehouse(other, id("QB9-R2"), 100);
        stock(other, sku, 10);
        assertEquals("REJECTED", validate(delivery(id("QB9-Q0"), "alice", dc, region, sku, 1, FAR)).extract().path("verdict"));
        commit(id("QB9-K"), delivery(id("QB9-Q"), "alice", dc, region, sku, 1, FAR)).statusCode(409)
                .body("detail", containsString("cannot deliver this order within the planning horizon"))
                .body("detail", not(containsString("any more")));
        assertEquals(0, stockOf(other, sku).getInt("reserved"));
        // the same key replays the refusal, naming the request it answers (docs1 L3: the body named the first one's id)
        given().header("X-Request-Id", "qb9-retry").header("Idempotency-Key", id("QB9-K")).contentType("application/json")
                .body(delivery(id("QB9-Q"), "alice", dc, region, sku, 1, FAR)).when().post(PROMISES).then().statusCode(409)
                .header("X-Request-Id", equalTo("qb9-retry")).body("requestId", equalTo("qb9-retry"));
    }

    @Test
    void theSameQuoteBodyAndKeyAgainReplaysTheFirstPromise() {
        String dc = id("QB2-DC"), region = id("QB2-R"), sku = id("QB2-SKU");
        warehouse(dc, region, 100);
        stock(dc, sku, 10);
        String body = delivery(id("QB2-Q"), "alice", dc, region, sku, 2, FAR);
        String first = commit(id("QB2-K"), body).statusCode(201).extract().path("promiseId");
        String again = commit(id("QB2-K"), body).statusCode(201).header("Location", "/api/v1/promises/" + first) // probe api L2
                .extract().path("promiseId");
        assertEquals(first, again);
        assertEquals(2, stockOf(dc, sku).getInt("reserved")); // booked once
    }

    @Test
    void aServiceQuoteBodyWithStartAtAndPromisedMinutesBooksItsBay() {
        String g = id("QB3-G"), type = id("QB3-OIL");
        garage(g, type, 1);
        String body = withMembers(service(id("QB3-Q"), g, type), "\"startAt\":\"" + at(0, "11:00") + "\",\"promisedMinutes\":30");
        String promiseId = commit(id("QB3-K"), body).statusCode(201).extract().path("promiseId");
        JsonPath p = promise(promiseId);
        assertEquals("SERVICE", p.getString("type"));
        assertEquals(30, p.getInt("promisedMinutes"));
        assertEquals(OffsetDateTime.parse(at(0, "11:00")).toInstant(), OffsetDateTime.parse(p.getString("holds.bayFrom")).toInstant());
    }

    @Test
    void aServiceWhoseStartHasPassedIs422NamingStartAtAndBooksNoBay() {
        String g = id("QB9-G"), type = id("QB9-OIL");
        garage(g, type, 1);
        String past = withMembers(service(id("QB9-Q"), g, type), "\"startAt\":\"" + at(-3, "11:00") + "\",\"promisedMinutes\":30");
        // both times as the garage's clocks show them, with their offset (the anchor is 10:00 at -03:00), not in UTC
        assertFieldProblem(commit(id("QB9-K"), past), 422, "startAt").body("detail", containsString("has passed"))
                .body("detail", containsString("startAt " + at(-3, "11:00") + " has passed (now is " + at(0, "10:00") + " at " + g + ")"));
        // a start asked in another offset is said in the garage's time too
        String lisbon = withMembers(service(id("QB9-Q3"), g, type), "\"startAt\":\"" + day(-3) + "T14:00:00Z\",\"promisedMinutes\":30");
        assertFieldProblem(commit(id("QB9-K3"), lisbon), 422, "startAt").body("detail", containsString("startAt " + at(-3, "11:00") + " has passed"));
        // the bay was not taken: a start to come at the same hour books it
        String later = withMembers(service(id("QB9-Q2"), g, type), "\"startAt\":\"" + at(0, "11:00") + "\",\"promisedMinutes\":30");
        commit(id("QB9-K2"), later).statusCode(201);
    }

    @Test
    void aDecisionWhoseAskedStartPassedStillCommitsTheLaterStartItRecommended() {
        String g = id("QB12-G"), type = id("QB12-OIL");
        garage(g, type, 1);
        String first = commit(id("QB12-K1"), withMembers(service(id("QB12-Q1"), g, type), "\"startAt\":\"" + at(0, "10:00") + "\",\"promisedMinutes\":30"))
                .statusCode(201).extract().path("promiseId");
        // the bay is held as long as the type's minutes are estimated (30 as asked, or more from the other services' standards
        // as they turned out: the data other tests left), so the next free start is read from it, not assumed
        java.time.Instant free = OffsetDateTime.parse(promise(first).getString("holds.bayUntil")).toInstant();
        // 10:00 is taken: the answer recommends the bay's next free start; the customer decides a quarter of an hour later
        String decision = CommitTestSupport.validate(withMembers(service(id("QB12-Q2"), g, type), "\"startAt\":\"" + at(0, "10:00") + "\",\"promisedMinutes\":30"))
                .extract().path("decisionId");
        TestClock.advance(Duration.ofMinutes(15));
        String promiseId = commit(id("QB12-K2"), "{\"decisionId\":\"" + decision + "\"}").statusCode(201).extract().path("promiseId");
        assertTrue(free.isAfter(OffsetDateTime.parse(at(0, "10:15")).toInstant()), "a start that has passed by the commit: " + free);
        assertEquals(free, OffsetDateTime.parse(promise(promiseId).getString("holds.bayFrom")).toInstant());
    }

    /**
     * Probe I2-3: with the day's one order taken, a second commit of the same date left a day later over a lane that takes
     * 2 days, so no delivery ever came that fast: it was booked at confidence 0 (and never flagged at risk). Now 409 with
     * what holds now.
     */
    @Test
    void aDateNoDeliveryCouldMeetAfterTheDayWasTakenIs409() {
        String dc = id("QB13-DC"), region = id("QB13-R"), sku = id("QB13-SKU");
        warehouse(dc, region, 1);
        stock(dc, sku, 10);
        String first = delivery(id("QB13-Q1"), "alice", dc, region, sku, 1, date(2)), second = delivery(id("QB13-Q2"), "alice", dc, region, sku, 1, date(2));
        commit(id("QB13-K1"), first).statusCode(201);
        commit(id("QB13-K2"), second).statusCode(409).body("detail", containsString("no delivery to " + region + " has ever arrived by " + com.promisevalidator.TestDates.say(2)))
                // the day was taken, which moved the dispatch: capacity gone (probes contract3 M4, multi M2), the day said
                .body("title", org.hamcrest.Matchers.equalTo("Capacity gone")).body("detail", containsString(" is full, so "))
                .body("recommended.promisedBy", org.hamcrest.Matchers.notNullValue());
        assertEquals(1, stockOf(dc, sku).getInt("reserved"));
    }

    /**
     * Probe P6 M5: a service promise no job like it ever met (10 minutes where the plan is 30 and nothing has been shorter) was
     * booked at a chance of 0; a delivery of that kind was refused. Now both are 409 with what holds now, and no bay is held.
     */
    @Test
    void minutesNoJobEverMetAre409AndHoldNoBay() {
        String g = id("QB14-G"), type = id("QB14-OIL");
        garage(g, type, 1);
        commit(id("QB14-K1"), serviceCommit(id("QB14-Q1"), g, type, at(1, "10:00"), 10)).statusCode(409)
                .body("detail", containsString("no " + type + " at " + g + " has ever taken 10 minutes or less")).body("title", org.hamcrest.Matchers.equalTo("Promise cannot be kept"))
                .body("recommended.promisedMinutes", org.hamcrest.Matchers.notNullValue());
        commit(id("QB14-K2"), serviceCommit(id("QB14-Q2"), g, type, at(1, "10:00"), 30)).statusCode(201); // the bay was free
    }

    @Test
    void anOrderPlacedInTheFutureIs422NamingOrderedAtAndReservesNothing() {
        String dc = id("QB10-DC"), region = id("QB10-R"), sku = id("QB10-SKU");
        warehouse(dc, region, 100);
        stock(dc, sku, 10);
        String body = delivery(id("QB10-Q"), "alice", dc, region, sku, 4, FAR).replace(CommitTestSupport.ORDERED_AT, at(3, "10:00"));
        assertFieldProblem(commit(id("QB10-K"), body), 422, "orderedAt").body("detail", containsString("future"));
        assertEquals(0, stockOf(dc, sku).getInt("reserved"));
    }

    @Test
    void twoCallersUsingTheSameIdempotencyKeyEachGetTheirOwnPromise() {
        String dc = id("QB11-DC"), region = id("QB11-R"), sku = id("QB11-SKU"), key = id("QB11-K");
        warehouse(dc, region, 100);
        stock(dc, sku, 10);
        String crmBody = delivery(id("QB11-Q"), "carol", dc, region, sku, 3, FAR), aliceBody = delivery(id("QB11-Q"), "alice", dc, region, sku, 3, FAR);
        String crms = given().header("X-API-Key", "test-key-crm").header("Idempotency-Key", key).contentType("application/json").body(crmBody)
                .post(PROMISES).then().statusCode(201).extract().path("promiseId");
        // the same key from a rep: not the CRM's promise replayed (nor refused as "a different body"), a promise of its own
        String alices = given().header("X-API-Key", "test-key-alice").header("Idempotency-Key", key).contentType("application/json").body(aliceBody)
                .post(PROMISES).then().statusCode(201).body("rep", equalTo("alice")).extract().path("promiseId");
        assertNotEquals(crms, alices);
        assertEquals(6, stockOf(dc, sku).getInt("reserved"));
        // and each caller's retry still replays its own
        given().header("X-API-Key", "test-key-alice").header("Idempotency-Key", key).contentType("application/json").body(aliceBody)
                .post(PROMISES).then().statusCode(201).body("promiseId", equalTo(alices));
        given().header("X-API-Key", "test-key-crm").header("Idempotency-Key", key).contentType("application/json").body(crmBody)
                .post(PROMISES).then().statusCode(201).body("promiseId", equalTo(crms));
    }

    @Test
    void aDeliveryQuoteBodyWithoutPromisedByIs400NamingItAndBooksNothing() {
        String dc = id("QB4-DC"), region = id("QB4-R"), sku = id("QB4-SKU");
        warehouse(dc, region, 100);
        stock(dc, sku, 10);
        assertFieldProblem(commit(id("QB4-K"), delivery(id("QB4-Q"), "alice", dc, region, sku, 4, null)), 400, "promisedBy")
                .body("errors.message", hasItem(containsString("decisionId")));
        assertEquals(0, stockOf(dc, sku).getInt("reserved"));
        // nothing was claimed: the key still works once the promise is given
        commit(id("QB4-K"), delivery(id("QB4-Q"), "alice", dc, region, sku, 4, FAR)).statusCode(201);
    }

    @Test
    void aServiceQuoteBodyWithoutItsMinutesIs400NamingThem() {
        String g = id("QB5-G"), type = id("QB5-OIL");
        garage(g, type, 1);
        var r = commit(id("QB5-K"), service(id("QB5-Q"), g, type));
        assertFieldProblem(r, 400, "promisedMinutes").body("errors.field", not(hasItem("startAt")));
    }

    /** Probe contract3 M4: on a lane with no delivery on record the refusal says so, not that no delivery "ever arrived". */
    @Test
    void aDateThePlanCannotMeetAfterTheDayWasTakenSaysItRestsOnThePlan() {
        String dc = id("QB13P-DC"), region = id("QB13P-R"), sku = id("QB13P-SKU");
        ApiTestSupport.createSite(dc, """
                {"name":"No history DC","timeZone":"America/Sao_Paulo","cutoff":"14:00",
                 "workingDays":["MON","TUE","WED","THU","FRI"],"dailyCapacity":{"orders":1}}""");
        ApiTestSupport.putJson("/api/v1/sites/" + dc + "/lanes/" + region, "{\"transitDays\":2}").statusCode(200);
        stock(dc, sku, 10);
        String by = validate(delivery(id("QB13P-Q0"), "alice", dc, region, sku, 1, null)).statusCode(200).extract().path("recommended.promisedBy");
        commit(id("QB13P-K1"), delivery(id("QB13P-Q1"), "alice", dc, region, sku, 1, by)).statusCode(201);
        commit(id("QB13P-K2"), delivery(id("QB13P-Q2"), "alice", dc, region, sku, 1, by)).statusCode(409)
                .body("detail", containsString("with no delivery to " + region + " on record yet"))
                .body("detail", not(containsString("has ever arrived")));
    }

    /** Probe contract3 M3: a date already past is the caller's input error, not capacity gone (409). */
    @Test
    void aDeliveryQuoteBodyForADayPastIs422NamingPromisedByAndBooksNothing() {
        String dc = id("QB4P-DC"), region = id("QB4P-R"), sku = id("QB4P-SKU");
        warehouse(dc, region, 100);
        stock(dc, sku, 10);
        assertFieldProblem(commit(id("QB4P-K"), delivery(id("QB4P-Q"), "alice", dc, region, sku, 1, date(-1))), 422, "promisedBy")
                .body("detail", containsString("has passed"));
        assertEquals(0, stockOf(dc, sku).getInt("reserved"));
    }

    /** Validate takes a service quote without a start (the first free one); so does its commit, booking the minutes there. */
    @Test
    void aServiceQuoteBodyWithMinutesAndNoStartIsBookedAtTheFirstFreeStart() {
        String g = id("QB5S-G"), type = id("QB5S-OIL");
        garage(g, type, 1); // standard 30 minutes, no history
        String quote = service(id("QB5S-Q"), g, type);
        String body = quote.substring(0, quote.length() - 1) + ",\"promisedMinutes\":45}";
        String firstFree = validate(body).statusCode(200).extract().path("recommended.startAt");
        var p = promise(commit(id("QB5S-K"), body).statusCode(201).extract().path("promiseId"));
        assertEquals(45, p.getInt("promisedMinutes"), "the minutes asked are the promise");
        assertEquals(java.time.OffsetDateTime.parse(firstFree).toInstant(), java.time.OffsetDateTime.parse(p.getString("startAt")).toInstant());
    }

    @Test
    void aQuoteBodyWithAMisspeltFieldIs400NamingIt() {
        String body = "{\"type\":\"DELIVERY\",\"region\":\"X\",\"promisedby\":\"" + FAR + "\"}";
        assertFieldProblem(commit(id("QB6-K"), body), 400, "promisedby");
    }

    @Test
    void aQuoteBodyWithABadTypeIs400NamingType() {
        assertFieldProblem(commit(id("QB7-K"), "{\"type\":\"PARCEL\",\"promisedBy\":\"" + FAR + "\"}"), 400, "type");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyTimeInACommitAnswerHasAnOffsetAndSecondsButNoFraction() {
        String dc = id("QB8-DC"), region = id("QB8-R"), sku = id("QB8-SKU");
        String g = id("QB8-G"), type = id("QB8-OIL");
        warehouse(dc, region, 100);
        stock(dc, sku, 10);
        garage(g, type, 1);
        TestClock.advance(Duration.ofNanos(1_234_567_891)); // "now" with a fraction of a second
        // no orderedAt: placed now, so orderedAt, createdAt and updatedAt all come from the clock
        String quote = """
                {"type":"DELIVERY","quoteId":"%s","rep":"alice","site":"%s","region":"%s","lines":[{"sku":"%s","quantity":1}],
                 "promisedBy":"%s"}""".formatted(id("QB8-Q"), dc, region, sku, FAR);
        Map<String, Object> delivery = commit(id("QB8-K1"), quote).statusCode(201).extract().as(Map.class);
        String slot = withMembers(service(id("QB8-S"), g, type), "\"startAt\":\"" + at(0, "15:00") + "\",\"promisedMinutes\":30");
        Map<String, Object> bay = commit(id("QB8-K2"), slot).statusCode(201).extract().as(Map.class);
        JsonPath answer = validate(withHold(delivery(id("QB8-H"), "alice", dc, region, sku, 1, FAR))).extract().jsonPath();
        assertEquals("HELD", answer.getString("hold.status"));
        Map<String, Object> held = given().when().get(PROMISES + "/" + answer.getString("hold.promiseId")).then().statusCode(200)
                .extract().as(Map.class);
        assertTrue(held.containsKey("holdExpiresAt"));
        assertEquals(held.get("holdExpiresAt"), answer.getString("hold.expiresAt")); // the same moment, in the site's offset
        assertTrue(SECONDS_WITH_OFFSET.matcher(answer.getString("hold.expiresAt")).matches(), answer.getString("hold.expiresAt"));

        List<String> times = new ArrayList<>();
        for (Map<String, Object> a : List.of(delivery, bay, held)) collectTimes(a, "", times);
        assertTrue(times.size() >= 10, "times found: " + times);
        for (String t : times) {
            String value = t.substring(t.indexOf('=') + 1);
            assertTrue(SECONDS_WITH_OFFSET.matcher(value).matches(), t + " is not an offset time to the second");
        }
        assertEquals(OffsetDateTime.parse((String) delivery.get("createdAt")).toInstant(),
                TestClock.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    /** Every member whose name ends in At, From or Until, as "path=value". */
    @SuppressWarnings("unchecked")
    private static void collectTimes(Object node, String path, List<String> out) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String name = String.valueOf(e.getKey());
                if (e.getValue() instanceof String s && (name.endsWith("At") || name.endsWith("From") || name.endsWith("Until"))) {
                    out.add(path + name + "=" + s);
                } else {
                    collectTimes(e.getValue(), path + name + ".", out);
                }
            }
        } else if (node instanceof List<?> l) {
            for (Object o : l) collectTimes(o, path, out);
        }
    }

    private static String withMembers(String json, String members) {
        return json.substring(0, json.lastIndexOf('}')) + "," + members + "}";
    }
}
