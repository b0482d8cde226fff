package com.promisevalidator.api;

import static com.promisevalidator.api.ApiTestSupport.createSite;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.postJson;
import static com.promisevalidator.api.ApiTestSupport.putJson;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.promisevalidator.db.Database;
import com.promisevalidator.validation.model.QuoteRequest;
import com.promisevalidator.validation.model.ValidationResponse;
import com.promisevalidator.validation.model.Verdict;
import com.promisevalidator.validation.service.DecisionLog;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The decision log never lets one bad record block the ones after it, and says (readiness, info)
 * when it cannot write. Flushes are driven by the test; the background writer may run as well,
 * which the assertions allow for.
 */
@QuarkusTest
class DecisionLogApiTest {

    static final String DC = id("D-DC");
    static final String REGION = id("D-RJ");
    private static boolean ready;

    @Inject
    DecisionLog log;

    @Inject
    Database db;

    @BeforeEach
    void fixture() {
        if (ready) return;
        createSite(DC, """
                {"name":"Decision DC","timeZone":"America/Sao_Paulo","cutoff":"14:00","dailyCapacity":{"orders":100}}""");
        putJson("/api/v1/sites/" + DC + "/lanes/" + REGION, "{\"transitDays\":2}").statusCode(200);
        ready = true;
    }

    private String validate() {
        return postJson("/api/v1/promises/validate", """
                {"type":"DELIVERY","site":"%s","region":"%s","promisedBy":"%s"}""".formatted(DC, REGION, LocalDate.now(com.promisevalidator.TestClock.UTC).plusDays(30)))
                .statusCode(200).extract().path("decisionId");
    }

    private boolean stored(String decisionId) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("select count(*) from decision where id = ?")) {
                ps.setString(1, decisionId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) == 1;
                }
            }
        });
    }

    /** A decision whose id does not fit the column: it can never be written. */
    private static ValidationResponse unwritable(String id) {
        return new ValidationResponse(id, "poison", Verdict.APPROVED, 0.95, 0.9, null, List.of(), List.of(), "v",
                OffsetDateTime.now(ZoneOffset.UTC), null);
    }

    @Test
    void aRecordThatCannotBeWrittenIsSetAsideAndTheOthersAreWritten() {
        long setAsideBefore = log.stats().setAside();
        String before = validate();
        QuoteRequest q = new QuoteRequest("DELIVERY", null, null, null, DC, REGION, null, null, null, null, null, null, null, null);
        log.record(q, unwritable("poison-" + "x".repeat(100)));
        String after = validate();
        for (int i = 0; i < 5; i++) log.flush();

        assertTrue(stored(before), "the decision before the bad one is stored");
        assertTrue(stored(after), "the decision after the bad one is stored");
        assertEquals(setAsideBefore + 1, log.stats().setAside(), "the bad record is set aside and counted");
        assertTrue(log.stats().writing(), "one bad record does not make the store unready");
        given().get("/api/v1/info").then().statusCode(200).body("decisionLog.setAside", equalTo((int) (setAsideBefore + 1)))
                .body("decisionLog.writing", equalTo(true));
        given().get("/q/health/ready").then().statusCode(200);
        // the decision after the bad one commits by its id
        given().contentType(ContentType.JSON).header("Idempotency-Key", id("D-K-" + after)).body("{\"decisionId\":\"" + after + "\"}")
                .post("/api/v1/promises").then().statusCode(201);
    }

    @Test
    void readinessIsDownWhileDecisionsCannotBeWrittenAndUpWhenTheyCan() {
        rename("decision", "decision_away");
        String id;
        try {
            id = validate();
            log.flush();
            assertFalse(log.stats().writing(), "the store is failing");
            given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
            assertTrue(log.find(id).isPresent(), "the answer waits in memory");
            // commit by decisionId still works meanwhile: the decision is known from memory
        } finally {
            rename("decision_away", "decision");
        }
        log.flush();
        assertTrue(log.stats().writing(), "writing again");
        assertTrue(stored(id), "the decision that waited is written, not set aside");
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private void rename(String from, String to) {
        db.query(c -> {
            try (var st = c.createStatement()) {
                st.execute("alter table " + from + " rename to " + to);
            }
            return null;
        });
    }
}
