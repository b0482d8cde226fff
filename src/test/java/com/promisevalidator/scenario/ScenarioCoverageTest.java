package com.promisevalidator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.promisevalidator.rules.model.RuleFile;
import com.promisevalidator.rules.model.RuleProblem;
import com.promisevalidator.rules.HostileRules;
import com.promisevalidator.scenario.service.ScenarioCoverage;

/** Probe P10 M4: a new rule with no scenario went live with ok:true and no word; now a warning names it, file and line. */
class ScenarioCoverageTest {

    static List<RuleFile> shippedScenarios() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("rules", "tests"))) {
            List<RuleFile> files = new ArrayList<>();
            for (Path f : s.sorted().toList()) files.add(new RuleFile("tests/" + f.getFileName(), Files.readString(f, StandardCharsets.UTF_8)));
            return files;
        }
    }

    @Test
    void everyShippedRuleIsCoveredByAShippedScenario() throws IOException {
        assertEquals(List.of(), ScenarioCoverage.uncovered(HostileRules.shipped(), shippedScenarios()));
    }

    @Test
    void aRuleNoScenarioNamesIsWarnedWithItsFileAndLine() throws IOException {
        List<RuleFile> files = new ArrayList<>(HostileRules.shipped());
        files.add(new RuleFile("friday.drl", "package rules;\nimport com.promisevalidator.validation.facts.DeliveryPlan;\n\n"
                + "rule \"Fridays take a day more\"\nruleflow-group \"estimate\"\nwhen\n    $p : DeliveryPlan( feasible )\nthen\nend\n"));
        List<RuleProblem> warnings = ScenarioCoverage.uncovered(files, shippedScenarios());
        assertEquals(1, warnings.size(), warnings.toString());
        assertEquals("friday.drl", warnings.get(0).file());
        assertEquals(4, warnings.get(0).line());
        assertEquals("rule \"Fridays take a day more\" is tested by no scenario (no tests/*.yaml names it under covers);"
                + " add one, so that a later change that breaks it is refused", warnings.get(0).message());
    }
}
