package com.promisevalidator.api;

import static com.promisevalidator.TestDates.at;
import static com.promisevalidator.TestDates.date;
import static com.promisevalidator.api.ApiTestSupport.createSite;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.postJson;
import static com.promisevalidator.api.ApiTestSupport.putJson;
import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import com.promisevalidator.performance.service.PerformanceStats;
import com.promisevalidator.rules.model.RuleFile;
import com.promisevalidator.rules.service.RuleBaseHolder;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * rules/parameters.yaml is live: an edit in (a temp copy of) the rules directory changes the next answer and the
 * version at the next reload; a bad edit is refused with its key and the last good rule set stays.
 */
@QuarkusTest
@TestProfile(ParametersLiveApiTest.TempRulesDir.class)
class ParametersLiveApiTest {

    static final Path RULES_DIR = tempDir();

    public static class TempRulesDir implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try (Stream<Path> s = Files.list(Path.of("rules"))) {
                for (Path p : s.filter(p -> RuleFile.belongs(p.getFileName().toString())).toList()) {
                    Files.copy(p, RULES_DIR.resolve(p.getFileName()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // reloads are driven by the test (what the poll calls), not by the scheduler
            return Map.of("promise.rules-dir", RULES_DIR.toString(), "quarkus.scheduler.enabled", "false");
        }
    }

    static Path tempDir() {
        try {
            Path p = Files.createTempDirectory("params-rules");
            p.toFile().deleteOnExit();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** History from other test classes is ignored (min-evidence-orders), so each lane answers from its planning value. */
    static final String BASE = """
            target-confidence: 0.90
            stats:
              planning-confidence: 0.90
              min-evidence-orders: 100000
            """;

    static final String DC = id("P-DC");
    static final String RJ = id("P-RJ");
    static final String MG = id("P-MG");

    @Inject
    RuleBaseHolder holder;

    @Inject
    PerformanceStats stats;

    @TestHTTPResource("/api/v1/promises/validate")
    URL validateUrl;

    @BeforeEach
    void siteAndBaseParameters() {
        createSite(DC, """
                {"name":"Params DC","timeZone":"America/Sao_Paulo","cutoff":"14:00",
                 "workingDays":["MON","TUE","WED","THU","FRI"],"dailyCapacity":{"orders":100000}}""");
        putJson("/api/v1/sites/" + DC + "/lanes/" + RJ, "{\"transitDays\":3}").statusCode(200);
        putJson("/api/v1/sites/" + DC + "/lanes/" + MG, "{\"transitDays\":3}").statusCode(200);
        writeParameters(BASE);
        assertTrue(holder.reloadFromDisk().ok());
    }

    @AfterEach
    void backToTheShippedHalfLife() throws InterruptedException {
        writeParameters(BASE);
        holder.reloadFromDisk();
        awaitHalfLife(30);
    }

    static void writeParameters(String yaml) {
        try {
            Files.writeString(RULES_DIR.resolve("parameters.yaml"), yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String quote(String region, String promisedBy) {
        return """
                {"type":"DELIVERY","quoteId":"P-1","rep":"alice","customer":"ACME","site":"%s","region":"%s",
                 "orderedAt":"%s"%s}""".formatted(DC, region, at(0, "10:00"),
                promisedBy == null ? "" : ",\"promisedBy\":\"" + promisedBy + "\"");
    }

    static JsonPath validate(String region, String promisedBy) {
        return postJson("/api/v1/promises/validate", quote(region, promisedBy)).statusCode(200).extract().jsonPath();
    }

    static JsonPath rules() {
        return get("/api/v1/rules").then().statusCode(200).extract().jsonPath();
    }

    private void awaitHalfLife(int days) throws InterruptedException {
        for (int i = 0; i < 600 && stats.halfLifeDays() != days; i++) Thread.sleep(50);
        assertEquals(days, stats.halfLifeDays(), "the statistics were rebuilt with the new half-life");
    }

    @Test
    void targetConfidenceInTheFileChangesTheNextAnswerAndTheVersion() {
        String before = rules().getString("version");
        JsonPath a = validate(RJ, date(3));
        assertEquals(before, a.getString("rulesVersion"));
        assertEquals(0.90, a.getDouble("targetConfidence"), 1e-9);
        assertEquals("APPROVED", a.getString("verdict"));
        assertEquals(date(3), a.getString("recommended.promisedBy"), "3 planned transit days, kept 90 % of the time");
        assertEquals(0.90, a.getDouble("confidence"), 1e-9);

        writeParameters(BASE.replace("target-confidence: 0.90", "target-confidence: 0.95"));
        assertTrue(holder.reloadFromDisk().ok());
        String after = rules().getString("version");
        assertNotEquals(before, after, "parameters are part of the version");
        assertEquals(0.95, rules().getDouble("parameters.target-confidence"), 1e-9);

        JsonPath b = validate(RJ, date(3));
        assertEquals(after, b.getString("rulesVersion"));
        assertEquals(0.95, b.getDouble("targetConfidence"), 1e-9);
        assertEquals("ALTERNATIVE", b.getString("verdict"), "90 % no longer reaches the target");
        assertEquals(0.90, b.getDouble("confidence"), 1e-9, "the asked date's chance is the same evidence");
        assertEquals(date(4), b.getString("recommended.promisedBy"), "the planning value is sure one day later");
        assertEquals(1.0, b.getDouble("recommended.confidence"), 1e-9);
    }

    @Test
    void aCommitByDecisionIdKeepsTheTargetTheDecisionWasAnsweredAt() {
        writeParameters(BASE.replace("target-confidence: 0.90", "target-confidence: 0.95"));
        assertTrue(holder.reloadFromDisk().ok());
        JsonPath answer = validate(RJ, null);
        assertEquals(0.95, answer.getDouble("targetConfidence"), 1e-9);

        writeParameters(BASE); // the committing instance's rules (another replica, or after an edit) say 0.90
        assertTrue(holder.reloadFromDisk().ok());
        String promiseId = given().contentType(ContentType.JSON).header("Idempotency-Key", id("P-TGT-K"))
                .body("{\"decisionId\":\"" + answer.getString("decisionId") + "\"}").post("/api/v1/promises")
                .then().statusCode(201).extract().path("promiseId");
        JsonPath p = get("/api/v1/promises/" + promiseId).then().statusCode(200).extract().jsonPath();
        assertEquals(0.95, p.getDouble("targetConfidence"), 1e-9, "the promise is judged at-risk against the target it was answered at");
        assertEquals(answer.getString("recommended.promisedBy"), p.getString("promisedBy"));
    }

    @Test
    void aBadValueIsRefusedWithItsKeyTheLastGoodStaysAndTheErrorClearsOnceFixed() {
        String good = rules().getString("version");
        writeParameters(BASE.replace("target-confidence: 0.90", "target-confidence: 1.5"));
        assertFalse(holder.reloadFromDisk().ok());
        JsonPath r = rules();
        assertEquals(good, r.getString("version"));
        assertEquals("parameters.yaml", r.getString("lastError.file"));
        assertEquals("target-confidence", r.getString("lastError.key"));
        assertEquals(1, r.getInt("lastError.line"));
        assertTrue(r.getString("lastError.message").contains("from 0.5 to 0.999, not 1.5"), r.getString("lastError.message"));
        JsonPath a = validate(RJ, null);
        assertEquals(good, a.getString("rulesVersion"), "answers keep coming from the last good rule set");
        assertEquals(0.90, a.getDouble("targetConfidence"), 1e-9);

        writeParameters(BASE + "stats-typo: 1\n");
        assertFalse(holder.reloadFromDisk().ok());
        assertEquals("stats-typo", rules().getString("lastError.key"));
        assertEquals(good, rules().getString("version"));

        writeParameters(BASE);
        holder.reloadFromDisk();
        assertNull(rules().get("lastError"), "clean again");
        assertEquals(good, rules().getString("version"));
    }

    @Test
    void checkReportsTheFileTheLineTheKeyAndTheReason() throws IOException {
        List<Map<String, String>> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(RULES_DIR)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".drl")).sorted().toList()) {
                files.add(Map.of("name", p.getFileName().toString(), "content", Files.readString(p, StandardCharsets.UTF_8)));
            }
        }
        files.add(Map.of("name", "parameters.yaml", "content", "target-confidence: high\nstats:\n  half-life: 7\nbuffers: {lanes: {\"A->B\": 99}}\n"));
        JsonPath jp = given().contentType(ContentType.JSON).body(Map.of("files", files))
                .when().post("/api/v1/rules/check").then().statusCode(200).extract().jsonPath();
        assertFalse(jp.getBoolean("ok"));
        assertNull(jp.get("version"));
        assertEquals(List.of("parameters.yaml", "parameters.yaml", "parameters.yaml"), jp.getList("errors.file"));
        assertEquals(List.of("target-confidence", "stats.half-life", "buffers.lanes.A->B"), jp.getList("errors.key"));
        assertEquals(List.of(1, 3, 4), jp.getList("errors.line"));
        assertTrue(jp.getString("errors[0].message").contains("not 'high'"), jp.getString("errors[0].message"));
        assertTrue(jp.getString("errors[1].message").contains("unknown key"), jp.getString("errors[1].message"));
        assertTrue(jp.getString("errors[2].message").contains("from 0 to 60, not 99"), jp.getString("errors[2].message"));
    }

    @Test
    void aRuleBufferIsNotBypassedByAskingForTheUnbufferedDateNorByCommittingIt() throws IOException {
        // probe P10 H1: the un-buffered date was APPROVED, and committed as asked, while recommended was a day later
        String unbuffered = validate(RJ, null).getString("recommended.promisedBy");
        Path rule = RULES_DIR.resolve("p10-buffer.drl");
        Files.writeString(rule, """
                package rules;
                import com.promisevalidator.validation.facts.DeliveryPlan;
                // Protects: this test's site gets one extra day.
                rule "Test site gets one extra day"
                ruleflow-group "estimate"
                when
                    $p : DeliveryPlan( feasible, estimated, site == "%s", !bufferedBy("Test site gets one extra day") )
                then
                    modify($p) { addBuffer(1) }
                end
                """.formatted(DC), StandardCharsets.UTF_8);
        try {
            assertTrue(holder.reloadFromDisk().ok(), () -> String.valueOf(holder.lastError()));
            String buffered = java.time.LocalDate.parse(unbuffered).plusDays(1).toString();
            JsonPath asked = validate(RJ, unbuffered);
            assertEquals("ALTERNATIVE", asked.getString("verdict"), "a date inside the buffer does not hold");
            assertEquals(buffered, asked.getString("recommended.promisedBy"));
            assertEquals("APPROVED", validate(RJ, buffered).getString("verdict"));

            // committing that answer commits the earliest date that holds; the quoted date itself is judged with the buffer, as a
            // parameters.yaml buffer judges it: here no delivery ever came that fast (chance 0), so capacity gone, not booked
            String promiseId = given().contentType(ContentType.JSON).header("Idempotency-Key", id("P10-H1"))
                    .body("{\"decisionId\":\"" + asked.getString("decisionId") + "\"}")
                    .when().post("/api/v1/promises").then().statusCode(201).extract().path("promiseId");
            assertEquals(buffered, get("/api/v1/promises/" + promiseId).then().statusCode(200).extract().path("promisedBy"));
            given().contentType(ContentType.JSON).header("Idempotency-Key", id("P10-H1-B"))
                    .body(quote(RJ, unbuffered).replace("\"P-1\"", "\"" + id("P10-H1-Q") + "\"")) // placed at the test clock's now
                    .when().post("/api/v1/promises").then().statusCode(409);
            given().when().delete("/api/v1/promises/" + promiseId).then().statusCode(200);
        } finally {
            Files.delete(rule);
            holder.reloadFromDisk();
        }
    }

    @Test
    void buffersForCodesNoSiteHasAreWarnedNotRefused() throws IOException {
        // probe P10 M1: "sp" for "SP", a typo'd lane or service type checked ok:true and applied to nothing, unseen
        String typo = DC.toLowerCase(java.util.Locale.ROOT);
        String yaml = BASE + "buffers:\n  sites: {\"" + DC + "\": 1, \"" + typo + "\": 2}\n  lanes: {\"" + DC + "->" + RJ + "\": 1, \""
                + DC + "->" + id("P-NOWHERE") + "\": 1}\n  services: {\"" + id("P-NO-SUCH-TYPE") + "\": 15}\n";
        List<String> unknown = List.of("buffers.sites." + typo, "buffers.lanes." + DC + "->" + id("P-NOWHERE"),
                "buffers.services." + id("P-NO-SUCH-TYPE"));
        List<Map<String, String>> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(RULES_DIR)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".drl")).sorted().toList()) {
                files.add(Map.of("name", p.getFileName().toString(), "content", Files.readString(p, StandardCharsets.UTF_8)));
            }
        }
        files.add(Map.of("name", "parameters.yaml", "content", yaml));
        JsonPath jp = given().contentType(ContentType.JSON).body(Map.of("files", files))
                .when().post("/api/v1/rules/check").then().statusCode(200).extract().jsonPath();
        assertTrue(jp.getBoolean("ok"), "warned, not refused: a buffer may be set before its site exists");
        // (the buffers' warnings: those about rules no scenario covers carry no key)
        assertEquals(unknown, jp.getList("warnings.findAll { it.key != null }.key"));
        assertEquals(List.of("parameters.yaml", "parameters.yaml", "parameters.yaml"), jp.getList("warnings.findAll { it.key != null }.file"));
        assertTrue(jp.getString("warnings[0].message").contains("no site has the code '" + typo + "'"), jp.getString("warnings[0].message"));

