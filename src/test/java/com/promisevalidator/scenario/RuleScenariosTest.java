package com.promisevalidator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.promisevalidator.rules.model.ScenarioResult;
import com.promisevalidator.scenario.model.Scenario;
import com.promisevalidator.scenario.service.ScenarioFile;
import com.promisevalidator.scenario.service.ScenarioRunner;

/** The scenario tests ops keep in rules/tests/*.yaml, one JUnit test per scenario, against the shipped rules. */
class RuleScenariosTest {

    static final Path RULES = Path.of("rules");

    @TestFactory
    Stream<DynamicTest> everyShippedScenarioPasses() throws Exception {
        ScenarioRunner.Loaded loaded = ScenarioRunner.load(RULES);
        assertNotNull(loaded.ruleSet(), () -> "the shipped rules compile: " + loaded.problems());
        assertFalse(loaded.scenarioFiles().isEmpty(), "rules/tests/*.yaml ship scenarios");
        ScenarioRunner runner = new ScenarioRunner();
        return loaded.scenarioFiles().stream().flatMap(f -> {
            ScenarioFile.Result parsed = ScenarioFile.parse(f.name(), f.content());
            Stream<DynamicTest> problems = parsed.problems().stream()
                    .map(p -> DynamicTest.dynamicTest(f.name() + " reads", () -> assertEquals(List.of(), List.of(p))));
            Stream<DynamicTest> scenarios = parsed.scenarios().stream().map((Scenario s) -> DynamicTest.dynamicTest(f.name() + ": " + s.name(), () -> {
                ScenarioResult r = runner.run(loaded.ruleSet(), s);
                assertTrue(r.passed(), r::describe);
            }));
            return Stream.concat(problems, scenarios);
        });
    }
}
