package com.promisevalidator.validation.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import com.promisevalidator.common.PromiseConfig;
import com.promisevalidator.db.Database;
import com.promisevalidator.db.DbKind;

/**
 * The facts snapshots decisions reference ({@code decision_facts}): each distinct content written once. The
 * writer remembers which snapshots it stored and when it last marked them used, so a thousand decisions on one
 * lane cost one insert, then a {@code last_used} update now and then (every {@link #touchEvery}) that keeps a
 * snapshot in use safe from the retention purge, which deletes only snapshots no decision references and none used
 * within the retention.
 */
@Singleton
public class FactsStore {

    /** One snapshot a batch of decisions references, and the latest of their times. */
    public record Use(String hash, String json, Instant lastUsed) {
    }

    private static final int KNOWN_MAX = 100_000;

    private final Database db;
    private final Duration touchEvery;
    /** Snapshots this instance stored or touched, with the last_used it wrote. */
    private final Map<String, Instant> known = new ConcurrentHashMap<>();

    public FactsStore(Database db, PromiseConfig config) {
        this.db = db;
        Duration quarter = config.decisionLog().retention().dividedBy(4);
        this.touchEvery = quarter.compareTo(Duration.ofHours(1)) < 0 ? quarter : Duration.ofHours(1);
    }

    /** The snapshots referenced by {@code rows}, each once, with its latest use. */
    public static Map<String, Use> uses(List<DecisionRecords.Row> rows) {
        Map<String, Use> out = new HashMap<>();
        for (DecisionRecords.Row r : rows) {
            if (r.factsHash() == null) continue;
            Use u = out.get(r.factsHash());
            if (u == null || u.lastUsed().isBefore(r.evaluatedAt())) out.put(r.factsHash(), new Use(r.factsHash(), r.facts(), r.evaluatedAt()));
        }
        return out;
    }

    /** Writes the snapshots not known to be stored and marks used those not marked lately (in the caller's transaction). */
    public void store(Connection c, Map<String, Use> uses) throws SQLException {
        for (Use u : uses.values()) {
            Instant last = known.get(u.hash());
            if (last != null && !u.lastUsed().isAfter(last.plus(touchEvery))) continue;
            if (last == null || touch(c, u) == 0) insert(c, u); // unknown, or purged since (another instance, an old snapshot)
        }
    }

    /** After the transaction committed: these snapshots are stored, used at their times. */
    public void stored(Map<String, Use> uses) {
        if (known.size() > KNOWN_MAX) known.clear(); // forgetting only costs an idempotent upsert
        for (Use u : uses.values()) known.merge(u.hash(), u.lastUsed(), (a, b) -> a.isAfter(b) ? a : b);
    }

    private static int touch(Connection c, Use u) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update decision_facts set last_used = ? where hash = ? and last_used < ?")) {
            ps.setTimestamp(1, Timestamp.from(u.lastUsed()));
            ps.setString(2, u.hash());
            ps.setTimestamp(3, Timestamp.from(u.lastUsed()));
            int n = ps.executeUpdate();
            if (n > 0) return n;
        }
        try (PreparedStatement ps = c.prepareStatement("select 1 from decision_facts where hash = ?")) {
            ps.setString(1, u.hash());
            try (var rs = ps.executeQuery()) {
                return rs.next() ? 1 : 0;
            }
        }
    }

    private void insert(Connection c, Use u) throws SQLException {
        String sql = db.kind() == DbKind.POSTGRESQL
                ? "insert into decision_facts (hash, last_used, facts) values (?, ?, ?) on conflict (hash) do update set last_used = "
                        + "greatest(decision_facts.last_used, excluded.last_used)"
                : "merge into decision_facts key (hash) values (?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, u.hash());
            ps.setTimestamp(2, Timestamp.from(u.lastUsed()));
            ps.setString(3, u.json());
            ps.executeUpdate();
        }
    }

    /**
     * Deletes up to {@code chunk} snapshots no decision references and not used since {@code cutoff}; returns how
     * many. Forgotten here too, so a decision meeting the same facts again stores them afresh.
     */
    public int purge(Instant cutoff, int chunk) {
        int n = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from decision_facts where hash in (select f.hash from decision_facts f "
                    + "where f.last_used < ? and not exists (select 1 from decision d where d.facts_hash = f.hash) limit " + chunk + ")")) {
                ps.setTimestamp(1, Timestamp.from(cutoff));
                return ps.executeUpdate();
            }
        });
        if (n > 0) known.values().removeIf(t -> t.isBefore(cutoff));
        return n;
    }
}
