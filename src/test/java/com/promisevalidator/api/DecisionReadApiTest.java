package com.promisevalidator.api;

import static com.promisevalidator.TestDates.date;
import static com.promisevalidator.api.ApiTestSupport.assertProblem;
import static com.promisevalidator.api.ApiTestSupport.createSite;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.postJson;
import static com.promisevalidator.api.ApiTestSupport.putJson;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.promisevalidator.TestClock;
import com.promisevalidator.db.Database;
import com.promisevalidator.validation.service.DecisionLog;
import com.promisevalidator.validation.service.DecisionRetention;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The decision log read back (GET /api/v1/decisions/{id} and the filtered list), its compact record and
 * its retention. Each test works on sites of its own, so the lists it reads hold only its decisions.
 */
@QuarkusTest
class DecisionReadApiTest {

    static final String DECISIONS = "/api/v1/decisions";

    @Inject
    DecisionLog log;

    @Inject
    DecisionRetention retention;

    @Inject
    Database db;

    @Inject
    ObjectMapper json;

    @BeforeEach
    void clock() {
        TestClock.reset();
    }

    private static String site(String base) {
        String dc = id(base);
        createSite(dc, """
                {"name":"Decisions DC","timeZone":"America/Sao_Paulo","cutoff":"14:00","dailyCapacity":{"orders":100}}""");
        return dc;
    }

    private static String quote(String dc, String region, String rep, String promisedBy) {
        return """
                {"type":"DELIVERY","quoteId":"Q-%s","site":"%s","region":"%s","rep":"%s"%s}""".formatted(rep, dc, region, rep,
                promisedBy == null ? "" : ",\"promisedBy\":\"" + promisedBy + "\"");
    }

    private static JsonPath validate(String quote) {
        return postJson("/api/v1/promises/validate", quote).statusCode(200).extract().jsonPath();
    }

    @Test
    void aValidateIsReadBackFromMemoryAndFromTheDatabaseAlike() throws Exception {
        String dc = site("DR-DC"), region = id("DR-R");
        putJson("/api/v1/sites/" + dc + "/lanes/" + region, "{\"transitDays\":3}").statusCode(200);
        // asked too early: an ALTERNATIVE with reasons and a recommendation
        String body = quote(dc, region, "carol", date(1));
        String answerText = postJson("/api/v1/promises/validate", body).statusCode(200).extract().asString();
        JsonNode answer = json.readTree(answerText);
        String id = answer.get("decisionId").asText();

        JsonNode waiting = json.readTree(given().get(DECISIONS + "/" + id).then().statusCode(200).extract().asString());
        log.flush();
        JsonNode stored = json.readTree(given().get(DECISIONS + "/" + id).then().statusCode(200).extract().asString());
        assertEquals(waiting, stored, "a decision reads the same before and after it is written");

        assertEquals(id, stored.get("decisionId").asText());
        assertEquals("VALIDATE", stored.get("kind").asText());
        assertEquals(answer.get("verdict"), stored.get("verdict"));
        assertEquals(answer.get("rulesVersion"), stored.get("rulesVersion"));
        assertEquals(answer.get("targetConfidence").asDouble(), stored.get("targetConfidence").asDouble());
        assertEquals(dc, stored.get("site").asText());
        assertEquals("carol", stored.get("rep").asText());
        assertEquals(java.time.OffsetDateTime.parse(answer.get("evaluatedAt").asText()).toInstant(),
                java.time.OffsetDateTime.parse(stored.get("evaluatedAt").asText()).toInstant());
        // the request as sent, without nulls
        assertEquals(json.readTree(body), stored.get("request"));
        // the answer: the same decision, reasons and alternatives kept with the sentences the caller read
        JsonNode a = stored.get("answer");
        for (String f : List.of("decisionId", "quoteId", "verdict", "confidence", "targetConfidence", "recommended", "rulesVersion")) {
            assertEquals(answer.get(f), a.get(f), f);
        }
        assertEquals(answer.get("reasons").size(), a.get("reasons").size());
        assertTrue(a.get("reasons").size() > 0, "an early promise has reasons");
        for (int i = 0; i < a.get("reasons").size(); i++) {
            JsonNode r = a.get("reasons").get(i), live = answer.get("reasons").get(i);
            assertEquals(live.get("rule"), r.get("rule"));
            assertEquals(live.get("evidence"), r.get("evidence"));
            assertEquals(live.get("message"), r.get("message"), "the sentence as said");
            if (live.has("code")) assertEquals(live.get("code"), r.get("code"));
        }
        assertEquals(answer.path("alternatives"), a.path("alternatives"), "alternatives as offered, with their sentences");

        // the figures for the README: bytes a decision takes, today's record and this one
        String requestCol = column(id, "request"), answerCol = column(id, "response");
        ObjectNode previous = (ObjectNode) answer.deepCopy();
        previous.putArray("alternatives");
        previous.putArray("reasons");
        int before = body.length() + previous.toString().length();
        int full = body.length() + answerText.length();
        int compact = utf8(requestCol) + utf8(answerCol);
        System.out.printf("decision record bytes: previous format (request as sent + answer without reasons/alternatives) %d, "
                        + "full request+answer %d, compact (this format) %d, compact gzipped %d%n",
                before, full, compact, gzip(requestCol) + gzip(answerCol));
        ObjectNode coded = (ObjectNode) json.readTree(answerCol);
        for (JsonNode r : coded.path("reasons")) ((ObjectNode) r).remove("message");
        for (JsonNode alt : coded.path("alternatives")) ((ObjectNode) alt).remove("description");
        System.out.printf("decision record bytes without the sentences (codes and evidence only): %d%n", utf8(requestCol) + utf8(coded.toString()));
        assertTrue(compact < full, "the compact record is smaller than the full answer and request");
    }

