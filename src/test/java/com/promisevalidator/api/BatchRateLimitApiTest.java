package com.promisevalidator.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Probe P12 M2: a validate-batch counted as one request, so one CRM key well under its rate limit filled the shared
 * decision log and every caller's validate got 503. A batch now costs its key one request per quote (test key "batcher":
 * burst 3, then one request per 5 s).
 */
@QuarkusTest
class BatchRateLimitApiTest {

    @Test
    void aBatchCostsItsKeyOneRequestPerQuoteAndTheKeyThenWaits() {
        StringBuilder quotes = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            quotes.append(i == 0 ? "" : ",").append("{\"type\":\"DELIVERY\",\"quoteId\":\"BRL-").append(i)
                    .append("\",\"site\":\"").append(ApiTestSupport.id("BRL-NONE")).append("\",\"region\":\"RJ\"}");
        }
        given().header("X-API-Key", "test-key-batcher").contentType(ContentType.JSON).body("{\"quotes\":[" + quotes + "]}")
                .when().post("/api/v1/promises/validate-batch").then().statusCode(200); // let through: the key had requests left

        // 5 quotes from a burst of 3: the key is in debt, its next request waits for the refill
        Response next = given().header("X-API-Key", "test-key-batcher").when().get("/api/v1/info");
        assertEquals(429, next.getStatusCode(), next.asString());
        assertTrue(Long.parseLong(next.header("Retry-After")) >= 5, next.header("Retry-After"));
    }
}
