package com.promisevalidator.rules.model;

/** One rule file: its name (e.g. stock.drl) and its DRL text. */
public record RuleFile(String name, String content) {
}
