package com.promisevalidator.api;

import static com.promisevalidator.TestDates.at;
import static com.promisevalidator.TestDates.date;
import static com.promisevalidator.api.ApiTestSupport.assertProblem;
import static com.promisevalidator.api.ApiTestSupport.createSite;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.postJson;
import static com.promisevalidator.api.ApiTestSupport.putJson;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.promisevalidator.TestClock;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * PUT/GET/DELETE /api/v1/rules/shadow: a candidate answers every live quote off the request path. A candidate adding
 * one day on one lane moves exactly that lane's recommended dates, the live answers are the same as without the
 * shadow, the counts equal a backtest of the same quotes, and a failing candidate is counted, never seen by callers.
 */
@QuarkusTest
class ShadowApiTest {

    static final String SHADOW = "/api/v1/rules/shadow";
    final ObjectMapper json = new ObjectMapper();

    @Inject
    Clock clock;

    @BeforeEach
    @AfterEach
    void cleanUp() {
        given().delete(SHADOW); // a failed test leaves no shadow behind
        TestClock.reset();
    }

    private static void warehouse(String dc, String... regions) {
        createSite(dc, """
                {"name":"Shadow DC","timeZone":"America/Sao_Paulo","cutoff":"14:00",
                 "workingDays":["MON","TUE","WED","THU","FRI"],"dailyCapacity":{"orders":100}}""");
        for (String r : regions) putJson("/api/v1/sites/" + dc + "/lanes/" + r, "{\"transitDays\":3}").statusCode(200);
    }

    private static String quote(String quoteId, String dc, String region) {
        return """
                {"type":"DELIVERY","quoteId":"%s","site":"%s","region":"%s","orderedAt":"%s"}""".formatted(quoteId, dc, region, at(0, "10:00"));
    }

    private JsonNode validate(String quote) throws Exception {
        return json.readTree(postJson("/api/v1/promises/validate", quote).statusCode(200).extract().asString());
    }

    private JsonNode batch(List<String> quotes) throws Exception {
        return json.readTree(postJson("/api/v1/promises/validate-batch", "{\"quotes\":[" + String.join(",", quotes) + "]}")
                .statusCode(200).extract().asString()).get("results");
    }

    /** The shipped parameters with one lane buffer. */
    private static String parametersWithLaneBuffer(String lane, int days) throws Exception {
        String text = Files.readString(Path.of("rules/parameters.yaml"));
        assertTrue(text.contains("lanes: {}"), "the shipped parameters have no lane buffer");
        return text.replace("lanes: {}", "lanes: {\"" + lane + "\": " + days + "}");
    }

    private JsonNode put(Object body, int status) throws Exception {
        return json.readTree(given().contentType(ContentType.JSON).body(json.writeValueAsString(body)).put(SHADOW)
                .then().statusCode(status).extract().asString());
    }

    private JsonNode show() throws Exception {
        return json.readTree(given().get(SHADOW).then().statusCode(200).extract().asString());
    }

    /** The comparison once the worker has caught up with {@code seen} quotes (it runs off the request path). */
    private JsonNode caughtUp(long seen) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode s = show();
        while ((s.get("seen").asLong() < seen || s.get("pending").asLong() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            s = show();
        }
        assertEquals(seen, s.get("seen").asLong(), "every live quote is seen: " + s);
        assertEquals(0, s.get("pending").asLong(), "the worker caught up: " + s);
        return s;
    }

    /** An answer without what differs from call to call by design. */
    private static JsonNode comparable(JsonNode answer) {
        ObjectNode copy = answer.deepCopy();
        copy.remove("decisionId");
        copy.remove("evaluatedAt");
        return copy;
    }

