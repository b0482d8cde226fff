package com.promisevalidator.commitment.service;

import com.promisevalidator.common.Minutes;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.promisevalidator.commitment.model.PromiseStatus;

/** JDBC for promises; callers own the transactions. */
final class PromiseRepository {

    private static final String COLUMNS = "id, status, kind, decision_id, quote_id, rep, customer, site_code, region_code, service_type, "
            + "ordered_at, release_day, dispatch_day, promised_by, start_at, promised_minutes, booked_minutes, target_confidence, confidence, "
            + "current_confidence, risk_reason, risk_recommended, checked_at, hold_expires_at, completed_at, actual_minutes, request, "
            + "created_at, updated_at";

    private PromiseRepository() {
    }

    static void insert(Connection c, PromiseRow p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into promise (" + COLUMNS + ") values ("
                + "?, ".repeat(28) + "?)")) {
            int i = 1;
            ps.setString(i++, p.id());
            ps.setString(i++, p.status().name());
            ps.setString(i++, p.kind());
            ps.setString(i++, p.decisionId());
            ps.setString(i++, p.quoteId());
            ps.setString(i++, p.rep());
            ps.setString(i++, p.customer());
            ps.setString(i++, p.site());
            ps.setString(i++, p.region());
            ps.setString(i++, p.serviceType());
            ps.setTimestamp(i++, Timestamp.from(p.orderedAt()));
            setDate(ps, i++, p.releaseDay());
            setDate(ps, i++, p.dispatchDay());
            setDate(ps, i++, p.promisedBy());
            setTime(ps, i++, p.startAt());
            Minutes.set(ps, i++, p.promisedMinutes());
            setInt(ps, i++, p.bookedMinutes());
            ps.setDouble(i++, p.target());
            ps.setDouble(i++, p.confidence());
            if (p.currentConfidence() == null) ps.setNull(i++, Types.DOUBLE);
            else ps.setDouble(i++, p.currentConfidence());
            ps.setString(i++, p.riskReason());
            ps.setString(i++, p.riskRecommended());
            setTime(ps, i++, p.checkedAt());
            setTime(ps, i++, p.holdExpiresAt());
            setTime(ps, i++, p.completedAt());
            Minutes.set(ps, i++, p.actualMinutes());
            ps.setString(i++, p.request());
            ps.setTimestamp(i++, Timestamp.from(p.createdAt()));
            ps.setTimestamp(i, Timestamp.from(p.updatedAt()));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into promise_line (promise_id, sku, quantity) values (?, ?, ?)")) {
            for (PromiseRow.Line l : p.lines()) {
                ps.setString(1, p.id());
                ps.setString(2, l.sku());
                ps.setInt(3, l.quantity());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Loads a promise; with {@code lock} the row is locked for the rest of the transaction. */
    static PromiseRow find(Connection c, String id, boolean lock) throws SQLException {
        List<PromiseRow> rows = select(c, "where id = ?" + (lock ? " for update" : ""), ps -> ps.setString(1, id));
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Of {@code ids}, those of promises with an outcome (KEPT or BROKEN), asked in chunks: an import may name 100,000 references. */
    static java.util.Set<String> withOutcome(Connection c, List<String> ids) throws SQLException {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement("select id from promise where status in ('KEPT', 'BROKEN') and id in (" + marks + ")")) {
                for (int i = 0; i < chunk.size(); i++) ps.setString(i + 1, chunk.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    static PromiseRow findHeldByDecision(Connection c, String decisionId) throws SQLException {
        List<PromiseRow> rows = select(c, "where decision_id = ? and status = 'HELD' for update", ps -> ps.setString(1, decisionId));
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** A promise of the decision that holds or held its capacity (held, open, at risk, kept or broken), or null. */
    static PromiseRow findActiveByDecision(Connection c, String decisionId) throws SQLException {
        List<PromiseRow> rows = select(c, "where decision_id = ? and status in ('HELD', 'OPEN', 'AT_RISK', 'KEPT', 'BROKEN')",
                ps -> ps.setString(1, decisionId));
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The promise a decision was committed as (open, at risk, kept or broken), or null. */
    static PromiseRow findCommittedByDecision(Connection c, String decisionId) throws SQLException {
        List<PromiseRow> rows = select(c, "where decision_id = ? and status in ('OPEN', 'AT_RISK', 'KEPT', 'BROKEN')", ps -> ps.setString(1, decisionId));
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** {@code rep} null: every rep's. */
    static List<PromiseRow> list(Connection c, PromiseStatus status, String rep, int limit, int offset) throws SQLException {
        List<String> conditions = new ArrayList<>(2);
        if (status != null) conditions.add("status = ?");
        if (rep != null) conditions.add("rep = ?");
        String where = (conditions.isEmpty() ? "" : "where " + String.join(" and ", conditions) + " ")
                + "order by created_at desc, id limit " + limit + " offset " + offset;
        return select(c, where, ps -> {
            int i = 1;
            if (status != null) ps.setString(i++, status.name());
            if (rep != null) ps.setString(i, rep);
        });
    }

    /** Open promises, least recently checked first (for the at-risk monitor). */
    static List<PromiseRow> openForCheck(Connection c, int limit) throws SQLException {
        return select(c, "where status in ('OPEN', 'AT_RISK') order by checked_at nulls first, id limit " + limit, ps -> { });
    }

    /**
     * Units of {@code sku} at the promise's site held by other promises that come before it: an
     * earlier dispatch day, or the same day and created earlier (id breaks ties).
     */
    static int unitsAhead(Connection c, PromiseRow p, String sku) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select coalesce(sum(l.quantity), 0) from promise_line l join promise p on p.id = l.promise_id "
                + "where p.site_code = ? and l.sku = ? and p.status in ('HELD', 'OPEN', 'AT_RISK') and p.id <> ? and ("
                + "p.dispatch_day < ? or (p.dispatch_day = ? and (p.created_at < ? or (p.created_at = ? and p.id < ?))))")) {
            Timestamp created = Timestamp.from(p.createdAt());
            java.sql.Date day = java.sql.Date.valueOf(p.dispatchDay());
            ps.setString(1, p.site());
            ps.setString(2, sku);
            ps.setString(3, p.id());
            ps.setDate(4, day);
            ps.setDate(5, day);
            ps.setTimestamp(6, created);
            ps.setTimestamp(7, created);
            ps.setString(8, p.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return (int) Math.min(Integer.MAX_VALUE, rs.getLong(1));
            }
        }
    }

    /**
     * Deliveries at the promise's site on its dispatch day committed before it (created earlier, id breaks ties), in
     * every status that still counts against the day (a delivered order used its day): they keep their place when the
     * day's capacity is lowered.
     */
    static int ordersAhead(Connection c, PromiseRow p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from promise p where p.site_code = ? and p.kind = 'DELIVERY' "
                + "and p.dispatch_day = ? and p.status in ('HELD', 'OPEN', 'AT_RISK', 'KEPT', 'BROKEN') and p.id <> ? "
                + "and (p.created_at < ? or (p.created_at = ? and p.id < ?))")) {
            Timestamp created = Timestamp.from(p.createdAt());
            ps.setString(1, p.site());
            ps.setDate(2, java.sql.Date.valueOf(p.dispatchDay()));
            ps.setString(3, p.id());
            ps.setTimestamp(4, created);
            ps.setTimestamp(5, created);
            ps.setString(6, p.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return (int) Math.min(Integer.MAX_VALUE, rs.getLong(1));
            }
        }
    }

    /** Bay bookings of the service's site and type overlapping [start, end) made for promises committed before it. */
    static List<com.promisevalidator.capacity.model.BayBooking> bookingsAhead(Connection c, PromiseRow p, Instant start, Instant end)
            throws SQLException {
        List<com.promisevalidator.capacity.model.BayBooking> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select b.starts_at, b.ends_at from bay_booking b left join promise q on q.id = b.ref "
                + "where b.site_code = ? and b.service_type = ? and b.starts_at < ? and b.ends_at > ? and (b.ref is null or b.ref <> ?) "
                + "and (q.id is null or q.created_at < ? or (q.created_at = ? and q.id < ?))")) {
            Timestamp created = Timestamp.from(p.createdAt());
            ps.setString(1, p.site());
            ps.setString(2, p.serviceType());
            ps.setTimestamp(3, Timestamp.from(end));
            ps.setTimestamp(4, Timestamp.from(start));
            ps.setString(5, p.id());
            ps.setTimestamp(6, created);
            ps.setTimestamp(7, created);
            ps.setString(8, p.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new com.promisevalidator.capacity.model.BayBooking(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()));
                }
            }
        }
        return out;
    }

    static List<PromiseRow> expiredHolds(Connection c, Instant now, int limit) throws SQLException {
        return select(c, "where status = 'HELD' and hold_expires_at < ? order by hold_expires_at limit " + limit,
                ps -> ps.setTimestamp(1, Timestamp.from(now)));
    }

    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private static List<PromiseRow> select(Connection c, String where, Binder binder) throws SQLException {
        List<PromiseRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from promise " + where)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(read(rs));
            }
        }
        if (out.isEmpty()) return out;
        Map<String, List<PromiseRow.Line>> lines = new HashMap<>();
        StringBuilder sql = new StringBuilder("select promise_id, sku, quantity from promise_line where promise_id in (");
        for (int i = 0; i < out.size(); i++) sql.append(i == 0 ? "?" : ",?");
        sql.append(") order by sku");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < out.size(); i++) ps.setString(i + 1, out.get(i).id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) lines.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new PromiseRow.Line(rs.getString(2), rs.getInt(3)));
            }
        }
        List<PromiseRow> withLines = new ArrayList<>(out.size());
        for (PromiseRow p : out) {
            withLines.add(new PromiseRow(p.id(), p.status(), p.kind(), p.decisionId(), p.quoteId(), p.rep(), p.customer(), p.site(),
                    p.region(), p.serviceType(), p.orderedAt(), p.releaseDay(), p.dispatchDay(), p.promisedBy(), p.startAt(),
                    p.promisedMinutes(), p.bookedMinutes(), p.target(), p.confidence(), p.currentConfidence(), p.riskReason(),
                    p.riskRecommended(), p.checkedAt(), p.holdExpiresAt(), p.completedAt(), p.actualMinutes(), p.request(),
                    p.createdAt(), p.updatedAt(), List.copyOf(lines.getOrDefault(p.id(), List.of()))));
        }
        return withLines;
    }

    private static PromiseRow read(ResultSet rs) throws SQLException {
        int i = 1;
        String id = rs.getString(i++);
        PromiseStatus status = PromiseStatus.valueOf(rs.getString(i++));
        String kind = rs.getString(i++);
        String decisionId = rs.getString(i++);
        String quoteId = rs.getString(i++);
        String rep = rs.getString(i++);
        String customer = rs.getString(i++);
        String site = rs.getString(i++);
        String region = rs.getString(i++);
        String type = rs.getString(i++);
        Instant orderedAt = time(rs, i++);
        LocalDate release = date(rs, i++);
        LocalDate dispatch = date(rs, i++);
        LocalDate promisedBy = date(rs, i++);
        Instant startAt = time(rs, i++);
        Double minutes = Minutes.get(rs, i++);
        Integer booked = integer(rs, i++);
        double target = rs.getDouble(i++);
        double confidence = rs.getDouble(i++);
        double cc = rs.getDouble(i++);
        Double current = rs.wasNull() ? null : cc;
        String riskReason = rs.getString(i++);
        String riskRec = rs.getString(i++);
        Instant checked = time(rs, i++);
        Instant holdExpires = time(rs, i++);
        Instant completed = time(rs, i++);
        Double actual = Minutes.get(rs, i++);
        String request = rs.getString(i++);
        Instant created = time(rs, i++);
        Instant updated = time(rs, i);
        return new PromiseRow(id, status, kind, decisionId, quoteId, rep, customer, site, region, type, orderedAt, release, dispatch,
                promisedBy, startAt, minutes, booked, target, confidence, current, riskReason, riskRec, checked, holdExpires, completed,
                actual, request, created, updated, List.of());
    }

    /** Moves a promise from one of {@code from} to {@code to}; false when its status was not one of them (lost a race). */
    static boolean transition(Connection c, String id, List<PromiseStatus> from, PromiseStatus to, Instant now) throws SQLException {
        StringBuilder in = new StringBuilder();
        for (PromiseStatus s : from) in.append(in.length() == 0 ? "'" : ",'").append(s.name()).append('\'');
        try (PreparedStatement ps = c.prepareStatement("update promise set status = ?, updated_at = ? where id = ? and status in (" + in + ")")) {
            ps.setString(1, to.name());
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setString(3, id);
            return ps.executeUpdate() == 1;
        }
    }

    static void recordOutcome(Connection c, String id, PromiseStatus status, Instant completedAt, Double actualMinutes, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update promise set status = ?, completed_at = ?, actual_minutes = ?, updated_at = ? where id = ?")) {
            ps.setString(1, status.name());
            setTime(ps, 2, completedAt);
            Minutes.set(ps, 3, actualMinutes);
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setString(5, id);
            ps.executeUpdate();
        }
    }

    static void commitHold(Connection c, String id, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update promise set status = 'OPEN', hold_expires_at = null, updated_at = ? where id = ? and status = 'HELD'")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, id);
            ps.executeUpdate();
        }
    }

    /** The promise's status, its row locked for the rest of the transaction; null when there is no such promise. */
    static PromiseStatus lockStatus(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select status from promise where id = ? for update")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? PromiseStatus.valueOf(rs.getString(1)) : null;
            }
        }
    }

    /** Records a re-check of an open promise; false when it is no longer open (closed meanwhile). */
    static boolean recordCheck(Connection c, String id, PromiseStatus status, double confidence, String reason, String recommended,
                               Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update promise set status = ?, current_confidence = ?, risk_reason = ?, "
                + "risk_recommended = ?, checked_at = ?, updated_at = ? where id = ? and status in ('OPEN', 'AT_RISK')")) {
            ps.setString(1, status.name());
            ps.setDouble(2, confidence);
            ps.setString(3, reason);
            ps.setString(4, recommended);
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setTimestamp(6, Timestamp.from(now));
            ps.setString(7, id);
            return ps.executeUpdate() == 1;
        }
    }

    private static void setDate(PreparedStatement ps, int i, LocalDate d) throws SQLException {
        if (d == null) ps.setNull(i, Types.DATE);
        else ps.setDate(i, Date.valueOf(d));
    }

    private static void setTime(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        else ps.setTimestamp(i, Timestamp.from(t));
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) ps.setNull(i, Types.INTEGER);
        else ps.setInt(i, v);
    }

    private static Instant time(ResultSet rs, int i) throws SQLException {
        Timestamp t = rs.getTimestamp(i);
        return t == null ? null : t.toInstant();
    }

    private static LocalDate date(ResultSet rs, int i) throws SQLException {
        Date d = rs.getDate(i);
        return d == null ? null : d.toLocalDate();
    }

    private static Integer integer(ResultSet rs, int i) throws SQLException {
        int v = rs.getInt(i);
        return rs.wasNull() ? null : v;
    }
}
