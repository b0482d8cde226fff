package com.promisevalidator.api;

import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.CommitTestSupport.FAR;
import static com.promisevalidator.api.CommitTestSupport.PROMISES;
import static com.promisevalidator.api.CommitTestSupport.delivery;
import static com.promisevalidator.api.CommitTestSupport.stock;
import static com.promisevalidator.api.CommitTestSupport.stockOf;
import static com.promisevalidator.api.CommitTestSupport.validate;
import static com.promisevalidator.api.CommitTestSupport.warehouse;
import static com.promisevalidator.api.CommitTestSupport.withHold;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Probe P12 M1: one key could hold a site's whole days in seconds. A key has at most promise.holds.max-open-per-key holds
 * open (test keys "holder": 3, "holder2": 2); a hold over it is not taken and its answer says so (HOLD_LIMIT).
 */
@QuarkusTest
class HoldBoundApiTest {

    private static JsonPath validateAs(String key, String quote) {
        return given().header("X-API-Key", key).contentType(ContentType.JSON).body(quote)
                .when().post(PROMISES + "/validate").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aKeyHoldsAtMostItsBoundTheNextHoldSaysSoAndTakesNothing() {
        String dc = id("HB-DC"), region = id("HB-R"), sku = id("HB-SKU");
        warehouse(dc, region, 100);
        stock(dc, sku, 50);
        List<String> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JsonPath a = validateAs("test-key-holder", withHold(delivery(id("HB-Q" + i), "alice", dc, region, sku, 1, FAR)));
            assertEquals("HELD", a.getString("hold.status"), a.prettify());
            held.add(a.getString("hold.promiseId"));
        }
        JsonPath over = validateAs("test-key-holder", withHold(delivery(id("HB-Q3"), "alice", dc, region, sku, 1, FAR)));
        assertEquals("NOT_HELD", over.getString("hold.status"));
        assertEquals("HOLD_LIMIT", over.getString("hold.code"));
        assertNull(over.get("hold.promiseId"));
        assertTrue(over.getString("hold.message").contains("holds 3"), over.getString("hold.message"));
        assertEquals(3, stockOf(dc, sku).getInt("reserved"), "the refused hold took nothing");
        // the answer itself stands: its decision commits (with the hold's code in the recorded answer)
        given().header("X-API-Key", "test-key-holder").header("Idempotency-Key", id("HB-K3")).contentType(ContentType.JSON)
                .body("{\"decisionId\":\"" + over.getString("decisionId") + "\"}").when().post(PROMISES).then().statusCode(201);
        assertEquals(4, stockOf(dc, sku).getInt("reserved"));

        // another key's bound is its own
        assertEquals("HELD", validate(withHold(delivery(id("HB-Q4"), "alice", dc, region, sku, 1, FAR))).extract().path("hold.status"));

        // a hold given back makes room
        given().header("X-API-Key", "test-key-holder").when().delete(PROMISES + "/" + held.get(0)).then().statusCode(200);
        assertEquals("HELD", validateAs("test-key-holder", withHold(delivery(id("HB-Q5"), "alice", dc, region, sku, 1, FAR)))
                .getString("hold.status"));
    }

    @Test
    void aBatchsHoldsCountOneByOne() {
        String dc = id("HBB-DC"), region = id("HBB-R"), sku = id("HBB-SKU");
        warehouse(dc, region, 100);
        stock(dc, sku, 50);
        StringBuilder quotes = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            quotes.append(i == 0 ? "" : ",").append(withHold(delivery(id("HBB-Q" + i), "alice", dc, region, sku, 1, FAR)));
        }
        JsonPath batch = given().header("X-API-Key", "test-key-holder2").contentType(ContentType.JSON)
                .body("{\"quotes\":[" + quotes + "]}").when().post(PROMISES + "/validate-batch").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of("HELD", "HELD", "NOT_HELD", "NOT_HELD"), batch.getList("results.hold.status"));
        assertEquals("HOLD_LIMIT", batch.getString("results[3].hold.code"));
        assertEquals(2, stockOf(dc, sku).getInt("reserved"));
    }
}
