package com.promisevalidator.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.promisevalidator.rules.model.RuleFile;
import com.promisevalidator.rules.model.RuleProblem;
import com.promisevalidator.rules.service.RuleCompiler;

/**
 * Probe P10: a rule copied into a new file under the same name was refused naming only the shipped file, beside a
 * compiler message about generated classes; now one problem per clash, on the copy, naming where the first one is.
 */
class DuplicateRuleNameTest {

    private static final String COPY = "package rules;\nimport com.promisevalidator.validation.facts.DeliveryPlan;\n// Protects: test\n"
            + "rule \"Order after cut-off starts tomorrow\"\nruleflow-group \"start\"\nwhen\n    $p : DeliveryPlan( feasible )\nthen\nend\n";

    private static List<RuleProblem> problems(RuleFile extra) {
        List<RuleFile> files = new ArrayList<>(HostileRules.shipped());
        files.add(extra);
        RuleCompiler.Result r = new RuleCompiler().compile(files);
        assertFalse(r.ok());
        return r.errors();
    }

    @Test
    void aCopiedRuleNameIsNamedOnTheCopyWithWhereTheFirstOneIs() {
        List<RuleProblem> problems = problems(new RuleFile("extra.drl", COPY));
        assertEquals(1, problems.size(), problems.toString());
        RuleProblem p = problems.get(0);
        assertEquals("extra.drl", p.file());
        assertEquals(4, p.line());
        assertEquals("rule \"Order after cut-off starts tomorrow\" is defined twice: also in calendar.drl line 8; rule names must differ",
                p.message());
    }

    @Test
    void twiceInOneFileToo() {
        String twice = COPY.replace("Order after cut-off starts tomorrow", "Mine") + COPY.substring(COPY.indexOf("rule ")).replace("Order after cut-off starts tomorrow", "Mine");
        List<RuleProblem> problems = problems(new RuleFile("extra.drl", twice));
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(10, problems.get(0).line());
        assertEquals("rule \"Mine\" is defined twice: also in extra.drl line 4; rule names must differ", problems.get(0).message());
    }
}
