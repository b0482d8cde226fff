package com.promisevalidator.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.promisevalidator.access.AdminKeyByDefault;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Lint of the published OpenAPI document (what a CRM developer reads): every operation has a tag, a summary, a
 * description, examples of its request and response bodies and its problem+json error responses; commit says
 * 201 and needs Idempotency-Key; the API key scheme is there; Swagger UI is served.
 */
@QuarkusTest
class OpenApiLintTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    static JsonNode document() throws Exception {
        String json = given().header(AdminKeyByDefault.HEADER, AdminKeyByDefault.NO_KEY).when().get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString();
        return new ObjectMapper().readTree(json);
    }

    /** Every API operation: "METHOD /path" → its node. */
    static Map<String, JsonNode> operations(JsonNode doc) {
        Map<String, JsonNode> ops = new java.util.TreeMap<>();
        doc.path("paths").fields().forEachRemaining(p -> {
            if (!p.getKey().startsWith("/api/")) return;
            p.getValue().fields().forEachRemaining(m -> {
                if (METHODS.contains(m.getKey())) ops.put(m.getKey().toUpperCase() + " " + p.getKey(), m.getValue());
            });
        });
        return ops;
    }

    @Test
    void everyOperationIsDescribedWithExamplesAndErrors() throws Exception {
        JsonNode doc = document();
        Map<String, JsonNode> ops = operations(doc);
        assertTrue(ops.size() >= 29, "operations found: " + ops.keySet());
        List<String> faults = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : ops.entrySet()) {
            String key = e.getKey();
            JsonNode op = e.getValue();
            if (op.path("summary").asText("").isBlank()) faults.add(key + ": no summary");
            if (op.path("description").asText("").length() < 20) faults.add(key + ": no description");
            if (!op.path("tags").isArray() || op.path("tags").isEmpty()) faults.add(key + ": no tag");
            if (op.has("requestBody")) {
                op.path("requestBody").path("content").fields().forEachRemaining(c -> {
                    if (!hasExample(c.getValue())) faults.add(key + ": request body " + c.getKey() + " has no example");
                });
            }
            boolean success = false, unauthorized = false, clientError = false;
            for (Iterator<Map.Entry<String, JsonNode>> it = op.path("responses").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> r = it.next();
                int status = Integer.parseInt(r.getKey());
                if (r.getValue().path("description").asText("").isBlank()) faults.add(key + " " + status + ": no description");
                if (status < 300) {
                    success = true;
                    r.getValue().path("content").fields().forEachRemaining(c -> {
                        if (!hasExample(c.getValue())) faults.add(key + " " + status + " " + c.getKey() + ": no example");
                    });
                } else {
                    JsonNode problem = r.getValue().path("content").path("application/problem+json");
                    if (problem.isMissingNode()) faults.add(key + " " + status + ": not application/problem+json");
                    else {
                        if (!"#/components/schemas/Problem".equals(problem.path("schema").path("$ref").asText())) faults.add(key + " " + status + ": schema is not Problem");
                        if (!hasExample(problem)) faults.add(key + " " + status + ": no example");
                        if (problem.path("example").path("status").asInt() != status) faults.add(key + " " + status + ": example has another status");
                    }
                    unauthorized |= status == 401;
                    clientError |= status >= 400 && status < 500 && status != 401;
                }
            }
            if (!success) faults.add(key + ": no success response");
            if (!unauthorized) faults.add(key + ": 401 not documented");
            if (!clientError) faults.add(key + ": no client error documented besides 401");
            if (!op.path("responses").has("429")) faults.add(key + ": 429 not documented");
        }
        assertEquals(List.of(), faults, "OpenAPI lint");
    }

    private static boolean hasExample(JsonNode mediaType) {
        return mediaType.has("example") || mediaType.path("examples").size() > 0;
    }

    @Test
    void commitIs201WithLocationAndNeedsAnIdempotencyKey() throws Exception {
        JsonNode commit = operations(document()).get("POST /api/v1/promises");
        assertTrue(commit.path("responses").has("201"), "201 documented");
        assertTrue(!commit.path("responses").has("200"), "no 200 for commit");
        assertTrue(commit.path("responses").path("201").path("headers").has("Location"), "Location documented");
        boolean required = false;
        for (JsonNode p : commit.path("parameters")) {
            if ("Idempotency-Key".equals(p.path("name").asText()) && "header".equals(p.path("in").asText())) required = p.path("required").asBoolean();
        }
        assertTrue(required, "Idempotency-Key is a required header");
    }

    @Test
    void modelsHaveEnumsAndRequiredFields() throws Exception {
        JsonNode schemas = document().path("components").path("schemas");
        assertTrue(schemas.path("QuoteRequest").path("required").toString().contains("type"), "QuoteRequest requires type");
        assertTrue(schemas.path("QuoteRequest").path("properties").path("type").path("enum").toString().contains("SERVICE"), "type enum");
        assertTrue(schemas.path("Verdict").path("enum").toString().contains("ALTERNATIVE"), "verdict enum");
        assertTrue(schemas.path("ValidationResponse").path("required").toString().contains("verdict"), "answer requires verdict");
        assertTrue(schemas.path("PromiseView").path("required").toString().contains("promiseId"), "promise requires promiseId");
        assertTrue(schemas.path("Problem").path("required").toString().contains("status"), "problem requires status");
    }

    /** Master data taken as strings (so every bad field is named at once) still documents what they hold. */
    @Test
    void masterDataFieldsSayWhatTheyHold() throws Exception {
        JsonNode schemas = document().path("components").path("schemas");
        JsonNode site = schemas.path("SiteRequest").path("properties");
        assertEquals("array", site.path("holidays").path("type").asText(), site.toString());
        JsonNode day = site.path("holidays").path("items");
        if (day.has("$ref")) day = schemas.path(day.path("$ref").asText().replace("#/components/schemas/", ""));
        assertEquals("date", day.path("format").asText(), site.toString());
        assertEquals("string", site.path("timeZone").path("type").asText(), site.toString());
        assertEquals(1, site.path("workingDays").path("minItems").asInt(), site.toString());
        assertEquals(7, site.path("workingDays").path("maxItems").asInt(), site.toString());
        JsonNode service = schemas.path("ServiceRequest").path("properties");
        assertTrue(service.path("openingHours").path("pattern").asText().contains("24:00"), service.toString());
    }

    @Test
    void theApiKeySchemeAndSwaggerUiArePublished() throws Exception {
        JsonNode doc = document();
        JsonNode scheme = doc.path("components").path("securitySchemes").path("ApiKey");
        assertEquals("apiKey", scheme.path("type").asText());
        assertEquals("X-API-Key", scheme.path("name").asText());
        assertEquals("header", scheme.path("in").asText());
        given().header(AdminKeyByDefault.HEADER, AdminKeyByDefault.NO_KEY).redirects().follow(true).when().get("/q/swagger-ui/")
                .then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("text/html"));
    }

    @Test
    void theDocsFileNamesOnlyRealOperations() throws Exception {
        Set<String> real = operations(document()).keySet();
        try (InputStream in = OpenApiLintTest.class.getResourceAsStream("/openapi/operations.json")) {
            List<String> stale = new ArrayList<>();
            new ObjectMapper().readTree(in).fieldNames().forEachRemaining(k -> {
                if (!real.contains(k)) stale.add(k);
            });
            assertEquals(List.of(), stale, "entries of openapi/operations.json without an operation");
        }
    }
}
