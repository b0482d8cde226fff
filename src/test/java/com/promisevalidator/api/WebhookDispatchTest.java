package com.promisevalidator.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.promisevalidator.common.PromiseEvent;
import com.promisevalidator.db.Database;
import com.promisevalidator.webhooks.service.Dispatcher;
import com.promisevalidator.webhooks.service.SecretBox;
import com.promisevalidator.webhooks.service.UrlPolicy;
import com.promisevalidator.webhooks.service.WebhookConfig;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Several instances on one database: two more dispatchers (as two other instances would run) compete with the
 * service's own for the same outbox; every event is sent exactly once and, per promise, in the order it happened.
 * The events are fired as the commitment code fires them, inside a transaction.
 */
@QuarkusTest
class WebhookDispatchTest {

    @Inject
    Database db;
    @Inject
    WebhookConfig config;
    @Inject
    SecretBox secrets;
    @Inject
    UrlPolicy urls;

    @Test
    void threeDispatchersOnOneDatabaseSendEachEventOnceInOrderPerPromise() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String sub = given().header("X-API-Key", WebhookApiTest.CRM).contentType(ContentType.JSON)
                    .body("{\"url\":\"" + receiver.url() + "\",\"events\":[\"AT_RISK\",\"CANCELLED\",\"KEPT\"]}")
                    .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
            Dispatcher a = new Dispatcher(db, config, secrets, urls, Clock.systemUTC(), "test-a");
            Dispatcher b = new Dispatcher(db, config, secrets, urls, Clock.systemUTC(), "test-b");
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                String run = ApiTestSupport.SUFFIX;
                List<String> steps = List.of("AT_RISK", "KEPT", "CANCELLED");
                int promises = 12;
                for (String status : steps) {
                    for (int p = 0; p < promises; p++) {
                        String id = "WHD-" + run + "-" + p;
                        db.inTransaction(c -> {
                            PromiseEvent.fire(c, id, status, Instant.now(), () -> Map.of("promiseId", id, "status", status));
                            return null;
                        });
                    }
                }
                int events = promises * steps.size();
                passUntil(pool, receiver, events, 90, a, b);
                Thread.sleep(500); // anything sent twice would have arrived by now

                Map<String, Integer> perEvent = new LinkedHashMap<>();
                Map<String, List<String>> perPromise = new LinkedHashMap<>();
                for (WebhookReceiver.Received r : receiver.received) {
                    JsonPath body = JsonPath.from(r.body());
                    perEvent.merge(body.getString("id"), 1, Integer::sum);
                    perPromise.computeIfAbsent(body.getString("promise.promiseId"), k -> new ArrayList<>()).add(body.getString("type"));
                }
                assertEquals(events, receiver.received.size(), "every event sent, none twice");
                assertEquals(events, perEvent.size());
                assertTrue(perEvent.values().stream().allMatch(n -> n == 1), "each event once: " + perEvent);
                assertEquals(promises, perPromise.size());
                perPromise.forEach((p, types) -> assertEquals(steps, types, "promise " + p + " in order"));
                System.out.printf("webhook sends: dispatcher a %d, b %d, the service's own %d%n", a.sent(), b.sent(),
                        events - a.sent() - b.sent());
            } finally {
                pool.shutdownNow();
                a.shutdown();
                b.shutdown();
                given().delete("/api/v1/webhooks/" + sub).then().statusCode(204);
            }
        }
    }

    @Test
    void aSlowReceiverGetsEachEventOnceThoughTheLeasesAreShorterThanTheBacklog() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.delayMillis.set(400);
            String sub = given().header("X-API-Key", WebhookApiTest.CRM).contentType(ContentType.JSON)
                    .body("{\"url\":\"" + receiver.url() + "\",\"events\":[\"AT_RISK\"]}")
                    .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
            // a lease of 1 s, 4 senders and 400 ms a send: 24 rows claimed at once would take 2.4 s, their leases running out
            WebhookConfig shortLease = (WebhookConfig) java.lang.reflect.Proxy.newProxyInstance(WebhookConfig.class.getClassLoader(),
                    new Class<?>[] {WebhookConfig.class},
                    (proxy, m, args) -> m.getName().equals("lease") ? java.time.Duration.ofSeconds(1) : m.invoke(config, args));
            Dispatcher a = new Dispatcher(db, shortLease, secrets, urls, Clock.systemUTC(), "slow-a");
            Dispatcher b = new Dispatcher(db, shortLease, secrets, urls, Clock.systemUTC(), "slow-b");
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                int events = 24;
                for (int p = 0; p < events; p++) {
                    String id = "WHS-" + ApiTestSupport.SUFFIX + "-" + p;
                    db.inTransaction(c -> {
                        PromiseEvent.fire(c, id, "AT_RISK", Instant.now(), () -> Map.of("promiseId", id, "status", "AT_RISK"));
                        return null;
                    });
                }
                passUntil(pool, receiver, events, 60, a, b);
                Thread.sleep(1500); // a second send of a row whose lease ran out would have arrived by now
                Map<String, Integer> perEvent = new LinkedHashMap<>();
                for (WebhookReceiver.Received r : receiver.received) perEvent.merge(JsonPath.from(r.body()).getString("id"), 1, Integer::sum);
                assertEquals(events, perEvent.size(), "every event sent");
                assertTrue(perEvent.values().stream().allMatch(n -> n == 1), "each event once: " + perEvent);
            } finally {
                pool.shutdownNow();
                a.shutdown();
                b.shutdown();
                given().delete("/api/v1/webhooks/" + sub).then().statusCode(204);
            }
        }
    }

    /** Runs the dispatchers' passes side by side, as instances would, until the receiver has {@code events} posts or time is up. */
    private static void passUntil(ExecutorService pool, WebhookReceiver receiver, int events, int seconds, Dispatcher... dispatchers)
            throws Exception {
        List<Future<?>> loops = new ArrayList<>();
        for (Dispatcher d : dispatchers) {
            loops.add(pool.submit(() -> {
                long deadline = System.currentTimeMillis() + seconds * 1000L;
                while (receiver.received.size() < events && System.currentTimeMillis() < deadline) {
                    if (d.pass() == 0) Thread.sleep(20);
                }
                return null;
            }));
        }
        for (Future<?> f : loops) f.get();
    }
}
