package com.promisevalidator.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.security.SecureRandom;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Shared by the REST API tests. Every code the tests create (site, region, SKU, reference, service
 * type) carries {@link #SUFFIX}, random per test run, so the suite can run again against a persistent
 * database that already holds data from earlier runs.
 */
final class ApiTestSupport {

    static final String SUFFIX = randomSuffix();
    static final String PROBLEM_JSON = "application/problem+json";
    static final String CSV_HEADER = "kind,reference,site,region,serviceType,rep,orderedAt,promisedBy,completedAt,promisedMinutes,actualMinutes,quantity";

    /** Why the full JSON-error contract tests are disabled (see the report). */

    private ApiTestSupport() {
    }

    private static String randomSuffix() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6; i++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        return sb.toString();
    }

    /** A code unique to this test run, e.g. {@code SP-K3X9QA}. */
    static String id(String base) {
        return base + "-" + SUFFIX;
    }

    static ValidatableResponse putJson(String path, String json) {
        return given().contentType(ContentType.JSON).body(json).when().put(path).then();
    }

    static ValidatableResponse postJson(String path, String json) {
        return given().contentType(ContentType.JSON).body(json).when().post(path).then();
    }

    static ValidatableResponse postCsv(String csv) {
        return given().contentType("text/csv").body(csv).when().post("/api/v1/history/import").then();
    }

    /** An RFC 9457 problem with the given status. */
    static ValidatableResponse assertProblem(ValidatableResponse r, int status) {
        return r.statusCode(status)
                .header("Content-Type", startsWith(PROBLEM_JSON))
                .body("status", equalTo(status))
                .body("title", org.hamcrest.Matchers.notNullValue());
    }

    /** A 400/422 problem whose {@code errors} list names {@code field}. */
    static ValidatableResponse assertFieldProblem(ValidatableResponse r, int status, String field) {
        return assertProblem(r, status).body("errors.field", hasItem(field));
    }

    static void createSite(String code, String json) {
        putJson("/api/v1/sites/" + code, json).statusCode(200);
    }
}