    @Test
    void eachAnsweredItemOfABatchIsRecorded() {
        String dc = site("DB-DC"), region = id("DB-R");
        putJson("/api/v1/sites/" + dc + "/lanes/" + region, "{\"transitDays\":2}").statusCode(200);
        String batch = "{\"quotes\":[" + quote(dc, region, "dave", null) + "," + quote(dc, region, "erin", date(20))
                + ",{\"type\":\"DELIVERY\",\"site\":\"" + id("DB-NOPE") + "\",\"region\":\"" + region + "\"}]}";
        JsonPath jp = postJson("/api/v1/promises/validate-batch", batch).statusCode(200).extract().jsonPath();
        for (int i = 0; i < 2; i++) {
            String id = jp.getString("results[" + i + "].decisionId");
            assertNotNull(id);
            given().get(DECISIONS + "/" + id).then().statusCode(200).body("kind", equalTo("BATCH_ITEM"))
                    .body("request.rep", equalTo(i == 0 ? "dave" : "erin"))
                    .body("verdict", equalTo(jp.getString("results[" + i + "].verdict")));
        }
        assertNull(jp.getString("results[2].decisionId"), "a refused item has no decision");
        given().queryParam("site", dc).get(DECISIONS).then().statusCode(200).body("decisions.size()", equalTo(2))
                .body("decisions.kind", hasItems("BATCH_ITEM")).body("next", nullValue());
    }

