package com.promisevalidator.rules.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;

/**
 * A compiled, immutable set of rules: what validation runs against. {@code files} are all files of the
 * rule set, sorted by name: the DRL files and the data files beside them ({@code *.yaml}, {@code *.properties},
 * e.g. parameters.yaml, messages.properties). {@code version} is a hash of all their names and contents, so
 * the same files always give the same version on every instance. {@code parameters} are parameters.yaml's values
 * (typed, checked), the application configuration's for keys it leaves out. Sessions come from a pool: each evaluation
 * still gets a session of its own, reset on dispose, without paying for building one every time.
 */
public record RuleSet(String version, List<RuleFile> files, KieBase kieBase, Instant loadedAt, KieSessionsPool pool,
                      Parameters parameters) {

    public RuleSet(String version, List<RuleFile> files, KieBase kieBase, Instant loadedAt, Parameters parameters) {
        this(version, files, kieBase, loadedAt, kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors() * 2), parameters);
    }

    /** A session for one evaluation; dispose it when done (it goes back to the pool, emptied). */
    public KieSession newSession() {
        return pool.newKieSession();
    }

    /** The text of one file of this rule set (e.g. "messages.properties"), as loaded with this version; empty when absent. */
    public Optional<String> text(String fileName) {
        for (RuleFile f : files) {
            if (f.name().equals(fileName)) return Optional.ofNullable(f.content());
        }
        return Optional.empty();
    }

    /** The DRL files only (what is compiled and passes the policy gate). */
    public List<RuleFile> drlFiles() {
        return files.stream().filter(RuleFile::isDrl).toList();
    }
}
