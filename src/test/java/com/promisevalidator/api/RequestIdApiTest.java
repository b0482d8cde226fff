package com.promisevalidator.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import com.promisevalidator.access.AdminKeyByDefault;

import io.quarkus.test.junit.QuarkusTest;

/** X-Request-Id on every response: the caller's when sane, else generated; in problem bodies too. */
@QuarkusTest
class RequestIdApiTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void theCallersIdIsEchoed() {
        given().header("X-Request-Id", "crm-42.a:b_c").when().get("/api/v1/info").then()
                .statusCode(200).header("X-Request-Id", equalTo("crm-42.a:b_c"));
    }

    @Test
    void withoutOneAnIdIsMadeAndEachRequestGetsItsOwn() {
        String a = given().when().get("/api/v1/info").then().statusCode(200).header("X-Request-Id", matchesPattern(UUID)).extract().header("X-Request-Id");
        given().when().get("/api/v1/info").then().header("X-Request-Id", not(equalTo(a)));
    }

    @Test
    void anInsaneIdIsReplacedNotEchoed() {
        given().header("X-Request-Id", "x".repeat(129)).when().get("/api/v1/info").then()
                .statusCode(200).header("X-Request-Id", matchesPattern(UUID));
        given().header("X-Request-Id", "a b;<script>").when().get("/api/v1/info").then()
                .statusCode(200).header("X-Request-Id", matchesPattern(UUID));
    }

    @Test
    void problemsCarryTheIdInHeaderAndBody() {
        given().header("X-Request-Id", "bad-body-1").contentType("application/json").body("{\"type\":").when()
                .post("/api/v1/promises/validate").then()
                .statusCode(400).header("X-Request-Id", equalTo("bad-body-1")).body("requestId", equalTo("bad-body-1"));
        // answered before REST: authentication
        given().header(AdminKeyByDefault.HEADER, AdminKeyByDefault.NO_KEY).header("X-Request-Id", "no-key-1").when()
                .get("/api/v1/promises").then()
                .statusCode(401).header("X-Request-Id", equalTo("no-key-1")).body("requestId", equalTo("no-key-1"));
        // a path nothing serves
        given().header("X-Request-Id", "nowhere-1").when().get("/nowhere").then()
                .statusCode(404).header("X-Request-Id", equalTo("nowhere-1")).body("requestId", equalTo("nowhere-1"));
    }

    @Test
    void publicEndpointsCarryItToo() {
        given().when().get("/q/health/live").then().statusCode(200).header("X-Request-Id", matchesPattern(UUID));
    }
}
