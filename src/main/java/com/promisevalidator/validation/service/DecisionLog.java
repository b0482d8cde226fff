package com.promisevalidator.validation.service;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.promisevalidator.db.Database;
import com.promisevalidator.validation.model.QuoteRequest;
import com.promisevalidator.validation.model.ValidationResponse;

/**
 * Stores every validation answer with its request, for commit-by-decisionId and for replays.
 * What is stored is the request as sent and the answer's decision (verdict, confidence,
 * recommended, hold, rules version, time); reasons and alternatives are not, since replaying the
 * request against the same rules version gives them again, and they are most of the bytes.
 * Writes are batched off the request path (every 500 ms); an answer is findable from the moment it
 * is given, from memory until its batch is written. A crash can lose the last unwritten batch of
 * answers (not commitments): a commit then falls back to the full quote.
 */
@Singleton
public class DecisionLog {

    private static final Logger LOG = Logger.getLogger(DecisionLog.class);
    private static final int BATCH = 5000;
    private static final int MAX_PENDING = 200_000;

    /** One answer; the request text is kept when the caller already has it, else written at flush time. */
    public record Decision(QuoteRequest request, ValidationResponse response, String requestJson) {
    }

    private final Database db;
    private final ObjectMapper json;
    private final LinkedBlockingQueue<Decision> queue = new LinkedBlockingQueue<>(MAX_PENDING);
    private final Map<String, Decision> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "decision-log");
        t.setDaemon(true);
        return t;
    });

    public DecisionLog(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
        writer.scheduleWithFixedDelay(this::flushQuietly, 500, 500, TimeUnit.MILLISECONDS);
    }

    public void record(QuoteRequest request, ValidationResponse response) {
        record(request, response, null);
    }

    public void record(QuoteRequest request, ValidationResponse response, String requestJson) {
        Decision d = new Decision(request, response, requestJson);
        pending.put(response.decisionId(), d);
        if (!queue.offer(d)) {
            pending.remove(response.decisionId());
            LOG.warn("decision log is behind; an answer was not stored");
        }
    }

    /**
     * The request and response of an earlier answer, if known. An answer another instance gave a
     * moment ago may not be written yet (batches every 500 ms): its id (a UUIDv7) tells when it was
     * made, and a recent one is waited for, at most {@link #IN_FLIGHT_MS}; any other unknown id is
     * answered at once.
     */
    public Optional<Decision> find(String decisionId) {
        Decision d = pending.get(decisionId);
        if (d != null) return Optional.of(d);
        Optional<Decision> stored = load(decisionId);
        long now = System.currentTimeMillis();
        long madeAt = madeAt(decisionId);
        long deadline = Math.min(madeAt + IN_FLIGHT_MS, now + IN_FLIGHT_MS);
        if (madeAt > now + 1000) return stored; // not from a clock like ours: not waited for
        while (stored.isEmpty() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return stored;
            }
            stored = load(decisionId);
        }
        return stored;
    }

    /** How long after it was made an answer given by another instance may still be on its way to the database. */
    static final long IN_FLIGHT_MS = 2_000;

    /** When a decision id (UUIDv7) was made, in epoch ms; 0 when it is not one. */
    static long madeAt(String decisionId) {
        try {
            java.util.UUID id = java.util.UUID.fromString(decisionId);
            return id.version() == 7 ? id.getMostSignificantBits() >>> 16 : 0;
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    private Optional<Decision> load(String decisionId) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("select request, response from decision where id = ?")) {
                ps.setString(1, decisionId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.<Decision>empty();
                    try {
                        return Optional.of(new Decision(json.readValue(rs.getString(1), QuoteRequest.class),
                                json.readValue(rs.getString(2), ValidationResponse.class), rs.getString(1)));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("stored decision " + decisionId + " is unreadable", e);
                    }
                }
            }
        });
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("writing decisions failed; will retry: " + e.getMessage());
        }
    }

    /** Writes everything queued so far. */
    public synchronized void flush() {
        List<Decision> batch = new ArrayList<>(BATCH);
        while (queue.drainTo(batch, BATCH) > 0) {
            try {
                write(batch);
            } catch (RuntimeException e) {
                batch.forEach(queue::offer); // keep them for the next attempt
                throw e;
            }
            for (Decision d : batch) pending.remove(d.response().decisionId());
            batch.clear();
        }
    }

    private void write(List<Decision> batch) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into decision (id, created_at, rules_version, quote_type, verdict, request, response) "
                    + "values (?, ?, ?, ?, ?, ?, ?)")) {
                for (Decision d : batch) {
                    ValidationResponse r = d.response();
                    ps.setString(1, r.decisionId());
                    ps.setTimestamp(2, Timestamp.from(r.evaluatedAt().toInstant()));
                    ps.setString(3, r.rulesVersion());
                    ps.setString(4, d.request().type());
                    ps.setString(5, r.verdict().name());
                    ps.setString(6, d.requestJson() != null ? d.requestJson() : json.writeValueAsString(d.request()));
                    ps.setString(7, json.writeValueAsString(new ValidationResponse(r.decisionId(), r.quoteId(), r.verdict(), r.confidence(),
                            r.targetConfidence(), r.recommended(), List.of(), List.of(), r.rulesVersion(), r.evaluatedAt(), r.hold())));
                    ps.addBatch();
                }
                ps.executeBatch();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
    }

    @PreDestroy
    void shutdown() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
            flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("could not write the last decisions at shutdown: " + e.getMessage());
        }
    }
}
