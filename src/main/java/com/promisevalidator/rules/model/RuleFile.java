package com.promisevalidator.rules.model;

/** One file of a rule set: its name (e.g. stock.drl, parameters.yaml, messages.properties) and its text. */
public record RuleFile(String name, String content) {

    /** Files a rule set is made of: rules (*.drl) and the data beside them (*.yaml, *.properties). */
    public static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9_.\\-]*\\.(drl|yaml|properties)";

    public boolean isDrl() {
        return name != null && name.endsWith(".drl");
    }

    /** Whether a file of this name belongs to a rule set (a rules directory may hold other files, e.g. a README). */
    public static boolean belongs(String name) {
        return name != null && name.matches(NAME_PATTERN);
    }
}
