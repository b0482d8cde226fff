package com.promisevalidator.validation.service;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;

import com.promisevalidator.common.ProblemException;
import com.promisevalidator.common.PromiseConfig;
import com.promisevalidator.db.DataAccessException;
import com.promisevalidator.db.Database;
import com.promisevalidator.validation.model.DecisionKind;
import com.promisevalidator.validation.model.DecisionView;
import com.promisevalidator.validation.model.QuoteRequest;
import com.promisevalidator.validation.model.ValidationResponse;

/**
 * Stores every answer (validate, batch item, commit re-check) with its request, for commit-by-decisionId,
 * for GET /api/v1/decisions and for replays, compactly ({@link DecisionRecords}: no nulls, nothing twice; the
 * sentences as said).
 *
 * <p>An answer is encoded into its compact row within a few milliseconds of being given, on a thread of its own
 * ({@value #ENCODE_EVERY_MS} ms), so what waits in memory is that row, not the answer's object graph: the graph dies
 * young and the garbage collector's pauses stay short however many rows wait. Rows are written in batches off the
 * request path every {@code promise.decision-log.flush-interval} (250 ms), so while the database accepts writes an
 * answer is in it within about a second; until then it is findable from memory. A decision is never lost to a neighbour's fault: when a batch
 * fails, the service first asks whether the store itself is failing (a probe insert, rolled back);
 * if it is, everything waits in memory and readiness is DOWN until a write succeeds again. If not,
 * the batch is written record by record and a record that fails
 * {@value #MAX_ATTEMPTS} times is set aside: logged without its body and counted ({@link #stats()}).
 *
 * <p>At most {@code promise.decision-log.capacity} answers wait in memory. When that many are
 * waiting (the database has been unwritable for a while), new validations are refused with 503
 * rather than answered with a decisionId that could not be kept; the request path never blocks.
 */
@Singleton
public class DecisionLog {

    private static final Logger LOG = Logger.getLogger(DecisionLog.class);
    private static final int BATCH = 1000;
    static final int MAX_ATTEMPTS = 3;

    /**
     * One answer and which call gave it; {@code requestJson} is the request text when known (else null); {@code facts}
     * what the evaluation read (null when not known).
     */
    public record Decision(QuoteRequest request, ValidationResponse response, String requestJson, DecisionKind kind, FactsMet facts) {
        public Decision(QuoteRequest request, ValidationResponse response, String requestJson, DecisionKind kind) {
            this(request, response, requestJson, kind, null);
        }
    }

    /** What the log is doing, for /api/v1/info and the readiness check. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "DecisionLogStats")
    public record Stats(boolean writing, int waiting, long written, long setAside, long refused, String lastError, Instant failingSince) {
    }

    /**
     * A queued decision and how often writing it alone has failed: the answer until it is encoded, then only its row
     * (the answer is let go, so it does not outlive the request in memory).
     */
    private static final class Entry {
        private final String id;
        private volatile Decision decision;
        private volatile DecisionRecords.Row row;
        int attempts;

        Entry(Decision decision) {
            this.id = decision.response().decisionId();
            this.decision = decision;
        }

        String id() {
            return id;
        }
    }

    private final Database db;
    private final DecisionRecords records;
    private final int capacity;
    /** Answers given and not yet encoded (the encoder takes them within {@value #ENCODE_EVERY_MS} ms). */
    private final Deque<Entry> arrivals = new ConcurrentLinkedDeque<>();
    /** Encoded rows waiting to be written, in the order they were given. */
    private final Deque<Entry> queue = new ConcurrentLinkedDeque<>();
    /** Records that failed on their own: retried one at a time until written or set aside. */
    private final List<Entry> suspects = new ArrayList<>();
    private final Map<String, Entry> pending = new ConcurrentHashMap<>();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong setAside = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean storeFailing;
    private volatile Instant failingSince;
    private volatile String lastError;
    private final ScheduledExecutorService writer = daemon("decision-log");
    private final ScheduledExecutorService encoder = daemon("decision-encoder");

    /** How often answers given are encoded into rows: short, so an answer's objects are garbage before a young collection. */
    static final long ENCODE_EVERY_MS = 2;

