package com.promisevalidator.rules.model;

/**
 * Something wrong with a rule set, where the ops editor can find it: a compile error or policy violation in a
 * rule file, or a refused value in parameters.yaml ({@code key}: its path, e.g. "stats.half-life-days").
 */
public record RuleProblem(String file, Integer line, Integer column, String message, String key) {

    public RuleProblem(String file, Integer line, Integer column, String message) {
        this(file, line, column, message, null);
    }
}
