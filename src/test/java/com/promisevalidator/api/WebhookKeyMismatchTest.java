package com.promisevalidator.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import com.promisevalidator.common.PromiseEvent;
import com.promisevalidator.db.Database;
import com.promisevalidator.webhooks.service.Dispatcher;
import com.promisevalidator.webhooks.service.SecretBox;
import com.promisevalidator.webhooks.service.UrlPolicy;
import com.promisevalidator.webhooks.service.WebhookConfig;
import com.promisevalidator.webhooks.service.WebhookSecretsHealthCheck;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A replica started with another PROMISE_WEBHOOK_SECRET_KEY on the same database: it leaves the deliveries whose
 * secret it cannot open to the instances that can (no attempt counted, no backoff), and its health says so.
 */
@QuarkusTest
class WebhookKeyMismatchTest {

    @Inject
    Database db;
    @Inject
    WebhookConfig config;
    @Inject
    UrlPolicy urls;
    @Inject
    SecretBox secrets;

    private static JsonPath deliveries(String sub) {
        return given().header("X-API-Key", WebhookApiTest.CRM).get("/api/v1/webhooks/" + sub + "/deliveries")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aReplicaWithAnotherKeyLeavesTheDeliveryToOneThatOpensTheSecret() throws Exception {
        WebhookConfig otherKey = (WebhookConfig) java.lang.reflect.Proxy.newProxyInstance(WebhookConfig.class.getClassLoader(),
                new Class<?>[] {WebhookConfig.class}, (proxy, m, args) -> m.getName().equals("secretKey")
                        ? Optional.of("ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=") : m.invoke(config, args));
        SecretBox wrongBox = new SecretBox(otherKey);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String sub = given().header("X-API-Key", WebhookApiTest.CRM).contentType(ContentType.JSON)
                    .body("{\"url\":\"" + receiver.url() + "\",\"events\":[\"CANCELLED\"]}")
                    .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
            Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));
            Dispatcher wrong = new Dispatcher(db, config, wrongBox, urls, ahead, "wrong-key");
            Dispatcher right = new Dispatcher(db, config, secrets, urls, ahead, "right-key");
            try {
                HealthCheckResponse health = new WebhookSecretsHealthCheck(db, wrongBox).call();
                assertEquals(HealthCheckResponse.Status.DOWN, health.getStatus(), "the wrong-key replica's health shows it");
                given().get("/q/health/well").then().statusCode(200).body("checks.name", hasItem("webhook-secrets"));

                // the event is due an hour ahead, so only the two dispatchers of this test (clocks two hours ahead) see it,
                // not the service's own: the wrong-key one passes first, then one with the service's key
                String id = "WHK-" + ApiTestSupport.SUFFIX;
                db.inTransaction(c -> {
                    PromiseEvent.fire(c, id, "CANCELLED", Instant.now(), () -> Map.of("promiseId", id, "status", "CANCELLED"));
                    try (var ps = c.prepareStatement("update webhook_delivery set next_attempt_at = ? where subscription_id = ?")) {
                        ps.setTimestamp(1, java.sql.Timestamp.from(Instant.now().plus(Duration.ofHours(1))));
                        ps.setString(2, sub);
                        ps.executeUpdate();
                    }
                    return null;
                });
                // rows of other tests' subscriptions may be due too (more than a batch): only this one's are asserted, and
                // the rows a replica left are skipped by its next passes, so it reaches this one
                for (int i = 0; i < 100 && deliveries(sub).getString("deliveries[0].lastError") == null; i++) wrong.pass();
                JsonPath left = deliveries(sub);
                assertEquals("PENDING", left.getString("deliveries[0].status"));
                assertEquals(0, left.getInt("deliveries[0].attempts"), "no attempt counted");
                assertTrue(left.getString("deliveries[0].lastError").contains("cannot decrypt a webhook secret"), left.getString("deliveries[0].lastError"));
                assertTrue(wrong.leftBehind() >= 1, "the wrong-key replica claimed the delivery and left it");
                assertEquals(0, wrong.sent());

                for (int i = 0; i < 100 && receiver.received.isEmpty(); i++) right.pass();
                assertEquals(1, receiver.received.size(), "still due at once (no backoff): the instance whose key opens the secret sent it");
                JsonPath sent = deliveries(sub);
                assertEquals("DELIVERED", sent.getString("deliveries[0].status"));
                assertEquals(1, sent.getInt("deliveries[0].attempts"), "the replica that could not open the secret used no attempt");
            } finally {
                wrong.shutdown();
                right.shutdown();
                given().delete("/api/v1/webhooks/" + sub).then().statusCode(204);
            }
        }
    }
}
