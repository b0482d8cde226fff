package com.promisevalidator.validation.facts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Findings collected on one plan: one per rule, the latest firing wins (a rule may fire again in a
 * fixpoint). The evaluator tells the notes which rule is firing ({@link #firing}), so rules need not
 * name themselves.
 */
public class Notes {
    /** A finding with the rule that made it. */
    public record Noted(String rule, Finding finding) {
    }

    private final Map<String, Noted> byRule = new LinkedHashMap<>();
    private final List<Alternative> alternatives = new ArrayList<>();
    private String firing;

    /** Set by the evaluator before each rule's consequence runs. */
    public void firing(String rule) {
        this.firing = rule;
    }

    /** The rule whose consequence runs now (null outside the rules). */
    public String firingRule() {
        return firing;
    }

    /** Records a finding; a null one (a factory with nothing to say, e.g. no bay "at" a start nobody asked for) is none. */
    public void note(Finding f) {
        if (f == null) return;
        String rule = firing != null ? firing : f.code().name();
        byRule.put(rule, new Noted(rule, f));
    }

    /** Replaces the finding of {@code code} already recorded (under the rule that made it), if any. */
    public void restate(ReasonCode code, Finding f) {
        byRule.replaceAll((rule, n) -> n.finding().code() == code ? new Noted(rule, f) : n);
    }

    public void offer(Alternative a) {
        alternatives.add(a);
    }

    public List<Noted> findings() {
        return new ArrayList<>(byRule.values());
    }

    public List<Alternative> alternatives() {
        return alternatives;
    }
}
