package com.promisevalidator.api;

import static com.promisevalidator.api.ApiTestSupport.assertFieldProblem;
import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A list GET takes only the filters it declares, each once: a misspelt or extra filter, or a repeated one, is a 400
 * naming it, never an unfiltered (or half-filtered) list. Paging and the documented filters keep working.
 */
@QuarkusTest
class UnknownQueryParamsApiTest {

    @Test
    void anUnknownFilterIsA400NamingIt() {
        assertFieldProblem(get("/api/v1/decisions?verdicts=APPROVED").then(), 400, "verdicts")
                .body("errors.message", hasItem(containsString("verdict")));
        assertFieldProblem(get("/api/v1/promises?status=OPEN&rep=alice").then(), 400, "rep");
        assertFieldProblem(get("/api/v1/performance?by=rep&rep=bob").then(), 400, "rep");
        assertFieldProblem(get("/api/v1/history/outliers?limt=5").then(), 400, "limt");
    }

    /** Probe accept L1: a list without filters answered every webhook for ?active=false, every site for ?region=SP. */
    @Test
    void aRequestWithoutOptionsTakesNone() {
        assertFieldProblem(get("/api/v1/webhooks?active=false").then(), 400, "active")
                .body("errors.message", hasItem(containsString("it takes none")));
        assertFieldProblem(get("/api/v1/sites?region=SP").then(), 400, "region");
        get("/api/v1/sites?_=1765000000000").then().statusCode(200); // a browser library's cache-buster
        given().get("/q/openapi?format=json").then().statusCode(200); // not a resource of the API: its own options
    }

    @Test
    void aRepeatedFilterIsA400NamingIt() {
        assertFieldProblem(get("/api/v1/decisions?verdict=APPROVED&verdict=REJECTED").then(), 400, "verdict")
                .body("errors.message", hasItem(containsString("2 times")));
        assertFieldProblem(get("/api/v1/promises?status=OPEN&status=KEPT").then(), 400, "status");
    }

    @Test
    void documentedFiltersPagingAndTheApiDocsStillWork() {
        get("/api/v1/decisions?verdict=APPROVED&limit=5&offset=0").then().statusCode(200);
        get("/api/v1/promises?status=OPEN&limit=5&offset=0").then().statusCode(200);
        get("/api/v1/performance?by=site").then().statusCode(200);
        get("/api/v1/promises?status=OPEN&_=1765000000000").then().statusCode(200); // a browser library's cache-buster
        get("/api/v1/history/outliers?limit=5&offset=0").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
