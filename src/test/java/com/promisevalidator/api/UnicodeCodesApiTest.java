package com.promisevalidator.api;

import static com.promisevalidator.api.ApiTestSupport.CSV_HEADER;
import static com.promisevalidator.api.ApiTestSupport.createSite;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.postJson;
import static com.promisevalidator.api.ApiTestSupport.putJson;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.text.Normalizer;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Codes in one Unicode spelling: a site created as {@code SALÃO-2} (NFC) is the same site when a CRM, a path or a
 * history import spells it decomposed (NFD: A + U+0303), never a 422 naming a site that visibly exists or a second,
 * identical-looking site.
 */
@QuarkusTest
class UnicodeCodesApiTest {

    static final String NFC = id("SALÃO");
    static final String NFD = Normalizer.normalize(NFC, Normalizer.Form.NFD);
    static final String REGION = id("UC-RJ");
    static final String SKU = id("UC-SKU");

    @Test
    void aDecomposedSiteCodeIsTheComposedSite() {
        assertNotEquals(NFC, NFD);
        createSite(NFC, """
                {"name":"Salão","timeZone":"America/Sao_Paulo","cutoff":"14:00","dailyCapacity":{"orders":100}}""");
        // path parameters: the lane and stock are the NFC site's
        putJson("/api/v1/sites/" + NFD + "/lanes/" + REGION, "{\"transitDays\":2}").statusCode(200);
        putJson("/api/v1/sites/" + NFD + "/stock/" + SKU, "{\"onHand\":50}").statusCode(200);
        given().get("/api/v1/sites/" + NFC + "/lanes/" + REGION).then().statusCode(200);
        given().get("/api/v1/sites/" + NFD).then().statusCode(200).body("code", equalTo(NFC));

        // a JSON body: the quote is answered for the NFC site
        LocalDate by = LocalDate.now(com.promisevalidator.TestClock.UTC).plusDays(20);
        String quote = """
                {"type":"DELIVERY","site":"%s","region":"%s","lines":[{"sku":"%s","quantity":1}],"promisedBy":"%s"}""";
        postJson("/api/v1/promises/validate", quote.formatted(NFD, REGION, SKU, by)).statusCode(200);

        // idempotency: the decomposed body is the same commit as the composed one
        String key = id("UC-K");
        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(quote.formatted(NFC, REGION, SKU, by)).post("/api/v1/promises").then().statusCode(201)
                .extract().path("promiseId");
        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(quote.formatted(NFD, REGION, SKU, by)).post("/api/v1/promises").then().statusCode(201)
                .body("promiseId", equalTo(first)).body("site", equalTo(NFC));

        // a history import: the row is the NFC site's, no second site is created
        String row = "DELIVERY," + id("UC-REF") + "," + NFD + "," + REGION + ",,zed,2026-01-05T10:00:00Z,2026-01-09,2026-01-08T10:00:00Z,,,1";
        given().contentType("text/csv; charset=UTF-8").body(CSV_HEADER + "\n" + row + "\n").post("/api/v1/history/import")
                .then().statusCode(200);
        given().get("/api/v1/sites").then().statusCode(200)
                .body("code", hasItem(NFC)).body("code", not(hasItem(NFD)));
        given().get("/api/v1/history/" + id("UC-REF")).then().statusCode(200).body("site", equalTo(NFC));

        // a reference spelt decomposed is read back by either spelling (paths are read in NFC)
        String ref = id("UC-REFÃ");
        String nfdRef = Normalizer.normalize(ref, Normalizer.Form.NFD);
        given().contentType("text/csv; charset=UTF-8").body(CSV_HEADER + "\n" + row.replace(id("UC-REF"), nfdRef) + "\n")
                .post("/api/v1/history/import").then().statusCode(200);
        given().get("/api/v1/history/" + nfdRef).then().statusCode(200).body("reference", equalTo(ref));
        given().get("/api/v1/history/" + ref).then().statusCode(200);

        // a query filter
        given().queryParam("site", NFD).get("/api/v1/decisions").then().statusCode(200)
                .body("decisions.size()", org.hamcrest.Matchers.greaterThan(0));
    }
}
