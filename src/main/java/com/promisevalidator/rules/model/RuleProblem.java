package com.promisevalidator.rules.model;

/** A compile error in a rule file, where the ops editor can find it. */
public record RuleProblem(String file, Integer line, Integer column, String message) {
}
