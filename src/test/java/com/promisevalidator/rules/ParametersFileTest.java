package com.promisevalidator.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.promisevalidator.performance.model.Distribution;
import com.promisevalidator.rules.model.Parameters;
import com.promisevalidator.rules.model.RuleFile;
import com.promisevalidator.rules.model.RuleProblem;
import com.promisevalidator.rules.service.ParametersFile;
import com.promisevalidator.rules.service.RuleCompiler;

/** rules/parameters.yaml: typed values, ranges, unknown keys and YAML tricks, without Quarkus. */
class ParametersFileTest {

    private static final Parameters DEFAULTS = Parameters.BUILT_IN;

    private static Parameters ok(String yaml) {
        ParametersFile.Result r = ParametersFile.parse(yaml, DEFAULTS);
        assertEquals(List.of(), r.problems(), yaml);
        return r.parameters();
    }

    private static RuleProblem refused(String yaml) {
        ParametersFile.Result r = ParametersFile.parse(yaml, DEFAULTS);
        assertFalse(r.ok(), yaml);
        assertNull(r.parameters(), yaml);
        RuleProblem p = r.problems().get(0);
        assertEquals("parameters.yaml", p.file());
        return p;
    }

    @Test
    void noFileOrOneWithOnlyACommentMeansTheDefaults() {
        assertEquals(DEFAULTS, ok(null));
        assertEquals(DEFAULTS, ok("# only a comment\n"));
    }

    @Test
    void anEmptiedFileIsRefusedNotReadAsAllDefaults() {
        // probe P10 M6: a truncated file (failed save, full disk) silently dropped every ops value
        for (String empty : List.of("", "  \n\t\n", "\r\n")) {
            RuleProblem p = refused(empty);
            assertEquals(ParametersFile.EMPTY, p.message());
            assertTrue(p.message().contains("only a comment"), p.message());
        }
    }

    @Test
    void theShippedFileHoldsTheBuiltInDefaults() throws IOException {
        assertEquals(DEFAULTS, ok(Files.readString(Path.of("rules", "parameters.yaml"), StandardCharsets.UTF_8)));
    }

    @Test
    void bufferCodesAreReadInNfcLikeEveryOtherCode() {
        // SALÃO-2 and PARÁ as an editor may save them: decomposed (A + U+0303, A + U+0301)
        String site = "SALA\u0303O-2", region = "PARA\u0301", type = "REVISA\u0303O";
        Parameters p = ok("buffers:\n  sites: {\"" + site + "\": 1}\n  lanes: {\"" + site + "->" + region + "\": 2}\n  services: {\"" + type + "\": 15}\n");
        // requests, imports and master data carry codes in NFC (Codes.nfc): the buffers match them
        assertEquals(3, p.buffers().days("SAL\u00c3O-2", "PAR\u00c1"), "the site's day plus the lane's two");
        assertEquals(15, p.buffers().minutes("REVIS\u00c3O"));
        assertEquals(java.util.Set.of("SAL\u00c3O-2->PAR\u00c1"), p.buffers().laneDays().keySet());
        // both spellings of one lane are one key given twice
        RuleProblem twice = refused("buffers:\n  lanes:\n    \"SAL\u00c3O-2->RJ\": 1\n    \"" + site + "->RJ\": 2\n");
        assertEquals("buffers.lanes.SAL\u00c3O-2->RJ", twice.key());
        assertTrue(twice.message().contains("given twice"), twice.message());
        assertEquals(4, twice.line());
        assertEquals(5, twice.column(), "the key given twice, where it starts");
    }

    /** Probe accept L4: a parameters problem had a line but no column, where a rule file's has both. */
    @Test
    void aProblemIsLocatedByLineAndColumn() {
        RuleProblem p = refused("target-confidence: 0.9\nstats:\n  prior-weight: lots\n");
        assertEquals(3, p.line());
        assertEquals(17, p.column(), "the value 'lots' starts at column 17: " + p.message());
        RuleProblem bracket = refused("target-confidence: 0.9\ndefault-transit-days: [5\n\nstats:\n  prior-weight: 3\n");
        assertEquals(23, bracket.column(), "where the bracket opened: " + bracket.message());
    }

    @Test
    void everyKeyIsReadAndKeysLeftOutKeepTheirDefault() {
        Parameters p = ok("""
                target-confidence: 0.95
                delivery-horizon-days: 60
                stats:
                  prior-weight: 12.5
                  min-evidence-orders: 20
                buffers:
                  sites: {SP: 1}
                  lanes: {"SP->RJ": 2, RJ-1->NE: 3}
                  services: {INSTALL: 15}
                """);
        assertEquals(0.95, p.targetConfidence());
        assertEquals(60, p.deliveryHorizonDays());
        assertEquals(DEFAULTS.serviceHorizonDays(), p.serviceHorizonDays());
        assertEquals(DEFAULTS.defaultTransitDays(), p.defaultTransitDays());
        assertEquals(new Parameters.Stats(30, 12.5, 0.90, 20), p.stats());
        assertEquals(3, p.buffers().days("SP", "RJ"), "the site's day plus the lane's two");
        assertEquals(1, p.buffers().days("SP", "MG"), "only the site's");
        assertEquals(0, p.buffers().days("RJ", "SP"), "the lane SP->RJ is not RJ->SP");
        assertEquals(3, p.buffers().days("RJ-1", "NE"));
        assertEquals(15, p.buffers().minutes("INSTALL"));
        assertEquals(0, p.buffers().minutes("REPAIR"));
    }

