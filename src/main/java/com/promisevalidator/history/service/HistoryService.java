package com.promisevalidator.history.service;

import java.io.Reader;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.promisevalidator.capacity.model.Site;
import com.promisevalidator.capacity.model.SiteCalendar;
import com.promisevalidator.capacity.service.CapacityService;
import com.promisevalidator.db.ChangeLog;
import com.promisevalidator.db.Database;
import com.promisevalidator.history.model.HistoryRow;
import com.promisevalidator.history.model.ImportResult;
import com.promisevalidator.performance.model.Observation;
import com.promisevalidator.performance.service.MasteryService;
import com.promisevalidator.performance.service.PerformanceStats;

/**
 * History import: all-or-nothing per request, idempotent by reference, statistics updated in the
 * same transaction so the stored history and the stored statistics never disagree.
 */
@Singleton
public class HistoryService {

    private static final Logger LOG = Logger.getLogger(HistoryService.class);
    private static final int CHUNK = 500;

    private final Database db;
    private final CapacityService capacity;
    private final PerformanceStats stats;
    private final MasteryService mastery;
    private final ReentrantLock importLock = new ReentrantLock(); // one import at a time per instance

    private final ChangeLog changes;

    public HistoryService(Database db, CapacityService capacity, PerformanceStats stats, MasteryService mastery, ChangeLog changes) {
        this.changes = changes;
        this.db = db;
        this.capacity = capacity;
        this.stats = stats;
        this.mastery = mastery;
    }

    public ImportResult importCsv(Reader csv) {
        return importRows(HistoryCsv.parse(csv));
    }

    public ImportResult importRows(List<HistoryRow> rows) {
        importLock.lock();
        try {
            Set<String> sitesCreated = new LinkedHashSet<>();
            Set<String> regionsCreated = new LinkedHashSet<>();
            List<Observation> observations = new ArrayList<>();
            int[] counts = new int[2]; // new rows, outcomes added to rows imported while open
            Map<String, double[]> repRecords = new HashMap<>();
            Instant now = capacity.now();
            // sites and regions another instance created are fetched first, so their calendars apply here too
            rows.stream().map(HistoryRow::site).distinct().forEach(capacity::findSite);
            rows.stream().map(HistoryRow::region).filter(java.util.Objects::nonNull).distinct().forEach(capacity::findRegion);
            db.inTransaction(c -> {
                for (HistoryRow r : rows) {
                    if (capacity.site(r.site()) == null && !sitesCreated.contains(r.site())
                            && capacity.ensureSite(c, r.site(), r.orderedAt().getOffset())) {
                        sitesCreated.add(r.site());
                    }
                    if (r.region() != null && !capacity.regionExists(r.region()) && !regionsCreated.contains(r.region())
                            && capacity.ensureRegion(c, r.region())) {
                        regionsCreated.add(r.region());
                    }
                }
                Map<String, Boolean> existing = existingReferences(c, rows);
                List<HistoryRow> fresh = rows.stream().filter(r -> !existing.containsKey(r.reference())).toList();
                // an order imported while still open, now imported again with its outcome
                List<HistoryRow> finished = rows.stream()
                        .filter(r -> Boolean.FALSE.equals(existing.get(r.reference())) && r.hasOutcome()).toList();
                Map<String, ZoneId> zones = zones(rows);
                insert(c, fresh, now, zones);
                recordOutcomes(c, finished, zones);
                List<HistoryRow> judged = new ArrayList<>(fresh);
                judged.addAll(finished);
                repRecords.putAll(byRep(judged, zones));
                mastery.persist(c, repRecords);
                Map<String, SiteCalendar> calendars = new HashMap<>();
                for (HistoryRow r : fresh) observations.addAll(observe(r, calendars, false));
                for (HistoryRow r : finished) observations.addAll(observe(r, calendars, true));
                stats.persist(c, observations);
                changes.record(c, ChangeLog.Kind.STATS);
                if (!sitesCreated.isEmpty() || !regionsCreated.isEmpty()) changes.record(c, ChangeLog.Kind.CAPACITY);
                counts[0] = fresh.size();
                counts[1] = finished.size();
                return null;
            });
            capacity.refreshSitesAndRegions(sitesCreated, regionsCreated);
            stats.apply(observations);
            mastery.apply(repRecords);
            LOG.infof("history import: %d rows, %d new, %d outcomes added", rows.size(), counts[0], counts[1]);
            return new ImportResult(rows.size(), counts[0], counts[1], rows.size() - counts[0] - counts[1],
                    List.copyOf(sitesCreated), List.copyOf(regionsCreated));
        } finally {
            importLock.unlock();
        }
    }

