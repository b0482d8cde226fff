package com.promisevalidator.api;

import static com.promisevalidator.api.ApiTestSupport.assertProblem;
import static com.promisevalidator.api.ApiTestSupport.createSite;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.postJson;
import static com.promisevalidator.api.ApiTestSupport.putJson;
import static io.restassured.RestAssured.get;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.promisevalidator.rules.HostileRules;
import com.promisevalidator.rules.HostileRules.Hostile;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Start-up with a hostile file in the rules directory and the last-good fallback off: there is no good version, so the
 * service is not ready and validation answers 503, lastError says where, and the payload never ran.
 */
@QuarkusTest
@TestProfile(RulesGateStartupApiTest.HostileRulesDir.class)
class RulesGateStartupApiTest {

    static final Path RULES_DIR = RulesGateApiTest.tempDir("rulegate-startup");
    static final Path MARKERS = RulesGateApiTest.tempDir("rulegate-startup-markers");
    static final Hostile HOSTILE = HostileRules.refused(MARKERS).stream()
            .filter(h -> h.name().equals("runtime-exec.drl")).findFirst().orElseThrow();

    public static class HostileRulesDir implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            RulesGateApiTest.copyShippedRules(RULES_DIR);
            try {
                Files.writeString(RULES_DIR.resolve(HOSTILE.name()), HOSTILE.content(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // fail fast: the last good set other tests left in the database would answer otherwise (LastGoodRulesTest)
            return Map.of("promise.rules-dir", RULES_DIR.toString(), "quarkus.scheduler.enabled", "false",
                    "promise.rules-last-good-at-start", "false");
        }
    }

    @Test
    void aHostileFileAtStartUpMeansNoRulesNotReadyAndNoSideEffect() throws IOException {
        get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'rules' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'rules' }.data.lastError", containsString(HOSTILE.name()));
        get("/api/v1/rules").then().statusCode(200)
                .body("version", nullValue())
                .body("lastError.file", equalTo(HOSTILE.name()))
                .body("lastError.line", equalTo(HOSTILE.expectedLine()))
                .body("lastError.message", containsString("Runtime"));

        String dc = id("GS-DC");
        createSite(dc, """
                {"name":"Gate start-up DC","timeZone":"America/Sao_Paulo","cutoff":"14:00",
                 "workingDays":["MON","TUE","WED","THU","FRI"],"dailyCapacity":{"orders":100}}""");
        putJson("/api/v1/sites/" + dc + "/lanes/" + id("GS-RJ"), "{\"transitDays\":3}").statusCode(200);
        assertProblem(postJson("/api/v1/promises/validate", """
                {"type":"DELIVERY","quoteId":"GS-1","rep":"alice","customer":"ACME","site":"%s","region":"%s",
                 "orderedAt":"2026-12-01T10:00:00-03:00"}""".formatted(dc, id("GS-RJ"))), 503)
                .body("detail", containsString(HOSTILE.name()));
        assertEquals(List.of(), HostileRules.sideEffects(MARKERS), "the payload ran");
    }
}
