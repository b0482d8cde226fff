package com.promisevalidator.api;

import static com.promisevalidator.api.ApiTestSupport.assertProblem;
import static com.promisevalidator.api.ApiTestSupport.createSite;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.postJson;
import static com.promisevalidator.api.ApiTestSupport.putJson;
import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.promisevalidator.rules.HostileRules;
import com.promisevalidator.rules.HostileRules.Hostile;
import com.promisevalidator.rules.model.RuleFile;
import com.promisevalidator.rules.service.RuleBaseHolder;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The policy gate through the API, on a temporary copy of the rules directory: rules/check lists the
 * violations, a live reload refuses each hostile file while validation keeps answering with the last
 * good version, and a rule that never stops firing is stopped with a 503 naming it. The scheduler is
 * off so the test decides when the directory is reloaded (the poller calls the same reloadFromDisk).
 */
@QuarkusTest
@TestProfile(RulesGateApiTest.TempRulesDir.class)
class RulesGateApiTest {

    static final Path RULES_DIR = tempDir("rulegate-rules");
    static final Path MARKERS = tempDir("rulegate-markers");

    public static class TempRulesDir implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            copyShippedRules(RULES_DIR);
            return Map.of("promise.rules-dir", RULES_DIR.toString(), "quarkus.scheduler.enabled", "false");
        }
    }

    static Path tempDir(String prefix) {
        try {
            Path p = Files.createTempDirectory(prefix);
            p.toFile().deleteOnExit();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copyShippedRules(Path dir) {
        try {
            for (RuleFile f : HostileRules.shipped()) Files.writeString(dir.resolve(f.name()), f.content(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final String DC = id("G-DC");
    static final String REGION = id("G-RJ");

    @Inject
    RuleBaseHolder holder;

    @BeforeEach
    void site() {
        createSite(DC, """
                {"name":"Gate DC","timeZone":"America/Sao_Paulo","cutoff":"14:00",
                 "workingDays":["MON","TUE","WED","THU","FRI"],"dailyCapacity":{"orders":100}}""");
        putJson("/api/v1/sites/" + DC + "/lanes/" + REGION, "{\"transitDays\":3}").statusCode(200);
    }

    @AfterEach
    void nothingRanAndTheShippedSetIsBack() throws IOException {
        assertEquals(List.of(), HostileRules.sideEffects(MARKERS), "a payload ran");
        try (var s = Files.list(RULES_DIR)) {
            for (Path p : s.toList()) Files.delete(p);
        }
        copyShippedRules(RULES_DIR);
        holder.reloadFromDisk();
    }

    private static String quote() {
        return """
                {"type":"DELIVERY","quoteId":"G-1","rep":"alice","customer":"ACME","site":"%s","region":"%s",
                 "orderedAt":"2026-12-01T10:00:00-03:00"}""".formatted(DC, REGION);
    }

    private static JsonPath rules() {
        return get("/api/v1/rules").then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, String> file(String name, String content) {
        return Map.of("name", name, "content", content);
    }

    @Test
    void checkListsEachHostileFilesViolationWithFileAndLine() {
        String before = rules().getString("version");
        for (Hostile h : HostileRules.refused(MARKERS)) {
            List<Map<String, String>> files = new ArrayList<>();
            HostileRules.shipped().forEach(f -> files.add(file(f.name(), f.content())));
            files.add(file(h.name(), h.content()));
            JsonPath jp = given().contentType(ContentType.JSON).body(Map.of("files", files))
                    .when().post("/api/v1/rules/check").then().statusCode(200).extract().jsonPath();
            assertFalse(jp.getBoolean("ok"), h.name());
            assertEquals(h.name(), jp.getString("violations[0].file"), h.name());
            assertEquals(h.expectedLine(), jp.getInt("violations[0].line"), h.name());
            assertNotNull(jp.get("violations[0].column"), h.name());
            assertTrue(jp.getString("violations[0].message").contains("not allowed"), jp.getString("violations[0].message"));
            assertEquals(List.of(), jp.getList("errors"), h.name());
            assertNull(jp.getString("version"), h.name());
        }
        assertEquals(before, rules().getString("version"));
        assertNull(rules().get("lastError"), "a check is not a reload");
    }

    @Test
    void liveReloadRefusesEachHostileFileAndValidationKeepsAnswering() throws IOException {
        String good = rules().getString("version");
        for (Hostile h : HostileRules.refused(MARKERS)) {
            Files.writeString(RULES_DIR.resolve(h.name()), h.content(), StandardCharsets.UTF_8);
            holder.reloadFromDisk();
            JsonPath r = rules();
            assertEquals(good, r.getString("version"), h.name());
            assertEquals(h.name(), r.getString("lastError.file"));
            assertEquals(h.expectedLine(), r.getInt("lastError.line"), h.name());
            assertNotNull(r.get("lastError.column"), h.name());
            assertTrue(r.getString("lastError.message").startsWith("policy violation: "), r.getString("lastError.message"));
            postJson("/api/v1/promises/validate", quote()).statusCode(200).body("rulesVersion", org.hamcrest.Matchers.equalTo(good));

            Files.delete(RULES_DIR.resolve(h.name()));
            holder.reloadFromDisk();
            assertNull(rules().get("lastError"), h.name() + ": the directory is clean again");
        }
    }

    @Test
    void aRuleThatNeverStopsFiringIsStoppedAndNamed() throws IOException {
        String good = rules().getString("version");
        long failuresBefore = rules().getLong("runtimeFailures.count");
        Hostile h = HostileRules.endless();
        Files.writeString(RULES_DIR.resolve(h.name()), h.content(), StandardCharsets.UTF_8);
        holder.reloadFromDisk();
        String spinning = rules().getString("version");
        assertNotEquals(good, spinning, "legal code: the gate lets it through, the firing limit stops it");

        // answered by the set it replaced (P10: a 503 with Retry-After 1 stopped the reps, and retried the same failure)
        postJson("/api/v1/promises/validate", quote()).statusCode(200).body("rulesVersion", org.hamcrest.Matchers.equalTo(good));
        JsonPath r = rules();
        assertEquals(failuresBefore + 1, r.getLong("runtimeFailures.count"));
        assertEquals(spinning, r.getString("runtimeFailures.last.version"));
        assertEquals("Spins forever", r.getString("runtimeFailures.last.rule"));

        Files.delete(RULES_DIR.resolve(h.name()));
        holder.reloadFromDisk();
        postJson("/api/v1/promises/validate", quote()).statusCode(200).body("rulesVersion", org.hamcrest.Matchers.equalTo(good));
    }

    private static String throwing(String rule, String message) {
        return """
                package rules;
                import com.promisevalidator.validation.facts.DeliveryPlan;
                rule "%s"
                when
                    $p : DeliveryPlan( )
                then
                    throw new IllegalStateException("%s");
                end
                """.formatted(rule, message);
    }

    @Test
    void aRuleThatThrowsIsAnsweredByTheSetItReplacedAndNamedForOps() throws IOException {
        String good = rules().getString("version");
        Files.writeString(RULES_DIR.resolve("throws.drl"), throwing("Throws", "no luck"), StandardCharsets.UTF_8);
        holder.reloadFromDisk();
        try {
            String faulty = rules().getString("version");
            assertNotEquals(good, faulty);
            postJson("/api/v1/promises/validate", quote()).statusCode(200).body("rulesVersion", org.hamcrest.Matchers.equalTo(good));
            JsonPath r = rules();
            assertEquals("Throws", r.getString("runtimeFailures.last.rule"));
            assertEquals(faulty, r.getString("runtimeFailures.last.version"));
            assertTrue(r.getString("runtimeFailures.last.message").contains("no luck"), r.getString("runtimeFailures.last.message"));
        } finally {
            Files.delete(RULES_DIR.resolve("throws.drl"));
            holder.reloadFromDisk();
        }
    }

    @Test
    void whenTheReplacedSetFailsTooTheQuoteIsRefusedWith503NamingTheActiveRuleNotA500() throws IOException {
        Files.writeString(RULES_DIR.resolve("throws.drl"), throwing("Throws", "no luck"), StandardCharsets.UTF_8);
        holder.reloadFromDisk();
        Files.writeString(RULES_DIR.resolve("throws.drl"), throwing("Throws again", "still no luck"), StandardCharsets.UTF_8);
        holder.reloadFromDisk();
        try {
            assertProblem(postJson("/api/v1/promises/validate", quote()), 503)
                    .body("title", org.hamcrest.Matchers.equalTo("Rule set is faulty"))
                    .body("rule", org.hamcrest.Matchers.equalTo("Throws again"))
                    .body("detail", containsString("still no luck"))
                    .body("detail", org.hamcrest.Matchers.not(containsString("IllegalStateException"))); // the class is for ops only
            assertEquals("Throws again", rules().getString("runtimeFailures.last.rule"));
        } finally {
            Files.delete(RULES_DIR.resolve("throws.drl"));
            holder.reloadFromDisk();
        }
    }

    @Test
    void aRuleThatThrowsOnOneQuoteOfABatchFallsBackForThatQuoteOnly() throws IOException {
        String good = rules().getString("version");
        String odd = REGION + "-ODD";
        Files.writeString(RULES_DIR.resolve("throws-once.drl"), """
                package rules;
                import com.promisevalidator.validation.facts.DeliveryPlan;
                rule "Throws on one region"
                when
                    $p : DeliveryPlan( region == "%s" )
                then
                    throw new IllegalStateException("odd region");
                end
                """.formatted(odd), StandardCharsets.UTF_8);
        holder.reloadFromDisk();
        try {
            String oddQuote = quote().replace("\"G-1\"", "\"G-ODD\"").replace("\"" + REGION + "\"", "\"" + odd + "\"");
            postJson("/api/v1/promises/validate-batch", "{\"quotes\":[" + oddQuote + "," + quote() + "]}").statusCode(200)
                    .body("results[0].quoteId", org.hamcrest.Matchers.equalTo("G-ODD"))
                    .body("results[0].verdict", org.hamcrest.Matchers.notNullValue())
                    .body("results[0].rulesVersion", org.hamcrest.Matchers.equalTo(good))
                    .body("results[1].quoteId", org.hamcrest.Matchers.equalTo("G-1"))
                    .body("results[1].verdict", org.hamcrest.Matchers.notNullValue())
                    .body("results[1].rulesVersion", org.hamcrest.Matchers.not(good));
        } finally {
            Files.delete(RULES_DIR.resolve("throws-once.drl"));
            holder.reloadFromDisk();
        }
    }
}
