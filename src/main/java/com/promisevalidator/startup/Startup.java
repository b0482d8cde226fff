package com.promisevalidator.startup;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.promisevalidator.access.service.KeyRing;
import com.promisevalidator.capacity.service.CapacityService;
import com.promisevalidator.common.PromiseConfig;
import com.promisevalidator.db.ChangeFeed;
import com.promisevalidator.db.ChangeLog;
import com.promisevalidator.demo.DemoData;
import com.promisevalidator.demo.DemoDatabase;
import com.promisevalidator.history.service.HistoryService;
import com.promisevalidator.performance.model.ServiceJudging;
import com.promisevalidator.performance.service.MasteryService;
import com.promisevalidator.performance.service.PerformanceStats;
import com.promisevalidator.rules.model.Parameters;
import com.promisevalidator.rules.model.RuleSet;
import com.promisevalidator.rules.service.LastGoodRules;
import com.promisevalidator.rules.service.RuleBaseHolder;
import com.promisevalidator.validation.service.LiveFacts;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Start-up order: rules (their parameters say which half-life the statistics need), master data, statistics
 * (rebuilt if their half-life differs), demo data (and whether the demo keys may open this database). Later, a rule set whose parameters change the half-life
 * triggers the same rebuild in the background: validation goes on with the statistics in force meanwhile.
 */
@ApplicationScoped
public class Startup {

    private static final Logger LOG = Logger.getLogger(Startup.class);

    private final CapacityService capacity;
    private final PerformanceStats stats;
    private final HistoryService history;
    private final DemoData demo;
    private final RuleBaseHolder rules;
    private final PromiseConfig config;
    private final MasteryService mastery;
    private final ChangeLog changes;
    private final ChangeFeed feed;

    private final LiveFacts facts;
    private final LastGoodRules lastGoodRules;
    private final DemoDatabase demoDatabase;
    private final KeyRing keyRing;

    public Startup(CapacityService capacity, PerformanceStats stats, HistoryService history, DemoData demo,
                   RuleBaseHolder rules, PromiseConfig config, MasteryService mastery, ChangeLog changes, ChangeFeed feed, LiveFacts facts,
                   LastGoodRules lastGoodRules, DemoDatabase demoDatabase, KeyRing keyRing) {
        this.demoDatabase = demoDatabase;
        this.keyRing = keyRing;
        this.lastGoodRules = lastGoodRules;
        this.facts = facts;
        this.mastery = mastery;
        this.changes = changes;
        this.feed = feed;
        this.capacity = capacity;
        this.stats = stats;
        this.history = history;
        this.demo = demo;
        this.rules = rules;
        this.config = config;
    }

