package com.promisevalidator.api;

import static com.promisevalidator.api.ApiTestSupport.assertFieldProblem;
import static com.promisevalidator.api.ApiTestSupport.assertProblem;
import static com.promisevalidator.api.ApiTestSupport.createSite;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.putJson;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.promisevalidator.TestClock;
import com.promisevalidator.TestDates;
import com.promisevalidator.commitment.service.AtRiskMonitor;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Webhooks end to end with a real local receiver: a crm key subscribes, a stock drop makes a promise AT_RISK
 * and the receiver gets it signed; while the receiver is down, events wait and are retried with backoff
 * (promise.webhooks.backoff-* are milliseconds in the test profile) and arrive in order per promise once it
 * is back; the delivery log shows the attempts.
 */
@QuarkusTest
class WebhookApiTest {

    static final String CRM = "test-key-crm";

    @Inject
    AtRiskMonitor monitor;

    private final List<String> subscriptions = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        TestClock.reset();
        for (String s : subscriptions) given().delete("/api/v1/webhooks/" + s); // admin may delete any
    }

    static RequestSpecification crm() {
        return given().header("X-API-Key", CRM);
    }

    private JsonPath subscribe(String url, String events) {
        JsonPath v = crm().contentType(ContentType.JSON).body("{\"url\":\"" + url + "\",\"events\":" + events + "}")
                .post("/api/v1/webhooks").then().statusCode(201)
                .header("Location", containsString("/api/v1/webhooks/"))
                .body("secret", startsWith("whsec_")).body("owner", equalTo("test-crm")).extract().jsonPath();
        subscriptions.add(v.getString("id"));
        return v;
    }

    /** A site with stock for three promises of 10 units each, committed now. */
    private List<String> threePromises(String tag) {
        String dc = id(tag + "-DC"), region = id(tag + "-R"), sku = id(tag + "-SKU");
        createSite(dc, """
                {"name":"Hook DC","timeZone":"America/Sao_Paulo",
                 "workingDays":["MON","TUE","WED","THU","FRI","SAT","SUN"],"dailyCapacity":{"orders":1000}}""");
        putJson("/api/v1/sites/" + dc + "/lanes/" + region, "{\"transitDays\":2}").statusCode(200);
        putJson("/api/v1/sites/" + dc + "/stock/" + sku, "{\"onHand\":30}").statusCode(200);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String body = """
                    {"quote":{"type":"DELIVERY","rep":"alice","site":"%s","region":"%s","lines":[{"sku":"%s","quantity":10}],
                              "confidence":0.5},"promisedBy":"%s"}""".formatted(dc, region, sku, TestDates.date(40));
            ids.add(crm().contentType(ContentType.JSON).header("Idempotency-Key", id(tag + "-K" + i)).body(body)
                    .post("/api/v1/promises").then().statusCode(201).extract().path("promiseId"));
        }
        monitor.recheckAll();
        ids.add(0, dc + "|" + sku); // where the stock is, for the caller to drop it
        return ids;
    }

    private void dropStock(String where, int onHand) {
        String[] w = where.split("\\|");
        putJson("/api/v1/sites/" + w[0] + "/stock/" + w[1], "{\"onHand\":" + onHand + "}").statusCode(200);
        TestClock.advance(Duration.ofMinutes(1)); // the monitor re-checks promises checked before the change
        monitor.recheckAll();
    }

    @Test
    void aSignedAtRiskEventReachesTheReceiverAfterStockDrops() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonPath sub = subscribe(receiver.url(), "[\"AT_RISK\",\"CANCELLED\"]");
            String secret = sub.getString("secret");
            List<String> ids = threePromises("WH1");
            String where = ids.remove(0);

            dropStock(where, 15); // one promise covered, two short
            assertTrue(WebhookReceiver.await(90, () -> receiver.accepted().size() >= 2), "two AT_RISK deliveries arrive");

            List<String> atRisk = new ArrayList<>();
            for (WebhookReceiver.Received r : receiver.accepted()) {
                assertTrue(WebhookReceiver.signedBy(secret, r), "signature verifies: " + r.signature());
                assertTrue(!WebhookReceiver.signedBy("whsec_wrong", r), "a wrong secret does not verify");
                JsonPath body = JsonPath.from(r.body());
                assertEquals("AT_RISK", body.getString("type"));
                assertEquals("AT_RISK", body.getString("promise.status"));
                assertEquals("STOCK_SHORT", body.getString("promise.atRisk.code"));
                assertTrue(body.getString("occurredAt").endsWith("Z"), body.getString("occurredAt"));
                atRisk.add(body.getString("promise.promiseId"));
            }
            assertTrue(ids.containsAll(atRisk), "events are about this test's promises: " + atRisk);
            assertEquals(2, atRisk.stream().distinct().count());

            // a re-check that finds them still at risk announces nothing new
            TestClock.advance(Duration.ofMinutes(1));
            monitor.recheckAll();
            Thread.sleep(600);
            assertEquals(2, receiver.received.size());

            // the log: delivered once each, nothing waiting; no secret in the listing
            crm().get("/api/v1/webhooks/" + sub.getString("id") + "/deliveries").then().statusCode(200)
                    .body("backlog", equalTo(0)).body("deliveries.size()", equalTo(2))
                    .body("deliveries.status", not(hasItem("PENDING"))).body("deliveries[0].attempts", equalTo(1))
                    .body("deliveries[0].lastStatus", equalTo(200)).body("deliveries[0].deliveredAt", notNullValue());
            crm().get("/api/v1/webhooks").then().statusCode(200)
                    .body("find { it.id == '" + sub.getString("id") + "' }.secret", nullValue())
                    .body("find { it.id == '" + sub.getString("id") + "' }.events", equalTo(List.of("AT_RISK", "CANCELLED")));
        }
    }

    /** Probe P11: an AT_RISK promise back to OPEN was silent; RECOVERED tells it, only to subscriptions that name it. */
    @Test
    void anAtRiskPromiseBackToOpenIsRecoveredForThoseWhoAskOnly() throws Exception {
        try (WebhookReceiver asks = new WebhookReceiver(); WebhookReceiver older = new WebhookReceiver()) {
            subscribe(asks.url(), "[\"AT_RISK\",\"RECOVERED\"]");
            subscribe(older.url(), "[\"AT_RISK\"]");
            List<String> ids = threePromises("WHR");
            String where = ids.remove(0);
            dropStock(where, 15); // two promises short
            assertTrue(WebhookReceiver.await(90, () -> asks.accepted().size() >= 2 && older.accepted().size() >= 2), "AT_RISK to both");

            dropStock(where, 30); // counted again: both covered
            assertTrue(WebhookReceiver.await(90, () -> asks.accepted().size() >= 4), "RECOVERED arrives");
            List<String> recovered = new ArrayList<>();
            for (WebhookReceiver.Received r : asks.accepted().subList(2, 4)) {
                JsonPath body = JsonPath.from(r.body());
                assertEquals("RECOVERED", body.getString("type"));
                assertEquals("OPEN", body.getString("promise.status"));
                recovered.add(body.getString("promise.promiseId"));
            }
            assertTrue(ids.containsAll(recovered), "events are about this test's promises: " + recovered);
            Thread.sleep(600);
            assertEquals(2, older.received.size(), "a subscription without RECOVERED is told nothing new");
        }
    }

    @Test
    void whileTheReceiverIsDownEventsWaitAndArriveInOrderOnceItIsBack() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonPath sub = subscribe(receiver.url(), "[\"AT_RISK\",\"CANCELLED\",\"KEPT\",\"BROKEN\"]");
            String secret = sub.getString("secret");
            List<String> ids = threePromises("WH2");
            String where = ids.remove(0);

            receiver.answer.set(503); // down
            dropStock(where, 0); // all three AT_RISK
            for (String id : ids) crm().delete("/api/v1/promises/" + id).then().statusCode(200); // then CANCELLED

            // several attempts fail, with the backoff visible in the log
            assertTrue(WebhookReceiver.await(90, () -> receiver.received.size() >= 6), "retried while down");
            JsonPath log = crm().get("/api/v1/webhooks/" + sub.getString("id") + "/deliveries").then().statusCode(200).extract().jsonPath();
            assertEquals(6, log.getInt("backlog"));
            List<Map<String, Object>> pending = log.getList("deliveries");
            assertTrue(pending.stream().anyMatch(d -> ((Integer) d.get("attempts")) >= 1 && Integer.valueOf(503).equals(d.get("lastStatus"))
                    && d.get("nextAttemptAt") != null), "attempts and next attempt shown: " + pending);
            // in order per promise: a CANCELLED is never tried before its promise's AT_RISK is accepted
            for (WebhookReceiver.Received r : receiver.received) assertEquals("AT_RISK", JsonPath.from(r.body()).getString("type"));

            receiver.answer.set(200); // back
            assertTrue(WebhookReceiver.await(90, () -> receiver.accepted().size() >= 6), "every event arrives after the backoff");
            Thread.sleep(500);
            List<WebhookReceiver.Received> got = receiver.accepted();
            assertEquals(6, got.size(), "each event accepted once");
            for (String id : ids) {
                List<String> types = got.stream().map(r -> JsonPath.from(r.body()))
                        .filter(b -> id.equals(b.getString("promise.promiseId"))).map(b -> b.getString("type")).toList();
                assertEquals(List.of("AT_RISK", "CANCELLED"), types, "promise " + id + " in order");
            }
            for (WebhookReceiver.Received r : got) assertTrue(WebhookReceiver.signedBy(secret, r));
            crm().get("/api/v1/webhooks/" + sub.getString("id") + "/deliveries").then().statusCode(200)
                    .body("backlog", equalTo(0)).body("deliveries.status", not(hasItem("PENDING")));
        }
    }

    @Test
    void aBadSubscriptionIsRefusedNamingTheField() {
        assertFieldProblem(crm().contentType(ContentType.JSON).body("{\"url\":\"ftp://example.com/x\",\"events\":[\"KEPT\"]}")
                .post("/api/v1/webhooks").then(), 400, "url");
        assertFieldProblem(crm().contentType(ContentType.JSON).body("{\"url\":\"http://10.1.2.3/x\",\"events\":[\"KEPT\"]}")
                .post("/api/v1/webhooks").then(), 400, "url");
        assertFieldProblem(crm().contentType(ContentType.JSON).body("{\"url\":\"http://169.254.169.254/latest\",\"events\":[\"KEPT\"]}")
                .post("/api/v1/webhooks").then(), 400, "url");
        assertFieldProblem(crm().contentType(ContentType.JSON).body("{\"url\":\"http://127.0.0.1:9/x\",\"events\":[]}")
                .post("/api/v1/webhooks").then(), 400, "events");
        assertProblem(crm().contentType(ContentType.JSON).body("{\"url\":\"http://127.0.0.1:9/x\",\"events\":[\"SOON\"]}")
                .post("/api/v1/webhooks").then(), 400);
        assertProblem(crm().contentType(ContentType.JSON).body("{\"url\":\"http://127.0.0.1:9/x\",\"events\":[\"KEPT\"],\"extra\":1}")
                .post("/api/v1/webhooks").then(), 400);
        // a rep key may not subscribe; another crm key's subscription is unknown to it
        assertProblem(given().header("X-API-Key", "test-key-alice").contentType(ContentType.JSON)
                .body("{\"url\":\"http://127.0.0.1:9/x\",\"events\":[\"KEPT\"]}").post("/api/v1/webhooks").then(), 403);
        String id = given().contentType(ContentType.JSON).body("{\"url\":\"http://127.0.0.1:9/x\",\"events\":[\"KEPT\"]}")
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id"); // admin's
        subscriptions.add(id);
        assertProblem(crm().get("/api/v1/webhooks/" + id + "/deliveries").then(), 404);
        assertProblem(crm().delete("/api/v1/webhooks/" + id).then(), 404);
        assertProblem(given().get("/api/v1/webhooks/" + id + "/deliveries?limit=abc").then(), 400);
        given().delete("/api/v1/webhooks/" + id).then().statusCode(204);
        assertProblem(given().delete("/api/v1/webhooks/" + id).then(), 404);
    }
}