    @Test
    void theDriftSettingsAreReadAndRangeChecked() {
        assertEquals(7, DEFAULTS.stats().driftHalfLifeDays());
        assertEquals(2.0, DEFAULTS.stats().driftZ());
        Parameters p = ok("stats:\n  drift-half-life-days: 10\n  drift-z: 3\n");
        assertEquals(10, p.stats().driftHalfLifeDays());
        assertEquals(3.0, p.stats().driftZ());
        assertEquals(3.0, p.stats().blend().driftZ());
        assertEquals(0, ok("stats:\n  drift-half-life-days: 0\n").stats().driftHalfLifeDays());
        assertEquals("stats.drift-half-life-days", refused("stats:\n  drift-half-life-days: -1\n").key());
        RuleProblem z = refused("stats:\n  drift-z: 0.1\n");
        assertEquals("stats.drift-z", z.key());
        assertTrue(z.message().contains("from 0.5 to 10"), z.message());
    }

    @Test
    void theServiceTimeOfWeekAndRecalibrationSettingsAreReadAndRangeChecked() {
        assertEquals(3, DEFAULTS.stats().timeOfWeekBandHours());
        assertEquals(2.0, DEFAULTS.stats().timeOfWeekZ());
        assertEquals(100.0, DEFAULTS.stats().recalibrationWeight());
        Parameters p = ok("stats:\n  time-of-week-band-hours: 2\n  time-of-week-z: 3\n  recalibration-weight: 0\n");
        assertEquals(2, p.stats().timeOfWeekBandHours());
        assertEquals(3.0, p.stats().timeOfWeekZ());
        assertEquals(0.0, p.stats().recalibrationWeight());
        assertEquals("stats.time-of-week-band-hours", refused("stats:\n  time-of-week-band-hours: 25\n").key());
        assertEquals("stats.time-of-week-z", refused("stats:\n  time-of-week-z: 0\n").key());
        assertEquals("stats.recalibration-weight", refused("stats:\n  recalibration-weight: -1\n").key());
    }

    @Test
    void outOfRangeNamesTheKeyTheLineAndTheRange() {
        RuleProblem p = refused("delivery-horizon-days: 120\ntarget-confidence: 1.5\n");
        assertEquals(2, p.line());
        assertEquals("target-confidence", p.key());
        assertEquals("target-confidence: must be a chance from 0.5 to 0.999, not 1.5", p.message());
        p = refused("stats:\n  half-life-days: -1\n");
        assertEquals(2, p.line());
        assertEquals("stats.half-life-days", p.key());
        assertTrue(p.message().contains("from 0 to 3650"), p.message());
        p = refused("buffers:\n  lanes:\n    SP->RJ: 61\n");
        assertEquals("buffers.lanes.SP->RJ", p.key());
        assertEquals(3, p.line());
        assertEquals("stats.planning-confidence", refused("stats: {planning-confidence: .nan}").key());
    }

    @Test
    void wrongTypesAreRefused() {
        RuleProblem p = refused("target-confidence: high\n");
        assertEquals("target-confidence: must be a chance from 0.5 to 0.999, not 'high'", p.message());
        assertEquals("delivery-horizon-days", refused("delivery-horizon-days: 7.5").key());
        assertTrue(refused("delivery-horizon-days: \"120\"").message().contains("whole number"), "quoted text is not a number");
        assertEquals("service-horizon-days", refused("service-horizon-days: [1, 2]").key());
        assertEquals("stats", refused("stats: 3").key());
        assertEquals("buffers.sites.SP", refused("buffers: {sites: {SP: yes}}").key());
        assertTrue(refused("- a list\n").message().contains("mapping"));
    }

    @Test
    void unknownAndRepeatedKeysAreRefused() {
        RuleProblem p = refused("target-confidence: 0.9\ntarget-confidense: 0.95\n");
        assertEquals("target-confidense", p.key());
        assertEquals(2, p.line());
        assertTrue(p.message().contains("unknown key"), p.message());
        assertEquals("stats.half-life", refused("stats:\n  half-life: 7\n").key());
        assertEquals("buffers.regions", refused("buffers: {regions: {RJ: 1}}").key());
        assertTrue(refused("target-confidence: 0.9\ntarget-confidence: 0.95\n").message().contains("twice"));
        assertTrue(refused("buffers: {lanes: {SP: 1}}").message().contains("SITE->REGION"));
    }