    /**
     * What the statistics learn from a row: its outcome, or (delivery without outcome) one more open
     * order. {@code closesOpen}: the row was stored open before, so it also leaves the open orders.
     */
    List<Observation> observe(HistoryRow r, Map<String, SiteCalendar> calendars, boolean closesOpen) {
        if (r.kind() == HistoryRow.Kind.SERVICE) {
            return r.actualMinutes() == null ? List.of() : List.of(Observation.outcome(Observation.Kind.SERVICE, r.site(),
                    r.serviceType(), r.actualMinutes(), r.orderedAt().toLocalDate()));
        }
        SiteCalendar cal = calendars.computeIfAbsent(r.site(), s -> calendarFor(s, r.orderedAt().getOffset()));
        LocalDate release = cal.releaseDay(r.orderedAt().toInstant());
        if (r.completedAt() == null) return List.of(Observation.open(r.site(), r.region(), release));
        LocalDate delivered = r.completedAt().atZoneSameInstant(cal.site().timeZone()).toLocalDate();
        int lead = (int) Math.max(0, ChronoUnit.DAYS.between(release, delivered));
        Observation outcome = Observation.outcome(Observation.Kind.DELIVERY, r.site(), r.region(), lead, delivered);
        return closesOpen ? List.of(Observation.closed(r.site(), r.region(), release), outcome) : List.of(outcome);
    }

    private SiteCalendar calendarFor(String code, ZoneId fallbackZone) {
        Site s = capacity.site(code);
        if (s == null) {
            // created in this very import: same defaults as the row inserted for it
            s = new Site(code, code, fallbackZone, null, java.util.EnumSet.allOf(java.time.DayOfWeek.class), Set.of(), null, false);
        }
        return new SiteCalendar(s);
    }

