package com.promisevalidator.rules.model;

import java.time.Instant;
import java.util.List;

import org.kie.api.KieBase;

/**
 * A compiled, immutable set of rules: what validation runs against. {@code version} is a hash of the
 * files' names and contents, so the same files always give the same version on every instance.
 */
public record RuleSet(String version, List<RuleFile> files, KieBase kieBase, Instant loadedAt) {
}