    @Test
    void everyProblemIsReportedNotOnlyTheFirst() {
        ParametersFile.Result r = ParametersFile.parse("target-confidence: 2\nservice-horizon-days: 0\nnope: 1\n", DEFAULTS);
        assertEquals(List.of("target-confidence", "service-horizon-days", "nope"), r.problems().stream().map(RuleProblem::key).toList());
        assertEquals(List.of(1, 2, 3), r.problems().stream().map(RuleProblem::line).toList());
    }

    @Test
    void theFileIsDataOnly() {
        // a tag naming a class is refused (by SnakeYAML already) before anything could be built from it
        RuleProblem p = refused("target-confidence: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]\n");
        assertEquals(1, p.line());
        assertTrue(p.message().contains("tag is not allowed"), p.message());
        p = refused("target-confidence: !local 0.9\n");
        assertEquals("target-confidence", p.key());
        assertTrue(p.message().contains("tags (!local) are not allowed"), p.message());
        assertTrue(refused("stats: &s {prior-weight: 3}\nbuffers: *s\n").message().contains("aliases"));
        p = refused("delivery-horizon-days: &d 30\nservice-horizon-days: *d\n");
        assertEquals("delivery-horizon-days", p.key());
        assertTrue(p.message().contains("anchors and aliases"), p.message());
        assertTrue(refused("target-confidence: [0.9\n").message().contains("not valid YAML"));
    }

    /** Probe P10: an unclosed bracket was reported on the line where the parser gave up, two lines below the slip. */
    @Test
    void anUnclosedBracketIsReportedOnTheLineItOpened() {
        RuleProblem p = refused("target-confidence: 0.9\ndefault-transit-days: [5\n\nstats:\n  prior-weight: 3\n");
        assertEquals(2, p.line(), p.message());
        assertTrue(p.message().contains("opened on line 2 is not closed"), p.message());
        // a slip found where it is keeps its own line
        assertEquals(2, refused("target-confidence: 0.9\ndelivery-horizon-days: 3: 4\n\nstats:\n  prior-weight: 3\n").line());
    }

    @Test
    void aBufferMovesEveryQuantileByExactlyItsSize() {
        Distribution d = new Distribution(new double[]{0.1, 0.5, 0.8, 0.95}, 10, 10, "lane", true);
        Distribution b = d.withBuffer(2);
        assertEquals(2, b.buffer());
        for (double p : new double[]{0.1, 0.5, 0.8, 0.9, 0.95, 0.99}) assertEquals(d.quantile(p) + 2, b.quantile(p), "p=" + p);
        for (int v = -1; v < 8; v++) assertEquals(d.cdf(v - 2), b.cdf(v), 1e-12, "v=" + v);
        assertEquals(d, d.withBuffer(0));
    }

    @Test
    void parametersAreCheckedWithTheRuleFilesAndChangeTheVersion() {
        List<RuleFile> drl = HostileRules.shipped();
        RuleCompiler compiler = new RuleCompiler();
        RuleCompiler.Result plain = compiler.compile(drl);
        assertTrue(plain.ok());
        assertEquals(DEFAULTS, plain.ruleSet().parameters());

        List<RuleFile> withParams = new java.util.ArrayList<>(drl);
        withParams.add(new RuleFile("parameters.yaml", "target-confidence: 0.95\n"));
        RuleCompiler.Result tuned = compiler.compile(withParams);
        assertTrue(tuned.ok());
        assertEquals(0.95, tuned.ruleSet().parameters().targetConfidence());
        assertFalse(plain.ruleSet().version().equals(tuned.ruleSet().version()), "parameters are part of the version");
        assertTrue(tuned.ruleSet().text("parameters.yaml").orElseThrow().contains("0.95"));

        // any *.properties / *.yaml beside the rules is part of the set: hashed, listed, readable, never compiled
        List<RuleFile> withMessages = new java.util.ArrayList<>(withParams);
        withMessages.add(new RuleFile("messages.properties", "LEAD_TIME=Delivered by {earliest}\n"));
        RuleCompiler.Result messages = compiler.compile(withMessages);
        assertTrue(messages.ok());
        assertFalse(tuned.ruleSet().version().equals(messages.ruleSet().version()));
        assertEquals("LEAD_TIME=Delivered by {earliest}\n", messages.ruleSet().text("messages.properties").orElseThrow());
        assertTrue(tuned.ruleSet().text("messages.properties").isEmpty());
        assertEquals(drl.size(), messages.ruleSet().drlFiles().size());
        assertTrue(messages.ruleSet().kieBase() == tuned.ruleSet().kieBase(), "same DRL: the compiled rules are reused");

        withParams.set(withParams.size() - 1, new RuleFile("parameters.yaml", "target-confidence: 0.1\n"));
        RuleCompiler.Result bad = compiler.compile(withParams);
        assertFalse(bad.ok());
        assertEquals("parameters.yaml", bad.firstProblem().file());
        assertEquals("target-confidence", bad.firstProblem().key());
        assertEquals(1, bad.firstProblem().line());
    }
}
