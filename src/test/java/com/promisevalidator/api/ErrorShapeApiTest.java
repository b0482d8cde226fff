package com.promisevalidator.api;

import static com.promisevalidator.api.ApiTestSupport.assertFieldProblem;
import static com.promisevalidator.api.ApiTestSupport.assertProblem;
import static com.promisevalidator.api.ApiTestSupport.createSite;
import static com.promisevalidator.api.ApiTestSupport.id;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Errors written for the caller: problem+json everywhere, parameters named, no Java in sight; one timestamp format. */
@QuarkusTest
class ErrorShapeApiTest {

    /** Anything that looks like Java leaking: a package-qualified name, a Java type, a stack frame. */
    private static final String JAVA = "(?s).*(java\\.|com\\.promisevalidator|jakarta\\.|Exception|Integer|ArrayList|LinkedHashMap|`|\\bat [a-z]+\\.).*";

    @Test
    void aWrongMethodIs405WithAllow() {
        assertProblem(given().when().put("/api/v1/promises/validate").then(), 405)
                .header("Allow", allOf(containsString("POST")))
                .body("detail", containsString("PUT"));
        assertProblem(given().when().patch("/api/v1/rules").then(), 405).header("Allow", containsString("GET"));
        // GET and DELETE would match /promises/{id}: still the validation endpoint's 405, not "no promise 'validate'"
        assertProblem(given().when().get("/api/v1/promises/validate").then(), 405).header("Allow", equalTo("OPTIONS, POST"));
        assertProblem(given().when().delete("/api/v1/promises/validate-batch").then(), 405).header("Allow", equalTo("OPTIONS, POST"));
        // a method no resource has: the Allow of the path JAX-RS would choose (literal beats {param}), not of every template
        assertProblem(given().when().patch("/api/v1/promises/validate").then(), 405).header("Allow", equalTo("OPTIONS, POST"))
                .body("detail", containsString("allowed: OPTIONS, POST."));
        assertProblem(given().when().put("/api/v1/history/outliers").then(), 405).header("Allow", equalTo("GET, HEAD, OPTIONS"));
        assertProblem(given().when().patch("/api/v1/promises/" + java.util.UUID.randomUUID()).then(), 405)
                .header("Allow", equalTo("DELETE, GET, HEAD, OPTIONS"));
        assertProblem(given().when().delete("/api/v1/sites/ANY-SITE/services/ANY-TYPE").then(), 405)
                .header("Allow", equalTo("GET, HEAD, OPTIONS, PUT"));
    }

    @Test
    void unknownPathsAre404Problems() {
        assertProblem(given().when().get("/api/v1/nothing-here").then(), 404);
        assertProblem(given().when().get("/no/such/page").then(), 404).body("detail", containsString("/no/such/page"));
    }

    @Test
    void badQueryParametersAre400NamingThem() {
        assertFieldProblem(given().when().get("/api/v1/promises?limit=abc").then(), 400, "limit");
        assertFieldProblem(given().when().get("/api/v1/promises?status=FOO").then(), 400, "status");
        assertFieldProblem(given().when().get("/api/v1/decisions?from=notadate").then(), 400, "from");
        assertFieldProblem(given().when().get("/api/v1/decisions?limit=abc").then(), 400, "limit");
        assertFieldProblem(given().when().get("/api/v1/history/outliers?limit=abc").then(), 400, "limit");
        assertFieldProblem(given().when().get("/api/v1/history/outliers?offset=-1").then(), 400, "offset");
        assertFieldProblem(given().contentType("text/csv").body(ApiTestSupport.CSV_HEADER + "\n")
                .when().post("/api/v1/history/import?replace=maybe").then(), 400, "replace");
        assertFieldProblem(given().when().get("/api/v1/performance?by=rep&from=notadate").then(), 400, "from");
    }

    @Test
    void jacksonMessagesNeverNameJavaTypes() {
        String[] bodies = {
                "{\"type\":\"DELIVERY\",\"region\":\"RJ\",\"lines\":{\"sku\":\"A\"}}",
                "{\"type\":\"DELIVERY\",\"region\":\"RJ\",\"lines\":[{\"sku\":\"A\",\"quantity\":\"many\"}]}",
                "{\"type\":\"DELIVERY\",\"region\":\"RJ\",\"lines\":[[1]]}",
                "{\"type\":\"DELIVERY\",\"region\":\"RJ\",\"confidence\":{}}",
                "{\"type\":\"DELIVERY\",\"region\":[\"RJ\"]}",
                "{\"type\":\"DELIVERY\",\"promisedBy\":\"tomorrow\"}",
                "[1,2]",
                "\"text\"",
                "{\"type\":",
        };
        for (String body : bodies) {
            String answer = given().contentType(ContentType.JSON).body(body).when().post("/api/v1/promises/validate").then()
                    .statusCode(400).contentType(ApiTestSupport.PROBLEM_JSON).extract().asString();
            org.junit.jupiter.api.Assertions.assertFalse(answer.matches(JAVA), () -> body + " -> " + answer);
        }
        given().contentType(ContentType.JSON).body("{\"type\":\"DELIVERY\",\"region\":\"RJ\",\"lines\":[{\"sku\":\"A\",\"quantity\":\"many\"}]}")
                .when().post("/api/v1/promises/validate").then().statusCode(400)
                .body("errors[0].field", equalTo("lines[0].quantity")).body("errors[0].message", containsString("whole number"));
    }

    @Test
    void aWrongContentTypeIs415SayingWhatToSend() {
        assertProblem(given().contentType("text/plain").body("hello").when().post("/api/v1/promises/validate").then(), 415)
                .body("detail", containsString("application/json"));
    }

    @Test
    void timestampsHaveAnOffsetAndSecondsOnly() {
        String site = id("TS");
        createSite(site, "{\"name\":\"T\",\"timeZone\":\"America/Sao_Paulo\",\"cutoff\":\"14:00\",\"workingDays\":[\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\",\"SAT\",\"SUN\"],\"dailyCapacity\":{\"orders\":50}}");
        ApiTestSupport.putJson("/api/v1/sites/" + site + "/lanes/RJ", "{\"transitDays\":2}").statusCode(200);
        String seconds = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(Z|[+-]\\d{2}:\\d{2})";
        String decision = given().contentType(ContentType.JSON).body("{\"type\":\"DELIVERY\",\"site\":\"" + site + "\",\"region\":\"RJ\"}")
                .when().post("/api/v1/promises/validate").then().statusCode(200)
                .body("evaluatedAt", matchesPattern(seconds)).extract().path("decisionId");
        given().when().get("/api/v1/decisions/" + decision).then().statusCode(200).body("evaluatedAt", matchesPattern(seconds));
        given().when().get("/api/v1/rules").then().statusCode(200).body("loadedAt", matchesPattern(seconds));
    }

    @Test
    void serverSideProblemsNeverShowTheExceptionClass() {
        // an id no promise can have goes through the same mapper as any other miss
        assertProblem(given().when().get("/api/v1/promises/" + "x".repeat(300)).then(), 404).body("detail", not(matchesPattern(JAVA)));
    }
}
