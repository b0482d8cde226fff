package com.promisevalidator.validation.service;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import com.promisevalidator.db.Database;
import com.promisevalidator.validation.model.DecisionKind;

/**
 * Recorded decisions read back for replay (backtest), a page at a time in the order they were made, each with
 * the facts it met. Snapshots are parsed once per replay ({@link Reader}) however many decisions share them.
 */
@Singleton
public class RecordedDecisions {

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

    /** A pass over the decisions of kinds {@code kinds} made in [from, to). */
    public Reader reader(Instant from, Instant to, List<DecisionKind> kinds) {
        log.flushForReading(); // what this instance answered a moment ago is replayed too
        return new Reader(from, to, kinds);
    }

    /** Reads pages in (created_at, id) order; not thread-safe (one reader per replay). */
    public final class Reader {
        private static final int FACTS_CACHE = 5_000;
        private final Instant from;
        private final Instant to;
        private final String kinds;
        private Instant lastAt;
        private String lastId;
        private final Map<String, FactsMet> facts = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, FactsMet> eldest) {
                return size() > FACTS_CACHE;
            }
        };
        /** Decisions whose request, answer or facts could not be read. */
        private long unreadable;

        Reader(Instant from, Instant to, List<DecisionKind> kinds) {
            this.from = from;
            this.to = to;
            StringBuilder k = new StringBuilder();
            for (DecisionKind kind : kinds) k.append(k.length() == 0 ? "" : ", ").append('\'').append(kind.name()).append('\'');
            this.kinds = k.toString();
        }

        public long unreadable() {
            return unreadable;
        }

        /** The next page of at most {@code size} decisions; empty at the end. */
        public List<Recorded> next(int size) {
            List<DecisionRecords.Row> rows = db.query(c -> {
                String sql = "select " + DecisionLog.COLUMNS + ", facts_hash from decision where created_at >= ? and created_at < ? and kind in ("
                        + kinds + ")" + (lastAt == null ? "" : " and (created_at > ? or (created_at = ? and id > ?))")
                        + " order by created_at, id limit " + size;
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setTimestamp(1, Timestamp.from(from));
                    ps.setTimestamp(2, Timestamp.from(to));
                    if (lastAt != null) {
                        ps.setTimestamp(3, Timestamp.from(lastAt));
                        ps.setTimestamp(4, Timestamp.from(lastAt));
                        ps.setString(5, lastId);
                    }
                    List<DecisionRecords.Row> out = new ArrayList<>(size);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) out.add(DecisionLog.row(rs).withFacts(rs.getString(12), null));
                    }
                    return out;
                }
            });
            if (rows.isEmpty()) return List.of();
            DecisionRecords.Row last = rows.get(rows.size() - 1);
            lastAt = last.evaluatedAt();
            lastId = last.id();
            loadFacts(rows);
            List<Recorded> out = new ArrayList<>(rows.size());
            for (DecisionRecords.Row r : rows) {
                try {
                    out.add(new Recorded(r, records.decision(r), r.factsHash() == null ? null : facts.get(r.factsHash())));
                } catch (RuntimeException e) {
                    unreadable++;
                }
            }
            return out;
        }

        private void loadFacts(List<DecisionRecords.Row> rows) {
            List<String> missing = new ArrayList<>();
            for (DecisionRecords.Row r : rows) {
                if (r.factsHash() != null && !facts.containsKey(r.factsHash()) && !missing.contains(r.factsHash())) missing.add(r.factsHash());
            }
            for (int i = 0; i < missing.size(); i += 500) {
                List<String> chunk = missing.subList(i, Math.min(missing.size(), i + 500));
                Map<String, String> texts = db.query(c -> {
                    try (PreparedStatement ps = c.prepareStatement("select hash, facts from decision_facts where hash in ("
                            + "?, ".repeat(chunk.size() - 1) + "?)")) {
                        for (int j = 0; j < chunk.size(); j++) ps.setString(j + 1, chunk.get(j));
                        Map<String, String> m = new HashMap<>();
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) m.put(rs.getString(1), rs.getString(2));
                        }
                        return m;
                    }
                });
                for (Map.Entry<String, String> e : texts.entrySet()) {
                    try {
                        facts.put(e.getKey(), records.facts().read(e.getValue()));
                    } catch (RuntimeException bad) {
                        // left out: its decisions replay as recorded without facts
                    }
                }
            }
        }
    }
}