    private static ScheduledExecutorService daemon(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    private final FactsStore facts;

    public DecisionLog(Database db, DecisionRecords records, PromiseConfig config, FactsStore facts) {
        this.db = db;
        this.records = records;
        this.facts = facts;
        this.capacity = config.decisionLog().capacity();
        long every = config.decisionLog().flushInterval().toMillis();
        writer.scheduleWithFixedDelay(this::flushQuietly, every, every, TimeUnit.MILLISECONDS);
        encoder.scheduleWithFixedDelay(this::encodeArrivals, ENCODE_EVERY_MS, ENCODE_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Called before a quote is evaluated: 503 when the in-memory queue is full, so no answer is
     * given whose decisionId could not be stored. Never blocks.
     */
    public void ensureRoom() {
        if (pending.size() >= capacity) {
            refused.incrementAndGet();
            throw new ProblemException(503, "Service unavailable",
                    "Decisions cannot be recorded right now (" + pending.size() + " waiting for the database); retry shortly.", null, null);
        }
    }

    /**
     * A batch is let in only while it leaves the log at most half full: a flood of batches (one CRM key at 50 calls of
     * 1,000 quotes a second, far under its rate limit: probe P12 M2) is turned away first (503, retry shortly), and the
     * other half stays for single validates and commits, so reps keep their answers. A batch sent after the last was
     * answered never meets this: the log writes far faster than one caller's batches arrive.
     */
    public void ensureRoomForBatch(int quotes) {
        int waiting = pending.size();
        if (waiting + quotes > capacity / 2) {
            throw new ProblemException(503, "Service busy", "Too many decisions are waiting to be recorded (" + waiting
                    + "); a batch of " + quotes + " is turned away until they are, so that single quotes keep being answered: retry shortly.",
                    null, null);
        }
    }

    public void record(QuoteRequest request, ValidationResponse response) {
        record(DecisionKind.VALIDATE, request, response, null);
    }

    /**
     * Queues an answer for writing; the request is compacted at flush time, off the request path. The facts its
     * evaluation met are those {@link #factsMet} was told of for its decisionId (a commit re-check), if any.
     */
    public void record(DecisionKind kind, QuoteRequest request, ValidationResponse response, String requestJson) {
        FactsMet facts;
        synchronized (unclaimed) {
            facts = unclaimed.remove(response.decisionId());
        }
        record(kind, request, response, requestJson, facts);
    }

    /** Queues an answer with the facts its evaluation met. */
    public void record(DecisionKind kind, QuoteRequest request, ValidationResponse response, String requestJson, FactsMet facts) {
        Entry e = new Entry(new Decision(request, response, requestJson, kind, facts));
        pending.put(e.id(), e);
        arrivals.addLast(e);
    }

    /** Encodes the answers given since the last call into their rows and queues them for writing (off the request path). */
    private void encodeArrivals() {
        for (Entry e = arrivals.pollFirst(); e != null; e = arrivals.pollFirst()) {
            encode(e);
            queue.addLast(e);
        }
    }

    /**
     * The entry's row, encoded now if it is not yet; the answer is then let go. An answer that cannot be encoded keeps
     * its answer and fails when written, as a record the store refuses does ({@link #retrySuspects}).
     */
    private DecisionRecords.Row encode(Entry e) {
        DecisionRecords.Row row = e.row;
        if (row != null) return row;
        Decision d = e.decision;
        try {
            row = records.encode(d);
        } catch (RuntimeException ex) {
            return null;
        }
        e.row = row;
        e.decision = null;
        return row;
    }

    /**
     * The facts an answer given outside a validate met (a check a commit may record as its re-check): kept for a
     * while, by decisionId, until {@link #record} claims them; the oldest are dropped beyond {@value #UNCLAIMED_MAX}.
     */
    public void factsMet(String decisionId, FactsMet facts) {
        synchronized (unclaimed) {
            unclaimed.put(decisionId, facts);
        }
    }

    private static final int UNCLAIMED_MAX = 256;
    private final Map<String, FactsMet> unclaimed = new java.util.LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, FactsMet> eldest) {
            return size() > UNCLAIMED_MAX;
        }
    };

    /**
     * The request and response of an earlier answer, if known. An answer another instance gave a
     * moment ago may not be written yet (batches every 500 ms): its id (a UUIDv7) tells when it was
     * made, and a recent one is waited for, at most {@link #IN_FLIGHT_MS}; any other unknown id is
     * answered at once.
     */
    public Optional<Decision> find(String decisionId) {
        Entry e = pending.get(decisionId);
        if (e != null) {
            DecisionRecords.Row row = e.row;
            Decision d = e.decision;
            if (row != null) return Optional.of(records.decision(row)); // as it will read back once written
            if (d != null) return Optional.of(d);
            return Optional.of(records.decision(e.row)); // encoded in between the two reads
        }
        return awaitStored(decisionId).map(records::decision);
    }

    /**
     * A decision as GET /api/v1/decisions/{id} shows it: from memory while it waits to be written, else from
     * the database, waiting briefly for a recent one given by another instance (as {@link #find}).
     */
    public Optional<DecisionView> view(String decisionId) {
        Entry e = pending.get(decisionId);
        if (e != null) {
            DecisionRecords.Row row = e.row;
            Decision d = e.decision;
            if (row == null && d != null) row = records.encode(d);
            return Optional.of(records.view(row != null ? row : e.row));
        }
        return awaitStored(decisionId).map(records::view);
    }

    /** Writes what waits, so a list made right after an answer shows it; quiet when the store is failing. */
    public void flushForReading() {
        flushQuietly();
    }

    private Optional<DecisionRecords.Row> awaitStored(String decisionId) {
        Optional<DecisionRecords.Row> stored = load(decisionId);
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

    /** The columns a decision is read back from, in {@link #row} order. */
    public static final String COLUMNS = "id, created_at, kind, quote_type, site, rep, verdict, rules_version, codes, request, response";

    private Optional<DecisionRecords.Row> load(String decisionId) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + ", d.facts_hash, f.facts from decision d "
                    + "left join decision_facts f on f.hash = d.facts_hash where d.id = ?")) {
                ps.setString(1, decisionId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs).withFacts(rs.getString(12), rs.getString(13)))
                            : Optional.<DecisionRecords.Row>empty();
                }
            }
        });
    }

    public static DecisionRecords.Row row(ResultSet rs) throws java.sql.SQLException {
        DecisionKind kind;
        try {
            kind = DecisionKind.valueOf(rs.getString(3));
        } catch (IllegalArgumentException | NullPointerException e) {
            kind = null; // written by a newer version
        }
        return new DecisionRecords.Row(rs.getString(1), rs.getTimestamp(2).toInstant(), kind, rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11));
    }

    public Stats stats() {
        return new Stats(!storeFailing, pending.size(), written.get(), setAside.get(), refused.get(), lastError, failingSince);
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("writing decisions failed; will retry: " + e.getMessage());
        }
    }

    /** Writes everything queued so far, as far as the database lets it. */
    public synchronized void flush() {
        if (storeFailing && queue.isEmpty() && suspects.isEmpty()) {
            if (probe()) storeWorks();
            return;
        }
        if (!retrySuspects()) return;
        for (Entry e = arrivals.pollFirst(); e != null; e = arrivals.pollFirst()) queue.addLast(e); // encoded when written
        List<Entry> batch = new ArrayList<>(BATCH);
        while (true) {
            batch.clear();
            for (Entry e = queue.pollFirst(); e != null; e = batch.size() < BATCH ? queue.pollFirst() : null) {
                batch.add(e);
                if (batch.size() == BATCH) break;
            }
            if (batch.isEmpty()) return;
            try {
                write(batch);
                done(batch);
                storeWorks();
            } catch (RuntimeException e) {
                if (storeDown(e)) {
                    for (int i = batch.size() - 1; i >= 0; i--) queue.addFirst(batch.get(i)); // wait, in order
                    return;
                }
                // the store works: some record of this batch is at fault; find it by writing them one by one
                suspects.addAll(batch);
                if (!retrySuspects()) return;
            }
        }
    }

    /** Writes each suspect alone; false when the store turned out to be failing (they wait). */
    private boolean retrySuspects() {
        for (var it = suspects.iterator(); it.hasNext(); ) {
            Entry e = it.next();
            try {
                write(List.of(e));
                done(List.of(e));
                storeWorks();
                it.remove();
            } catch (RuntimeException ex) {
                if (storeDown(ex)) return false;
                e.attempts++;
                if (e.attempts >= MAX_ATTEMPTS) {
                    it.remove();
                    pending.remove(e.id());
                    setAside.incrementAndGet();
                    // the body stays out of the log: it may be huge or personal
                    LOG.errorf("decision %s could not be written after %d attempts and is set aside: %s", e.id(), e.attempts,
                            ex.getMessage());
                }
            }
        }
        return true;
    }

    /** Whether a failure is the store's (connection, time-out, unwritable table) rather than one record's. */
    private boolean storeDown(RuntimeException e) {
        boolean down = e instanceof DataAccessException d && d.isTransient() || !probe();
        if (down) {
            if (!storeFailing) {
                failingSince = Instant.now();
                LOG.error("decisions cannot be written; readiness is DOWN until they can: " + e.getMessage());
            }
            storeFailing = true;
            lastError = e.getMessage();
        }
        return down;
    }

    private void storeWorks() {
        if (storeFailing) LOG.info("decisions are being written again");
        storeFailing = false;
        failingSince = null;
    }

    /** A probe row inserted and rolled back: can a decision be written at all? */
    private boolean probe() {
        try {
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("insert into decision (id, created_at, rules_version, quote_type, verdict, request, response) "
                        + "values (?, ?, 'probe', 'probe', 'probe', '{}', '{}')")) {
                    ps.setString(1, "probe-" + UUID.randomUUID().toString().replace("-", ""));
                    ps.setTimestamp(2, Timestamp.from(Instant.now()));
                    ps.executeUpdate();
                }
                throw new ProbeDone();
            });
        } catch (ProbeDone ok) {
            return true;
        } catch (RuntimeException e) {
            lastError = e.getMessage();
            return false;
        }
        return false;
    }

    /** Rolls the probe back. */
    private static final class ProbeDone extends RuntimeException {
        ProbeDone() {
            super(null, null, false, false);
        }
    }

    private void done(List<Entry> batch) {
        for (Entry e : batch) pending.remove(e.id());
        written.addAndGet(batch.size());
    }

    private void write(List<Entry> batch) {
        List<DecisionRecords.Row> rows = new ArrayList<>(batch.size());
        for (Entry e : batch) {
            DecisionRecords.Row row = encode(e);
            rows.add(row != null ? row : records.encode(e.decision)); // an answer that cannot be encoded fails here, alone
        }
        Map<String, FactsStore.Use> used = FactsStore.uses(rows);
        db.inTransaction(c -> {
            facts.store(c, used);
            try (PreparedStatement ps = c.prepareStatement("insert into decision (" + COLUMNS + ", facts_hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (DecisionRecords.Row r : rows) {
                    ps.setString(1, r.id());
                    ps.setTimestamp(2, Timestamp.from(r.evaluatedAt()));
                    ps.setString(3, r.kind().name());
                    ps.setString(4, r.quoteType());
                    ps.setString(5, r.site());
                    ps.setString(6, r.rep());
                    ps.setString(7, r.verdict());
                    ps.setString(8, r.rulesVersion());
                    ps.setString(9, r.codes());
                    ps.setString(10, r.request());
                    ps.setString(11, r.answer());
                    ps.setString(12, r.factsHash());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
        facts.stored(used);
    }

    /**
     * Flushed on ShutdownEvent: after the HTTP server let the requests in flight finish (quarkus.shutdown.timeout), so
     * every answer given is queued, and before the datasource closes (a @PreDestroy alone may come after it).
     */
    void onShutdown(@Observes ShutdownEvent event) {
        shutdown();
    }

    @PreDestroy
    void shutdown() {
        if (writer.isShutdown() && pending.isEmpty()) return; // already flushed on ShutdownEvent
        encoder.shutdown();
        writer.shutdown();
        try {
            encoder.awaitTermination(5, TimeUnit.SECONDS);
            writer.awaitTermination(5, TimeUnit.SECONDS);
            flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("could not write the last decisions at shutdown: " + e.getMessage());
        }
        if (!pending.isEmpty()) LOG.warnf("%d decisions were not written at shutdown", pending.size());
    }
}
