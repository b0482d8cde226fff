package com.promisevalidator.api;

import static com.promisevalidator.TestDates.at;
import static com.promisevalidator.TestDates.date;
import static com.promisevalidator.api.ApiTestSupport.CSV_HEADER;
import static com.promisevalidator.api.ApiTestSupport.assertProblem;
import static com.promisevalidator.api.ApiTestSupport.createSite;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.postCsv;
import static com.promisevalidator.api.ApiTestSupport.postJson;
import static com.promisevalidator.api.ApiTestSupport.putJson;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.promisevalidator.TestClock;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * POST /api/v1/rules/backtest: recorded decisions replayed on the facts they met through the active rule set and a
 * candidate. A candidate adding one day on one lane moves exactly that lane's recommended dates by one day; outcomes
 * known now are joined; a candidate failing the gate is refused with its problems.
 */
@QuarkusTest
class BacktestApiTest {

    static final String BACKTEST = "/api/v1/rules/backtest";
    final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    private static void warehouse(String dc, String... regions) {
        createSite(dc, """
                {"name":"Backtest DC","timeZone":"America/Sao_Paulo","cutoff":"14:00",
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

    /** The shipped parameters with one lane buffer. */
    private static String parametersWithLaneBuffer(String lane, int days) throws Exception {
        String text = Files.readString(Path.of("rules/parameters.yaml"));
        assertTrue(text.contains("lanes: {}"), "the shipped parameters have no lane buffer");
        return text.replace("lanes: {}", "lanes: {\"" + lane + "\": " + days + "}");
    }

    private JsonNode backtest(Map<String, Object> body) throws Exception {
        String out = given().contentType(ContentType.JSON).body(json.writeValueAsString(body)).post(BACKTEST)
                .then().statusCode(200).extract().asString();
        return json.readTree(out);
    }

    @Test
    void serviceDecisionsAreReplayedTooAndAServiceBufferMovesTheirMinutes() throws Exception {
        String garage = id("BT-GAR"), type = id("BT-TYPE");
        createSite(garage, """
                {"name":"Backtest garage","timeZone":"America/Sao_Paulo","workingDays":["MON","TUE","WED","THU","FRI"]}""");
        putJson("/api/v1/sites/" + garage + "/services/" + type, """
                {"bays":2,"openingHours":"08:00-18:00","standardMinutes":30}""").statusCode(200);
        for (int i = 0; i < 3; i++) {
            validate("""
                    {"type":"SERVICE","quoteId":"BT-SV%d-%s","site":"%s","serviceType":"%s","startAt":"%s","promisedMinutes":30}"""
                    .formatted(i, garage, garage, type, at(2, "10:00")));
        }
        String text = Files.readString(Path.of("rules/parameters.yaml"));
        assertTrue(text.contains("services: {}"), "the shipped parameters have no service buffer");
        JsonNode report = backtest(Map.of("parameters", text.replace("services: {}", "services: {\"" + type + "\": 15}"),
                "from", date(-1), "to", date(1)));
        assertEquals(3, report.at("/recommendedMoved/byMinutes/+15").asLong(), "the three service decisions, 15 minutes later: " + report);
    }

    @jakarta.inject.Inject
    com.promisevalidator.replay.service.Backtest backtests;

    @jakarta.inject.Inject
    com.promisevalidator.rules.service.RuleBaseHolder rules;

    /** Probe P12 L7: a caller gave up after 20 s; the run went on for four minutes, every other backtest answered 409. */
    @Test
    void aRunWhoseCallerHasGoneStopsAndTheNextOneRuns() throws Exception {
        String dc = id("BT-GONE"), region = id("BT-GR");
        warehouse(dc, region);
        validate(quote("BT-GONE-1", dc, region));
        java.time.Instant from = java.time.Instant.now(com.promisevalidator.TestClock.UTC).minus(java.time.Duration.ofDays(3)), to = java.time.Instant.now(com.promisevalidator.TestClock.UTC).plus(java.time.Duration.ofDays(3));
        Map<String, Object> gone = backtests.run(rules.active(), from, to, 0, () -> true);
        assertEquals(true, gone.get("abandoned"), gone.toString());
        assertEquals(0L, gone.get("replayed"));
        Map<String, Object> next = backtests.run(rules.active(), from, to, 0, () -> false);
        assertEquals(null, next.get("abandoned"), "not blocked by the abandoned run");
        assertTrue(((Number) next.get("compared")).longValue() >= 1, next.toString());
    }

    @Test
    void oneMoreDayOnOneLaneMovesExactlyThatLanesRecommendedDatesByOneDay() throws Exception {
        String dc = id("BT-DC"), slow = id("BT-SLOW"), other = id("BT-OTHER");
        warehouse(dc, slow, other);
        List<String> slowIds = new ArrayList<>();
        String promised = null; // what the lane promises now (its planning value, or what the statistics above it say)
        for (int i = 0; i < 3; i++) {
            JsonNode a = validate(quote("BT-S" + i + "-" + dc, dc, slow));
            if (promised == null) promised = a.at("/recommended/promisedBy").asText();
            assertEquals(promised, a.at("/recommended/promisedBy").asText(), "the same lane, the same promise");
            slowIds.add(a.get("decisionId").asText());
        }
        String oneDayLater = java.time.LocalDate.parse(promised).plusDays(1).toString();
        for (int i = 0; i < 2; i++) validate(quote("BT-O" + i + "-" + dc, dc, other));

        Map<String, Object> body = Map.of("parameters", parametersWithLaneBuffer(dc + "->" + slow, 1), "from", date(-1), "to", date(1),
                "examples", 200);
        JsonNode report = backtest(body);

        assertTrue(report.get("compared").asLong() >= 5, "every recorded decision of the period is compared");
        JsonNode moved = report.get("recommendedMoved");
        assertEquals(3, moved.get("later").asLong(), "the slow lane's three decisions, nothing else: " + moved);
        assertEquals(0, moved.get("earlier").asLong());
        assertEquals(3, moved.at("/byDays/+1").asLong());
        assertEquals(1, moved.get("byDays").size(), "all by exactly one day");
        assertEquals(0, moved.get("siteChanged").asLong());
        assertEquals(0, moved.get("appeared").asLong());
        assertEquals(0, moved.get("disappeared").asLong());
        assertEquals(0, report.at("/verdictsChanged/total").asLong(), "no asked date: the verdicts stay APPROVED");
        List<String> exampleIds = new ArrayList<>();
        for (JsonNode e : report.get("examples")) {
            exampleIds.add(e.get("decisionId").asText());
            assertEquals(slow, e.get("region").asText());
            assertEquals(promised, e.at("/active/recommended/promisedBy").asText());
            assertEquals(oneDayLater, e.at("/candidate/recommended/promisedBy").asText());
        }
        assertEquals(slowIds.stream().sorted().toList(), exampleIds.stream().sorted().toList(), "the examples are the moved decisions");
        assertTrue(report.at("/fidelity/sameAnswerAsRecorded").asLong() >= 5, "the active version replays its own answers: " + report.get("fidelity"));
        assertEquals(report.at("/fidelity/recordedUnderActiveVersion").asLong(), report.at("/fidelity/sameAnswerAsRecorded").asLong(),
                "a replay under the version that answered gives the recorded answer");
        assertTrue(report.at("/candidate/reasonCodes").isObject());
    }

    @Test
    void outcomesKnownNowAreJoinedByQuoteId() throws Exception {
        String dc = id("BO-DC"), lane = id("BO-R");
        warehouse(dc, lane);
        String quoteId = "BO-Q-" + dc;
        String promised = validate(quote(quoteId, dc, lane)).at("/recommended/promisedBy").asText();
        int p = (int) java.time.temporal.ChronoUnit.DAYS.between(com.promisevalidator.TestDates.day(0), java.time.LocalDate.parse(promised));
        Map<String, Object> body = Map.of("parameters", parametersWithLaneBuffer(dc + "->" + lane, 1), "from", date(-1), "to", date(1),
                "examples", 0);
        TestClock.advance(Duration.ofDays(p + 3));
        JsonNode before = backtest(body);
        // delivered the day after the active promise: late for it, kept by the candidate's one day more
        postCsv(CSV_HEADER + "\nDELIVERY," + quoteId + "," + dc + "," + lane + ",,," + at(0, "10:00") + "," + promised + ","
                + at(p + 1, "15:00") + ",,,1\n").statusCode(200);
        JsonNode after = backtest(body);
        assertEquals(1, after.at("/active/outcomes/known").asLong() - before.at("/active/outcomes/known").asLong());
        assertEquals(1, after.at("/candidate/outcomes/known").asLong() - before.at("/candidate/outcomes/known").asLong());
        assertEquals(0, after.at("/active/outcomes/kept").asLong() - before.at("/active/outcomes/kept").asLong(), "the active promise was not kept");
        assertEquals(1, after.at("/candidate/outcomes/kept").asLong() - before.at("/candidate/outcomes/kept").asLong(), "the candidate's was");
    }

    @Test
    void aCandidateThatFailsTheGateIsRefusedWithItsProblems() throws Exception {
        String drl = """
                package rules;
                rule "Stops the service"
                when
                then
                    System.exit(1);
                end
                """;
        ObjectNode body = json.createObjectNode();
        body.putArray("files").addObject().put("name", "exit.drl").put("content", drl);
        body.put("from", date(-1)).put("to", date(1));
        assertProblem(given().contentType(ContentType.JSON).body(body.toString()).post(BACKTEST).then(), 422)
                .body("violations[0].file", equalTo("exit.drl"))
                .body("errors[0].field", equalTo("files[0].content")) // the field-level list every bad input has
                .body("errors[0].message", org.hamcrest.Matchers.startsWith("exit.drl:"));

        ObjectNode badParameters = json.createObjectNode().put("parameters", "target-confidence: 2").put("from", date(-1)).put("to", date(1));
        assertProblem(given().contentType(ContentType.JSON).body(badParameters.toString()).post(BACKTEST).then(), 422)
                .body("ruleErrors[0].key", equalTo("target-confidence"))
                .body("errors[0].field", equalTo("parameters"));
    }

    @Test
    void badRequestsNameTheFieldAndOnlyOpsMayBacktest() throws Exception {
        String ok = json.writeValueAsString(Map.of("parameters", "target-confidence: 0.8", "from", date(-1), "to", date(1)));
        assertProblem(given().contentType(ContentType.JSON).body("{\"parameters\":\"target-confidence: 0.8\",\"to\":\"" + date(1) + "\"}")
                .post(BACKTEST).then(), 400).body("errors.field", equalTo(List.of("from")));
        assertProblem(given().contentType(ContentType.JSON).body("{\"from\":\"" + date(-1) + "\",\"to\":\"" + date(1) + "\"}")
                .post(BACKTEST).then(), 400).body("errors.field", equalTo(List.of("files")));
        assertProblem(given().contentType(ContentType.JSON).body("{\"parameters\":\"x: 1\",\"from\":\"" + date(2) + "\",\"to\":\"" + date(1) + "\"}")
                .post(BACKTEST).then(), 400).body("errors.field", equalTo(List.of("to")));
        for (String key : List.of("test-key-alice", "test-key-crm")) {
            assertProblem(given().header("X-API-Key", key).contentType(ContentType.JSON).body(ok).post(BACKTEST).then(), 403);
        }
        given().header("X-API-Key", "test-key-ops").contentType(ContentType.JSON).body(ok).post(BACKTEST).then().statusCode(200);
    }
}
