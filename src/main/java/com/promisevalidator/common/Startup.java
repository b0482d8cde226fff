package com.promisevalidator.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.promisevalidator.capacity.service.CapacityService;
import com.promisevalidator.db.ChangeFeed;
import com.promisevalidator.db.ChangeLog;
import com.promisevalidator.demo.DemoData;
import com.promisevalidator.history.service.HistoryService;
import com.promisevalidator.performance.service.MasteryService;
import com.promisevalidator.performance.service.PerformanceStats;
import com.promisevalidator.rules.service.RuleBaseHolder;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/** Start-up order: master data, statistics (rebuilt if their settings changed), demo data, rules. */
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

    public Startup(CapacityService capacity, PerformanceStats stats, HistoryService history, DemoData demo,
                   RuleBaseHolder rules, PromiseConfig config, MasteryService mastery, ChangeLog changes, ChangeFeed feed) {
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

    void onStart(@Observes StartupEvent event) {
        long t0 = System.nanoTime();
        feed.start(); // before the first load: a change committed after it is heard
        capacity.reloadAll();
        if (!stats.settingsFingerprint().equals(stats.storedFingerprint())) {
            int n = history.rebuildStatistics();
            LOG.infof("statistics rebuilt from %d outcomes (%s)", n, stats.settingsFingerprint());
        } else {
            stats.load();
        }
        if (config.demoData() && capacity.sites().isEmpty()) {
            try {
                demo.load();
            } catch (RuntimeException e) {
                // several instances starting on one empty database: one of them loads the demo data
                LOG.warn("demo data not loaded here (" + e.getMessage() + "); another instance may be loading it");
                capacity.reloadAll();
                stats.load();
            }
        }
        mastery.loadReps();
        rules.reloadFromDisk();
        feed.viewsLoaded();
        LOG.infof("ready in %d ms", (System.nanoTime() - t0) / 1_000_000);
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

    /** Ops edit rule files in place: a changed directory is compiled and, if clean, swapped in. */
    @Scheduled(every = "${promise.rules-poll-interval:5s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pollRules() {
        rules.reloadFromDisk();
    }
}
