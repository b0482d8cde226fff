package com.promisevalidator.commitment.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Singleton;

import com.promisevalidator.common.ProblemException;
import com.promisevalidator.db.DataAccessException;
import com.promisevalidator.db.Database;

/**
 * Idempotency keys, in the database so every instance sees them. A key is claimed (IN_PROGRESS) in
 * its own short transaction before the work starts, and completed (DONE, with the response) in the
 * transaction that does the work, so "promise stored" and "key answered" never disagree.
 * Records expire after 24 hours; a claim left IN_PROGRESS for over 2 minutes (its instance died
 * mid-request) may be taken over by a retry.
 */
@Singleton
public class IdempotencyStore {

    static final Duration TTL = Duration.ofHours(24);
    static final Duration ABANDONED = Duration.ofMinutes(2);

    /** A stored answer to replay. */
    public record Stored(int status, String body) {
    }

    private final Database db;

    public IdempotencyStore(Database db) {
        this.db = db;
    }

    /**
     * Claims the key for a request with this body hash. Returns null when the caller may proceed,
     * or the stored answer to replay; throws 409 while another request with the key is running and
     * 422 when the key was used with a different body.
     */
    public Stored claim(String key, String requestHash, Instant now) {
        return claim(key, null, requestHash, now);
    }

    /**
     * The same, for a {@link #scoped} key; {@code legacyKey} is the key as the caller sent it, which versions before keys
     * were scoped stored unchanged: a retry of such a commit within its time still replays it instead of booking twice.
     */
    public Stored claim(String key, String legacyKey, String requestHash, Instant now) {
        if (legacyKey != null && !legacyKey.equals(key)) {
            Stored legacy = db.inTransaction(c -> existing(c, legacyKey, requestHash, now));
            if (legacy != null) return legacy;
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                db.inTransaction(c -> {
                    try (PreparedStatement ps = c.prepareStatement("insert into idempotency (idem_key, request_hash, state, created_at, expires_at) "
                            + "values (?, ?, 'IN_PROGRESS', ?, ?)")) {
                        ps.setString(1, key);
                        ps.setString(2, requestHash);
                        ps.setTimestamp(3, Timestamp.from(now));
                        ps.setTimestamp(4, Timestamp.from(now.plus(TTL)));
                        ps.executeUpdate();
                    }
                    return null;
                });
                return null;
            } catch (DataAccessException e) {
                if (!isDuplicate(e)) throw e;
            }
            Stored answer = db.inTransaction(c -> existing(c, key, requestHash, now));
            if (answer != null) return answer;
            // the old record expired or was abandoned and has been removed: claim again
        }
        throw new ProblemException(409, "Conflict", "A request with this Idempotency-Key is still being processed; retry shortly.", null, null)
                .retryAfter(1);
    }

    /**
     * The key as stored: the caller's (a digest of its key name) and the one it sent, so two callers' keys never meet (a
     * rep replaying a CRM's key got the CRM's promise). A line break cannot occur in a header, so no sent key looks scoped.
     */
    public static String scoped(String callerName, String key) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(callerName.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 8) + "\n" + key;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Stored existing(Connection c, String key, String requestHash, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select request_hash, state, status_code, response, created_at, expires_at from idempotency where idem_key = ? for update")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                boolean expired = rs.getTimestamp(6).toInstant().isBefore(now);
                boolean abandoned = "IN_PROGRESS".equals(rs.getString(2)) && rs.getTimestamp(5).toInstant().isBefore(now.minus(ABANDONED));
                if (expired || abandoned) {
                    release(c, key);
                    return null;
                }
                if (!requestHash.equals(rs.getString(1))) {
                    throw ProblemException.unprocessable("This Idempotency-Key was already used with a different request body", null);
                }
                if ("IN_PROGRESS".equals(rs.getString(2))) {
                    // in progress elsewhere, or left by an instance that crashed: taken over once abandoned, so a retry before
                    // then is answered the same (probe ha L: "retry shortly" for two minutes after a crash, without a wait)
                    Instant takenOver = rs.getTimestamp(5).toInstant().plus(ABANDONED);
                    long wait = java.time.Duration.between(now, takenOver).toSeconds();
                    String detail = "A request with this Idempotency-Key is still being processed; retry shortly."
                            + (wait > 5 ? " If the instance that took it stopped, it is taken over in " + wait + " seconds (Retry-After says when "
                            + "to try again)." : "");
                    // a commit takes well under a second: one in progress for longer was most likely left by a crash
                    boolean stale = rs.getTimestamp(5).toInstant().isBefore(now.minusSeconds(10));
                    throw new ProblemException(409, "Conflict", detail, null, null).retryAfter(stale ? wait : 1);
                }
                return new Stored(rs.getInt(3), rs.getString(4));
            }
        }
    }

    /** Records the answer, inside the transaction that did the work. */
    public void complete(Connection c, String key, int status, String body, String promiseId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update idempotency set state = 'DONE', status_code = ?, response = ?, promise_id = ? where idem_key = ?")) {
            ps.setInt(1, status);
            ps.setString(2, body);
            ps.setString(3, promiseId);
            ps.setString(4, key);
            ps.executeUpdate();
        }
    }

    /** Records an answer that did no work (a refusal), in its own transaction. */
    public void complete(String key, int status, String body) {
        db.inTransaction(c -> {
            complete(c, key, status, body, null);
            return null;
        });
    }

    /** Forgets a claim whose request failed unexpectedly, so a retry can run it again. */
    public void abandon(String key) {
        db.inTransaction(c -> {
            release(c, key);
            return null;
        });
    }

    private static void release(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from idempotency where idem_key = ?")) {
            ps.setString(1, key);
            ps.executeUpdate();
        }
    }

    /** Deletes expired records; returns how many. */
    public int purgeExpired(Instant now) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from idempotency where expires_at < ?")) {
                ps.setTimestamp(1, Timestamp.from(now));
                return ps.executeUpdate();
            }
        });
    }

    static boolean isDuplicate(DataAccessException e) {
        return e.isUniqueViolation();
    }
}
