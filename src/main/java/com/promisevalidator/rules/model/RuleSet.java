package com.promisevalidator.rules.model;

import java.time.Instant;
import java.util.List;

import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;

/**
 * A compiled, immutable set of rules: what validation runs against. {@code version} is a hash of the
 * files' names and contents, so the same files always give the same version on every instance.
 * Sessions come from a pool: each evaluation still gets a session of its own, reset on dispose,
 * without paying for building one every time.
 */
public record RuleSet(String version, List<RuleFile> files, KieBase kieBase, Instant loadedAt, KieSessionsPool pool) {

    public RuleSet(String version, List<RuleFile> files, KieBase kieBase, Instant loadedAt) {
        this(version, files, kieBase, loadedAt, kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors() * 2));
    }

    /** A session for one evaluation; dispose it when done (it goes back to the pool, emptied). */
    public KieSession newSession() {
        return pool.newKieSession();
    }
}