    /** reference -> whether the stored row already has its outcome. */
    private static Map<String, Boolean> existingReferences(Connection c, List<HistoryRow> rows) throws SQLException {
        Map<String, Boolean> existing = new HashMap<>();
        for (int from = 0; from < rows.size(); from += CHUNK) {
            List<HistoryRow> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
            StringBuilder sql = new StringBuilder("select reference, completed_at, actual_minutes from history where reference in (");
            for (int i = 0; i < chunk.size(); i++) sql.append(i == 0 ? "?" : ",?");
            sql.append(')');
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < chunk.size(); i++) ps.setString(i + 1, chunk.get(i).reference());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String ref = rs.getString(1);
                        boolean done = rs.getObject(2) != null;
                        rs.getInt(3);
                        existing.put(ref, done || !rs.wasNull());
                    }
                }
            }
        }
        return existing;
    }

    /**
     * Stores rows inside the caller's transaction (a promise's outcome becoming history), with their
     * kept/late verdicts and their reps' records. Returns those per-rep additions, for the caller to
     * {@link MasteryService#apply} once the transaction committed; it feeds the statistics itself.
     */
    public Map<String, double[]> insertInTransaction(Connection c, List<HistoryRow> rows) throws SQLException {
        Map<String, ZoneId> zones = zones(rows);
        insert(c, rows, capacity.now(), zones);
        Map<String, double[]> repRecords = byRep(rows, zones);
        mastery.persist(c, repRecords);
        return repRecords;
    }

    /** Per rep: {finished, kept, lateness} of the rows, for the stored records. */
    private Map<String, double[]> byRep(List<HistoryRow> rows, Map<String, ZoneId> zones) {
        Map<String, double[]> out = new HashMap<>();
        for (HistoryRow r : rows) {
            Verdict v = r.rep() == null ? null : verdict(r, zones);
            if (v == null) continue;
            double[] a = out.computeIfAbsent(r.rep(), k -> new double[3]);
            a[0]++;
            if (v.kept()) a[1]++;
            else a[2] += MasteryService.lateness(r.kind() == HistoryRow.Kind.DELIVERY, v.lateBy());
        }
        return out;
    }

    /** Kept or not, and by how much it missed; null when the row has no outcome or no promise. */
    record Verdict(boolean kept, int lateBy) {
    }

    static Verdict verdict(HistoryRow r, Map<String, ZoneId> zones) {
        if (r.kind() == HistoryRow.Kind.SERVICE) {
            if (r.actualMinutes() == null || r.promisedMinutes() == null) return null;
            int over = r.actualMinutes() - r.promisedMinutes();
            return new Verdict(over <= 0, Math.max(0, over));
        }
        if (r.completedAt() == null || r.promisedBy() == null) return null;
        ZoneId zone = zones.getOrDefault(r.site(), r.orderedAt().getOffset());
        long late = ChronoUnit.DAYS.between(r.promisedBy(), r.completedAt().atZoneSameInstant(zone).toLocalDate());
        return new Verdict(late <= 0, (int) Math.max(0, late));
    }

    private static void setVerdict(PreparedStatement ps, int i, Verdict v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BOOLEAN);
            ps.setNull(i + 1, Types.INTEGER);
        } else {
            ps.setBoolean(i, v.kept());
            ps.setInt(i + 1, v.lateBy());
        }
    }

    private Map<String, ZoneId> zones(List<HistoryRow> rows) {
        Map<String, ZoneId> zones = new HashMap<>();
        for (HistoryRow r : rows) {
            var s = capacity.site(r.site());
            zones.putIfAbsent(r.site(), s != null ? s.timeZone() : r.orderedAt().getOffset());
        }
        return zones;
    }

    private static void insert(Connection c, List<HistoryRow> rows, Instant now, Map<String, ZoneId> zones) throws SQLException {
        String sql = "insert into history (reference, kind, site_code, region_code, service_type, rep, ordered_at, promised_by, "
                + "completed_at, promised_minutes, actual_minutes, quantity, imported_at, kept, late_by) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        Timestamp imported = Timestamp.from(now);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int batched = 0;
            for (HistoryRow r : rows) {
                ps.setString(1, r.reference());
                ps.setString(2, r.kind().name());
                ps.setString(3, r.site());
                ps.setString(4, r.region());
                ps.setString(5, r.serviceType());
                ps.setString(6, r.rep());
                ps.setObject(7, r.orderedAt());
                if (r.promisedBy() == null) ps.setNull(8, Types.DATE);
                else ps.setDate(8, Date.valueOf(r.promisedBy()));
                if (r.completedAt() == null) ps.setNull(9, Types.TIMESTAMP_WITH_TIMEZONE);
                else ps.setObject(9, r.completedAt());
                setInt(ps, 10, r.promisedMinutes());
                setInt(ps, 11, r.actualMinutes());
                setInt(ps, 12, r.quantity());
                ps.setTimestamp(13, imported);
                setVerdict(ps, 14, verdict(r, zones));
                ps.addBatch();
                if (++batched % 1000 == 0) ps.executeBatch();
            }
            ps.executeBatch();
        }
    }

    private static void recordOutcomes(Connection c, List<HistoryRow> rows, Map<String, ZoneId> zones) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update history set completed_at = ?, actual_minutes = ?, kept = ?, late_by = ? "
                + "where reference = ? and completed_at is null and actual_minutes is null")) {
            for (HistoryRow r : rows) {
                if (r.completedAt() == null) ps.setNull(1, Types.TIMESTAMP_WITH_TIMEZONE);
                else ps.setObject(1, r.completedAt());
                setInt(ps, 2, r.actualMinutes());
                setVerdict(ps, 3, verdict(r, zones));
                ps.setString(5, r.reference());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) ps.setNull(i, Types.INTEGER);
        else ps.setInt(i, v);
    }

    /**
     * Rebuilds the statistics from the raw history (the source of truth), e.g. after the decay
     * settings changed. Streams the table; memory holds observations, not rows.
     */
    public int rebuildStatistics() {
        importLock.lock();
        try {
            List<Observation> observations = new ArrayList<>();
            Map<String, SiteCalendar> calendars = new HashMap<>();
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("select kind, site_code, region_code, service_type, ordered_at, "
                        + "completed_at, actual_minutes from history where completed_at is not null or actual_minutes is not null")) {
                    ps.setFetchSize(5000);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            int minutes = rs.getInt(7);
                            Integer actual = rs.wasNull() ? null : minutes;
                            HistoryRow r = new HistoryRow(HistoryRow.Kind.valueOf(rs.getString(1)), null, rs.getString(2),
                                    rs.getString(3), rs.getString(4), null, rs.getObject(5, java.time.OffsetDateTime.class), null,
                                    rs.getObject(6, java.time.OffsetDateTime.class), null, actual, null);
                            observations.addAll(observe(r, calendars, false));
                        }
                    }
                }
                stats.replaceAll(c, observations);
                changes.record(c, ChangeLog.Kind.STATS);
                return null;
            });
            stats.load();
            return observations.size();
        } finally {
            importLock.unlock();
        }
    }
}
