package com.promisevalidator.api;

import static com.promisevalidator.TestDates.at;
import static com.promisevalidator.api.ApiTestSupport.CSV_HEADER;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.postCsv;
import static com.promisevalidator.api.ApiTestSupport.putJson;
import static com.promisevalidator.api.CommitTestSupport.FAR;
import static com.promisevalidator.api.CommitTestSupport.ORDERED_AT;
import static com.promisevalidator.api.CommitTestSupport.delivery;
import static com.promisevalidator.api.CommitTestSupport.garage;
import static com.promisevalidator.api.CommitTestSupport.stock;
import static com.promisevalidator.api.CommitTestSupport.warehouse;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.promisevalidator.access.AdminKeyByDefault;
import com.promisevalidator.replay.service.Backtest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The OpenAPI document against the running service: for every operation, each documented status is produced by a
 * real request (503 aside: it needs the database or the rules to fail, which ServiceProcess ITs and the decision-log
 * tests cover), no probe answers a status the document leaves out, and every answer carries the required fields of
 * its documented schema (Problem for errors).
 */
@QuarkusTest
class OpenApiContractTest {

    private static final String JSON = "application/json";

    @Inject
    Backtest backtests;
    private static final String BIG_JSON = "{\"x\":\"" + "a".repeat(1_100_000) + "\"}";

    /** "METHOD /template" → status → the request that must produce it. */
    private final Map<String, Map<Integer, Supplier<Response>>> probes = new LinkedHashMap<>();

    private void probe(String op, int status, Supplier<Response> call) {
        probes.computeIfAbsent(op, k -> new LinkedHashMap<>()).put(status, call);
    }

    private static RequestSpecification as(String key) {
        return given().header(AdminKeyByDefault.HEADER, key);
    }

    private static RequestSpecification json(String body) {
        return given().contentType(JSON).body(body);
    }

