package com.promisevalidator.api;

import static com.promisevalidator.TestDates.at;
import static com.promisevalidator.api.ApiTestSupport.createSite;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.putJson;
import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.promisevalidator.access.AdminKeyByDefault;
import com.promisevalidator.rules.model.RuleFile;
import com.promisevalidator.rules.service.RuleBaseHolder;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Scenario tests guard the live rule set: POST /rules/check runs a candidate's tests/*.yaml (and the active set's),
 * a reload whose scenarios fail is refused with the last good set kept, and reloads with scenarios under a validate
 * load never fail a request. Runs on a temp copy of rules/ with its tests/ directory.
 */
@QuarkusTest
@TestProfile(RulesScenariosApiTest.TempRulesDir.class)
class RulesScenariosApiTest {

    static final Path RULES_DIR = tempDir();

    public static class TempRulesDir implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(RULES_DIR.resolve("tests"));
                try (Stream<Path> s = Files.walk(Path.of("rules"))) {
                    for (Path p : s.filter(Files::isRegularFile).toList()) {
                        Files.copy(p, RULES_DIR.resolve(Path.of("rules").relativize(p).toString()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("promise.rules-dir", RULES_DIR.toString(), "quarkus.scheduler.enabled", "false");
        }
    }

    static Path tempDir() {
        try {
            Path p = Files.createTempDirectory("scenario-rules");
            p.toFile().deleteOnExit();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A rule that adds a day to every estimated promise: a policy change the shipped scenarios catch. */
    static final String EXTRA_DAY = """
            package rules;

            import com.promisevalidator.validation.facts.DeliveryPlan;

            // Protects: nothing; a change the scenario tests must catch. (The older agenda-group spelling on purpose: ops'
            // files that still use it keep working.)
            rule "Everyone gets one extra day"
            agenda-group "estimate"
            when
                $p : DeliveryPlan( feasible, estimated, bufferDays == 0 )
            then
                modify($p) { addBuffer(1) }
            end
            """;

    /** A scenario the shipped rules fail: they promise Thursday, it expects Wednesday. */
    static final String WRONG = """
            scenarios:
              - name: expects one day too early
                covers: ["Lead time from past performance"]
                now: 2026-12-08T10:00:00-03:00
                quote: {type: DELIVERY, site: SP1, region: RJ, lines: [{sku: TV, quantity: 1}]}
                world:
                  sites: {SP1: {}}
                  stock: {SP1: {TV: {onHand: 3}}}
                  lanes: {SP1->RJ: {transitDays: 2}}
                expect: {verdict: APPROVED, promisedBy: 2026-12-09}
            """;

    static final String DC = id("S-DC");
    static final String RJ = id("S-RJ");

    @Inject
    RuleBaseHolder holder;

    @TestHTTPResource("/api/v1/promises/validate")
    URL validateUrl;

    @BeforeEach
    void site() {
        createSite(DC, """
                {"name":"Scenario DC","timeZone":"America/Sao_Paulo","cutoff":"14:00",
                 "workingDays":["MON","TUE","WED","THU","FRI"],"dailyCapacity":{"orders":100000}}""");
        putJson("/api/v1/sites/" + DC + "/lanes/" + RJ, "{\"transitDays\":3}").statusCode(200);
        assertTrue(holder.reloadFromDisk().ok(), () -> String.valueOf(holder.lastError()));
    }

    @AfterEach
    void shippedSetAgain() throws IOException {
        Files.deleteIfExists(RULES_DIR.resolve("extra-day.drl"));
        Files.deleteIfExists(RULES_DIR.resolve("tests/wrong.yaml"));
        Files.copy(Path.of("rules/parameters.yaml"), RULES_DIR.resolve("parameters.yaml"), StandardCopyOption.REPLACE_EXISTING);
        holder.reloadFromDisk();
    }

    static List<Map<String, String>> shippedRuleFiles() throws IOException {
        List<Map<String, String>> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("rules"))) {
            for (Path p : s.filter(p -> RuleFile.belongs(p.getFileName().toString())).sorted().toList()) {
                files.add(Map.of("name", p.getFileName().toString(), "content", Files.readString(p, StandardCharsets.UTF_8)));
            }
        }
        return files;
    }

    static JsonPath check(List<Map<String, String>> files) {
        return given().contentType(ContentType.JSON).body(Map.of("files", files))
                .when().post("/api/v1/rules/check").then().statusCode(200).extract().jsonPath();
    }

    static int shippedScenarios() throws IOException {
        return get("/api/v1/rules").then().statusCode(200).extract().jsonPath().getInt("scenarios.run");
    }

    @Test
    void checkRunsTheCandidatesScenariosAndTheActiveSetsAndReportsEachFailure() throws IOException {
        int shipped = shippedScenarios();
        assertTrue(shipped >= 12, "the active set's scenarios ran at load: " + shipped);

        JsonPath clean = check(shippedRuleFiles());
        assertTrue(clean.getBoolean("ok"));
        // the rules directory as it stands, README included (probe api M1): the README is left out, as the service leaves it out
        List<Map<String, String>> withReadme = shippedRuleFiles();
        withReadme.add(Map.of("name", "README.md", "content", "# notes for ops\n"));
        JsonPath asItStands = check(withReadme);
        assertTrue(asItStands.getBoolean("ok"), asItStands.prettify());
        assertEquals("README.md", asItStands.getString("warnings.find { it.file == 'README.md' }.file"));
        assertEquals(List.of(), clean.getList("errors"));
        assertEquals(List.of(), clean.getList("violations"));
        assertEquals(shipped, clean.getInt("scenarios.run"), "the active set's scenarios run against the candidate");
        assertEquals(0, clean.getInt("scenarios.failed"));

        List<Map<String, String>> withWrong = shippedRuleFiles();
        withWrong.add(Map.of("name", "tests/wrong.yaml", "content", WRONG));
        JsonPath wrong = check(withWrong);
        assertFalse(wrong.getBoolean("ok"));
        // it compiles, only a scenario fails: said under errors too, where a program keyed on them looks (probe api M2)
        assertEquals(1, wrong.getList("errors").size(), wrong.prettify());
        assertEquals("tests/wrong.yaml", wrong.getString("errors[0].file"));
        assertTrue(wrong.getString("errors[0].message").contains("expects one day too early"), wrong.getString("errors[0].message"));
        assertEquals(shipped + 1, wrong.getInt("scenarios.run"));
        assertEquals(1, wrong.getInt("scenarios.failed"));
        assertEquals("tests/wrong.yaml", wrong.getString("scenarios.failures[0].file"));
        assertEquals("expects one day too early", wrong.getString("scenarios.failures[0].scenario"));
        assertEquals("recommended.promisedBy", wrong.getString("scenarios.failures[0].mismatches[0].field"));
        assertEquals("2026-12-09", wrong.getString("scenarios.failures[0].mismatches[0].expected"));
        assertEquals("2026-12-10", wrong.getString("scenarios.failures[0].mismatches[0].actual"));

        List<Map<String, String>> extraDay = shippedRuleFiles();
        extraDay.add(Map.of("name", "extra-day.drl", "content", EXTRA_DAY));
        JsonPath changed = check(extraDay);
        assertFalse(changed.getBoolean("ok"), "a rule that moves every date fails the shipped scenarios");
        assertTrue(changed.getInt("scenarios.failed") > 0);

        List<Map<String, String>> badName = shippedRuleFiles();
        badName.add(Map.of("name", "other/x.yaml", "content", WRONG));
        JsonPath refused = check(badName);
        assertFalse(refused.getBoolean("ok"));
        assertEquals("other/x.yaml", refused.getString("errors[0].file"));
        assertTrue(refused.getString("errors[0].message").contains("tests/"), refused.getString("errors[0].message"));
        assertNull(refused.get("scenarios"), "scenarios run only on a candidate that compiles");
    }

    @Test
    void aReloadWhoseScenariosFailIsRefusedAndTheLastGoodSetKeepsAnswering() throws IOException {
        String good = holder.active().version();
        long refused = holder.refusedReloads();
        Files.writeString(RULES_DIR.resolve("extra-day.drl"), EXTRA_DAY, StandardCharsets.UTF_8);
        assertFalse(holder.reloadFromDisk().ok());
        // counted as a refused reload, as promise_rules_reload_failures_total says it (probe ops M2)
        assertEquals(refused + 1, holder.refusedReloads());
        JsonPath r = get("/api/v1/rules").then().statusCode(200).extract().jsonPath();
        assertEquals(good, r.getString("version"));
        assertTrue(r.getString("lastError.message").startsWith("scenario test failed ("), r.getString("lastError.message"));
        assertTrue(r.getString("lastError.file").startsWith("tests/"), r.getString("lastError.file"));
        JsonPath answer = given().contentType(ContentType.JSON).body(quote()).when().post("/api/v1/promises/validate")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(good, answer.getString("rulesVersion"));

        Files.delete(RULES_DIR.resolve("extra-day.drl"));
        Files.writeString(RULES_DIR.resolve("tests/wrong.yaml"), WRONG, StandardCharsets.UTF_8);
        assertFalse(holder.reloadFromDisk().ok(), "a new failing scenario file is refused too");
        assertEquals("tests/wrong.yaml", get("/api/v1/rules").then().extract().jsonPath().getString("lastError.file"));

        Files.delete(RULES_DIR.resolve("tests/wrong.yaml"));
        assertTrue(holder.reloadFromDisk().ok());
        assertNull(get("/api/v1/rules").then().extract().jsonPath().get("lastError"));
        assertEquals(good, holder.active().version());
    }

    String quote() {
        return """
                {"type":"DELIVERY","quoteId":"S-1","customer":"ACME","site":"%s","region":"%s","orderedAt":"%s"}"""
                .formatted(DC, RJ, at(0, "10:00"));
    }

    @Test
    void hundredReloadsWithScenariosUnderLoadNeverFailARequestAndEachAnswerCarriesOneOfTheTwoVersions() throws Exception {
        Path params = RULES_DIR.resolve("parameters.yaml");
        String a = Files.readString(params, StandardCharsets.UTF_8);
        String b = a.replace("target-confidence: 0.90", "target-confidence: 0.91");
        assertFalse(a.equals(b), "parameters.yaml ships target-confidence: 0.90");
        Files.writeString(params, b, StandardCharsets.UTF_8);
        assertTrue(holder.reloadFromDisk().ok());
        String vb = holder.active().version();
        Files.writeString(params, a, StandardCharsets.UTF_8);
        assertTrue(holder.reloadFromDisk().ok());
        String va = holder.active().version();
        Map<String, Double> targetOf = Map.of(va, 0.90, vb, 0.91);

        ObjectMapper json = new ObjectMapper();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(validateUrl.toString())).header("Content-Type", "application/json")
                .header(AdminKeyByDefault.HEADER, AdminKeyByDefault.ADMIN).POST(HttpRequest.BodyPublishers.ofString(quote())).build();
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger answers = new AtomicInteger();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<String, Integer> byVersion = new ConcurrentHashMap<>();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            Thread t = new Thread(() -> {
                while (!done.get()) {
                    try {
                        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            failures.add(r.statusCode() + " " + r.body());
                            continue;
                        }
                        JsonNode answer = json.readTree(r.body());
                        String v = answer.path("rulesVersion").asText();
                        Double target = targetOf.get(v);
                        if (target == null) failures.add("unknown version " + v);
                        else if (Math.abs(answer.path("targetConfidence").asDouble() - target) > 1e-9) failures.add(v + " answered with " + answer.path("targetConfidence"));
                        byVersion.merge(v, 1, Integer::sum);
                        answers.incrementAndGet();
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            });
            t.start();
            clients.add(t);
        }
        try {
            for (int i = 0; i < 100; i++) {
                Files.writeString(params, i % 2 == 0 ? b : a, StandardCharsets.UTF_8);
                assertTrue(holder.reloadFromDisk().ok(), "reload " + i + ": " + holder.lastError());
                assertEquals(0, holder.activeReport().failed(), "the shipped scenarios pass on every reload");
                int seen = answers.get();
                for (int w = 0; w < 200 && answers.get() == seen; w++) Thread.sleep(5);
            }
        } finally {
            done.set(true);
            for (Thread t : clients) t.join(30_000);
        }
        assertEquals(List.of(), failures.size() > 5 ? failures.subList(0, 5) : failures);
        assertTrue(answers.get() >= 100, "answers: " + answers.get());
        assertEquals(targetOf.keySet(), byVersion.keySet(), "answers from both versions: " + byVersion);
        assertEquals(va, holder.active().version());
    }
}
