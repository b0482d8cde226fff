package com.promisevalidator.rules.model;

import java.util.List;

/**
 * The scenario tests (rules/tests/*.yaml) of a rule set, run: how many, how many failed, and each failure
 * with what was expected against what the answer said. A file that cannot be read counts as one failure.
 */
public record ScenarioReport(int run, int failed, List<ScenarioResult> failures) {

    public static final ScenarioReport NONE = new ScenarioReport(0, 0, List.of());

    public boolean ok() {
        return failed == 0;
    }

    public static ScenarioReport of(List<ScenarioResult> results) {
        List<ScenarioResult> failures = results.stream().filter(r -> !r.passed()).toList();
        return new ScenarioReport(results.size(), failures.size(), failures);
    }
}
