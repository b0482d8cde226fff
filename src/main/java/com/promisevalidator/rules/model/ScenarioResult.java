package com.promisevalidator.rules.model;

import java.util.List;

/**
 * How one scenario went: passed, or what was expected against what the answer said ({@code error}: the
 * scenario could not be run at all, e.g. a quote naming a site its world lacks, or a rule that failed).
 */
public record ScenarioResult(String file, String scenario, List<String> covers, boolean passed, List<Mismatch> mismatches,
                             String error) {

    /** One expectation not met: the field of the answer, what the scenario expected, what the answer said. */
    public record Mismatch(String field, String expected, String actual) {
    }

    public static ScenarioResult failed(String file, String scenario, List<String> covers, String error) {
        return new ScenarioResult(file, scenario, covers, false, List.of(), error);
    }

    /** One line for logs and the command line. */
    public String describe() {
        String what = file + (scenario == null ? "" : ": " + scenario);
        if (passed) return "PASS " + what;
        StringBuilder sb = new StringBuilder("FAIL " + what);
        if (error != null) sb.append(": ").append(error);
        for (Mismatch m : mismatches) sb.append("; ").append(m.field()).append(": expected ").append(m.expected()).append(", got ").append(m.actual());
        return sb.toString();
    }
}
