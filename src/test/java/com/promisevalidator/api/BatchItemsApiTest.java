package com.promisevalidator.api;

import static com.promisevalidator.api.ApiTestSupport.assertFieldProblem;
import static com.promisevalidator.api.ApiTestSupport.assertProblem;
import static com.promisevalidator.api.ApiTestSupport.createSite;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.postJson;
import static com.promisevalidator.api.ApiTestSupport.putJson;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * validate-batch answers per quote: a bad quote gets its own problem object in its place
 * ({"quoteId","status","title","detail","errors"}), the others are answered, and the batch is 200
 * unless the body as a whole is bad.
 */
@QuarkusTest
class BatchItemsApiTest {

    static final String BATCH = "/api/v1/promises/validate-batch";

    @Test
    void eachBadQuoteGetsItsProblemInPlaceAndTheOthersAreAnswered() {
        String dc = id("BI-DC"), region = id("BI-R"), sku = id("BI-SKU");
        createSite(dc, """
                {"name":"Batch DC","timeZone":"America/Sao_Paulo","cutoff":"14:00","dailyCapacity":{"orders":100}}""");
        putJson("/api/v1/sites/" + dc + "/lanes/" + region, "{\"transitDays\":2}").statusCode(200);
        putJson("/api/v1/sites/" + dc + "/stock/" + sku, "{\"onHand\":50}").statusCode(200);
        String by = LocalDate.now(com.promisevalidator.TestClock.UTC).plusDays(30).toString();
        String good = """
                {"type":"DELIVERY","quoteId":"G-%d","site":"%s","region":"%s","lines":[{"sku":"%s","quantity":1}],"promisedBy":"%s"}""";
        List<String> quotes = new ArrayList<>();
        for (int i = 0; i < 100; i++) quotes.add(good.formatted(i, dc, region, sku, by));
        quotes.set(3, """
                {"type":"DELIVERY","quoteId":"U-SITE","site":"%s","region":"%s"}""".formatted(id("BI-NOPE"), region));
        quotes.set(10, """
                {"type":"DELIVERY","quoteId":"U-SKU","site":"%s","region":"%s","lines":[{"sku":"%s","quantity":1}]}"""
                .formatted(dc, region, id("BI-NOSKU")));
        quotes.set(20, """
                {"type":"DELIVERY","quoteId":"W-TYPE","site":"%s","region":"%s","lines":[{"sku":"%s","quantity":"five"}]}"""
                .formatted(dc, region, sku));
        quotes.set(30, """
                {"type":"DELIVERY","quoteId":"U-FIELD","site":"%s","region":"%s","promisedby":"%s"}""".formatted(dc, region, by));
        quotes.set(40, """
                {"type":"SERVICE","quoteId":"U-SERVICE","site":"%s","serviceType":"%s"}""".formatted(dc, id("BI-NOSVC")));
        quotes.set(50, "\"not a quote\"");
        quotes.set(60, """
                {"type":"DELIVERY","quoteId":"R-CONF","site":"%s","region":"%s","confidence":7}""".formatted(dc, region));

        JsonPath jp = postJson(BATCH, "{\"quotes\":[" + String.join(",", quotes) + "]}").statusCode(200).extract().jsonPath();
        assertEquals(100, jp.getList("results").size());
        expectProblem(jp, 3, "U-SITE", 422, "site");
        expectProblem(jp, 10, "U-SKU", 422, "lines[0].sku");
        expectProblem(jp, 20, "W-TYPE", 400, "lines[0].quantity");
        expectProblem(jp, 30, "U-FIELD", 400, "promisedby");
        expectProblem(jp, 40, "U-SERVICE", 422, "serviceType");
        // probe P13 L3: a path inside the quote, as the other items' (was "quotes[50]", a path in the batch)
        expectProblem(jp, 50, null, 400, "body");
        assertEquals("must be a quote object, not string", jp.getString("results[50].errors[0].message"));
        assertEquals("quotes[50] is string, not a quote object", jp.getString("results[50].detail")); // probe contract3 L3: was "Item 50"
        expectProblem(jp, 60, "R-CONF", 400, "confidence");
        int answered = 0;
        for (int i = 0; i < 100; i++) {
            if (List.of(3, 10, 20, 30, 40, 50, 60).contains(i)) continue;
            assertEquals("G-" + i, jp.getString("results[" + i + "].quoteId"));
            assertNotNull(jp.getString("results[" + i + "].decisionId"));
            assertNotNull(jp.getString("results[" + i + "].verdict"));
            assertNull(jp.get("results[" + i + "].status"));
            answered++;
        }
        assertEquals(93, answered);
    }

    private static void expectProblem(JsonPath jp, int i, String quoteId, int status, String field) {
        String p = "results[" + i + "].";
        assertEquals(quoteId, jp.getString(p + "quoteId"), p);
        assertEquals(status, jp.getInt(p + "status"), p);
        assertNotNull(jp.getString(p + "title"), p);
        assertNotNull(jp.getString(p + "detail"), p);
        assertEquals(List.of(field), jp.getList(p + "errors.field"), p);
        assertNull(jp.get(p + "decisionId"), p);
    }

    @Test
    void aBodyThatIsBadAsAWholeIsA400() {
        assertFieldProblem(postJson(BATCH, "{}"), 400, "quotes");
        assertFieldProblem(postJson(BATCH, "{\"quotes\":{}}"), 400, "quotes");
        assertFieldProblem(postJson(BATCH, "[]"), 400, "body");
        assertFieldProblem(postJson(BATCH, "{\"quotes\":["), 400, "body");
        assertProblem(given().contentType(ContentType.JSON).body("").post(BATCH).then(), 400);
        String tooMany = "{\"quotes\":[" + String.join(",", java.util.Collections.nCopies(1001, "{}")) + "]}";
        assertFieldProblem(postJson(BATCH, tooMany), 400, "quotes");
    }
}
