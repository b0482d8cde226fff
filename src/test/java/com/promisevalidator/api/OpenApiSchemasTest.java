package com.promisevalidator.api;

import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.CommitTestSupport.stock;
import static com.promisevalidator.api.CommitTestSupport.warehouse;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The OpenAPI document's schemas and examples say what the service sends and takes (probe P13 M3, M4, L1, L5): no Java
 * internals, every success answer typed, the problem members the service adds, the input limits it applies, and
 * examples of the real answers' shape.
 */
@QuarkusTest
class OpenApiSchemasTest {

    private static final String SCHEMAS = "#/components/schemas/";

    private static JsonNode schemas(JsonNode doc) {
        return doc.path("components").path("schemas");
    }

    @Test
    void decisionsAreTypedAsWhatTheyHoldNotAsJacksonsTree() throws Exception {
        JsonNode doc = OpenApiLintTest.document();
        JsonNode schemas = schemas(doc);
        assertFalse(schemas.has("JsonNode"), "JsonNode documented: " + schemas.path("JsonNode"));
        String text = doc.toString();
        for (String internal : List.of("\"valueNode\"", "\"containerNode\"", "\"missingNode\"", "\"pojo\"", "\"integralNumber\"")) {
            assertFalse(text.contains(internal), "a JsonNode internal in the document: " + internal);
        }
        JsonNode decision = schemas.path("DecisionView").path("properties");
        assertEquals(SCHEMAS + "QuoteRequest", decision.path("request").path("$ref").asText(), decision.toString());
        assertEquals(SCHEMAS + "ValidationResponse", decision.path("answer").path("$ref").asText(), decision.toString());
        assertEquals("object", decision.path("facts").path("type").asText(), decision.toString());
    }

    @Test
    void batchResultsAreAnAnswerOrAProblemWithItsQuoteId() throws Exception {
        JsonNode schemas = schemas(OpenApiLintTest.document());
        JsonNode oneOf = schemas.path("BatchResponse").path("properties").path("results").path("items").path("oneOf");
        List<String> refs = new ArrayList<>();
        oneOf.forEach(o -> refs.add(o.path("$ref").asText()));
        assertEquals(List.of(SCHEMAS + "ValidationResponse", SCHEMAS + "BatchProblem"), refs, schemas.path("BatchResponse").toString());
        assertTrue(schemas.path("BatchProblem").path("properties").has("quoteId"), schemas.path("BatchProblem").toString());
    }

    @Test
    void everySuccessAnswerWithABodyHasANamedSchema() throws Exception {
        JsonNode doc = OpenApiLintTest.document();
        List<String> untyped = new ArrayList<>();
        for (Map.Entry<String, JsonNode> op : OpenApiLintTest.operations(doc).entrySet()) {
            op.getValue().path("responses").fields().forEachRemaining(r -> {
                if (!r.getKey().startsWith("2")) return;
                r.getValue().path("content").fields().forEachRemaining(c -> {
                    JsonNode schema = c.getValue().path("schema");
                    if (schema.path("type").asText().equals("array")) schema = schema.path("items");
                    if (!schema.path("$ref").asText().startsWith(SCHEMAS)) untyped.add(op.getKey() + " " + r.getKey() + ": " + schema);
                });
            });
        }
        assertEquals(List.of(), untyped, "success answers without a schema");
    }

    @Test
    void requestSchemasTakeWhatTheServiceTakes() throws Exception {
        JsonNode doc = OpenApiLintTest.document();
        JsonNode schemas = schemas(doc);
        assertFalse(schemas.path("RuleFile").path("properties").has("drl"), "RuleFile.drl is refused as an unknown field: " + schemas.path("RuleFile"));
        JsonNode quote = schemas.path("QuoteRequest").path("properties");
        assertEquals(200, quote.path("quoteId").path("maxLength").asInt(), quote.path("quoteId").toString());
        // 0 and 1 are refused ("between 0 and 1 (exclusive)"): OpenAPI 3.1 writes exclusive bounds as numbers
        assertEquals(0, quote.path("confidence").path("exclusiveMinimum").asDouble(-1), quote.path("confidence").toString());
        assertEquals(1, quote.path("confidence").path("exclusiveMaximum").asDouble(-1), quote.path("confidence").toString());
        assertFalse(quote.path("confidence").has("minimum") || quote.path("confidence").has("maximum"), quote.path("confidence").toString());
        JsonNode badRows = null;
        for (JsonNode p : OpenApiLintTest.operations(doc).get("POST /api/v1/history/import").path("parameters")) {
            if ("badRows".equals(p.path("name").asText())) badRows = p;
        }
        assertTrue(badRows != null && badRows.path("description").asText().contains("skip"), String.valueOf(badRows));
        assertEquals("[\"refuse\",\"skip\"]", badRows.path("schema").path("enum").toString());
        assertEquals(SCHEMAS + "Recommended", schemas.path("Risk").path("properties").path("recommended").path("$ref").asText(), schemas.path("Risk").toString());
    }

