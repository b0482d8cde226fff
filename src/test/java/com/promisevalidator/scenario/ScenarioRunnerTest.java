package com.promisevalidator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.promisevalidator.cli.ScenarioMainAccess;
import com.promisevalidator.rules.model.RuleFile;
import com.promisevalidator.rules.model.RuleSet;
import com.promisevalidator.rules.model.ScenarioReport;
import com.promisevalidator.rules.model.ScenarioResult;
import com.promisevalidator.scenario.service.ScenarioFile;
import com.promisevalidator.scenario.service.ScenarioRunner;

/** The runner reports what a scenario expected against what the answer said, and a file it cannot read, without throwing. */
class ScenarioRunnerTest {

    static RuleSet rules;
    static final ScenarioRunner RUNNER = new ScenarioRunner();

    /** A Tuesday order before the cut-off, planning value 2 days: leaves Tue 12-08, promised Thu 12-10. */
    static final String TUESDAY = """
            scenarios:
              - name: plain
                covers: ["Lead time from past performance"]
                now: 2026-12-08T10:00:00-03:00
                quote: {type: DELIVERY, site: SP1, region: RJ, lines: [{sku: TV, quantity: 1}]}
                world:
                  sites: {SP1: {}}
                  stock: {SP1: {TV: {onHand: 3}}}
                  lanes: {SP1->RJ: {transitDays: 2}}
                %s
                expect: %s
            """;

    static String scenario(String parameters, String expect) {
        return TUESDAY.formatted(parameters, expect);
    }

    @BeforeAll
    static void compile() throws Exception {
        rules = ScenarioRunner.load(Path.of("rules")).ruleSet();
    }

    static ScenarioReport run(String yaml) {
        return RUNNER.report(rules, List.of(new RuleFile("tests/t.yaml", yaml)));
    }

    @Test
    void aMetExpectationPasses() {
        ScenarioReport r = run(scenario("", "{verdict: APPROVED, promisedBy: 2026-12-10, site: SP1, confidence: 0.9, reasons: [LEAD_TIME, IN_STOCK], noReasons: [DAY_FULL]}"));
        assertEquals(1, r.run());
        assertEquals(0, r.failed(), () -> r.failures().toString());
    }

    @Test
    void eachUnmetExpectationIsReportedWithExpectedAndActual() {
        ScenarioReport r = run(scenario("", "{verdict: REJECTED, promisedBy: 2026-12-09, reasons: [DAY_FULL], noReasons: [IN_STOCK]}"));
        assertEquals(1, r.failed());
        ScenarioResult f = r.failures().get(0);
        assertEquals("plain", f.scenario());
        assertEquals("tests/t.yaml", f.file());
        assertEquals(List.of("Lead time from past performance"), f.covers());
        assertEquals(List.of(
                new ScenarioResult.Mismatch("verdict", "REJECTED", "APPROVED"),
                new ScenarioResult.Mismatch("recommended.promisedBy", "2026-12-09", "2026-12-10"),
                new ScenarioResult.Mismatch("reasons", "has DAY_FULL", "[IN_STOCK, LEAD_TIME]"),
                new ScenarioResult.Mismatch("reasons", "no IN_STOCK", "[IN_STOCK, LEAD_TIME]")), f.mismatches());
        assertTrue(f.describe().startsWith("FAIL tests/t.yaml: plain; verdict: expected REJECTED, got APPROVED"), f.describe());
    }

    @Test
    void parametersOverrideTheDefaultsForThatScenarioOnly() {
        // 90% at 2 days, sure at 3: a 0.95 target promises a day later
        assertEquals(0, run(scenario("parameters: {target-confidence: 0.95}", "{promisedBy: 2026-12-11, confidence: 1.0}")).failed());
        ScenarioReport bad = run(scenario("parameters: {target-confidence: 1.5}", "{verdict: APPROVED}"));
        assertEquals(1, bad.failed());
        assertTrue(bad.failures().get(0).error().contains("target-confidence"), bad.failures().get(0).error());
    }

    @Test
    void aScenarioCoveringNoRuleOfTheSetFails() {
        ScenarioReport r = run(scenario("", "{verdict: APPROVED}").replace("Lead time from past performance", "Lead time from the past"));
        assertEquals(1, r.failed());
        assertEquals("covers: no rule named \"Lead time from the past\" in this rule set", r.failures().get(0).error());
    }

    @Test
    void aQuoteTheWorldCannotAnswerIsAFailureNamingTheField() {
        ScenarioReport r = run(scenario("", "{verdict: APPROVED}").replace("site: SP1, region", "site: XX, region"));
        assertEquals(1, r.failed());
        assertEquals("quote.site: 'XX' is not one of the world's sites", r.failures().get(0).error());
    }

    @Test
    void anUnreadableFileIsOneFailureWithItsLineAndField() {
        ScenarioReport r = run(scenario("", "{verdikt: APPROVED}"));
        assertEquals(1, r.run());
        ScenarioResult f = r.failures().get(0);
        assertNull(f.scenario());
        assertTrue(f.error().startsWith("line 11: scenarios[0].expect.verdikt: unknown key 'verdikt'; known keys: confidence, noReasons"), f.error());

        ScenarioFile.Result missing = ScenarioFile.parse("tests/m.yaml", "scenarios:\n  - name: x\n    now: 2026-12-08T10:00:00-03:00\n");
        assertTrue(missing.problems().get(0).message().contains("covers"), missing.problems().toString());
        ScenarioFile.Result history = ScenarioFile.parse("tests/h.yaml", scenario("", "{verdict: APPROVED}")
                .replace("transitDays: 2}", "transitDays: 2, history: \"many orders\"}"));
        assertTrue(history.problems().get(0).message().contains("lanes.SP1->RJ.history"), history.problems().toString());
        // probe P10: a tab in the indentation said only "while scanning for the next token"
        ScenarioFile.Result tab = ScenarioFile.parse("tests/t.yaml", "scenarios:\n  - name: x\n\tnow: 2026-12-08T10:00:00-03:00\n");
        assertEquals(3, tab.problems().get(0).line(), tab.problems().toString());
        assertTrue(tab.problems().get(0).message().contains("Do not use tab for indentation"), tab.problems().toString());
    }

    @Test
    void theCommandLineExitsNonZeroOnAFailure(@TempDir Path dir) throws Exception {
        for (Path p : Files.list(Path.of("rules")).filter(p -> RuleFile.belongs(p.getFileName().toString())).toList()) {
            Files.copy(p, dir.resolve(p.getFileName()));
        }
        Files.createDirectory(dir.resolve("tests"));
        Files.writeString(dir.resolve("tests/ok.yaml"), scenario("", "{promisedBy: 2026-12-10}"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, ScenarioMainAccess.runAndReport(dir, new PrintStream(out, true, StandardCharsets.UTF_8)));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("PASS tests/ok.yaml: plain"), out.toString(StandardCharsets.UTF_8));

        Files.writeString(dir.resolve("tests/bad.yaml"), scenario("", "{promisedBy: 2026-12-09}"));
        out.reset();
        assertEquals(1, ScenarioMainAccess.runAndReport(dir, new PrintStream(out, true, StandardCharsets.UTF_8)));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("FAIL tests/bad.yaml: plain; recommended.promisedBy: expected 2026-12-09, got 2026-12-10"), text);
        assertTrue(text.contains("2 scenarios, 1 failed"), text);
        assertFalse(text.contains("ERROR"), text);
    }
}
