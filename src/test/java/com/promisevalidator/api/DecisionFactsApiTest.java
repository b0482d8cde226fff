package com.promisevalidator.api;

import static com.promisevalidator.TestDates.date;
import static com.promisevalidator.api.ApiTestSupport.createSite;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.postJson;
import static com.promisevalidator.api.ApiTestSupport.putJson;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.promisevalidator.TestClock;
import com.promisevalidator.db.Database;
import com.promisevalidator.validation.service.DecisionLog;
import com.promisevalidator.validation.service.DecisionRetention;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The facts a decision met: shown by GET /api/v1/decisions/{id}, stored once per distinct content (decisions on the
 * same lane and state share a snapshot), a new snapshot when a fact changes, and snapshots no decision references
 * any more purged with the decisions.
 */
@QuarkusTest
class DecisionFactsApiTest {

    static final String DECISIONS = "/api/v1/decisions";

    @Inject
    DecisionLog log;

    @Inject
    DecisionRetention retention;

    @Inject
    Database db;

    @Inject
    ObjectMapper json;

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    private static String site(String base) {
        String dc = id(base);
        createSite(dc, """
                {"name":"Facts DC","timeZone":"America/Sao_Paulo","cutoff":"14:00","dailyCapacity":{"orders":100}}""");
        return dc;
    }

    private static String quote(String dc, String region, String promisedBy) {
        return """
                {"type":"DELIVERY","quoteId":"Q-F","site":"%s","region":"%s","orderedAt":"%sT10:00:00-03:00"%s}"""
                .formatted(dc, region, date(0), promisedBy == null ? "" : ",\"promisedBy\":\"" + promisedBy + "\"");
    }

    private JsonNode decision(String id) throws Exception {
        return json.readTree(given().get(DECISIONS + "/" + id).then().statusCode(200).extract().asString());
    }

    private String validate(String quote) {
        return postJson("/api/v1/promises/validate", quote).statusCode(200).extract().jsonPath().getString("decisionId");
    }

    @Test
    void aDecisionShowsTheFactsItMetAndTheSameFactsAreStoredOnce() throws Exception {
        String dc = site("DF-DC"), region = id("DF-R");
        putJson("/api/v1/sites/" + dc + "/lanes/" + region, "{\"transitDays\":3}").statusCode(200);
        String first = validate(quote(dc, region, date(10)));
        String second = validate(quote(dc, region, date(10)));

        JsonNode waiting = decision(first);
        log.flush();
        JsonNode stored = decision(first);
        assertEquals(waiting, stored, "the facts read the same before and after they are written");
        JsonNode facts = stored.get("facts");
        assertNotNull(facts, "a validate records the facts it met");
        assertEquals(dc, facts.at("/sites/" + dc + "/code").asText());
        assertEquals(3, facts.at("/lanes/" + dc + ">" + region + "/transitDays").asInt(), "the lane as it was");
        assertTrue(facts.at("/leadTime/" + dc + ">" + region + "/cdf").isArray(), "the lead-time evidence met");
        assertTrue(facts.at("/ordersTaken").has(dc), "the site's day load met");

        String hash = stored.get("factsHash").asText();
        assertEquals(hash, decision(second).get("factsHash").asText(), "the same facts, the same snapshot");
        assertEquals(1, snapshots(hash), "stored once");

        // a fact changes: the next decision meets (and stores) new facts; the earlier one keeps its own
        putJson("/api/v1/sites/" + dc + "/lanes/" + region, "{\"transitDays\":4}").statusCode(200);
        String third = validate(quote(dc, region, date(10)));
        log.flush();
        JsonNode later = decision(third);
        assertNotEquals(hash, later.get("factsHash").asText());
        assertEquals(4, later.at("/facts/lanes/" + dc + ">" + region + "/transitDays").asInt());
        assertEquals(3, decision(first).at("/facts/lanes/" + dc + ">" + region + "/transitDays").asInt());
    }

    @Test
    void listsLeaveTheFactsOut() {
        String dc = site("DL-DC"), region = id("DL-R");
        putJson("/api/v1/sites/" + dc + "/lanes/" + region, "{\"transitDays\":2}").statusCode(200);
        validate(quote(dc, region, null));
        log.flush();
        JsonNode list = given().queryParam("site", dc).get(DECISIONS).then().statusCode(200).extract().as(JsonNode.class);
        assertEquals(1, list.get("decisions").size());
        assertFalse(list.get("decisions").get(0).has("facts"), "facts are read one decision at a time");
    }

    @Test
    void retentionRemovesSnapshotsNoDecisionReferences() throws Exception {
        String dc = site("DG-DC"), region = id("DG-R");
        putJson("/api/v1/sites/" + dc + "/lanes/" + region, "{\"transitDays\":2}").statusCode(200);
        String old = validate(quote(dc, region, null));
        log.flush();
        String oldHash = decision(old).get("factsHash").asText();
        putJson("/api/v1/sites/" + dc + "/lanes/" + region, "{\"transitDays\":5}").statusCode(200);
        TestClock.advance(Duration.ofDays(31));
        String kept = validate(quote(dc, region, null));
        log.flush();
        String keptHash = decision(kept).get("factsHash").asText();
        assertNotEquals(oldHash, keptHash);
        assertEquals(1, snapshots(oldHash));

        retention.purge();
        assertEquals(0, snapshots(oldHash), "its only decision is gone: so is the snapshot");
        assertEquals(1, snapshots(keptHash), "a referenced snapshot stays");
        assertNotNull(decision(kept).get("facts"));
    }

    private int snapshots(String hash) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("select count(*) from decision_facts where hash = ?")) {
                ps.setString(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }
}
