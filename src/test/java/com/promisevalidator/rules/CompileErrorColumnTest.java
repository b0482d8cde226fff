package com.promisevalidator.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.promisevalidator.rules.model.RuleFile;
import com.promisevalidator.rules.model.RuleProblem;
import com.promisevalidator.rules.service.RuleCompiler;

/** A compile error carries the column Drools writes in its text (probe F5). */
class CompileErrorColumnTest {

    private static RuleProblem firstError(String content) {
        List<RuleFile> files = new ArrayList<>(HostileRules.shipped());
        files.add(new RuleFile("bad.drl", content));
        RuleCompiler.Result r = new RuleCompiler().compile(files);
        assertFalse(r.ok());
        return r.errors().get(0);
    }

    @Test
    void constraintAndParserErrorsHaveAColumn() {
        RuleProblem constraint = firstError("package rules;\nimport com.promisevalidator.validation.facts.DeliveryPlan;\nrule \"x\"\n"
                + "ruleflow-group \"settle\"\nwhen\n    $p : DeliveryPlan( feasible, nosuchprop == 3 )\nthen\nend\n");
        assertEquals(6, constraint.line(), constraint.message());
        assertNotNull(constraint.column(), constraint.message());

        RuleProblem parser = firstError("package rules;\nrule \"x\"\nruleflow-group \"settle\"\nwhen\n    String( length > ) \nthen\nend\n");
        assertNotNull(parser.line(), parser.message());
        assertNotNull(parser.column(), parser.message());
    }

    /** Probe P6 L2: a parse error came with a second, placeless "Parser returned a null Package". */
    @Test
    void aParseErrorIsReportedOnceWithItsPlace() {
        List<RuleFile> files = new ArrayList<>(HostileRules.shipped());
        files.add(new RuleFile("bad.drl", "package rules;\nrule \"x\"\nruleflow-group \"settle\"\nwhen\n    String( length > ) \nthen\nend\n"));
        RuleCompiler.Result r = new RuleCompiler().compile(files);
        assertFalse(r.ok());
        for (RuleProblem p : r.errors()) {
            assertNotNull(p.line(), p.message());
            assertFalse(p.message().contains("null Package"), p.message());
        }
    }

    /**
     * Probe api M3: a modify block the compiler cannot read ("estimate( }") came with no line and a Java exception's name in
     * the message; now the line whose parentheses do not balance, in ops' words.
     */
    @Test
    void aModifyBlockItCannotReadIsPlacedOnItsLine() throws Exception {
        String shipped = java.nio.file.Files.readString(java.nio.file.Path.of("rules/lead-time.drl"));
        String broken = shipped.replace("modify($p) { estimate() }", "modify($p) { estimate( }");
        List<RuleFile> files = new ArrayList<>(HostileRules.shipped().stream().filter(f -> !f.name().equals("lead-time.drl")).toList());
        files.add(new RuleFile("lead-time.drl", broken));
        RuleCompiler.Result r = new RuleCompiler().compile(files);
        assertFalse(r.ok());
        RuleProblem p = r.errors().stream().filter(e -> "lead-time.drl".equals(e.file())).findFirst().orElseThrow(() -> new AssertionError(r.errors()));
        int expected = java.util.Arrays.asList(broken.split("\\R")).indexOf("    modify($p) { estimate( }") + 1;
        assertEquals(expected, p.line(), p.message());
        assertFalse(p.message().contains("Exception"), p.message());
    }

    /** A then-part's error points at the line of what it names, not at the rule's first line. */
    @Test
    void aThenPartErrorPointsAtItsLine() {
        String rule = "package rules;\nimport com.promisevalidator.validation.facts.Plan;\nimport com.promisevalidator.validation.facts.Finding;\n"
                + "rule \"x\"\nruleflow-group \"evidence\"\nwhen\n    $p : Plan( asked )\nthen\n    int n = 1;\n    $p.noteTwice(n);\nend\n";
        // a method no allowed type has is the gate's refusal now, at the same place the compiler named
        List<RuleFile> files = new ArrayList<>(HostileRules.shipped());
        files.add(new RuleFile("bad.drl", rule));
        RuleProblem method = new RuleCompiler().compile(files).firstProblem();
        assertEquals(10, method.line(), method.message());
        assertEquals(8, method.column(), method.message()); // "$p.noteTwice": the name starts at column 8

        RuleProblem name = firstError(rule.replace("    $p.noteTwice(n);", "    $p.note(Finding.repRecord(nosuch, $p));"));
        assertEquals(10, name.line(), name.message());
        assertEquals(31, name.column(), name.message());
    }

    /** A modify block before an unbalanced parenthesis threw inside the compiler (probe G1): a refused file, named. */
    @Test
    void aTextTheCompilerItselfFailsOnIsRefusedByName() {
        String rule = "package rules;\nimport com.promisevalidator.validation.facts.ServicePlan;\nimport com.promisevalidator.validation.facts.Finding;\n"
                + "rule \"x\"\nruleflow-group \"settle\"\nwhen\n    $p : ServicePlan( feasible )\nthen\n"
                + "    modify($p) { moveToNextFreeSlot() }\n    $p.note(Finding.noFreeBay($p);\nend\n";
        RuleProblem p = firstError(rule);
        assertEquals("bad.drl", p.file(), p.message());
        assertNotNull(p.message());
    }
}