        writeParameters(yaml);
        assertTrue(holder.reloadFromDisk().ok());
        assertEquals(unknown, rules().getList("warnings.findAll { it.key != null }.key"));
        writeParameters(BASE);
        assertTrue(holder.reloadFromDisk().ok());
        assertEquals(List.of(), rules().getList("warnings.findAll { it.key != null }"));
    }

    @Test
    void aLaneBufferMovesExactlyThatLanesRecommendedDate() {
        JsonPath rj = validate(RJ, null), mg = validate(MG, null);
        writeParameters(BASE + "buffers:\n  lanes:\n    \"" + DC + "->" + RJ + "\": 2\n");
        assertTrue(holder.reloadFromDisk().ok());
        JsonPath rj2 = validate(RJ, null), mg2 = validate(MG, null);
        assertEquals(java.time.LocalDate.parse(rj.getString("recommended.promisedBy")).plusDays(2).toString(), rj2.getString("recommended.promisedBy"));
        assertEquals(mg.getString("recommended.promisedBy"), mg2.getString("recommended.promisedBy"), "another lane of the same site");
        assertEquals(rj.getDouble("recommended.confidence"), rj2.getDouble("recommended.confidence"), 1e-9);
        Map<String, Object> evidence = rj2.getMap("reasons.find { it.rule == 'Lead time from past performance' }.evidence");
        assertEquals(2, evidence.get("bufferDays"), "the buffer is in the lead-time evidence");
        assertFalse(mg2.getMap("reasons.find { it.rule == 'Lead time from past performance' }.evidence").containsKey("bufferDays"));

        // asked for the date history alone supports: its chance now counts the buffer
        JsonPath asked = validate(RJ, rj.getString("recommended.promisedBy"));
        assertEquals(0.0, asked.getDouble("confidence"), 1e-9, "two days short of the buffered lead time");
        assertEquals(rj2.getString("recommended.promisedBy"), asked.getString("recommended.promisedBy"));

        writeParameters(BASE + "buffers:\n  sites:\n    " + DC + ": 1\n");
        assertTrue(holder.reloadFromDisk().ok());
        assertEquals(java.time.LocalDate.parse(mg.getString("recommended.promisedBy")).plusDays(1).toString(),
                validate(MG, null).getString("recommended.promisedBy"), "a site buffer moves every lane of the site");
    }

    @Test
    void aServiceBufferAddsItsMinutesToThatServiceType() {
        String type = id("P-OIL");
        putJson("/api/v1/sites/" + DC + "/services/" + type, """
                {"bays":3,"openingHours":"08:00-18:00","standardMinutes":20}""").statusCode(200);
        String quote = """
                {"type":"SERVICE","quoteId":"P-S","rep":"bob","site":"%s","serviceType":"%s","startAt":"%s","promisedMinutes":20}"""
                .formatted(DC, type, at(1, "10:00"));
        JsonPath plain = postJson("/api/v1/promises/validate", quote).statusCode(200).extract().jsonPath();
        writeParameters(BASE + "buffers:\n  services:\n    " + type + ": 15\n");
        assertTrue(holder.reloadFromDisk().ok());
        JsonPath buffered = postJson("/api/v1/promises/validate", quote).statusCode(200).extract().jsonPath();
        assertEquals(plain.getDouble("recommended.promisedMinutes") + 15, buffered.getDouble("recommended.promisedMinutes"), 1e-9);
        assertEquals(plain.getString("recommended.startAt"), buffered.getString("recommended.startAt"));
        assertEquals(0.0, buffered.getDouble("confidence"), 1e-9, "20 minutes is now 15 short of the buffered duration");
        assertEquals(15, buffered.getInt("reasons.find { it.rule == 'Service duration from past performance' }.evidence.bufferMinutes"));
    }

    @Test
    void aNewHalfLifeRebuildsTheStatisticsInTheBackground() throws InterruptedException {
        assertEquals(30, stats.halfLifeDays());
        writeParameters(BASE + "  half-life-days: 7\n");
        assertTrue(holder.reloadFromDisk().ok());
        assertEquals(7, holder.active().parameters().stats().halfLifeDays());
        validate(RJ, null); // answered meanwhile: the rebuild never blocks validation
        awaitHalfLife(7);
        // the new half-life is taken in memory as the rebuild starts; its stored mark comes with the rebuild's commit
        String expected = PerformanceStats.settingsFingerprint(7, holder.active().parameters().stats().driftHalfLifeDays());
        for (int i = 0; i < 600 && !expected.equals(stats.storedFingerprint()); i++) Thread.sleep(50);
        assertEquals(expected, stats.storedFingerprint());
    }

    @Test
    void reloadsUnderLoadNeverFailARequestAndEveryAnswerCarriesOneOfTheTwoVersions() throws Exception {
        String slow = BASE, strict = BASE.replace("target-confidence: 0.90", "target-confidence: 0.95");
        writeParameters(strict);
        assertTrue(holder.reloadFromDisk().ok());
        String strictVersion = holder.active().version();
        writeParameters(slow);
        assertTrue(holder.reloadFromDisk().ok());
        String slowVersion = holder.active().version();
        Map<String, Double> targetOf = Map.of(slowVersion, 0.90, strictVersion, 0.95);

        ObjectMapper json = new ObjectMapper();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(validateUrl.toString())).header("Content-Type", "application/json")
                .header(AdminKeyByDefault.HEADER, AdminKeyByDefault.ADMIN)
                .POST(HttpRequest.BodyPublishers.ofString(quote(RJ, date(3)))).build();
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
                        JsonNode a = json.readTree(r.body());
                        String v = a.path("rulesVersion").asText();
                        Double target = targetOf.get(v);
                        if (target == null) failures.add("unknown version " + v);
                        else if (Math.abs(a.path("targetConfidence").asDouble() - target) > 1e-9) failures.add(v + " answered with " + a.path("targetConfidence"));
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
        for (int i = 0; i < 100; i++) {
            writeParameters(i % 2 == 0 ? strict : slow);
            assertTrue(holder.reloadFromDisk().ok(), "reload " + i);
            int seen = answers.get();
            for (int w = 0; w < 200 && answers.get() == seen; w++) Thread.sleep(5); // let answers come from each version
        }
        done.set(true);
        for (Thread t : clients) t.join(30_000);
        assertEquals(List.of(), failures.size() > 5 ? failures.subList(0, 5) : failures);
        assertTrue(answers.get() >= 100, "answers: " + answers.get());
        assertTrue(byVersion.keySet().equals(targetOf.keySet()), "answers from both versions: " + byVersion);
        assertEquals(slowVersion, holder.active().version());
        System.out.printf("reload-under-load: 100 parameter reloads, %d answers, by version %s%n", answers.get(), byVersion);
    }
}
