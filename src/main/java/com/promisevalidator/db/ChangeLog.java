package com.promisevalidator.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

/**
 * Tells instances sharing one database what the others changed. A writer records the kind of change
 * in its own transaction; every instance polls for rows written by others and refreshes the
 * matching in-memory view. Rows are looked for by time window (not by sequence number, which can
 * commit out of order) and remembered, so each change is applied once.
 */
@Singleton
public class ChangeLog {

    public enum Kind { CAPACITY, STATS }

    static final Duration WINDOW = Duration.ofMinutes(2);
    static final Duration KEEP = Duration.ofHours(1);

    private final Database db;
    private final Clock clock;
    private final String origin = UUID.randomUUID().toString();
    private final Map<Long, Instant> seen = new ConcurrentHashMap<>();
    private volatile Instant lastPoll;

    public ChangeLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.lastPoll = clock.instant();
    }

    public void record(Connection c, Kind kind) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into change_log (origin, kind, created_at) values (?, ?, ?)")) {
            ps.setString(1, origin);
            ps.setString(2, kind.name());
            ps.setTimestamp(3, Timestamp.from(clock.instant()));
            ps.executeUpdate();
        }
    }

    /** Kinds of change other instances made since the last poll. */
    public Set<Kind> foreignChanges() {
        Instant now = clock.instant();
        Instant from = lastPoll.minus(WINDOW);
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("select seq, kind from change_log where origin <> ? and created_at >= ?")) {
                ps.setString(1, origin);
                ps.setTimestamp(2, Timestamp.from(from));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (seen.putIfAbsent(rs.getLong(1), now) == null) kinds.add(Kind.valueOf(rs.getString(2)));
                    }
                }
            }
            return null;
        });
        lastPoll = now;
        for (Iterator<Map.Entry<Long, Instant>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue().isBefore(now.minus(WINDOW.multipliedBy(2)))) it.remove();
        }
        return kinds;
    }

    /** Deletes rows no instance needs any more. */
    public void prune() {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from change_log where created_at < ?")) {
                ps.setTimestamp(1, Timestamp.from(clock.instant().minus(KEEP)));
                return ps.executeUpdate();
            }
        });
    }
}
