package com.promisevalidator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.promisevalidator.rules.model.RuleFile;
import com.promisevalidator.rules.model.RuleSet;
import com.promisevalidator.rules.model.ScenarioReport;
import com.promisevalidator.rules.service.RuleCompiler;
import com.promisevalidator.scenario.service.ScenarioRunner;

/**
 * The worked example of rules/README.md, exactly as printed: its scenarios pass with the Friday rule added to the
 * shipped rules, and the Friday-16:30 one fails without it (so the guide cannot drift from what the runner does).
 */
class WorkedExampleScenarioTest {

    static String block(String readme, String fence, String containing) {
        int at = readme.indexOf(containing);
        assertTrue(at >= 0, "rules/README.md shows " + containing);
        int from = readme.lastIndexOf(fence + "\n", at) + fence.length() + 1;
        return readme.substring(from, readme.indexOf("```", from));
    }

    @Test
    void theGuidesFridayScenariosPassWithItsRuleAndTheFirstFailsWithout() throws Exception {
        String readme = Files.readString(Path.of("rules/README.md"), StandardCharsets.UTF_8);
        String rule = block(readme, "```drl", "rule \"Friday late orders get one extra day\"");
        String scenarios = block(readme, "```yaml", "- name: Friday 16:30 gets one extra day");

        List<RuleFile> shipped = new ArrayList<>();
        for (Path p : Files.list(Path.of("rules")).filter(p -> RuleFile.belongs(p.getFileName().toString())).sorted().toList()) {
            shipped.add(new RuleFile(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8)));
        }
        List<RuleFile> withFriday = new ArrayList<>(shipped);
        withFriday.add(new RuleFile("friday-buffer.drl",
                "package rules;\nimport com.promisevalidator.validation.facts.DeliveryPlan;\nimport java.time.DayOfWeek;\n\n" + rule));
        RuleSet friday = new RuleCompiler().compile(withFriday).ruleSet();
        RuleSet plain = new RuleCompiler().compile(shipped).ruleSet();
        List<RuleFile> tests = List.of(new RuleFile("tests/friday-buffer.yaml", scenarios));

        ScenarioReport with = new ScenarioRunner().report(friday, tests);
        assertEquals(4, with.run());
        assertEquals(0, with.failed(), () -> with.failures().toString());

        ScenarioReport missing = new ScenarioRunner().report(plain, tests);
        assertEquals(4, missing.failed(), "the rule they cover is not in the set");
        assertEquals("covers: no rule named \"Friday late orders get one extra day\" in this rule set", missing.failures().get(0).error());
        // pointed at a shipped rule instead, only the Friday 16:30 ones fail: on their date (and the un-buffered date approved)
        List<RuleFile> retargeted = List.of(new RuleFile("tests/friday-buffer.yaml",
                scenarios.replace("Friday late orders get one extra day", "Lead time from past performance")));
        ScenarioReport without = new ScenarioRunner().report(plain, retargeted);
        assertEquals(2, without.failed(), () -> without.failures().toString());
        assertEquals("Friday 16:30 gets one extra day", without.failures().get(0).scenario());
        assertTrue(without.failures().get(0).describe().contains("recommended.promisedBy: expected 2026-12-10, got 2026-12-09"),
                without.failures().get(0).describe());
        assertEquals("Friday 16:30 asking for the un-buffered date gets the later one", without.failures().get(1).scenario());
        assertTrue(without.failures().get(1).describe().contains("verdict: expected ALTERNATIVE, got APPROVED"),
                without.failures().get(1).describe());
    }
}
