package com.promisevalidator.validation.facts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reasons collected on one plan: one per rule, the latest firing wins (a rule may fire again in a fixpoint). */
public class Notes {
    private final Map<String, Reason> byRule = new LinkedHashMap<>();
    private final List<Alternative> alternatives = new ArrayList<>();

    public void note(String rule, Reason.Severity severity, String message, Map<String, Object> evidence) {
        byRule.put(rule, new Reason(rule, severity, message, evidence));
    }

    public void info(String rule, String message, Map<String, Object> evidence) {
        note(rule, Reason.Severity.INFO, message, evidence);
    }

    public void warn(String rule, String message, Map<String, Object> evidence) {
        note(rule, Reason.Severity.WARNING, message, evidence);
    }

    public void error(String rule, String message, Map<String, Object> evidence) {
        note(rule, Reason.Severity.ERROR, message, evidence);
    }

    public void offer(Alternative a) {
        alternatives.add(a);
    }

    public List<Reason> reasons() {
        return new ArrayList<>(byRule.values());
    }

    public List<Alternative> alternatives() {
        return alternatives;
    }
}
