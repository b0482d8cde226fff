package com.promisevalidator.db;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

/**
 * Tells instances sharing one database what the others changed. A writer records the kind of change
 * (and, when it knows, which rows: "scopes") in its own transaction. On PostgreSQL the same statement
 * sends a NOTIFY, delivered to the other instances when the transaction commits (see {@link ChangeFeed});
 * every instance also polls for rows written by others, the fallback for notifications missed while
 * disconnected. Rows are looked for by time window (not by sequence number, which can commit out of
 * order) and remembered, so each change is applied once by the poll.
 */
@Singleton
public class ChangeLog {

    public enum Kind { CAPACITY, STATS }

    /**
     * Changes another instance made: {@code scopes} name the changed rows in the owning feature's own
     * words (opaque here); empty means "anything of this kind may have changed: reload it all".
     */
    public record Changes(Kind kind, Set<String> scopes) {
        public boolean everything() {
            return scopes.isEmpty();
        }
    }

    static final String CHANNEL = "promise_changes";
    /** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; longer scope lists are sent as "everything". */
    static final int MAX_PAYLOAD = 7900;
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

    /** This instance's id in the log: its own changes are never applied twice. */
    public String origin() {
        return origin;
    }

    /** Records that anything of {@code kind} may have changed. */
    public void record(Connection c, Kind kind) throws SQLException {
        record(c, kind, List.of());
    }

    /** Records a change of the rows named by {@code scopes} (each without line breaks; empty: everything). */
    public void record(Connection c, Kind kind, Collection<String> scopes) throws SQLException {
        Timestamp now = Timestamp.from(clock.instant());
        if (db.kind() != DbKind.POSTGRESQL) {
            try (PreparedStatement ps = c.prepareStatement("insert into change_log (origin, kind, created_at) values (?, ?, ?)")) {
                ps.setString(1, origin);
                ps.setString(2, kind.name());
                ps.setTimestamp(3, now);
                ps.executeUpdate();
            }
            return;
        }
        // One round trip: the row for the poll, and a notification sent only if this transaction commits.
        try (PreparedStatement ps = c.prepareStatement("with i as (insert into change_log (origin, kind, created_at) values (?, ?, ?) returning seq) "
                + "select pg_notify(?, i.seq::text || ?) from i")) {
            ps.setString(1, origin);
            ps.setString(2, kind.name());
            ps.setTimestamp(3, now);
            ps.setString(4, CHANNEL);
            ps.setString(5, payloadAfterSeq(origin, kind, scopes));
            ps.execute();
        }
    }

    /** "\n origin \n KIND [\n scope]*", appended to the row's sequence number. */
    static String payloadAfterSeq(String origin, Kind kind, Collection<String> scopes) {
        StringBuilder sb = new StringBuilder().append('\n').append(origin).append('\n').append(kind.name());
        int head = sb.length();
        for (String s : scopes) {
            if (s == null || s.isEmpty() || s.indexOf('\n') >= 0) return sb.substring(0, head); // unsayable: everything
            sb.append('\n').append(s);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8).length + 20 > MAX_PAYLOAD ? sb.substring(0, head) : sb.toString();
    }

    /** A notification as sent by {@link #record}; null when it is malformed or this instance's own. */
    record Notice(long seq, Changes changes) {
    }

    Notice parse(String payload) {
        String[] parts = payload.split("\n", -1);
        if (parts.length < 3 || origin.equals(parts[1])) return null;
        try {
            Set<String> scopes = Set.copyOf(List.of(parts).subList(3, parts.length)); // copyOf: duplicates allowed
            return new Notice(Long.parseLong(parts[0]), new Changes(Kind.valueOf(parts[2]), scopes));
        } catch (IllegalArgumentException e) { // a bad number or kind: not ours to read
            return null;
        }
    }

    /** A change already applied through its notification: the poll need not apply it again. */
    void markSeen(long seq) {
        seen.putIfAbsent(seq, clock.instant());
    }

    /** Kinds of change other instances made since the last poll (and not yet applied from a notification). */
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
