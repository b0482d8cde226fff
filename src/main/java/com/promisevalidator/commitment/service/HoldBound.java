package com.promisevalidator.commitment.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import com.promisevalidator.db.DbKind;
import com.promisevalidator.db.Upserts;

/**
 * How many holds one API key may have open at once (probe P12 M1: one rep key held a site's whole days in seconds).
 * Checked in the hold's own transaction with the key's {@code hold_owner} row locked first, so concurrent holds of one
 * key (threads, instances) are counted one after the other and never pass the bound together.
 *
 * @param holder the key's name
 * @param maxOpen the bound (at least 1)
 */
record HoldBound(String holder, int maxOpen) {

    /** A hold over the bound: not taken, and the answer says why. */
    static final class Reached extends RuntimeException {
        final int open;
        final Instant nextExpiry;

        Reached(int open, Instant nextExpiry) {
            super(null, null, false, false);
            this.open = open;
            this.nextExpiry = nextExpiry;
        }
    }

    /** Locks the key's row, then counts its live holds; throws {@link Reached} (rolling the transaction back) when full. */
    void admit(Connection c, DbKind kind, Instant now) throws SQLException {
        String lock = Upserts.addTo(kind, "hold_owner", new String[]{"key_name"}, new String[]{"varchar(64)"},
                new String[]{"taken"}, new String[]{"bigint"});
        try (PreparedStatement ps = c.prepareStatement(lock)) {
            ps.setString(1, holder);
            ps.setLong(2, 1);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "select count(*), min(hold_expires_at) from promise where held_by = ? and status = 'HELD' and hold_expires_at > ?")) {
            ps.setString(1, holder);
            ps.setTimestamp(2, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                int open = rs.getInt(1);
                Timestamp next = rs.getTimestamp(2);
                if (open >= maxOpen) throw new Reached(open, next == null ? null : next.toInstant());
            }
        }
    }

    /** Names the key as the hold's owner (the row inserted in the same transaction). */
    void own(Connection c, String promiseId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update promise set held_by = ? where id = ?")) {
            ps.setString(1, holder);
            ps.setString(2, promiseId);
            ps.executeUpdate();
        }
    }
}