    @Test
    void listsFilterByEachParameterNewestFirstWithPaging() {
        String dc = site("DL-DC"), other = site("DL-DC2"), region = id("DL-R");
        putJson("/api/v1/sites/" + dc + "/lanes/" + region, "{\"transitDays\":3}").statusCode(200);
        putJson("/api/v1/sites/" + other + "/lanes/" + region, "{\"transitDays\":3}").statusCode(200);
        List<String> ids = new ArrayList<>();
        ids.add(validate(quote(dc, region, "fay", date(1))).getString("decisionId"));   // ALTERNATIVE
        TestClock.advance(Duration.ofMinutes(1));
        ids.add(validate(quote(dc, region, "gus", date(30))).getString("decisionId"));  // APPROVED
        TestClock.advance(Duration.ofMinutes(1));
        ids.add(validate(quote(dc, region, "fay", date(30))).getString("decisionId"));  // APPROVED
        TestClock.advance(Duration.ofMinutes(1));
        validate(quote(other, region, "fay", date(30)));
        Instant third = TestClock.now().minus(Duration.ofMinutes(1));

        // site; newest first
        given().queryParam("site", dc).get(DECISIONS).then().statusCode(200)
                .body("decisions.decisionId", equalTo(List.of(ids.get(2), ids.get(1), ids.get(0)))).body("limit", equalTo(100));
        // verdict
        given().queryParam("site", dc).queryParam("verdict", "alternative").get(DECISIONS).then().statusCode(200)
                .body("decisions.decisionId", equalTo(List.of(ids.get(0))));
        given().queryParam("site", dc).queryParam("verdict", "APPROVED").get(DECISIONS).then().statusCode(200)
                .body("decisions.decisionId", equalTo(List.of(ids.get(2), ids.get(1))));
        // rep
        given().queryParam("site", dc).queryParam("rep", "fay").get(DECISIONS).then().statusCode(200)
                .body("decisions.decisionId", equalTo(List.of(ids.get(2), ids.get(0))));
        // kind
        given().queryParam("site", dc).queryParam("kind", "BATCH_ITEM").get(DECISIONS).then().statusCode(200)
                .body("decisions.size()", equalTo(0));
        // from (inclusive) and to (exclusive), as instants and as days
        given().queryParam("site", dc).queryParam("from", third.toString()).get(DECISIONS).then().statusCode(200)
                .body("decisions.decisionId", equalTo(List.of(ids.get(2))));
        given().queryParam("site", dc).queryParam("to", third.toString()).get(DECISIONS).then().statusCode(200)
                .body("decisions.decisionId", equalTo(List.of(ids.get(1), ids.get(0))));
        String utcDay = TestClock.now().atOffset(java.time.ZoneOffset.UTC).toLocalDate().toString();
        given().queryParam("site", dc).queryParam("from", utcDay).queryParam("to", utcDay).get(DECISIONS).then().statusCode(200)
                .body("decisions.size()", equalTo(3));
        given().queryParam("site", dc).queryParam("from", java.time.LocalDate.parse(utcDay).plusDays(1).toString()).get(DECISIONS)
                .then().statusCode(200).body("decisions.size()", equalTo(0));
        // code: none of today's answers carries codes yet; a decision that does is found by its code
        String coded = codedDecision(dc, "LEAD_TIME", "DAY_FULL");
        given().queryParam("site", dc).queryParam("code", "DAY_FULL").get(DECISIONS).then().statusCode(200)
                .body("decisions.decisionId", equalTo(List.of(coded)))
                .body("decisions[0].answer.reasons.code", equalTo(List.of("LEAD_TIME", "DAY_FULL")));
        // any case, as verdict and kind
        given().queryParam("site", dc).queryParam("code", "day_full").get(DECISIONS).then().statusCode(200)
                .body("decisions.decisionId", equalTo(List.of(coded)));
        given().queryParam("site", dc).queryParam("code", "SPLIT_OFFERED").get(DECISIONS).then().statusCode(200)
                .body("decisions.size()", equalTo(0));
        // probe P13 L2: a code that is none of the reason codes (a typo, a part of one, LIKE's '_') is a 400 naming it, not an
        // empty page that reads as "no such decisions"
        for (String notACode : List.of("NOPE", "DAY", "DAY_FUL_", "LEAD_TIM_", "LEAD_TIMES")) {
            assertProblem(given().queryParam("site", dc).queryParam("code", notACode).get(DECISIONS).then(), 400)
                    .body("errors.field", equalTo(List.of("code"))).body("errors[0].message", containsString("'" + notACode + "'"))
                    .body("errors[0].message", containsString("LEAD_TIME"));
        }

        // paging: a next link while more follow, none on the last page
        JsonPath first = given().queryParam("site", dc).queryParam("verdict", "APPROVED").queryParam("limit", 1).get(DECISIONS)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(ids.get(2)), first.getList("decisions.decisionId"));
        String next = first.getString("next");
        assertNotNull(next);
        assertTrue(next.startsWith(DECISIONS + "?") && next.contains("offset=1") && next.contains("verdict=APPROVED"), next);
        // a decision made meanwhile does not shift the next pages: they end where the first began
        TestClock.advance(Duration.ofMinutes(1));
        validate(quote(dc, region, "gus", date(31)));
        JsonPath second = given().urlEncodingEnabled(false).get(next).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(ids.get(1)), second.getList("decisions.decisionId"));
        assertNull(second.getString("next"));
    }

    /** A decision whose answer carries reason codes (as answers do once rules give codes), stored directly. */
    private String codedDecision(String site, String... codes) {
        String id = UUID.randomUUID().toString();
        StringBuilder reasons = new StringBuilder();
        for (String c : codes) reasons.append(reasons.length() == 0 ? "" : ",").append("{\"code\":\"" + c + "\",\"rule\":\"r\",\"severity\":\"INFO\"}");
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into decision (id, created_at, kind, quote_type, site, rep, verdict, "
                    + "rules_version, codes, request, response) values (?, ?, 'VALIDATE', 'DELIVERY', ?, 'hal', 'REJECTED', 'v1', ?, ?, ?)")) {
                ps.setString(1, id);
                ps.setTimestamp(2, Timestamp.from(TestClock.anchor().toInstant().minusSeconds(3600)));
                ps.setString(3, site);
                ps.setString(4, "," + String.join(",", codes) + ",");
                ps.setString(5, "{\"type\":\"DELIVERY\",\"site\":\"" + site + "\"}");
                ps.setString(6, "{\"confidence\":0.95,\"targetConfidence\":0.9,\"reasons\":[" + reasons + "]}");
                return ps.executeUpdate();
            }
        });
        return id;
    }

    @Test
    void badFiltersAre400NamingEachParameter() {
        var r = given().queryParam("verdict", "MAYBE").queryParam("from", "yesterday").queryParam("to", "2026-13-01")
                .queryParam("code", "lead%").queryParam("kind", "X").queryParam("limit", "1001").queryParam("offset", "-1")
                .get(DECISIONS).then();
        assertProblem(r, 400).body("errors.field", hasItems("verdict", "from", "to", "code", "kind", "limit", "offset"));
        assertProblem(given().queryParam("limit", "0").get(DECISIONS).then(), 400).body("errors.field", equalTo(List.of("limit")));
        assertProblem(given().queryParam("from", "2026-12-02").queryParam("to", "2026-12-01").get(DECISIONS).then(), 400)
                .body("errors.field", equalTo(List.of("to")));
        assertProblem(given().queryParam("from", "1999-12-31").get(DECISIONS).then(), 400).body("errors.field", equalTo(List.of("from")));
    }

    @Test
    void onlyOpsAndAdminReadDecisionsAndUnknownIdsAre404() {
        String dc = site("DA-DC"), region = id("DA-R");
        putJson("/api/v1/sites/" + dc + "/lanes/" + region, "{\"transitDays\":2}").statusCode(200);
        String id = validate(quote(dc, region, "alice", null)).getString("decisionId");
        for (String key : List.of("test-key-alice", "test-key-crm")) {
            assertProblem(given().header("X-API-Key", key).get(DECISIONS + "/" + id).then(), 403);
            assertProblem(given().header("X-API-Key", key).get(DECISIONS).then(), 403);
        }
        given().header("X-API-Key", "test-key-ops").get(DECISIONS + "/" + id).then().statusCode(200).body("decisionId", equalTo(id));
        given().header("X-API-Key", "test-key-ops").queryParam("site", dc).get(DECISIONS).then().statusCode(200)
                .body("decisions.decisionId", equalTo(List.of(id)));
        assertProblem(given().get(DECISIONS + "/" + UUID.randomUUID()).then(), 404);
        assertProblem(given().get(DECISIONS + "/not-a-decision").then(), 404);
        assertProblem(given().get(DECISIONS + "/" + "x".repeat(500)).then(), 404);
    }

    @Test
    void retentionPurgesOldDecisionsAndKeepsRecentOnes() {
        String dc = site("DP-DC"), region = id("DP-R");
        putJson("/api/v1/sites/" + dc + "/lanes/" + region, "{\"transitDays\":2}").statusCode(200);
        String old = validate(quote(dc, region, "ivy", null)).getString("decisionId");
        try {
            TestClock.advance(Duration.ofDays(29));
            String young = validate(quote(dc, region, "ivy", null)).getString("decisionId");
            TestClock.advance(Duration.ofDays(2)); // old is 31 days old, young 2 days: the retention is 30 days
            String fresh = validate(quote(dc, region, "ivy", null)).getString("decisionId");
            log.flush();
            assertTrue(retention.purge() >= 1);
            given().queryParam("site", dc).get(DECISIONS).then().statusCode(200)
                    .body("decisions.decisionId", equalTo(List.of(fresh, young)));
            assertProblem(given().get(DECISIONS + "/" + old).then(), 404);
            assertEquals(0, retention.purge(), "nothing more to purge");
        } finally {
            TestClock.reset();
        }
    }

    private String column(String id, String column) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + column + " from decision where id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    return rs.getString(1);
                }
            }
        });
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static int gzip(String s) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return out.size();
    }
}
