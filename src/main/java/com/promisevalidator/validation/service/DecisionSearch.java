package com.promisevalidator.validation.service;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import com.promisevalidator.db.Database;
import com.promisevalidator.validation.model.DecisionKind;
import com.promisevalidator.validation.model.DecisionView;
import com.promisevalidator.validation.model.Verdict;

/** Lists recorded decisions, newest first, by the filters of GET /api/v1/decisions (each one an indexed column). */
@Singleton
public class DecisionSearch {

    /** What to list: every field optional; {@code from} inclusive, {@code to} exclusive. */
    public record Filter(Instant from, Instant to, Verdict verdict, String code, String site, String rep, DecisionKind kind) {
    }

    /** One page and whether more follow. */
    /** {@code newest}: when the newest decision listed was made (as stored, not rounded), null when none was. */
    public record Page(List<DecisionView> decisions, boolean more, java.time.Instant newest) {
    }

    private final Database db;
    private final DecisionLog log;
    private final DecisionRecords records;

    public DecisionSearch(Database db, DecisionLog log, DecisionRecords records) {
        this.db = db;
        this.log = log;
        this.records = records;
    }

    public Page list(Filter f, int limit, int offset) {
        log.flushForReading(); // what this instance answered a moment ago is listed too
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (f.from() != null) {
            where.append(" and created_at >= ?");
            args.add(Timestamp.from(f.from()));
        }
        if (f.to() != null) {
            where.append(" and created_at < ?");
            args.add(Timestamp.from(f.to()));
        }
        condition(where, args, "verdict", f.verdict() == null ? null : f.verdict().name());
        condition(where, args, "site", f.site());
        condition(where, args, "rep", f.rep());
        condition(where, args, "kind", f.kind() == null ? null : f.kind().name());
        if (f.code() != null) {
            where.append(" and codes like ? escape '!'"); // codes are [A-Z0-9_]: '_' is LIKE's any-one-character, matched literally
            args.add("%," + f.code().replace("_", "!_") + ",%");
        }
        // one row more than asked tells whether a next page exists, without counting the whole period
        String sql = "select " + DecisionLog.COLUMNS + " from decision" + where
                + " order by created_at desc, id desc limit " + (limit + 1) + " offset " + offset;
        List<DecisionRecords.Row> rows = db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
                List<DecisionRecords.Row> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(DecisionLog.row(rs));
                }
                return out;
            }
        });
        boolean more = rows.size() > limit;
        List<DecisionView> views = new ArrayList<>(Math.min(rows.size(), limit));
        for (int i = 0; i < rows.size() && i < limit; i++) views.add(records.view(rows.get(i)));
        return new Page(views, more, rows.isEmpty() ? null : rows.get(0).evaluatedAt());
    }

    private static void condition(StringBuilder where, List<Object> args, String column, String value) {
        if (value == null) return;
        where.append(" and ").append(column).append(" = ?");
        args.add(value);
    }
}
