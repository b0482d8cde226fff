package com.promisevalidator.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;

import jakarta.inject.Singleton;

import com.promisevalidator.db.Database;

/**
 * Whether this database is a demo's: marked (table demo_database, V19) when the demo data set is loaded into it while
 * it was empty. Only a demo database accepts the public demo keys, so a real database never opens to them because
 * PROMISE_API_KEYS went missing at a restart. Several instances starting on one empty database: one marks it (the
 * primary key decides), the others find it marked.
 */
@Singleton
public class DemoDatabase {

    /** Tables whose rows are somebody's data; derived tables (statistics, change log, saved rules) do not count. */
    static final String[] DATA_TABLES = {"site", "region", "history", "promise", "webhook_subscription", "decision"};

    private final Database db;
    private final Clock clock;

    public DemoDatabase(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public boolean marked() {
        return db.query(DemoDatabase::marked);
    }

    /** Marks the database as the demo's when it holds no data yet; true when this call marked it (this instance loads it). */
    public boolean claimIfEmpty() {
        return db.query(c -> claimIfEmpty(c, clock));
    }

    static boolean marked(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from demo_database where id = 1"); ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    static boolean holdsData(Connection c) throws SQLException {
        for (String table : DATA_TABLES) {
            try (PreparedStatement ps = c.prepareStatement("select 1 from " + table + " fetch first 1 rows only"); ResultSet rs = ps.executeQuery()) {
                if (rs.next()) return true;
            }
        }
        return false;
    }

    static boolean claimIfEmpty(Connection c, Clock clock) throws SQLException {
        if (marked(c) || holdsData(c)) return false;
        try (PreparedStatement ps = c.prepareStatement("insert into demo_database (id, marked_at) values (1, ?)")) {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (marked(c)) return false; // another instance marked it a moment ago: it loads the demo data
            throw e;
        }
    }
}