    /** One background rebuild at a time; a burst of reloads coalesces into rebuilds to the latest half-life. */
    private final ExecutorService rebuilds = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "stats-rebuild");
        t.setDaemon(true);
        return t;
    });

    void onStart(@Observes StartupEvent event) {
        long t0 = System.nanoTime();
        feed.start(); // before the first load: a change committed after it is heard
        // the rule compile and its scenario tests (CPU, no database) run beside the loads below (database), which need
        // only the parameters, read ahead; readiness waits for both, since this hook returns only when the rules are active
        rules.onActivate(set -> { // a clean set is what a later start falls back to when the directory is broken
            if (rules.activeIsClean()) lastGoodRules.save(set);
        });
        CompletableFuture<Void> compiled = CompletableFuture.runAsync(rules::reloadFromDisk, runOnce("rules-compile"));
        capacity.reloadAll();
        // newly finished services are judged with the rules in force and the services offered, on every instance alike
        stats.judgeServicesWith(() -> {
            Parameters.Stats p = rules.parameters().stats();
            return new ServiceJudging(p.blend(), p.timeOfWeekBandHours(), p.timeOfWeekZ(), facts.standards());
        });
        int[] planned = halfLives(rules.plannedParameters()); // read ahead of the compile
        String fingerprint = PerformanceStats.settingsFingerprint(planned[0], planned[1]);
        if (!fingerprint.equals(stats.storedFingerprint())) {
            int n = history.rebuildStatisticsUnlessCurrent(planned[0], planned[1]);
            if (n >= 0) LOG.infof("statistics rebuilt from %d outcomes (%s)", n, fingerprint);
            else LOG.infof("statistics rebuilt by another instance (%s)", fingerprint);
        } else {
            stats.load();
        }
        if (config.demoData()) loadDemoDataIfEmpty();
        keyRing.openDemoKeys(demoDatabase.marked()); // without PROMISE_API_KEYS: a database with other data stops the start here
        mastery.loadReps();
        compiled.join();
        if (rules.activeOrNull() == null && config.rulesLastGoodAtStart()) lastGoodRules.load().ifPresent(saved -> rules.fallBack(saved.files(), saved.version()));
        if (!java.util.Arrays.equals(wantedHalfLives(), planned)) rebuildIfHalfLifeChanged(); // parameters.yaml could not be read ahead
        // queued on every swap (the task compares, cheaply): a change undone while a rebuild runs is still caught
        rules.onActivate(r -> rebuilds.execute(this::rebuildIfHalfLifeChanged));
        feed.viewsLoaded();
        LOG.infof("ready in %d ms", (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * The demo data set into an empty database, marked as the demo's first (so only that instance loads it); a marked one
     * whose load never got to its first site (a crash) is loaded again (the load is idempotent).
     */
    private void loadDemoDataIfEmpty() {
        boolean claimed = demoDatabase.claimIfEmpty();
        if (!claimed && !(demoDatabase.marked() && capacity.sites().isEmpty())) return;
        try {
            demo.load();
        } catch (RuntimeException e) {
            // several instances starting on one demo database: one of them loads the demo data
            LOG.warn("demo data not loaded here (" + e.getMessage() + "); another instance may be loading it");
            capacity.reloadAll();
            stats.load();
        }
    }

    /** The half-lives baked into the stored weights: {long, short in force (0 = none)}. */
    private static int[] halfLives(Parameters p) {
        return new int[]{p.stats().halfLifeDays(), PerformanceStats.driftHalfLife(p.stats().halfLifeDays(), p.stats().driftHalfLifeDays())};
    }

    /** A thread for one start-up task, ended when it is done. */
    private static java.util.concurrent.Executor runOnce(String name) {
        return task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            t.start();
        };
    }

    /** The half-lives the active rule set's parameters ask for (the configured ones while no rules are loaded). */
    private int[] wantedHalfLives() {
        RuleSet r = rules.activeOrNull();
        return halfLives(r == null ? Parameters.of(config) : r.parameters());
    }

    private void rebuildIfHalfLifeChanged() {
        int[] wanted = wantedHalfLives();
        int halfLife = wanted[0], drift = wanted[1];
        if (halfLife == stats.halfLifeDays() && drift == stats.driftHalfLifeDays()) return; // already there, or the change was undone
        try {
            long t0 = System.nanoTime();
            int n = history.rebuildStatisticsUnlessCurrent(halfLife, drift);
            if (n < 0) LOG.infof("statistics for half-life %d days (drift %d) rebuilt by another instance: loaded", halfLife, drift);
            else LOG.infof("statistics rebuilt from %d outcomes for half-life %d days (drift %d) in %d ms", n, halfLife, drift, (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.error("statistics rebuild for half-life " + halfLife + " days (drift " + drift + ") failed; the statistics in force are kept: " + e.getMessage(), e);
        }
    }

    /** Other instances on the same database changed data (a notification or the poll): refresh what they changed. */
    void onForeignChanges(@Observes ChangeLog.Changes changes) {
        switch (changes.kind()) {
            case CAPACITY -> {
                if (changes.everything()) capacity.reloadAll();
                else capacity.applyForeign(changes.scopes());
            }
            case STATS -> {
                stats.load();
                mastery.loadReps();
            }
        }
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pruneChangeLog() {
        changes.prune();
    }

    /** Ops edit rule files in place: a changed directory, once unchanged for a poll, is compiled and, if clean, swapped in. */
    @Scheduled(every = "${promise.rules-poll-interval:5s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pollRules() {
        rules.reloadWhenSettled();
    }
}
