package com.promisevalidator.validation.service;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.promisevalidator.common.PromiseConfig;
import com.promisevalidator.db.Database;

import io.quarkus.scheduler.Scheduled;

/**
 * Deletes decisions evaluated longer ago than {@code promise.decision-log.retention} (30 days by default), then
 * the facts snapshots no decision references any more,
 * in chunks of {@value #CHUNK} rows, each its own short transaction, so a large backlog never holds long locks
 * or a huge transaction. Every instance may run it: deleting the same old rows twice is harmless.
 */
@Singleton
public class DecisionRetention {

    private static final Logger LOG = Logger.getLogger(DecisionRetention.class);
    static final int CHUNK = 1000;

    private final Database db;
    private final Clock clock;
    private final Duration retention;
    private final FactsStore facts;

    public DecisionRetention(Database db, Clock clock, PromiseConfig config, FactsStore facts) {
        this.db = db;
        this.facts = facts;
        this.clock = clock;
        this.retention = config.decisionLog().retention();
    }

    @Scheduled(every = "${promise.decision-log.purge-interval:1h}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            purge();
        } catch (RuntimeException e) {
            LOG.warn("purging old decisions failed; will retry: " + e.getMessage());
        }
    }

    /** Deletes every decision older than the retention; returns how many. */
    public long purge() {
        Instant cutoff = clock.instant().minus(retention);
        long total = 0;
        int deleted;
        do {
            deleted = db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("delete from decision where id in (select id from decision "
                        + "where created_at < ? order by created_at limit " + CHUNK + ")")) {
                    ps.setTimestamp(1, Timestamp.from(cutoff));
                    return ps.executeUpdate();
                }
            });
            total += deleted;
        } while (deleted == CHUNK);
        if (total > 0) LOG.infof("purged %d decisions evaluated before %s (retention %s)", total, cutoff, retention);
        long snapshots = 0;
        do {
            deleted = facts.purge(cutoff, CHUNK);
            snapshots += deleted;
        } while (deleted == CHUNK);
        if (snapshots > 0) LOG.infof("purged %d facts snapshots no decision references", snapshots);
        return total;
    }
}
