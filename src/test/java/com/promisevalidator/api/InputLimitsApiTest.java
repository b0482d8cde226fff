package com.promisevalidator.api;

import static com.promisevalidator.api.ApiTestSupport.assertFieldProblem;
import static com.promisevalidator.api.ApiTestSupport.assertProblem;
import static com.promisevalidator.api.ApiTestSupport.createSite;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.postJson;
import static com.promisevalidator.api.ApiTestSupport.putJson;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import java.time.LocalDate;
import java.util.List;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.promisevalidator.common.Limits;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Every field has one limit, checked at the edge: too long, too large, out of range, unknown or of
 * the wrong type is a 400 problem naming the field, never a 500 from the database. Dates are
 * relative to now.
 */
@QuarkusTest
class InputLimitsApiTest {

    static final String DC = id("L-DC");
    static final String REGION = id("L-RJ");
    static final String SKU = id("L-SKU");
    static final String VALIDATE = "/api/v1/promises/validate";
    private static boolean ready;

    @BeforeEach
    void fixture() {
        if (ready) return;
        createSite(DC, """
                {"name":"Limits DC","timeZone":"America/Sao_Paulo","cutoff":"14:00","dailyCapacity":{"orders":100}}""");
        putJson("/api/v1/sites/" + DC + "/lanes/" + REGION, "{\"transitDays\":2}").statusCode(200);
        putJson("/api/v1/sites/" + DC + "/stock/" + SKU, "{\"onHand\":50}").statusCode(200);
        ready = true;
    }

    private static String quote(String extra) {
        return """
                {"type":"DELIVERY","rep":"alice","site":"%s","region":"%s","lines":[{"sku":"%s","quantity":2}],
                 "promisedBy":"%s"%s}""".formatted(DC, REGION, SKU, LocalDate.now(com.promisevalidator.TestClock.UTC).plusDays(20), extra);
    }

    private static String text(int n) {
        return "x".repeat(n);
    }

    @Test
    void aWellFormedQuoteAtTheLimitsIsAnswered() {
        postJson(VALIDATE, quote(",\"customer\":\"" + text(Limits.CUSTOMER) + "\",\"quoteId\":\"" + text(Limits.QUOTE_ID) + "\""))
                .statusCode(200);
    }

    @Test
    void aOneMegabyteCustomerIsA400NamingIt() {
        String big = text(1_000_000 - 10);
        assertFieldProblem(postJson(VALIDATE, quote(",\"customer\":\"" + big + "\"")), 400, "customer")
                .body("errors.message", hasItem("is longer than " + Limits.CUSTOMER + " characters"));
        // the same quote to commit: refused before anything is booked
        assertFieldProblem(given().contentType(ContentType.JSON).header("Idempotency-Key", id("L-K1"))
                .body("{\"quote\":" + quote(",\"customer\":\"" + big + "\"") + "}").post("/api/v1/promises").then(), 400, "quote.customer");
    }

    @Test
    void everyTextFieldOfAQuoteHasItsColumnsLimit() {
        assertFieldProblem(postJson(VALIDATE, quote(",\"quoteId\":\"" + text(Limits.QUOTE_ID + 1) + "\"")), 400, "quoteId");
        assertFieldProblem(postJson(VALIDATE, quote(",\"customer\":\"" + text(Limits.CUSTOMER + 1) + "\"")), 400, "customer");
        assertFieldProblem(postJson(VALIDATE, quote("").replace("\"rep\":\"alice\"", "\"rep\":\"" + text(Limits.REP + 1) + "\"")), 400, "rep");
        assertFieldProblem(postJson(VALIDATE, quote("").replace(REGION, text(Limits.CODE + 1))), 400, "region");
        assertFieldProblem(postJson(VALIDATE, quote("").replace(SKU, text(Limits.SKU + 1))), 400, "lines[0].sku");
    }

    /** A region no import or lane could hold (a space, '/', a leading sign) would be stored with the promise: refused. */
    @Test
    void aRegionThatIsNoCodeIsA400NamingIt() {
        for (String bad : List.of("R J", "R/J", "-RJ", "$$")) {
            assertFieldProblem(postJson(VALIDATE, quote("").replace(REGION, bad)), 400, "region");
            assertFieldProblem(given().contentType(ContentType.JSON).header("Idempotency-Key", id("L-K2"))
                    .body("{\"quote\":" + quote("").replace(REGION, bad) + "}").post("/api/v1/promises").then(), 400, "quote.region");
        }
        // any script's letters are a code: a new region is promised from the fallbacks
        postJson(VALIDATE, quote("").replace(REGION, id("SÃO-Ü"))).statusCode(200);
    }

