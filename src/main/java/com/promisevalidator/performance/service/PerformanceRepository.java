package com.promisevalidator.performance.service;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import com.promisevalidator.db.Database;
import com.promisevalidator.db.DbKind;
import com.promisevalidator.db.Upserts;
import com.promisevalidator.performance.model.Histogram;

/**
 * The stored statistics: perf_hist (finished work), perf_censored (open work of a known age, from exports),
 * perf_open (open work by release day, aged live) and stats_meta (as-of day, settings fingerprint). SQL only.
 */
final class PerformanceRepository {

    /** Everything stored, as loaded. Keys are scope + NUL + key. */
    record Snapshot(Map<String, Histogram> finished, Map<String, Histogram> openAt, Map<String, NavigableMap<LocalDate, Long>> open,
                    LocalDate asOf, String fingerprint) {
    }

    private final Database db;

    PerformanceRepository(Database db) {
        this.db = db;
    }

    Snapshot load() {
        Map<String, Histogram> finished = new HashMap<>();
        Map<String, NavigableMap<LocalDate, Long>> open = new HashMap<>();
        Map<String, Histogram> openAt = new HashMap<>();
        return db.query(c -> {
            readHistograms(c, "perf_hist", finished);
            readHistograms(c, "perf_censored", openAt);
            try (PreparedStatement ps = c.prepareStatement("select scope, skey, release_day, n from perf_open where n > 0");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    open.computeIfAbsent(rs.getString(1) + "\u0000" + rs.getString(2), k -> new TreeMap<>())
                            .put(rs.getDate(3).toLocalDate(), rs.getLong(4));
                }
            }
            return new Snapshot(finished, openAt, open, storedAsOf(c), meta(c, "settings"));
        });
    }

    private static void readHistograms(Connection c, String table, Map<String, Histogram> into) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select scope, skey, val, n, weight, weight2 from " + table + " where n > 0");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                into.computeIfAbsent(rs.getString(1) + "\u0000" + rs.getString(2), k -> new Histogram())
                        .add(rs.getInt(3), rs.getLong(4), rs.getDouble(5), rs.getDouble(6));
            }
        }
    }

    /** The advisory lock key (PostgreSQL) of the statistics: "perfstat" in ASCII. */
    private static final long LOCK_KEY = 0x7065726673746174L;

    /**
     * Taken by every transaction that adds to the statistics, until it ends: many at once may add, but none while a
     * rebuild ({@link #lockForRebuild}) runs on any instance. A rebuild deletes and re-adds everything; interleaved
     * with another rebuild or an addition it would count rows twice or lose them.
     */
    private void lockForAdding(Connection c) throws SQLException {
        lock(c, "select pg_advisory_xact_lock_shared(?)");
    }

    /** Taken by a rebuild before it reads the history, until it ends: waits for the additions in flight, then holds them off. */
    void lockForRebuild(Connection c) throws SQLException {
        lock(c, "select pg_advisory_xact_lock(?)");
    }

    private void lock(Connection c, String postgres) throws SQLException {
        boolean pg = db.kind() == DbKind.POSTGRESQL;
        // H2 (one instance) has no advisory locks: one row locked by every writer, shared or not
        try (PreparedStatement ps = c.prepareStatement(pg ? postgres : "select id from stats_lock where id = 1 for update")) {
            if (pg) ps.setLong(1, LOCK_KEY);
            ps.executeQuery().close();
        }
    }

    /** The settings fingerprint as stored, read inside the caller's transaction. */
    String fingerprint(Connection c) throws SQLException {
        return meta(c, "settings");
    }

    /** Stores an aggregate inside the caller's transaction (the one that stores the history it comes from). */
    void persist(Connection c, StatsAggregate a) throws SQLException {
        lockForAdding(c);
        if (!a.hist.isEmpty()) {
            addCounts(c, "perf_hist", a.hist);
            if (a.removals) deleteEmpty(c, "perf_hist");
        }
        if (!a.openAt.isEmpty()) {
            addCounts(c, "perf_censored", a.openAt);
            deleteEmpty(c, "perf_censored");
        }
        if (!a.open.isEmpty()) addOpen(c, a.open);
        if (a.latest != null) {
            LocalDate stored = storedAsOf(c);
            if (stored == null || a.latest.isAfter(stored)) setMeta(c, "as_of", a.latest.toString());
        }
    }

    /** Empties every statistics table (a rebuild from the raw history follows in the same transaction). */
    void clear(Connection c) throws SQLException {
        for (String table : new String[]{"perf_hist", "perf_open", "perf_censored", "stats_meta"}) {
            try (PreparedStatement ps = c.prepareStatement("delete from " + table)) {
                ps.executeUpdate();
            }
        }
    }

    String fingerprint() {
        return db.query(c -> meta(c, "settings"));
    }

    void setFingerprint(Connection c, String fingerprint) throws SQLException {
        setMeta(c, "settings", fingerprint);
    }

    private static void deleteEmpty(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from " + table + " where n <= 0")) {
            ps.executeUpdate();
        }
    }

    /** Adds (scope, key, value) → (n, weight, weight2) counts to a histogram table: perf_hist or perf_censored. */
    private void addCounts(Connection c, String table, Map<String, double[]> counts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Upserts.addTo(db.kind(), table, new String[]{"scope", "skey", "val"},
                new String[]{"varchar(16)", "varchar(200)", "integer"}, new String[]{"n", "weight", "weight2"},
                new String[]{"bigint", "double precision", "double precision"}))) {
            for (Map.Entry<String, double[]> e : counts.entrySet()) {
                String[] parts = e.getKey().split("\u0000");
                ps.setString(1, parts[0]);
                ps.setString(2, parts[1]);
                ps.setInt(3, Integer.parseInt(parts[2]));
                ps.setLong(4, (long) e.getValue()[0]);
                ps.setDouble(5, e.getValue()[1]);
                ps.setDouble(6, e.getValue()[2]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** More open orders: add (creating the row); fewer: subtract from the row that counted them. */
    private void addOpen(Connection c, Map<String, Long> open) throws SQLException {
        try (PreparedStatement add = c.prepareStatement(Upserts.addTo(db.kind(), "perf_open", new String[]{"scope", "skey", "release_day"},
                new String[]{"varchar(16)", "varchar(200)", "date"}, new String[]{"n"}, new String[]{"bigint"}));
             PreparedStatement subtract = c.prepareStatement(
                     "update perf_open set n = case when n >= ? then n - ? else 0 end where scope = ? and skey = ? and release_day = ?")) {
            for (Map.Entry<String, Long> e : open.entrySet()) {
                String[] parts = e.getKey().split("\u0000");
                Date day = Date.valueOf(LocalDate.ofEpochDay(Long.parseLong(parts[2])));
                long delta = e.getValue();
                if (delta > 0) {
                    add.setString(1, parts[0]);
                    add.setString(2, parts[1]);
                    add.setDate(3, day);
                    add.setLong(4, delta);
                    add.addBatch();
                } else if (delta < 0) {
                    subtract.setLong(1, -delta);
                    subtract.setLong(2, -delta);
                    subtract.setString(3, parts[0]);
                    subtract.setString(4, parts[1]);
                    subtract.setDate(5, day);
                    subtract.addBatch();
                }
            }
            add.executeBatch();
            subtract.executeBatch();
        }
    }

    private static LocalDate storedAsOf(Connection c) throws SQLException {
        String v = meta(c, "as_of");
        return v == null ? null : LocalDate.parse(v);
    }

    private static String meta(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select setting from stats_meta where name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void setMeta(Connection c, String name, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update stats_meta set setting = ? where name = ?")) {
            ps.setString(1, value);
            ps.setString(2, name);
            if (ps.executeUpdate() > 0) return;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into stats_meta (name, setting) values (?, ?)")) {
            ps.setString(1, name);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }
}