    @Test
    void oneMoreDayOnOneLaneIsCountedLikeTheBacktestAndLeavesTheLiveAnswersAlone() throws Exception {
        String dc = id("SH-DC"), slow = id("SH-SLOW"), other = id("SH-OTHER");
        warehouse(dc, slow, other);
        int n = 3, m = 2;
        List<String> slowQuotes = new ArrayList<>(), otherQuotes = new ArrayList<>();
        for (int i = 0; i < n; i++) slowQuotes.add(quote("SH-S" + i + "-" + dc, dc, slow));
        for (int i = 0; i < m; i++) otherQuotes.add(quote("SH-O" + i + "-" + dc, dc, other));

        // an instant of this test's own, so the backtest below replays exactly the quotes the shadow saw
        TestClock.advance(Duration.ofSeconds(4397));
        List<JsonNode> without = new ArrayList<>();
        for (String q : slowQuotes) without.add(validate(q));
        for (JsonNode a : batch(otherQuotes)) without.add(a);

        TestClock.advance(Duration.ofSeconds(1));
        Instant shadowed = clock.instant();
        Map<String, Object> candidate = Map.of("parameters", parametersWithLaneBuffer(dc + "->" + slow, 1));
        JsonNode started = put(candidate, 200);
        assertTrue(started.get("running").asBoolean());
        assertTrue(started.get("replaced").isNull(), "no shadow ran before");
        String version = started.get("version").asText();

        List<JsonNode> with = new ArrayList<>();
        List<String> slowIds = new ArrayList<>();
        for (String q : slowQuotes) {
            JsonNode a = validate(q);
            slowIds.add(a.get("decisionId").asText());
            with.add(a);
        }
        for (JsonNode a : batch(otherQuotes)) with.add(a);
        for (int i = 0; i < with.size(); i++) {
            assertEquals(comparable(without.get(i)), comparable(with.get(i)), "quote " + i + ": the same answer with a shadow running");
        }
        // the live promise on the slow lane: its planning value of 3 transit days (no history of its own; other tests' history cannot move it)
        String livePromise = with.get(0).at("/recommended/promisedBy").asText();
        assertTrue(java.time.LocalDate.parse(livePromise).isAfter(java.time.LocalDate.parse(date(2))), livePromise);

        JsonNode s = caughtUp(n + m);
        assertEquals(version, s.get("version").asText());
        assertEquals(n + m, s.get("compared").asLong());
        assertEquals(0, s.get("dropped").asLong());
        assertEquals(0, s.get("failed").asLong());
        JsonNode moved = s.get("recommendedMoved");
        assertEquals(n, moved.get("later").asLong(), "exactly the slow lane's quotes moved: " + moved);
        assertEquals(n, moved.at("/byDays/+1").asLong(), "by one day");
        assertEquals(1, moved.get("byDays").size());
        assertEquals(m, moved.get("unmoved").asLong(), "the other lane's did not");
        assertEquals(0, moved.get("earlier").asLong());
        assertEquals(0, s.at("/verdictsChanged/total").asLong());
        List<String> exampleIds = new ArrayList<>();
        for (JsonNode e : s.get("examples")) {
            exampleIds.add(e.get("decisionId").asText());
            assertEquals(slow, e.get("region").asText());
            assertEquals(livePromise, e.at("/active/recommended/promisedBy").asText());
            assertEquals(java.time.LocalDate.parse(livePromise).plusDays(1).toString(), e.at("/candidate/recommended/promisedBy").asText());
        }
        assertEquals(slowIds.stream().sorted().toList(), exampleIds.stream().sorted().toList(), "the differences, with both answers");

        // a backtest of the same candidate over the same quotes counts alike
        JsonNode backtest = json.readTree(given().contentType(ContentType.JSON).body(json.writeValueAsString(Map.of(
                        "parameters", candidate.get("parameters"), "from", shadowed.toString(), "to", shadowed.plusSeconds(1).toString())))
                .post(BacktestApiTest.BACKTEST).then().statusCode(200).extract().asString());
        assertEquals(s.get("compared"), backtest.get("compared"));
        assertEquals(s.get("verdictsChanged"), backtest.get("verdictsChanged"));
        assertEquals(s.get("recommendedMoved"), backtest.get("recommendedMoved"));
        assertEquals(s.at("/active/reasonCodes"), backtest.at("/active/reasonCodes"));
        assertEquals(s.at("/candidate/reasonCodes"), backtest.at("/candidate/reasonCodes"));
        assertEquals(s.at("/candidate/verdicts"), backtest.at("/candidate/verdicts"));
        assertEquals(s.at("/candidate/version"), backtest.at("/candidate/version"));

        JsonNode last = json.readTree(given().delete(SHADOW).then().statusCode(200).extract().asString());
        assertFalse(last.get("running").asBoolean());
        assertEquals(n + m, last.get("compared").asLong(), "the final comparison");
        assertProblem(given().get(SHADOW).then(), 404);
        assertProblem(given().delete(SHADOW).then(), 404);
        validate(slowQuotes.get(0)); // stopped: nothing more is counted, nothing fails
    }

