package com.promisevalidator.rules.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.promisevalidator.db.Database;
import com.promisevalidator.rules.model.RuleFile;
import com.promisevalidator.rules.model.RuleSet;

/**
 * The last rule set that was activated clean, kept in the database: a rules directory is shared state that an edit can
 * break while no instance is running, and a start that finds it broken runs this set rather than none (every instance on
 * the database sees the same one).
 */
@ApplicationScoped
public class LastGoodRules {

    private static final Logger LOG = Logger.getLogger(LastGoodRules.class);

    /** The saved set: its version and files. */
    public record Saved(String version, List<RuleFile> files, Instant savedAt) {
    }

    private final Database db;

    public LastGoodRules(Database db) {
        this.db = db;
    }

    /** Keeps {@code set} as the last good one (unless it already is); a failure is logged, never the activation's. */
    public void save(RuleSet set) {
        try {
            db.inTransaction(c -> {
                if (set.version().equals(storedVersion(c))) return null; // another instance (or an earlier start) saved it
                try (PreparedStatement del = c.prepareStatement("delete from last_good_rule_file")) {
                    del.executeUpdate();
                }
                try (PreparedStatement ins = c.prepareStatement(
                        "insert into last_good_rule_file(name, version, saved_at, content) values (?, ?, ?, ?)")) {
                    Timestamp now = Timestamp.from(Instant.now());
                    for (RuleFile f : set.files()) {
                        ins.setString(1, f.name());
                        ins.setString(2, set.version());
                        ins.setTimestamp(3, now);
                        ins.setString(4, f.content());
                        ins.addBatch();
                    }
                    ins.executeBatch();
                }
                return null;
            });
        } catch (RuntimeException e) {
            // two instances saving at once: one of them wins, and both saved a set that was good
            LOG.warnf("the last good rule set %s was not saved: %s", set.version(), e.getMessage());
        }
    }

    /** The saved set, if any. */
    public Optional<Saved> load() {
        return db.query(c -> {
            List<RuleFile> files = new ArrayList<>();
            String version = null;
            Instant at = null;
            try (PreparedStatement ps = c.prepareStatement("select name, version, saved_at, content from last_good_rule_file order by name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    files.add(new RuleFile(rs.getString(1), rs.getString(4)));
                    version = rs.getString(2);
                    at = rs.getTimestamp(3).toInstant();
                }
            }
            return files.isEmpty() ? Optional.<Saved>empty() : Optional.of(new Saved(version, files, at));
        });
    }

    private static String storedVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select version from last_good_rule_file fetch first 1 rows only");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
