package com.promisevalidator.validation.service;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import com.promisevalidator.db.Database;
import com.promisevalidator.validation.model.DecisionKind;

/**
 * Recorded decisions read back for replay (backtest), a page at a time in the order they were made, each with
 * the facts it met. Snapshots are parsed once per pass however many decisions share them.
 */
@Singleton
public class RecordedDecisions {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(RecordedDecisions.class);
    private static final java.util.concurrent.atomic.AtomicLong UNREADABLE_FACTS = new java.util.concurrent.atomic.AtomicLong();

    /** One recorded decision, ready to replay; {@code facts} null when it was recorded without them. */
    public record Recorded(DecisionRecords.Row row, DecisionLog.Decision decision, FactsMet facts) {
    }

    private final Database db;
    private final DecisionRecords records;
    private final DecisionLog log;

    public RecordedDecisions(Database db, DecisionRecords records, DecisionLog log) {
        this.db = db;
        this.records = records;
        this.log = log;
    }

    /** Takes one page of decisions (in the order they were made). */
    @FunctionalInterface
    public interface Pages {
        void accept(List<Recorded> page);
    }

    /** What a pass read besides its pages. */
    public record Pass(long read, long unreadable) {
    }

    /**
     * Hands the decisions of kinds {@code kinds} made in [from, to) to {@code pages}, {@code size} at a time, in the
     * order they were made: one query streamed with a cursor (one sort, not one per page), a read-only transaction
     * for its duration. Memory holds a page and the parsed snapshots of the last {@value #FACTS_CACHE} hashes.
     */
    public Pass stream(Instant from, Instant to, List<DecisionKind> kinds, int size, Pages pages) {
        log.flushForReading(); // what this instance answered a moment ago is replayed too
        StringBuilder k = new StringBuilder();
        for (DecisionKind kind : kinds) k.append(k.length() == 0 ? "" : ", ").append('\'').append(kind.name()).append('\'');
        String sql = "select " + DecisionLog.COLUMNS + ", facts_hash from decision where created_at >= ? and created_at < ? and kind in ("
                + k + ") order by created_at, id";
        return db.inTransaction(c -> {
            Map<String, FactsMet> facts = new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, FactsMet> eldest) {
                    return size() > FACTS_CACHE;
                }
            };
            long read = 0, unreadable = 0;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(size);
                ps.setTimestamp(1, Timestamp.from(from));
                ps.setTimestamp(2, Timestamp.from(to));
                try (ResultSet rs = ps.executeQuery()) {
                    List<DecisionRecords.Row> rows = new ArrayList<>(size);
                    boolean more = true;
                    while (more) {
                        more = rs.next();
                        if (more) rows.add(DecisionLog.row(rs).withFacts(rs.getString(12), null));
                        if (rows.size() == size || !more && !rows.isEmpty()) {
                            read += rows.size();
                            loadFacts(c, rows, facts);
                            List<Recorded> page = new ArrayList<>(rows.size());
                            for (DecisionRecords.Row r : rows) {
                                try {
                                    page.add(new Recorded(r, records.decision(r), r.factsHash() == null ? null : facts.get(r.factsHash())));
                                } catch (RuntimeException e) {
                                    unreadable++;
                                }
                            }
                            pages.accept(page);
                            rows.clear();
                        }
                    }
                }
            }
            return new Pass(read, unreadable);
        });
    }

    private static final int FACTS_CACHE = 5_000;

    private void loadFacts(java.sql.Connection c, List<DecisionRecords.Row> rows, Map<String, FactsMet> facts) throws java.sql.SQLException {
        List<String> missing = new ArrayList<>();
        for (DecisionRecords.Row r : rows) {
            if (r.factsHash() != null && !facts.containsKey(r.factsHash()) && !missing.contains(r.factsHash())) missing.add(r.factsHash());
        }
        for (int i = 0; i < missing.size(); i += 500) {
            List<String> chunk = missing.subList(i, Math.min(missing.size(), i + 500));
            try (PreparedStatement ps = c.prepareStatement("select hash, facts from decision_facts where hash in ("
                    + "?, ".repeat(chunk.size() - 1) + "?)")) {
                for (int j = 0; j < chunk.size(); j++) ps.setString(j + 1, chunk.get(j));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        try {
                            facts.put(rs.getString(1), records.facts().read(rs.getString(2)));
                        } catch (RuntimeException bad) {
                            // left out: its decisions count as without facts; logged (sparingly), so a wrong reader is noticed
                            if (UNREADABLE_FACTS.getAndIncrement() % 1000 == 0) LOG.warnf("stored facts %s are unreadable: %s", rs.getString(1), bad.getMessage());
                        }
                    }
                }
            }
        }
    }
}
