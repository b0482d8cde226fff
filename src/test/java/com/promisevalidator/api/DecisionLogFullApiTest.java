package com.promisevalidator.api;

import static com.promisevalidator.api.ApiTestSupport.assertProblem;
import static com.promisevalidator.api.ApiTestSupport.createSite;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.postJson;
import static com.promisevalidator.api.ApiTestSupport.putJson;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.LocalDate;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.promisevalidator.validation.service.DecisionLog;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The decision queue is bounded: when it is full, validation answers 503 with Retry-After (no
 * decisionId that could be lost is handed out), counts the refusal, and answers again once the
 * decisions are written. A queue of 2 that is never flushed on its own makes that visible.
 */
@QuarkusTest
@TestProfile(DecisionLogFullApiTest.TinyQueue.class)
class DecisionLogFullApiTest {

    public static class TinyQueue implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("promise.decision-log.capacity", "2", "promise.decision-log.flush-interval", "1h");
        }
    }

    @Inject
    DecisionLog log;

    /** A site with room and a planned lane to {@code region}: every quote to it is answered. */
    private static void warehouse(String dc, String region) {
        createSite(dc, """
                {"name":"Decision log DC","timeZone":"America/Sao_Paulo","cutoff":"14:00","dailyCapacity":{"orders":100}}""");
        putJson("/api/v1/sites/" + dc + "/lanes/" + region, "{\"transitDays\":2}").statusCode(200);
    }

    @Test
    void aFullQueueRefusesWith503UntilTheDecisionsAreWritten() {
        String dc = id("DF-DC"), region = id("DF-R");
        warehouse(dc, region);
        String quote = """
                {"type":"DELIVERY","site":"%s","region":"%s","promisedBy":"%s"}""".formatted(dc, region, LocalDate.now(com.promisevalidator.TestClock.UTC).plusDays(30));
        log.flush();
        postJson("/api/v1/promises/validate", quote).statusCode(200);
        postJson("/api/v1/promises/validate", quote).statusCode(200);
        assertProblem(postJson("/api/v1/promises/validate", quote), 503).header("Retry-After", notNullValue());
        given().get("/api/v1/info").then().statusCode(200).body("decisionLog.waiting", equalTo(2)).body("decisionLog.refused", equalTo(1));

        log.flush();
        postJson("/api/v1/promises/validate", quote).statusCode(200).body("decisionId", notNullValue());
        given().get("/api/v1/info").then().statusCode(200).body("decisionLog.waiting", equalTo(1));
    }

    /** Probe P12 M2: one CRM key's batches filled the shared log and every rep's validate got 503; batches give way first. */
    @Test
    void batchesGiveWayToSingleQuotesBeforeTheLogIsFull() {
        String dc = id("DBF-DC"), region = id("DBF-R");
        warehouse(dc, region);
        String quote = """
                {"type":"DELIVERY","site":"%s","region":"%s"}""".formatted(dc, region);
        log.flush();
        // half of a log of 2: a batch that would leave it more than half full is turned away, with Retry-After
        assertProblem(postJson("/api/v1/promises/validate-batch", "{\"quotes\":[" + quote + "," + quote + "]}"), 503)
                .header("Retry-After", notNullValue()).body("title", equalTo("Service busy"));
        postJson("/api/v1/promises/validate", quote).statusCode(200);
        assertProblem(postJson("/api/v1/promises/validate-batch", "{\"quotes\":[" + quote + "]}"), 503);
        // a single quote is still answered: the other half is for it
        postJson("/api/v1/promises/validate", quote).statusCode(200).body("decisionId", notNullValue());
        log.flush();
        postJson("/api/v1/promises/validate-batch", "{\"quotes\":[" + quote + "]}").statusCode(200)
                .body("results[0].decisionId", notNullValue());
        log.flush();
    }
}
