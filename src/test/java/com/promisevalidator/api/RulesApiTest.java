package com.promisevalidator.api;

import static com.promisevalidator.api.ApiTestSupport.assertFieldProblem;
import static com.promisevalidator.api.ApiTestSupport.assertProblem;
import static com.promisevalidator.api.ApiTestSupport.postJson;
import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** GET /api/v1/rules and POST /api/v1/rules/check: a check compiles a candidate and never activates it. */
@QuarkusTest
class RulesApiTest {

    private static final List<String> RULE_FILES = List.of("calendar.drl", "capacity.drl", "lead-time.drl", "rep-record.drl",
            "service-bays.drl", "service-duration.drl", "stock.drl", "parameters.yaml", "messages.properties", "messages_pt.properties");

    /** The real rule files, as the service reads them (the %test profile uses the top-level rules/ directory). */
    private static List<Map<String, String>> realFiles() {
        try (Stream<Path> s = Files.list(Path.of("rules"))) {
            List<Map<String, String>> files = new ArrayList<>();
            for (Path p : s.filter(p -> com.promisevalidator.rules.model.RuleFile.belongs(p.getFileName().toString())).sorted().toList()) {
                files.add(file(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8)));
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> file(String name, String content) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("content", content);
        return f;
    }

    private static JsonPath check(List<Map<String, String>> files) {
        return given().contentType(ContentType.JSON).body(Map.of("files", files))
                .when().post("/api/v1/rules/check")
                .then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
    }

    private static JsonPath active() {
        return get("/api/v1/rules").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void activeRuleSetIsReported() {
        get("/api/v1/rules").then()
                .statusCode(200)
                .body("version", matchesPattern("[0-9a-f]{12}"))
                .body("files", hasItem("stock.drl"))
                .body("files", containsInAnyOrder(RULE_FILES.toArray()))
                .body("loadedAt", notNullValue())
                .body("$", hasKey("lastError"))
                .body("lastError", nullValue());
        Instant loadedAt = Instant.parse(active().getString("loadedAt"));
        assertFalse(loadedAt.isAfter(Instant.now()), "loadedAt " + loadedAt + " is in the future");
    }

    @Test
    void realFilesCheckCleanlyAndHaveTheActiveVersion() {
        List<Map<String, String>> files = realFiles();
        assertEquals(RULE_FILES.size(), files.size());
        JsonPath jp = check(files);
        assertTrue(jp.getBoolean("ok"));
        assertThat(jp.getList("errors"), empty());
        assertThat(jp.getList("violations"), empty());
        // the version is a content hash: the same files give the active version, in any order
        assertEquals(active().getString("version"), jp.getString("version"));
        List<Map<String, String>> reversed = new ArrayList<>(files);
        java.util.Collections.reverse(reversed);
        assertEquals(active().getString("version"), check(reversed).getString("version"));
    }

    @Test
    void brokenFileIsReportedWithFileLineAndMessageAndNothingIsActivated() {
        String before = active().getString("version");
        List<Map<String, String>> files = realFiles();
        files.add(file("broken.drl", String.join("\n",
                "package rules;",                           // line 1
                "",                                         // line 2
                "rule \"Refers to a fact that does not exist\"",  // line 3
                "when",                                     // line 4
                "    $x : NoSuchFact( amount > 3 )",        // line 5
                "then",                                     // line 6
                "end",                                      // line 7
                "")));
        JsonPath jp = check(files);
        assertFalse(jp.getBoolean("ok"));
        assertThat(jp.getList("errors"), not(empty()));
        assertEquals("broken.drl", jp.getString("errors[0].file"));
        assertThat(jp.getInt("errors[0].line"), greaterThan(0));
        assertThat(jp.getString("errors[0].message"), containsString("NoSuchFact"));
        assertThat(jp.getList("errors.file"), not(hasItem("stock.drl")));
        assertNull(jp.getString("version"));

        // nothing was activated, and a check is not a failed reload
        get("/api/v1/rules").then().statusCode(200)
                .body("version", equalTo(before))
                .body("files", not(hasItem("broken.drl")))
                .body("lastError", nullValue());
    }

    @Test
    void syntaxErrorIsReportedOnItsLine() {
        String before = active().getString("version");
        List<Map<String, String>> files = realFiles();
        int i = files.indexOf(files.stream().filter(f -> f.get("name").equals("stock.drl")).findFirst().orElseThrow());
        String stock = files.get(i).get("content");
        String[] lines = stock.split("\n", -1);
        int broken = -1;
        for (int n = 0; n < lines.length; n++) {
            if (lines[n].startsWith("rule \"Line cannot be covered\"")) {
                lines[n] = "rule \"Line cannot be covered\" when when when";
                broken = n + 1;
                break;
            }
        }
        assertTrue(broken > 0, "stock.drl has the rule this test breaks");
        files.set(i, file("stock.drl", String.join("\n", lines)));
        JsonPath jp = check(files);
        assertFalse(jp.getBoolean("ok"));
        assertEquals("stock.drl", jp.getString("errors[0].file"));
        assertEquals(broken, jp.getInt("errors[0].line"));
        assertThat(jp.getString("errors[0].message"), not(equalTo("")));
        assertEquals(before, active().getString("version"));
    }

    @Test
    void badFileNameIsNotOk() {
        // a file not named as a rule file is left out, as the service leaves it out of a rules directory, and said so; alone, no
        // rule file is left
        JsonPath txt = check(List.of(file("stock.txt", "package rules;\n")));
        assertFalse(txt.getBoolean("ok"));
        assertThat(txt.getString("errors[0].message"), containsString("no rule files"));
        assertEquals("stock.txt", txt.getString("warnings[0].file"));
        for (String name : List.of("../stock.drl", "rules/stock.drl", " stock.drl")) {
            JsonPath jp = check(List.of(file(name, "package rules;\n")));
            assertFalse(jp.getBoolean("ok"), name);
            assertEquals(name, jp.getString("errors[0].file"), name);
            assertThat(name, jp.getString("errors[0].message"), containsString(".drl"));
            assertThat(name, jp.getString("errors[0].message"), containsString(".yaml or .properties"));
        }
    }

    @Test
    void aValidCandidateIsCheckedButNotActivated() {
        String before = active().getString("version");
        List<Map<String, String>> files = realFiles();
        files.add(file("extra.drl", "package rules;\n\nrule \"Never fires\"\nwhen\n    eval(false)\nthen\nend\n"));
        JsonPath jp = check(files);
        assertTrue(jp.getBoolean("ok"));
        assertThat(jp.getString("version"), matchesPattern("[0-9a-f]{12}"));
        assertNotEquals(before, jp.getString("version"));
        get("/api/v1/rules").then().statusCode(200)
                .body("version", equalTo(before))
                .body("files", not(hasItem("extra.drl")));
    }

    /** Probe api2 L9: one file sent was checked as the whole set, and the live scenarios of the files not sent failed. */
    @Test
    void oneFileIsCheckedLaidOverTheActiveSet() {
        String before = active().getString("version");
        JsonPath jp = check(List.of(file("extra.drl", "package rules;\n\nrule \"Never fires either\"\nwhen\n    eval(false)\nthen\nend\n")));
        assertTrue(jp.getBoolean("ok"), jp.prettify());
        assertEquals(0, jp.getInt("scenarios.failed"), jp.prettify());
        assertThat(jp.getString("warnings.find { it.message.startsWith('checked laid over the active set') }.message"),
                containsString("stock.drl"));
        // a file sent empty is left out: the set without stock.drl fails the scenarios of its rules
        JsonPath without = check(List.of(file("stock.drl", "")));
        assertFalse(without.getBoolean("ok"), without.prettify());
        assertTrue(without.getInt("scenarios.failed") > 0, without.prettify());
        assertEquals(before, active().getString("version"));
    }

    @Test
    void aMisspeltMessagesKeyIsAWarningNamingTheKeyMeant() {
        // probe ops L2: a key no sentence is worded from was accepted silently, its sentence staying in English
        List<Map<String, String>> files = new ArrayList<>();
        for (Map<String, String> f : realFiles()) {
            if (!f.get("name").equals("messages_pt.properties")) {
                files.add(f);
                continue;
            }
            String pt = f.get("content").replace("LEAD_TIME.history.best=", "LEAD_TIME.histroy.best=")
                    + "MY_OWN_CODE=Uma frase de uma regra nossa.\n";
            files.add(file("messages_pt.properties", pt));
        }
        JsonPath jp = check(files);
        assertTrue(jp.getBoolean("ok"), jp.prettify());
        List<Map<String, Object>> unread = jp.getList("warnings.findAll { it.file == 'messages_pt.properties' }");
        assertEquals(1, unread.size(), jp.prettify()); // a key of a code the service does not word is the rules' own
        assertEquals("LEAD_TIME.histroy.best", unread.get(0).get("key"));
        String pt = files.stream().filter(f -> f.get("name").equals("messages_pt.properties")).findFirst().orElseThrow().get("content");
        long line = 1 + pt.substring(0, pt.indexOf("LEAD_TIME.histroy.best=")).chars().filter(ch -> ch == '\n').count();
        assertEquals((int) line, unread.get(0).get("line"), "the line of the misspelt key in the file");
        assertThat((String) unread.get(0).get("message"), containsString("did you mean LEAD_TIME.history.best?"));
        // the shipped files have no such key
        assertEquals(List.of(), check(realFiles()).getList("warnings.findAll { it.file ==~ /messages.*/ }"));
    }

    @Test
    void emptyBodyIsA400() {
        assertProblem(given().contentType(ContentType.JSON).post("/api/v1/rules/check").then(), 400);
        assertFieldProblem(postJson("/api/v1/rules/check", "{}"), 400, "files");
        assertFieldProblem(postJson("/api/v1/rules/check", "{\"files\":[]}"), 400, "files");
    }

    @Test
    void fileWithoutNameOrContentIsA400() {
        assertFieldProblem(postJson("/api/v1/rules/check", "{\"files\":[{\"name\":\"a.drl\"}]}"), 400, "files[0].content");
        assertFieldProblem(postJson("/api/v1/rules/check", "{\"files\":[{\"name\":\"a.drl\",\"content\":\"\"},{\"content\":\"x\"}]}"),
                400, "files[1].name");
    }

    @Test
    void aFileGivenTwiceOrContentThatIsNotTextIsA400() {
        // the last of two same-named files silently won; a NUL cannot be stored or read back as a rule file
        assertFieldProblem(postJson("/api/v1/rules/check",
                "{\"files\":[{\"name\":\"a.drl\",\"content\":\"\"},{\"name\":\"a.drl\",\"content\":\"x\"}]}"), 400, "files[1].name")
                .body("errors[0].message", containsString("given twice"));
        assertFieldProblem(postJson("/api/v1/rules/check", "{\"files\":[{\"name\":\"a.drl\",\"content\":\"rule\\u0000\"}]}"),
                400, "files[0].content");
        assertFieldProblem(postJson("/api/v1/rules/backtest", "{\"files\":[{\"name\":\"a.drl\",\"content\":\"\"},"
                + "{\"name\":\"a.drl\",\"content\":\"\"}],\"from\":\"2026-01-01\",\"to\":\"2026-01-02\"}"), 400, "files[1].name");
    }

    @Test
    void malformedJsonIsRejectedWith400() {
        assertProblem(postJson("/api/v1/rules/check", "{\"files\":[{\"name\":"), 400);
        postJson("/api/v1/rules/check", "{\"files\":\"stock.drl\"}").statusCode(400);
    }

    @Test
    void malformedJsonIsAProblemNamingTheField() {
        assertFieldProblem(postJson("/api/v1/rules/check", "{\"files\":[{\"name\":"), 400, "body");
        assertFieldProblem(postJson("/api/v1/rules/check", "{\"files\":\"stock.drl\"}"), 400, "files");
    }
}
