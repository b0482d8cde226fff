package com.promisevalidator.replay.service;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import com.promisevalidator.db.Database;

/**
 * What happened to the orders of recorded decisions, as known now (read-only): the promise committed from the
 * decision (by decisionId, once KEPT or BROKEN), else a history row whose reference is the quote's quoteId.
 */
@Singleton
public class Outcomes {

    /** When the work was done (a delivery) or how long it took (a service). */
    public record Done(Instant completedAt, Double actualMinutes) {
    }

    private final Database db;

    public Outcomes(Database db) {
        this.db = db;
    }

    /** By decisionId, the outcomes of promises committed from these decisions. */
    public Map<String, Done> byDecision(List<String> decisionIds) {
        return query("select decision_id, completed_at, actual_minutes from promise where status in ('KEPT', 'BROKEN') and decision_id in ",
                decisionIds);
    }

    /** By reference, finished history rows whose reference is one of these quoteIds. */
    public Map<String, Done> byReference(List<String> quoteIds) {
        return query("select reference, completed_at, actual_minutes from history where completed_at is not null and reference in ", quoteIds);
    }

    private Map<String, Done> query(String sql, List<String> keys) {
        Map<String, Done> out = new HashMap<>();
        List<String> distinct = new ArrayList<>(new java.util.LinkedHashSet<>(keys));
        for (int i = 0; i < distinct.size(); i += 500) {
            List<String> chunk = distinct.subList(i, Math.min(distinct.size(), i + 500));
            db.query(c -> {
                try (PreparedStatement ps = c.prepareStatement(sql + "(" + "?, ".repeat(chunk.size() - 1) + "?)")) {
                    for (int j = 0; j < chunk.size(); j++) ps.setString(j + 1, chunk.get(j));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Timestamp at = rs.getTimestamp(2);
                            BigDecimal minutes = rs.getBigDecimal(3);
                            out.put(rs.getString(1), new Done(at == null ? null : at.toInstant(), minutes == null ? null : minutes.doubleValue()));
                        }
                    }
                }
                return null;
            });
        }
        return out;
    }
}
