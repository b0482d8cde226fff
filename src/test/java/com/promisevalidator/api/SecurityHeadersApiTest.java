package com.promisevalidator.api;

import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.CommitTestSupport.FAR;
import static com.promisevalidator.api.CommitTestSupport.PROMISES;
import static com.promisevalidator.api.CommitTestSupport.commit;
import static com.promisevalidator.api.CommitTestSupport.delivery;
import static com.promisevalidator.api.CommitTestSupport.stock;
import static com.promisevalidator.api.CommitTestSupport.validate;
import static com.promisevalidator.api.CommitTestSupport.warehouse;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Probe P12 L1, L4, L5: hardening headers on every answer, a relative Location, an idle timeout on connections. */
@QuarkusTest
class SecurityHeadersApiTest {

    @Test
    void thePageTheApiAndTheirErrorsMayNotBeFramedNorSniffed() {
        List<Response> answers = List.of(
                given().when().get("/"),                                        // the rep's page
                given().when().get("/app.js"),
                given().when().get("/api/v1/info"),                             // the API
                given().header("X-API-Key", "nope-nope-nope").when().get("/api/v1/info")); // a 401
        for (Response r : answers) {
            String what = r.getStatusCode() + " " + r.getContentType();
            assertEquals("DENY", r.header("X-Frame-Options"), what);
            assertEquals("frame-ancestors 'none'", r.header("Content-Security-Policy"), what);
            assertEquals("nosniff", r.header("X-Content-Type-Options"), what);
            assertEquals("no-referrer", r.header("Referrer-Policy"), what);
        }
        assertEquals(200, answers.get(0).getStatusCode(), "the page is still served");
        assertEquals(401, answers.get(3).getStatusCode());
    }

    @Test
    void aCommitsLocationIsTheRelativePathTheReadmeNames() {
        String dc = id("SEC-DC"), region = id("SEC-R"), sku = id("SEC-SKU");
        warehouse(dc, region, 100);
        stock(dc, sku, 10);
        String decision = validate(delivery(id("SEC-Q"), "alice", dc, region, sku, 1, FAR)).extract().path("decisionId");
        Response r = commit(id("SEC-K"), "{\"decisionId\":\"" + decision + "\"}").statusCode(201).extract().response();
        assertEquals(PROMISES + "/" + r.path("promiseId"), r.header("Location"));

        Response hook = given().header("X-API-Key", "test-key-crm").contentType(io.restassured.http.ContentType.JSON)
                .body("{\"url\":\"http://localhost:9/sh\",\"events\":[\"KEPT\"]}").when().post("/api/v1/webhooks")
                .then().statusCode(201).extract().response();
        assertEquals("/api/v1/webhooks/" + hook.path("id"), hook.header("Location"));
        given().header("X-API-Key", "test-key-crm").when().delete("/api/v1/webhooks/" + hook.path("id")).then().statusCode(204);
    }

    @Test
    void idleConnectionsAreClosedWithinMinutesNotHalfAnHour() {
        Duration idle = ConfigProvider.getConfig().getValue("quarkus.http.idle-timeout", Duration.class);
        assertTrue(idle.compareTo(Duration.ofMinutes(2)) <= 0, "quarkus.http.idle-timeout " + idle);
    }
}
