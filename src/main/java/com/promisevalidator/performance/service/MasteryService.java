package com.promisevalidator.performance.service;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import com.promisevalidator.common.ProblemException;
import com.promisevalidator.db.Database;
import com.promisevalidator.performance.model.Mastery;

/**
 * Kept rates and the delivery mastery score per rep, site, lane or service type, from the history
 * (imported rows and recorded outcomes carry a kept flag and how much they missed by). Also keeps
 * each rep's running record in memory for the validation evidence.
 */
@Singleton
public class MasteryService {

    /** Normalised lateness of a broken promise: a week late (or an hour over) counts fully. */
    static final String LATENESS = "case when kept then 0 when kind = 'DELIVERY' then least(1.0, late_by / 7.0) "
            + "else least(1.0, late_by / 60.0) end";

    /**
     * Rows flagged as outliers and not yet confirmed are held out of the averages of how late or over: one wild row (a
     * typo of 200 days) would otherwise move them by days. They still count in n and the kept rate, and the score's
     * lateness is capped per row, so they weigh as one broken promise there.
     */
    static final String TRUSTED = "(outlier is null or confirmed_at is not null)";

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "PerformanceGroup", requiredProperties = {"key", "dimensions", "mastery", "note"})
    public record Group(
            @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "The group's dimensions joined by →, e.g. SP→RJ") String key,
            @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "rep; site; site and region (lane); or site and serviceType") Map<String, String> dimensions,
            Mastery mastery,
            @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Mean days late of the late deliveries (null: none)", nullable = true) Double averageDaysLate,
            @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Mean minutes over of the overrun services (null: none)", nullable = true) Double averageMinutesOver,
            @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "The record in words (a small sample is said to be one)") String note) {
    }

    private final Database db;
    private final Map<String, double[]> reps = new ConcurrentHashMap<>(); // rep -> {n, kept, latenessSum}

    public MasteryService(Database db) {
        this.db = db;
    }

    /** The groups of {@code by}; {@code onlyRep} non-null (a rep key): by rep, only that rep's own group. */
    public List<Group> by(String by, LocalDate from, LocalDate to, String onlyRep) {
        String key;
        String kind = "";
        switch (by == null ? "" : by) {
            case "rep" -> key = "rep";
            case "site" -> key = "site_code";
            case "lane" -> {
                key = "site_code, region_code";
                kind = " and kind = 'DELIVERY'";
            }
            case "serviceType" -> {
                key = "site_code, service_type";
                kind = " and kind = 'SERVICE'";
            }
            default -> throw ProblemException.badRequest("by", "'" + by + "' must be one of rep, site, lane, serviceType");
        }
        String sql = "select " + key + ", count(*), sum(case when kept then 1 else 0 end), sum(" + LATENESS + "), "
                + "sum(case when not kept and kind = 'DELIVERY' and " + TRUSTED + " then late_by else 0 end), "
                + "sum(case when not kept and kind = 'DELIVERY' and " + TRUSTED + " then 1 else 0 end), "
                + "sum(case when not kept and kind = 'SERVICE' and " + TRUSTED + " then late_by else 0 end), "
                + "sum(case when not kept and kind = 'SERVICE' and " + TRUSTED + " then 1 else 0 end) "
                + "from history where kept is not null" + kind + ("rep".equals(by) ? " and rep is not null" : "")
                + ("rep".equals(by) && onlyRep != null ? " and rep = ?" : "")
                + (from != null ? " and ordered_at >= ?" : "") + (to != null ? " and ordered_at < ?" : "")
                + " group by " + key + " order by " + key;
        int keys = key.split(",").length;
        return db.query(c -> {
            List<Group> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                if ("rep".equals(by) && onlyRep != null) ps.setString(i++, onlyRep);
                if (from != null) ps.setDate(i++, Date.valueOf(from));
                if (to != null) ps.setDate(i, Date.valueOf(to.plusDays(1)));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, String> dims = new LinkedHashMap<>();
                        String[] names = switch (by) {
                            case "lane" -> new String[]{"site", "region"};
                            case "serviceType" -> new String[]{"site", "serviceType"};
                            case "site" -> new String[]{"site"};
                            default -> new String[]{"rep"};
                        };
                        for (int k = 0; k < keys; k++) dims.put(names[k], rs.getString(k + 1));
                        long n = rs.getLong(keys + 1);
                        long kept = rs.getLong(keys + 2);
                        Mastery m = Mastery.of(n, kept, rs.getDouble(keys + 3));
                        long lateDeliveries = rs.getLong(keys + 5);
                        long overServices = rs.getLong(keys + 7);
                        Double daysLate = lateDeliveries == 0 ? null : round1(rs.getDouble(keys + 4) / lateDeliveries);
                        Double minutesOver = overServices == 0 ? null : round1(rs.getDouble(keys + 6) / overServices);
                        out.add(new Group(String.join("→", dims.values()), dims, m, daysLate, minutesOver, note(m)));
                    }
                }
            }
            return out;
        });
    }

    static String note(Mastery m) {
        return m.smallSample()
                ? "Only " + m.n() + " promise" + (m.n() == 1 ? "" : "s") + " on record: read the score as a hint, not a verdict."
                : m.kept() + " of " + m.n() + " promises kept.";
    }

    // ---- per-rep running record, for validation evidence --------------------------------------

    public void loadReps() {
        Map<String, double[]> loaded = new ConcurrentHashMap<>();
        db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("select rep, n, kept, lateness from rep_record");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) loaded.put(rs.getString(1), new double[]{rs.getLong(2), rs.getLong(3), rs.getDouble(4)});
            }
            return null;
        });
        reps.putAll(loaded); // then drop the gone: a reader never sees an empty table
        reps.keySet().retainAll(loaded.keySet());
    }

    /** Adds finished promises to the reps' stored records, inside the transaction that stores them as history. */
    public void persist(java.sql.Connection c, Map<String, double[]> byRep) throws java.sql.SQLException {
        if (byRep.isEmpty()) return;
        String sql = com.promisevalidator.db.Upserts.addTo(db.kind(), "rep_record", new String[]{"rep"}, new String[]{"varchar(128)"},
                new String[]{"n", "kept", "lateness"}, new String[]{"bigint", "bigint", "double precision"});
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Map.Entry<String, double[]> e : new java.util.TreeMap<>(byRep).entrySet()) { // sorted: a fixed lock order
                ps.setString(1, e.getKey());
                ps.setLong(2, (long) e.getValue()[0]);
                ps.setLong(3, (long) e.getValue()[1]);
                ps.setDouble(4, e.getValue()[2]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** After the transaction that persisted them committed: the same {finished, kept, lateness} per rep count in memory. */
    public void apply(Map<String, double[]> byRep) {
        byRep.forEach((rep, add) -> reps.compute(rep, (k, v) -> {
            double[] r = v == null ? new double[3] : v.clone();
            for (int i = 0; i < 3; i++) r[i] += add[i];
            return r;
        }));
    }

    /** The rep's record so far (n = 0 when none). */
    public Mastery rep(String rep) {
        double[] r = rep == null ? null : reps.get(rep);
        return r == null ? Mastery.of(0, 0, 0) : Mastery.of((long) r[0], (long) r[1], r[2]);
    }

    static Double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** Normalised lateness of one broken promise, as in {@link #LATENESS}. */
    public static double lateness(boolean delivery, double lateBy) {
        return Math.min(1.0, lateBy / (delivery ? 7.0 : 60.0));
    }
}