    @Test
    void problemsDocumentTheMembersTheServiceAdds() throws Exception {
        JsonNode doc = OpenApiLintTest.document();
        JsonNode problem = schemas(doc).path("Problem").path("properties");
        for (String member : List.of("quoteId", "decisionId", "recommended", "alternatives", "reasons", "promiseId", "ruleErrors", "violations")) {
            assertTrue(problem.has(member), "Problem lacks " + member + ": " + problem);
        }
        Map<String, JsonNode> ops = OpenApiLintTest.operations(doc);
        JsonNode conflict = ops.get("POST /api/v1/promises").path("responses").path("409").path("content").path("application/problem+json").path("example");
        assertEquals("/api/v1/promises", conflict.path("instance").asText(), conflict.toString());
        assertTrue(conflict.has("decisionId") && conflict.path("recommended").has("promisedBy") && conflict.path("reasons").isArray(), conflict.toString());
        JsonNode backtest = ops.get("POST /api/v1/rules/backtest").path("responses");
        assertTrue(backtest.has("409"), "backtest 409 (another one running) documented: " + backtest.fieldNames());
        assertTrue(backtest.path("422").path("content").path("application/problem+json").path("example").has("ruleErrors"), backtest.path("422").toString());
    }

    /** The examples have the fields real answers have (the values differ), down to the performance groups' mastery object. */
    @Test
    void examplesHaveTheShapeOfRealAnswers() throws Exception {
        String site = id("OAS"), region = id("RAS");
        warehouse(site, region, 50);
        stock(site, "SKU-OAS", 3);
        JsonNode doc = OpenApiLintTest.document();
        Map<String, JsonNode> ops = OpenApiLintTest.operations(doc);
        ObjectMapper json = new ObjectMapper();

        JsonNode example = example(ops, "GET /api/v1/performance");
        JsonNode real = json.readTree(given().get("/api/v1/performance?by=site").then().statusCode(200).extract().asString());
        JsonNode group = null;
        for (JsonNode g : real.path("groups")) if (site.equals(g.path("key").asText())) group = g;
        assertTrue(group != null, "the test site's group: " + real);
        assertTrue(example.path("groups").path(0).path("mastery").isObject(), "mastery is an object: " + example);
        assertEquals(keys(real), keys(example), "performance");
        assertEquals(keys(group), keys(example.path("groups").path(0)), "performance group");
        assertEquals(keys(group.path("mastery")), keys(example.path("groups").path(0).path("mastery")), "performance mastery");
        assertEquals(real.path("formula").asText(), example.path("formula").asText());

        JsonNode info = json.readTree(given().get("/api/v1/info").then().statusCode(200).extract().asString());
        assertEquals(keys(info), keys(example(ops, "GET /api/v1/info")), "info");
        assertEquals(keys(info.path("caller")), keys(example(ops, "GET /api/v1/info").path("caller")), "info caller");
        assertEquals(keys(info.path("decisionLog")), keys(example(ops, "GET /api/v1/info").path("decisionLog")), "info decisionLog");
        JsonNode rules = json.readTree(given().get("/api/v1/rules").then().statusCode(200).extract().asString());
        assertEquals(keys(rules), keys(example(ops, "GET /api/v1/rules")), "rules");
        JsonNode siteView = json.readTree(given().get("/api/v1/sites/" + site).then().statusCode(200).extract().asString());
        assertEquals(keys(siteView), keys(example(ops, "GET /api/v1/sites/{code}")), "site");
        JsonNode stockView = json.readTree(given().get("/api/v1/sites/" + site + "/stock/SKU-OAS").then().statusCode(200).extract().asString());
        assertEquals(keys(stockView), keys(example(ops, "GET /api/v1/sites/{code}/stock/{sku}")), "stock");
    }

    private static JsonNode example(Map<String, JsonNode> ops, String op) {
        return ops.get(op).path("responses").path("200").path("content").path("application/json").path("example");
    }

    private static TreeSet<String> keys(JsonNode object) {
        TreeSet<String> keys = new TreeSet<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