    @Test
    void underConcurrentLoadTheLiveAnswersAreTheSameAsWithoutAShadow() throws Exception {
        String dc = id("SL-DC"), slow = id("SL-SLOW"), other = id("SL-OTHER");
        warehouse(dc, slow, other);
        List<String> quotes = List.of(quote("SL-S-" + dc, dc, slow), quote("SL-O-" + dc, dc, other));
        List<JsonNode> without = new ArrayList<>();
        for (String q : quotes) without.add(comparable(validate(q)));
        put(Map.of("parameters", parametersWithLaneBuffer(dc + "->" + slow, 1)), 200);

        int threads = 4, each = 25;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<List<String>>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                runs.add(pool.submit(() -> {
                    List<String> faults = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        JsonNode a = comparable(validate(quotes.get(i % 2)));
                        if (!a.equals(without.get(i % 2))) faults.add(a.toString());
                    }
                    return faults;
                }));
            }
            for (var r : runs) assertEquals(List.of(), r.get(), "every answer as without a shadow");
        } finally {
            pool.shutdownNow();
        }
        int total = threads * each;
        JsonNode s = caughtUp(total);
        assertEquals(total, s.get("compared").asLong() + s.get("dropped").asLong(), "nothing seen is lost from the counts: " + s);
        assertEquals(0, s.get("failed").asLong());
        assertEquals(s.get("compared").asLong(), s.at("/recommendedMoved/later").asLong() + s.at("/recommendedMoved/unmoved").asLong());
        assertTrue(s.at("/recommendedMoved/later").asLong() > 0 && s.at("/recommendedMoved/unmoved").asLong() > 0, s.toString());
        assertEquals(0, s.at("/recommendedMoved/earlier").asLong());
        assertTrue(s.get("sampled").size() <= 20 && s.get("examples").size() <= 20, "differences kept are bounded");
    }

    @Inject
    com.promisevalidator.replay.service.Shadow shadow;
    @Inject
    com.promisevalidator.validation.service.LiveFacts liveFacts;
    @Inject
    com.promisevalidator.rules.service.RuleBaseHolder rules;
    @Inject
    com.promisevalidator.validation.wording.ReasonWriter writer;

    @Test
    void startedAndStoppedAreToTheSecondAsEveryTimestamp() throws Exception {
        TestClock.advance(Duration.ofSeconds(7).plusNanos(123_456_789)); // a clock between two seconds
        String second = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";
        String started = put(Map.of("parameters", "target-confidence: 0.95\n"), 200).get("started").asText();
        assertTrue(started.matches(second), started);
        assertEquals(started, show().get("started").asText());
        TestClock.advance(Duration.ofMillis(2_500));
        JsonNode stopped = json.readTree(given().delete(SHADOW).then().statusCode(200).extract().asString());
        assertEquals(started, stopped.get("started").asText());
        assertTrue(stopped.get("stopped").asText().matches(second), stopped.get("stopped").asText());
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfWaiting() throws Exception {
        String dc = id("SQ-DC"), lane = id("SQ-R");
        warehouse(dc, lane);
        var q = new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules()
                .readValue(quote("SQ-Q-" + dc, dc, lane), com.promisevalidator.validation.model.QuoteRequest.class);
        var met = new com.promisevalidator.validation.service.RecordingFacts(liveFacts);
        var live = new com.promisevalidator.validation.service.QuoteEvaluator(3)
                .evaluate(q, met, rules.active(), clock.instant(), writer.english(java.time.LocalDate.now(clock))).response();
        put(Map.of("parameters", parametersWithLaneBuffer(dc + "->" + lane, 1)), 200);
        // far more quotes at once than the queue holds (1000) or the worker can answer meanwhile: the surplus is dropped
        int offered = 3000;
        for (int i = 0; i < offered; i++) shadow.answered(q, met.met(), live);
        JsonNode s = caughtUp(offered);
        assertTrue(s.get("dropped").asLong() > 0, "a full queue drops: " + s);
        assertEquals(offered, s.get("compared").asLong() + s.get("dropped").asLong() + s.get("failed").asLong(), "every quote seen is counted");
        assertEquals(s.get("compared").asLong(), s.at("/recommendedMoved/later").asLong(), "each compared quote moved a day");
        assertEquals(20, s.get("examples").size(), "the first differences");
        assertEquals(Math.min(20, s.get("compared").asLong() - 20), s.get("sampled").size(), "and a bounded sample of the others");
    }

    @Test
    void aCandidateThatThrowsIsCountedAsFailedAndNeverReachesTheCaller() throws Exception {
        String dc = id("SF-DC"), lane = id("SF-R");
        warehouse(dc, lane);
        String q = quote("SF-Q-" + dc, dc, lane);
        JsonNode before = validate(q);
        String drl = """
                package rules;
                import com.promisevalidator.validation.facts.DeliveryPlan;
                rule "Throws in shadow"
                when
                    $p : DeliveryPlan( )
                then
                    throw new IllegalStateException("no luck");
                end
                """;
        put(Map.of("files", List.of(Map.of("name", "throws.drl", "content", drl))), 200);
        JsonNode during = validate(q);
        assertEquals(comparable(before), comparable(during), "the live answer is unaffected");
        batch(List.of(q, q));
        JsonNode s = caughtUp(3);
        assertEquals(3, s.get("failed").asLong(), "each quote counted as failed: " + s);
        assertEquals(3, s.at("/failedByRule/Throws in shadow").asLong(), "with the rule");
        assertEquals(0, s.get("compared").asLong());
        assertEquals(3, s.at("/candidate/failed").asLong());

        // replacing it says so and gives the replaced run's final comparison
        JsonNode replaced = put(Map.of("parameters", "target-confidence: 0.8\n"), 200);
        assertEquals(3, replaced.at("/replaced/failed").asLong());
        assertFalse(replaced.at("/replaced/running").asBoolean());
        assertEquals(0, replaced.get("seen").asLong(), "the new run starts from nothing");
    }

    @Test
    void badRequestsChangeNothingAndOnlyOpsMayShadow() throws Exception {
        assertProblem(given().get(SHADOW).then(), 404).body("title", equalTo("No shadow run"));
        assertProblem(given().contentType(ContentType.JSON).body("{}").put(SHADOW).then(), 400).body("errors.field", equalTo(List.of("files")));
        ObjectNode exit = json.createObjectNode();
        exit.putArray("files").addObject().put("name", "exit.drl").put("content", "package rules;\nrule \"x\"\nwhen\nthen\n    System.exit(1);\nend\n");
        assertProblem(given().contentType(ContentType.JSON).body(exit.toString()).put(SHADOW).then(), 422)
                .body("violations[0].file", equalTo("exit.drl"))
                .body("errors[0].field", equalTo("files[0].content"));
        assertProblem(given().get(SHADOW).then(), 404); // nothing was started
        for (String key : List.of("test-key-alice", "test-key-crm")) {
            assertProblem(given().header("X-API-Key", key).get(SHADOW).then(), 403);
            assertProblem(given().header("X-API-Key", key).contentType(ContentType.JSON).body("{\"parameters\":\"target-confidence: 0.8\"}")
                    .put(SHADOW).then(), 403);
        }
        given().header("X-API-Key", "test-key-ops").contentType(ContentType.JSON).body("{\"parameters\":\"target-confidence: 0.8\"}")
                .put(SHADOW).then().statusCode(200);
        given().header("X-API-Key", "test-key-ops").delete(SHADOW).then().statusCode(200);
    }
}