    @Test
    void numbersOutOfRangeAreNamed() {
        assertFieldProblem(postJson(VALIDATE, quote("").replace("\"quantity\":2", "\"quantity\":" + (Limits.MAX_UNITS + 1))), 400,
                "lines[0].quantity");
        // beyond a 32-bit integer: the parser's range error, still naming the field
        assertFieldProblem(postJson(VALIDATE, quote("").replace("\"quantity\":2", "\"quantity\":99999999999999999999")), 400,
                "lines[0].quantity");
        assertFieldProblem(postJson(VALIDATE, quote(",\"confidence\":1.5")), 400, "confidence");
        assertFieldProblem(postJson(VALIDATE, quote(",\"confidence\":0")), 400, "confidence");
        assertFieldProblem(postJson(VALIDATE, quote(",\"confidence\":1e400")), 400, "confidence");
        assertFieldProblem(postJson(VALIDATE, quote("").replace("\"promisedBy\":\"" + LocalDate.now(com.promisevalidator.TestClock.UTC).plusDays(20),
                "\"promisedBy\":\"+99999-01-01")), 400, "promisedBy");
        assertFieldProblem(postJson(VALIDATE, """
                {"type":"SERVICE","site":"%s","serviceType":"OIL","startAt":"%s","promisedMinutes":%d}"""
                .formatted(DC, OffsetDateTime.now(ZoneOffset.UTC).plusDays(3).withNano(0), Limits.MAX_PROMISED_MINUTES + 1)), 400,
                "promisedMinutes");
    }

    @Test
    void masterDataHasLimitsToo() {
        assertFieldProblem(putJson("/api/v1/sites/" + DC + "/stock/" + SKU, "{\"onHand\":" + (Limits.MAX_UNITS + 1) + "}"), 400, "onHand");
        assertFieldProblem(putJson("/api/v1/sites/" + DC + "/stock/" + SKU,
                "{\"onHand\":1,\"inbound\":[{\"quantity\":" + (Limits.MAX_UNITS + 1) + ",\"arrives\":\"" + LocalDate.now(com.promisevalidator.TestClock.UTC).plusDays(3) + "\"}]}"),
                400, "inbound[0].quantity");
        assertFieldProblem(putJson("/api/v1/sites/" + id("L-BIG"), """
                {"name":"%s","timeZone":"UTC"}""".formatted(text(Limits.SITE_NAME + 1))), 400, "name");
        assertFieldProblem(putJson("/api/v1/sites/" + id("L-BIG"), """
                {"timeZone":"UTC","dailyCapacity":{"orders":%d}}""".formatted(Limits.MAX_UNITS + 1)), 400, "dailyCapacity.orders");
        assertFieldProblem(putJson("/api/v1/sites/" + id("L-BIG"), """
                {"timeZone":"UTC","holidays":["+999999999-12-31"]}"""), 400, "holidays[0]");
        assertFieldProblem(putJson("/api/v1/sites/" + DC + "/stock/" + SKU, "{\"onHand\":1,\"inbound\":[{\"quantity\":1,\"arrives\":\"+999999-01-01\"}]}"),
                400, "inbound[0].arrives");
        assertFieldProblem(putJson("/api/v1/sites/" + DC + "/lanes/" + REGION, "{\"transitDays\":100000}"), 400, "transitDays");
        assertFieldProblem(putJson("/api/v1/sites/" + DC + "/services/OIL", """
                {"bays":100000,"openingHours":"08:00-18:00","standardMinutes":20}"""), 400, "bays");
        // nothing of it was stored
        given().get("/api/v1/sites/" + id("L-BIG")).then().statusCode(404);
        given().get("/api/v1/sites/" + DC + "/stock/" + SKU).then().statusCode(200).body("onHand", org.hamcrest.Matchers.equalTo(50));
    }

