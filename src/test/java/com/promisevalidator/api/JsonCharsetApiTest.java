package com.promisevalidator.api;

import static com.promisevalidator.api.ApiTestSupport.assertFieldProblem;
import static com.promisevalidator.api.ApiTestSupport.assertProblem;
import static com.promisevalidator.api.ApiTestSupport.createSite;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.putJson;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * JSON bodies are UTF-8: bytes that are not are a 400 naming the byte (never text silently turned into U+FFFD and
 * stored), and a body declared in another charset is a 415 naming what is read.
 */
@QuarkusTest
class JsonCharsetApiTest {

    static final String DC = id("CS-DC");
    static final String REGION = id("CS-RJ");
    private static boolean ready;

    @BeforeEach
    void fixture() {
        if (ready) return;
        createSite(DC, """
                {"name":"Charset DC","timeZone":"America/Sao_Paulo","cutoff":"14:00","dailyCapacity":{"orders":100}}""");
        putJson("/api/v1/sites/" + DC + "/lanes/" + REGION, "{\"transitDays\":2}").statusCode(200);
        ready = true;
    }

    private static String quote(String customer) {
        return """
                {"type":"DELIVERY","site":"%s","region":"%s","customer":"%s","promisedBy":"%s"}"""
                .formatted(DC, REGION, customer, LocalDate.now(com.promisevalidator.TestClock.UTC).plusDays(20));
    }

    private static ValidatableResponse post(String path, String contentType, byte[] body) {
        return given().contentType(contentType).header("Idempotency-Key", id("CS-" + System.nanoTime())).body(body).post(path).then();
    }

    @Test
    void aLeadingByteOrderMarkIsIgnoredAsOnEveryOtherEndpoint() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] one = quote("José").getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[bom.length + one.length];
        System.arraycopy(bom, 0, withBom, 0, bom.length);
        System.arraycopy(one, 0, withBom, bom.length, one.length);
        post("/api/v1/promises/validate", "application/json", withBom).statusCode(200).body("verdict", org.hamcrest.Matchers.notNullValue());
        byte[] batch = ("\uFEFF{\"quotes\":[" + quote("José") + "]}").getBytes(StandardCharsets.UTF_8);
        post("/api/v1/promises/validate-batch", "application/json", batch).statusCode(200).body("results", org.hamcrest.Matchers.hasSize(1));
    }

    @Test
    void latin1BytesAreA400NamingTheByte() {
        byte[] latin1 = quote("José").getBytes(StandardCharsets.ISO_8859_1);
        int at = new String(latin1, StandardCharsets.ISO_8859_1).indexOf('é');
        for (String path : new String[] {"/api/v1/promises/validate", "/api/v1/promises"}) {
            assertFieldProblem(post(path, "application/json", latin1), 400, "body")
                    .body("errors.message", hasItem("is not valid UTF-8 at byte " + at + " (counting from 0)"));
        }
        byte[] batch = ("{\"quotes\":[" + quote("José") + "]}").getBytes(StandardCharsets.ISO_8859_1);
        assertFieldProblem(post("/api/v1/promises/validate-batch", "application/json", batch), 400, "body");
        // a body read into a record (master data) is refused too
        byte[] site = "{\"name\":\"Salão\",\"timeZone\":\"America/Sao_Paulo\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertProblem(given().contentType("application/json").body(site).put("/api/v1/sites/" + DC).then(), 400);
        given().get("/api/v1/sites/" + DC).then().body("name", equalTo("Charset DC"));
    }

    @Test
    void aDeclaredCharsetOtherThanUtf8IsA415() {
        byte[] latin1 = quote("José").getBytes(StandardCharsets.ISO_8859_1);
        for (String cs : new String[] {"ISO-8859-1", "windows-1252", "UTF-16"}) {
            assertProblem(post("/api/v1/promises", "application/json; charset=" + cs, latin1), 415)
                    .body("detail", containsString("UTF-8"));
        }
        assertProblem(given().contentType("application/json; charset=ISO-8859-1").body(latin1).put("/api/v1/sites/" + DC).then(), 415);
    }

    @Test
    void utf8IsReadIncludingAReplacementCharacterSentAsSuch() {
        post("/api/v1/promises/validate", "application/json; charset=UTF-8", quote("José").getBytes(StandardCharsets.UTF_8))
                .statusCode(200);
        post("/api/v1/promises", "application/json", quote("Jos\uFFFD").getBytes(StandardCharsets.UTF_8))
                .statusCode(201).body("customer", equalTo("Jos\uFFFD"));
    }
}