    @Test
    void everyDocumentedStatusIsAnsweredWithItsSchema() throws Exception {
        JsonNode doc = OpenApiLintTest.document();
        Map<String, JsonNode> ops = OpenApiLintTest.operations(doc);

        // ---- fixture: a warehouse with a lane, history and stock; a garage; promises in several states
        String site = id("OC"), region = id("RC"), sku = "SKU-OC", garage = id("GC");
        warehouse(site, region, 50);
        stock(site, sku, 20);
        garage(garage, "OIL", 2);
        String ref = site + "-F0"; // a history row fastHistory imported
        String decision = json(delivery(id("Q-OC1"), "alice", site, region, sku, 1, FAR)).when().post("/api/v1/promises/validate")
                .then().statusCode(200).extract().path("decisionId");
        String open = json("{\"decisionId\":\"" + decision + "\"}").header("Idempotency-Key", id("oc-open")).when().post("/api/v1/promises")
                .then().statusCode(201).extract().path("promiseId");
        String toCancel = commitOne(site, region, sku, "oc-cancel");
        String done = commitOne(site, region, sku, "oc-done");
        json("{\"completedAt\":\"" + ORDERED_AT + "\"}").when().post("/api/v1/promises/" + done + "/outcome").then().statusCode(200);
        given().when().delete("/api/v1/promises/" + toCancel).then().statusCode(200);
        // the last unit of a SKU validated twice: the first commit takes it, the second finds the capacity gone
        stock(site, "SKU-LAST", 1);
        String first = json(delivery(id("Q-OC8"), "alice", site, region, "SKU-LAST", 1, FAR)).when().post("/api/v1/promises/validate")
                .then().statusCode(200).extract().path("decisionId");
        String tooMuch = json(delivery(id("Q-OC9"), "alice", site, region, "SKU-LAST", 1, FAR)).when().post("/api/v1/promises/validate")
                .then().statusCode(200).extract().path("decisionId");
        json("{\"decisionId\":\"" + first + "\"}").header("Idempotency-Key", id("oc-last")).when().post("/api/v1/promises").then().statusCode(201);

        String unknownId = "00000000-0000-4000-8000-000000000000";
        String quote = delivery(id("Q-OC2"), "alice", site, region, sku, 1, FAR);

        // ---- probes by operation
        String validate = "POST /api/v1/promises/validate";
        probe(validate, 200, () -> json(quote).post("/api/v1/promises/validate"));
        probe(validate, 400, () -> json("{\"type\":").post("/api/v1/promises/validate"));
        probe(validate, 422, () -> json(delivery("Q", "alice", id("NOSITE"), region, sku, 1, FAR)).post("/api/v1/promises/validate"));
        probe(validate, 415, () -> given().contentType("text/plain").body("x").post("/api/v1/promises/validate"));
        probe(validate, 413, () -> json(BIG_JSON).post("/api/v1/promises/validate"));

        String batch = "POST /api/v1/promises/validate-batch";
        probe(batch, 200, () -> json("{\"quotes\":[" + quote + "]}").post("/api/v1/promises/validate-batch"));
        probe(batch, 400, () -> json("{\"quotes\":7}").post("/api/v1/promises/validate-batch"));
        probe(batch, 415, () -> given().contentType("text/plain").body("x").post("/api/v1/promises/validate-batch"));
        probe(batch, 413, () -> json(BIG_JSON).post("/api/v1/promises/validate-batch"));

        String commit = "POST /api/v1/promises";
        probe(commit, 201, () -> {
            String d = json(delivery(id("Q-OC3"), "alice", site, region, sku, 0 + 1, FAR)).post("/api/v1/promises/validate").path("decisionId");
            return json("{\"decisionId\":\"" + d + "\"}").header("Idempotency-Key", id("oc-201")).post("/api/v1/promises");
        });
        probe(commit, 400, () -> json("{\"decisionId\":").header("Idempotency-Key", id("oc-400")).post("/api/v1/promises"));
        probe(commit, 409, () -> json("{\"decisionId\":\"" + tooMuch + "\"}").header("Idempotency-Key", id("oc-409")).post("/api/v1/promises"));
        probe(commit, 422, () -> json("{\"decisionId\":\"" + unknownId + "\"}").header("Idempotency-Key", id("oc-422")).post("/api/v1/promises"));
        probe(commit, 415, () -> given().contentType("text/plain").body("x").header("Idempotency-Key", id("oc-415")).post("/api/v1/promises"));
        probe(commit, 413, () -> json(BIG_JSON).header("Idempotency-Key", id("oc-413")).post("/api/v1/promises"));

        String list = "GET /api/v1/promises";
        probe(list, 200, () -> given().get("/api/v1/promises?status=OPEN&limit=5"));
        probe(list, 400, () -> given().get("/api/v1/promises?limit=abc"));

        String get = "GET /api/v1/promises/{id}";
        probe(get, 200, () -> given().get("/api/v1/promises/" + open));
        probe(get, 404, () -> given().get("/api/v1/promises/P-nothing"));

        String cancel = "DELETE /api/v1/promises/{id}";
        probe(cancel, 200, () -> given().delete("/api/v1/promises/" + commitOne(site, region, sku, "oc-c2")));
        probe(cancel, 404, () -> given().delete("/api/v1/promises/P-nothing"));
        probe(cancel, 409, () -> given().delete("/api/v1/promises/" + toCancel));

        String outcome = "POST /api/v1/promises/{id}/outcome";
        probe(outcome, 200, () -> json("{\"completedAt\":\"" + ORDERED_AT + "\"}").post("/api/v1/promises/" + open + "/outcome"));
        probe(outcome, 400, () -> json("{\"completedAt\":\"soon\"}").post("/api/v1/promises/" + open + "/outcome"));
        probe(outcome, 404, () -> json("{\"completedAt\":\"" + ORDERED_AT + "\"}").post("/api/v1/promises/P-nothing/outcome"));
        probe(outcome, 409, () -> json("{\"completedAt\":\"" + ORDERED_AT + "\"}").post("/api/v1/promises/" + done + "/outcome"));
        probe(outcome, 415, () -> given().contentType("text/plain").body("x").post("/api/v1/promises/" + open + "/outcome"));
        probe(outcome, 413, () -> json(BIG_JSON).post("/api/v1/promises/" + open + "/outcome"));

        String siteJson = "{\"name\":\"C\",\"timeZone\":\"UTC\",\"cutoff\":\"14:00\",\"workingDays\":[\"MON\"],\"dailyCapacity\":{\"orders\":5}}";
        probe("GET /api/v1/sites", 200, () -> given().get("/api/v1/sites"));
        probe("GET /api/v1/sites/{code}", 200, () -> given().get("/api/v1/sites/" + site));
        probe("GET /api/v1/sites/{code}", 404, () -> given().get("/api/v1/sites/" + id("NOSITE")));
        String putSite = "PUT /api/v1/sites/{code}";
        probe(putSite, 200, () -> json(siteJson).put("/api/v1/sites/" + id("OCP")));
        probe(putSite, 400, () -> json("{\"name\":").put("/api/v1/sites/" + id("OCP")));
        probe(putSite, 415, () -> given().contentType("text/plain").body("x").put("/api/v1/sites/" + id("OCP")));
        probe(putSite, 413, () -> json(BIG_JSON).put("/api/v1/sites/" + id("OCP")));
        probe("GET /api/v1/sites/{code}/stock", 200, () -> given().get("/api/v1/sites/" + site + "/stock"));
        probe("GET /api/v1/sites/{code}/stock", 404, () -> given().get("/api/v1/sites/" + id("NOSITE") + "/stock"));
        probe("GET /api/v1/sites/{code}/stock/{sku}", 200, () -> given().get("/api/v1/sites/" + site + "/stock/" + sku));
        probe("GET /api/v1/sites/{code}/stock/{sku}", 404, () -> given().get("/api/v1/sites/" + site + "/stock/NOPE"));
        String putStock = "PUT /api/v1/sites/{code}/stock/{sku}";
        probe(putStock, 200, () -> json("{\"onHand\":5}").put("/api/v1/sites/" + site + "/stock/SKU-OTHER"));
        probe(putStock, 400, () -> json("{\"onHand\":-1}").put("/api/v1/sites/" + site + "/stock/SKU-OTHER"));
        probe(putStock, 404, () -> json("{\"onHand\":5}").put("/api/v1/sites/" + id("NOSITE") + "/stock/SKU-OTHER"));
        probe(putStock, 415, () -> given().contentType("text/plain").body("x").put("/api/v1/sites/" + site + "/stock/SKU-OTHER"));
        probe(putStock, 413, () -> json(BIG_JSON).put("/api/v1/sites/" + site + "/stock/SKU-OTHER"));
        probe("GET /api/v1/sites/{code}/lanes/{region}", 200, () -> given().get("/api/v1/sites/" + site + "/lanes/" + region));
        probe("GET /api/v1/sites/{code}/lanes/{region}", 404, () -> given().get("/api/v1/sites/" + site + "/lanes/NOWHERE"));
        String putLane = "PUT /api/v1/sites/{code}/lanes/{region}";
        probe(putLane, 200, () -> json("{\"transitDays\":2}").put("/api/v1/sites/" + site + "/lanes/" + region));
        probe(putLane, 400, () -> json("{\"transitDays\":\"two\"}").put("/api/v1/sites/" + site + "/lanes/" + region));
        probe(putLane, 404, () -> json("{\"transitDays\":2}").put("/api/v1/sites/" + id("NOSITE") + "/lanes/" + region));
        probe(putLane, 415, () -> given().contentType("text/plain").body("x").put("/api/v1/sites/" + site + "/lanes/" + region));
        probe(putLane, 413, () -> json(BIG_JSON).put("/api/v1/sites/" + site + "/lanes/" + region));
        probe("GET /api/v1/sites/{code}/services/{type}", 200, () -> given().get("/api/v1/sites/" + garage + "/services/OIL"));
        probe("GET /api/v1/sites/{code}/services/{type}", 404, () -> given().get("/api/v1/sites/" + garage + "/services/NONE"));
        String putService = "PUT /api/v1/sites/{code}/services/{type}";
        String serviceJson = "{\"bays\":2,\"openingHours\":\"08:00-18:00\",\"standardMinutes\":30}";
        probe(putService, 200, () -> json(serviceJson).put("/api/v1/sites/" + garage + "/services/OIL"));
        probe(putService, 400, () -> json("{\"bays\":-2}").put("/api/v1/sites/" + garage + "/services/OIL"));
        probe(putService, 404, () -> json(serviceJson).put("/api/v1/sites/" + id("NOSITE") + "/services/OIL"));
        probe(putService, 415, () -> given().contentType("text/plain").body("x").put("/api/v1/sites/" + garage + "/services/OIL"));
        probe(putService, 413, () -> json(BIG_JSON).put("/api/v1/sites/" + garage + "/services/OIL"));

        String imp = "POST /api/v1/history/import";
        String row = "DELIVERY," + id("OC-H1") + "," + site + "," + region + ",,alice," + at(-20, "10:00") + "," + CommitTestSupport.DISPATCH_DAY + "," + at(-18, "10:00") + ",,,1";
        probe(imp, 200, () -> given().contentType("text/csv").body(CSV_HEADER + "\n" + row + "\n").post("/api/v1/history/import"));
        probe(imp, 400, () -> given().contentType("text/csv").body(CSV_HEADER + "\n").post("/api/v1/history/import?replace=maybe"));
        probe(imp, 415, () -> json("{}").post("/api/v1/history/import"));
        probe(imp, 413, () -> given().contentType("text/csv").body("a".repeat(9_000_000)).post("/api/v1/history/import"));
        probe("GET /api/v1/history/outliers", 200, () -> given().get("/api/v1/history/outliers"));
        probe("GET /api/v1/history/outliers", 400, () -> given().get("/api/v1/history/outliers?limit=abc"));
        probe("GET /api/v1/history/{reference}", 200, () -> given().get("/api/v1/history/" + ref));
        probe("GET /api/v1/history/{reference}", 404, () -> given().get("/api/v1/history/NO-SUCH-REF"));
        probe("DELETE /api/v1/history/{reference}", 204, () -> given().delete("/api/v1/history/" + site + "-F1"));
        probe("DELETE /api/v1/history/{reference}", 404, () -> given().delete("/api/v1/history/NO-SUCH-REF"));
        String outlier = id("OC-OUT");
        given().contentType("text/csv").body(CSV_HEADER + "\nDELIVERY," + outlier + "," + site + "," + region + ",,alice," + at(-90, "10:00")
                + "," + CommitTestSupport.DISPATCH_DAY + "," + at(-2, "10:00") + ",,,1\n").post("/api/v1/history/import").then().statusCode(200);
        probe("POST /api/v1/history/{reference}/confirm", 200, () -> given().post("/api/v1/history/" + outlier + "/confirm"));
        probe("POST /api/v1/history/{reference}/confirm", 404, () -> given().post("/api/v1/history/NO-SUCH-REF/confirm"));
        probe("POST /api/v1/history/{reference}/confirm", 409, () -> given().post("/api/v1/history/" + ref + "/confirm"));
        probe("POST /api/v1/history/rebuild-statistics", 200, () -> given().post("/api/v1/history/rebuild-statistics"));

        probe("GET /api/v1/performance", 200, () -> given().get("/api/v1/performance?by=site"));
        probe("GET /api/v1/performance", 400, () -> given().get("/api/v1/performance"));
        probe("GET /api/v1/rules", 200, () -> given().get("/api/v1/rules"));
        String check = "POST /api/v1/rules/check";
        probe(check, 200, () -> json("{\"files\":[{\"name\":\"x.drl\",\"content\":\"package rules;\\n\"}]}").post("/api/v1/rules/check"));
        probe(check, 400, () -> json("{\"files\":").post("/api/v1/rules/check"));
        probe(check, 415, () -> given().contentType("text/plain").body("x").post("/api/v1/rules/check"));
        probe(check, 413, () -> json(BIG_JSON).post("/api/v1/rules/check"));
        String backtest = "POST /api/v1/rules/backtest";
        String period = "\"from\":\"" + com.promisevalidator.TestDates.date(-1) + "\",\"to\":\"" + com.promisevalidator.TestDates.date(1) + "\"";
        probe(backtest, 200, () -> json("{\"parameters\":\"target-confidence: 0.91\\n\"," + period + "}").post("/api/v1/rules/backtest"));
        probe(backtest, 400, () -> json("{\"from\":").post("/api/v1/rules/backtest"));
        probe(backtest, 409, () -> whileABacktestRuns(() -> json("{\"parameters\":\"target-confidence: 0.91\\n\"," + period + "}").post("/api/v1/rules/backtest")));
        probe(backtest, 422, () -> json("{\"files\":[{\"name\":\"x.drl\",\"content\":\"rule\"}]," + period + "}").post("/api/v1/rules/backtest"));
        probe(backtest, 415, () -> given().contentType("text/plain").body("x").post("/api/v1/rules/backtest"));
        probe(backtest, 413, () -> json(BIG_JSON).post("/api/v1/rules/backtest"));

        String hook = "{\"url\":\"http://localhost:9/hook\",\"events\":[\"AT_RISK\"]}";
        String subscription = json(hook).post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        probe("POST /api/v1/webhooks", 201, () -> json(hook).post("/api/v1/webhooks"));
        probe("POST /api/v1/webhooks", 400, () -> json("{\"url\":").post("/api/v1/webhooks"));
        probe("POST /api/v1/webhooks", 415, () -> given().contentType("text/plain").body("x").post("/api/v1/webhooks"));
        probe("POST /api/v1/webhooks", 413, () -> json(BIG_JSON).post("/api/v1/webhooks"));
        probe("GET /api/v1/webhooks", 200, () -> given().get("/api/v1/webhooks"));
        probe("DELETE /api/v1/webhooks/{id}", 204, () -> given().delete("/api/v1/webhooks/"
                + json(hook).post("/api/v1/webhooks").then().statusCode(201).extract().path("id")));
        probe("DELETE /api/v1/webhooks/{id}", 404, () -> given().delete("/api/v1/webhooks/" + unknownId));
        probe("GET /api/v1/webhooks/{id}/deliveries", 200, () -> given().get("/api/v1/webhooks/" + subscription + "/deliveries"));
        probe("GET /api/v1/webhooks/{id}/deliveries", 400, () -> given().get("/api/v1/webhooks/" + subscription + "/deliveries?limit=abc"));
        probe("GET /api/v1/webhooks/{id}/deliveries", 404, () -> given().get("/api/v1/webhooks/" + unknownId + "/deliveries"));
        // shadow probes leave no shadow running behind
        String shadow = "/api/v1/rules/shadow", candidate = "{\"parameters\":\"target-confidence: 0.8\"}";
        probe("PUT " + shadow, 200, () -> {
            Response r = json(candidate).put(shadow);
            given().delete(shadow);
            return r;
        });
        probe("PUT " + shadow, 400, () -> json("{}").put(shadow));
        probe("PUT " + shadow, 413, () -> json(BIG_JSON).put(shadow));
        probe("PUT " + shadow, 415, () -> given().contentType("text/plain").body("x").put(shadow));
        probe("PUT " + shadow, 422, () -> json("{\"parameters\":\"target-confidence: 2\"}").put(shadow));
        probe("GET " + shadow, 200, () -> {
            json(candidate).put(shadow);
            Response r = given().get(shadow);
            given().delete(shadow);
            return r;
        });
        probe("GET " + shadow, 404, () -> {
            given().delete(shadow);
            return given().get(shadow);
        });
        probe("DELETE " + shadow, 200, () -> {
            json(candidate).put(shadow);
            return given().delete(shadow);
        });
        probe("DELETE " + shadow, 404, () -> {
            given().delete(shadow);
            return given().delete(shadow);
        });
        probe("GET /api/v1/decisions", 200, () -> given().get("/api/v1/decisions?site=" + site));
        probe("GET /api/v1/decisions", 400, () -> given().get("/api/v1/decisions?from=notadate"));
        probe("GET /api/v1/decisions/{decisionId}", 200, () -> given().get("/api/v1/decisions/" + decision));
        probe("GET /api/v1/decisions/{decisionId}", 404, () -> given().get("/api/v1/decisions/" + unknownId));
        probe("GET /api/v1/info", 200, () -> given().get("/api/v1/info"));

        // ---- run: documented statuses against probes
        List<String> faults = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : ops.entrySet()) {
            String op = e.getKey();
            String method = op.substring(0, op.indexOf(' '));
            String path = concrete(op.substring(op.indexOf(' ') + 1), site, sku, region, open, ref, decision);
            TreeSet<Integer> documented = new TreeSet<>();
            e.getValue().path("responses").fieldNames().forEachRemaining(s -> documented.add(Integer.parseInt(s)));
            Map<Integer, Supplier<Response>> mine = probes.getOrDefault(op, Map.of());
            for (Integer status : mine.keySet()) {
                if (!documented.contains(status)) faults.add(op + ": answers " + status + " (probed), not documented");
            }
            for (int status : documented) {
                Supplier<Response> call = switch (status) {
                    case 401 -> () -> as(AdminKeyByDefault.NO_KEY).request(method, path);
                    case 403 -> () -> forbidden(e.getValue(), method, path);
                    case 429 -> () -> throttled(method, path);
                    default -> mine.get(status);
                };
                if (status == 503) continue; // see the class comment
                if (call == null) {
                    faults.add(op + ": documents " + status + " but no probe produces it");
                    continue;
                }
                Response r = call.get();
                if (r.statusCode() != status) {
                    faults.add(op + ": expected " + status + ", got " + r.statusCode() + " " + r.asString().substring(0, Math.min(300, r.asString().length())));
                    continue;
                }
                faults.addAll(schemaFaults(doc, op, status, e.getValue().path("responses").path(Integer.toString(status)), r));
            }
        }
        for (String op : probes.keySet()) if (!ops.containsKey(op)) faults.add(op + ": probed but not in the document");
        assertEquals(List.of(), faults, "OpenAPI contract");
    }

    /** A second backtest while one runs is a 409: the running one is stood for by its flag (no timing involved). */
    private Response whileABacktestRuns(Supplier<Response> call) {
        try {
            java.lang.reflect.Field f = Backtest.class.getDeclaredField("running");
            f.setAccessible(true);
            java.util.concurrent.atomic.AtomicBoolean running = (java.util.concurrent.atomic.AtomicBoolean) f.get(backtests);
            running.set(true);
            try {
                return call.get();
            } finally {
                running.set(false);
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static String commitOne(String site, String region, String sku, String key) {
        String d = json(delivery(id("Q-" + key), "alice", site, region, sku, 1, FAR)).when().post("/api/v1/promises/validate")
                .then().statusCode(200).extract().path("decisionId");
        return json("{\"decisionId\":\"" + d + "\"}").header("Idempotency-Key", id(key)).when().post("/api/v1/promises")
                .then().statusCode(201).extract().path("promiseId");
    }

    private static String concrete(String template, String site, String sku, String region, String promise, String ref, String decision) {
        return template.replace("{id}", promise).replace("{code}", site).replace("{sku}", sku).replace("{region}", region)
                .replace("{type}", "OIL").replace("{reference}", ref).replace("{decisionId}", decision);
    }

    /** A key of a role the operation's description does not list ("Roles: ops, admin.") is refused. */
    private static Response forbidden(JsonNode op, String method, String path) {
        java.util.regex.Matcher roles = java.util.regex.Pattern.compile("Roles: ([^.]*)\\.").matcher(op.path("description").asText());
        if (!roles.find()) throw new AssertionError(method + " " + path + ": 403 documented but the description names no roles");
        String key = !roles.group(1).contains("ops") ? "test-key-ops" : !roles.group(1).contains("rep") ? "test-key-alice" : "test-key-crm";
        RequestSpecification spec = as(key);
        var media = op.path("requestBody").path("content").fields();
        if (media.hasNext()) { // the documented body, so nothing but the role can be wrong
            var m = media.next();
            JsonNode example = m.getValue().path("example");
            spec = spec.contentType(m.getKey()).body(example.isTextual() ? example.asText() : example.toString());
        }
        return spec.request(method, path);
    }

    /** A key whose rate limit (burst 3, one request per 5 s) is spent: 429 with Retry-After before anything else. */
    private static Response throttled(String method, String path) {
        Response r = null;
        for (int i = 0; i < 6; i++) {
            r = as("test-key-throttled").request(method, path);
            if (r.statusCode() == 429) {
                if (r.header("Retry-After") == null) throw new AssertionError("429 without Retry-After");
                return r;
            }
        }
        return r;
    }

    /** The documented schema's required fields are in the answer (each element of a list). */
    private static List<String> schemaFaults(JsonNode doc, String op, int status, JsonNode response, Response r) throws Exception {
        List<String> faults = new ArrayList<>();
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) return faults;
        Iterator<Map.Entry<String, JsonNode>> media = content.fields();
        Map.Entry<String, JsonNode> m = media.next();
        String type = String.valueOf(r.contentType());
        if (!type.startsWith(m.getKey())) faults.add(op + " " + status + ": Content-Type " + type + ", documented " + m.getKey());
        JsonNode body = new ObjectMapper().readTree(r.asString());
        JsonNode schema = resolve(doc, m.getValue().path("schema"));
        if (schema.path("type").asText().equals("array") || body.isArray()) {
            JsonNode items = resolve(doc, schema.path("items"));
            for (JsonNode element : body) faults.addAll(required(op, status, items, element));
        } else {
            faults.addAll(required(op, status, schema, body));
        }
        return faults;
    }

    private static List<String> required(String op, int status, JsonNode schema, JsonNode body) {
        List<String> faults = new ArrayList<>();
        for (JsonNode field : schema.path("required")) {
            if (!body.has(field.asText()) || body.get(field.asText()).isNull()) faults.add(op + " " + status + ": required field '" + field.asText() + "' missing");
        }
        return faults;
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        if (ref.startsWith("#/components/schemas/")) return doc.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        return schema;
    }
}