    @Test
    void unknownFieldsAreA400NamingThem() {
        // a CRM misspelling promisedBy must not get an unchecked approval
        assertFieldProblem(postJson(VALIDATE, quote(",\"promisedby\":\"2026-01-01\"")), 400, "promisedby")
                .body("detail", containsString("unknown field 'promisedby'"));
        assertFieldProblem(postJson(VALIDATE, quote("").replace("\"quantity\":2", "\"quantity\":2,\"qty\":3")), 400, "lines[0].qty");
        assertFieldProblem(putJson("/api/v1/sites/" + DC + "/stock/" + SKU, "{\"onHand\":5,\"onhand\":6}"), 400, "onhand");
        assertFieldProblem(putJson("/api/v1/sites/" + DC + "/lanes/" + REGION, "{\"transitDays\":2,\"transit\":1}"), 400, "transit");
        assertFieldProblem(given().contentType(ContentType.JSON).header("Idempotency-Key", id("L-K2"))
                .body("{\"decisionId\":\"x\",\"decisionID\":\"y\"}").post("/api/v1/promises").then(), 400, "decisionID");
        assertFieldProblem(postJson("/api/v1/promises/validate-batch", "{\"quotes\":[],\"extra\":1}"), 400, "extra");
    }

    @Test
    void wrongTypesDatesWithTimesAndFieldsGivenTwiceAre400s() {
        // text fields do not take numbers or booleans as codes
        assertFieldProblem(postJson(VALIDATE, quote("").replace("\"site\":\"" + DC + "\"", "\"site\":5")), 400, "site")
                .body("errors[0].message", containsString("string"));
        assertFieldProblem(postJson(VALIDATE, quote(",\"customer\":true")), 400, "customer");
        assertFieldProblem(postJson(VALIDATE, quote("").replace("\"region\":\"" + REGION + "\"", "\"region\":12")), 400, "region");
        // promisedBy is a date: a timestamp there is refused, not cut to its day
        assertFieldProblem(postJson(VALIDATE, quote("").replaceAll("\"promisedBy\":\"([0-9-]+)\"", "\"promisedBy\":\"$1T10:00:00Z\"")),
                400, "promisedBy");
        // a field given twice: refused, whichever would have won
        assertProblem(postJson(VALIDATE, quote(",\"site\":\"" + DC + "\"")), 400).body("detail", containsString("Duplicate field 'site'"));
        // Jackson's own switches are not named to a caller
        assertProblem(postJson(VALIDATE, "{\"type\":\"DELIVERY\" /* note */}"), 400)
                .body("detail", org.hamcrest.Matchers.not(containsString("Feature")));
    }

    @Test
    void aSiteNameWithHalfASurrogatePairIsRefusedAndAWholePairIsKept() {
        String code = id("L-SUR");
        assertFieldProblem(putJson("/api/v1/sites/" + code, "{\"name\":\"a\\ud800b\",\"timeZone\":\"UTC\"}"), 400, "name")
                .body("errors[0].message", containsString("unpaired surrogate"));
        given().get("/api/v1/sites/" + code).then().statusCode(404);
        putJson("/api/v1/sites/" + code, "{\"name\":\"Depot \\ud83d\\ude9a\",\"timeZone\":\"UTC\"}").statusCode(200);
        given().get("/api/v1/sites/" + code).then().statusCode(200).body("name", org.hamcrest.Matchers.equalTo("Depot \ud83d\ude9a"));
    }

    @Test
    void malformedAndAbsurdDocumentsAre400s() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertProblem(postJson(VALIDATE, "{\"type\":\"DELIVERY\",\"lines\":" + deep + "}"), 400);
        // the batch reads the whole tree first: the parser's nesting limit stops it
        assertFieldProblem(postJson("/api/v1/promises/validate-batch", "{\"quotes\":" + deep + "}"), 400, "body")
                .body("detail", containsString("nesting"));
        assertProblem(postJson(VALIDATE, "{\"type\":\"DELIVERY\",\"confidence\":0." + "9".repeat(5000) + "}"), 400);
        assertProblem(postJson(VALIDATE, quote("") + " {}"), 400);
        assertProblem(postJson(VALIDATE, "{\"type\":\"DELIVERY\""), 400);
        assertFieldProblem(postJson(VALIDATE, quote("").replace("\"lines\":[", "\"lines\":{\"a\":[").replace("}],", "}]},")), 400, "lines");
    }

    @Test
    void badQueryParametersAre400sNamingThem() {
        assertFieldProblem(given().get("/api/v1/promises?limit=abc").then(), 400, "limit");
        assertFieldProblem(given().get("/api/v1/promises?limit=99999999999").then(), 400, "limit");
        assertFieldProblem(given().get("/api/v1/promises?offset=-1").then(), 400, "offset");
        assertFieldProblem(given().get("/api/v1/performance?by=rep&from=+999999999-01-01").then(), 400, "from");
    }
}
