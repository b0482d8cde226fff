package com.promisevalidator.performance.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.promisevalidator.common.PromiseConfig;
import com.promisevalidator.db.Database;
import com.promisevalidator.db.DbKind;
import com.promisevalidator.performance.model.Distribution;
import com.promisevalidator.performance.model.Histogram;
import com.promisevalidator.performance.model.Observation;

/**
 * Past performance, kept incrementally: exact histograms per lane, destination region, site and
 * overall (deliveries), per service type at a site and overall (services). Stored in perf_hist in
 * the same transaction as the history rows they come from, held in memory for validation, which
 * therefore never scans raw history.
 *
 * <p>Time decay is forward decay: an outcome known on day t weighs 2^((t - 2020-01-01) / halfLife).
 * Only ratios of weights matter for a distribution, so the weights never need rescaling and can be
 * summed in the database; recent outcomes count more, by a factor of two per half-life.
 *
 * <p>A thin key borrows strength from the next level up: its distribution is mixed with the parent's
 * as if the parent were {@code priorWeight} extra outcomes. Chain for a lane: lane, destination
 * region, site, everything, then the planning value.
 */
@ApplicationScoped
public class PerformanceStats {

    private static final Logger LOG = Logger.getLogger(PerformanceStats.class);
    static final LocalDate LANDMARK = LocalDate.of(2020, 1, 1);

    public static final String LANE = "LANE", REGION = "REGION", SITE = "SITE", ALL = "ALL";
    public static final String SERVICE = "SERVICE", SERVICE_TYPE = "SERVICE_TYPE";

    private final Database db;
    private final PromiseConfig.Stats config;
    private final Map<String, Histogram> histograms = new ConcurrentHashMap<>();
    private final Map<String, Distribution> cache = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();

    public PerformanceStats(Database db, PromiseConfig config) {
        this.db = db;
        this.config = config.stats();
    }

    /** Changes whenever the statistics change; lets callers cache derived answers. */
    public long version() {
        return version.get();
    }

    public double weight(LocalDate knownOn) {
        if (config.halfLifeDays() <= 0) return 1.0;
        double exp = (knownOn.toEpochDay() - LANDMARK.toEpochDay()) / (double) config.halfLifeDays();
        return Math.pow(2.0, Math.max(-1000, Math.min(1000, exp)));
    }

    // ---- reads --------------------------------------------------------------------------------

    /** Lead time in days from the release day, for an order from {@code site} to {@code region}. */
    public Distribution leadTime(String site, String region, int planningDays, String planningSource) {
        String cacheKey = "L\u0000" + site + "\u0000" + region + "\u0000" + planningDays;
        Distribution d = cache.get(cacheKey);
        if (d == null) {
            d = mix(List.of(
                    new Level(ALL, "*", "all deliveries"),
                    new Level(SITE, site, "deliveries from " + site),
                    new Level(REGION, region, "deliveries to " + region),
                    new Level(LANE, site + ">" + region, site + "→" + region + " deliveries")),
                    planningDays, planningSource);
            cache.put(cacheKey, d);
        }
        return d;
    }

    /** Duration in minutes of a service type at a site. */
    public Distribution serviceMinutes(String site, String type, int standardMinutes) {
        String cacheKey = "S\u0000" + site + "\u0000" + type + "\u0000" + standardMinutes;
        Distribution d = cache.get(cacheKey);
        if (d == null) {
            d = mix(List.of(
                    new Level(SERVICE_TYPE, type, type + " at all sites"),
                    new Level(SERVICE, site + ">" + type, type + " at " + site)),
                    standardMinutes, "the standard " + standardMinutes + " minutes");
            cache.put(cacheKey, d);
        }
        return d;
    }

    /** Raw histogram of one key (for evidence and tests); empty when there is none. */
    public Histogram histogram(String scope, String key) {
        Histogram h = histograms.get(scope + "\u0000" + key);
        return h == null ? new Histogram() : h;
    }

    private record Level(String scope, String key, String words) {
    }

    private Distribution mix(List<Level> generalToSpecific, int planningValue, String planningSource) {
        Distribution planning = Distribution.planning(planningValue, config.planningConfidence(), planningSource);
        int length = planningValue + 2;
        List<Histogram> found = new ArrayList<>();
        for (Level l : generalToSpecific) {
            Histogram h = histograms.get(l.scope() + "\u0000" + l.key());
            found.add(h);
            if (h != null) length = Math.max(length, h.maxValue() + 2);
        }
        double[] acc = new double[length];
        for (int v = 0; v < length; v++) acc[v] = planning.cdf(v);
        boolean any = false;
        long n = 0;
        double nEff = 0;
        String source = planningSource;
        double k = config.priorWeight();
        for (int i = 0; i < generalToSpecific.size(); i++) {
            Histogram h = found.get(i);
            if (h == null || h.isEmpty()) continue;
            double w = h.effectiveN();
            double[] c = h.cdf(length);
            for (int v = 0; v < length; v++) acc[v] = (w * c[v] + k * acc[v]) / (w + k);
            any = true;
            n = h.n();
            nEff = w;
            source = generalToSpecific.get(i).words();
        }
        return any ? new Distribution(acc, n, nEff, source, true) : planning;
    }

    // ---- writes -------------------------------------------------------------------------------

    /** Adds observations to perf_hist inside the caller's transaction (the one that stores the history). */
    public void persist(Connection c, List<Observation> observations) throws SQLException {
        TreeMap<String, double[]> rows = aggregate(observations); // sorted: a fixed lock order, no deadlocks
        if (rows.isEmpty()) return;
        String sql = db.kind() == DbKind.POSTGRESQL
                ? "insert into perf_hist (scope, skey, val, n, weight, weight2) values (?, ?, ?, ?, ?, ?) "
                  + "on conflict (scope, skey, val) do update set n = perf_hist.n + excluded.n, "
                  + "weight = perf_hist.weight + excluded.weight, weight2 = perf_hist.weight2 + excluded.weight2"
                : "merge into perf_hist t using (values (cast(? as varchar(16)), cast(? as varchar(200)), cast(? as integer), "
                  + "cast(? as bigint), cast(? as double precision), cast(? as double precision))) s(scope, skey, val, n, w, w2) "
                  + "on t.scope = s.scope and t.skey = s.skey and t.val = s.val "
                  + "when matched then update set n = t.n + s.n, weight = t.weight + s.w, weight2 = t.weight2 + s.w2 "
                  + "when not matched then insert (scope, skey, val, n, weight, weight2) values (s.scope, s.skey, s.val, s.n, s.w, s.w2)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Map.Entry<String, double[]> e : rows.entrySet()) {
                String[] parts = e.getKey().split("\u0000");
                ps.setString(1, parts[0]);
                ps.setString(2, parts[1]);
                ps.setInt(3, Integer.parseInt(parts[2]));
                ps.setLong(4, (long) e.getValue()[0]);
                ps.setDouble(5, e.getValue()[1]);
                ps.setDouble(6, e.getValue()[2]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** After the transaction that persisted them committed: the observations count from now on. */
    public void apply(List<Observation> observations) {
        if (observations.isEmpty()) return;
        TreeMap<String, double[]> rows = aggregate(observations);
        synchronized (this) {
            Map<String, Histogram> changed = new java.util.HashMap<>();
            for (Map.Entry<String, double[]> e : rows.entrySet()) {
                String key = e.getKey();
                int cut = key.lastIndexOf('\u0000');
                String histKey = key.substring(0, cut);
                int value = Integer.parseInt(key.substring(cut + 1));
                Histogram h = changed.computeIfAbsent(histKey, k -> {
                    Histogram old = histograms.get(k);
                    return old == null ? new Histogram() : old.copy();
                });
                h.add(value, (long) e.getValue()[0], e.getValue()[1], e.getValue()[2]);
            }
            histograms.putAll(changed); // copy-on-write: readers see a key before or after, never half
            cache.clear();
            version.incrementAndGet();
        }
    }

    private TreeMap<String, double[]> aggregate(List<Observation> observations) {
        TreeMap<String, double[]> rows = new TreeMap<>();
        for (Observation o : observations) {
            double w = weight(o.knownOn());
            int v = Math.max(0, o.value());
            if (o.kind() == Observation.Kind.DELIVERY) {
                bump(rows, LANE, o.site() + ">" + o.regionOrType(), v, w);
                bump(rows, REGION, o.regionOrType(), v, w);
                bump(rows, SITE, o.site(), v, w);
                bump(rows, ALL, "*", v, w);
            } else {
                bump(rows, SERVICE, o.site() + ">" + o.regionOrType(), v, w);
                bump(rows, SERVICE_TYPE, o.regionOrType(), v, w);
            }
        }
        return rows;
    }

    private static void bump(Map<String, double[]> rows, String scope, String key, int value, double w) {
        double[] r = rows.computeIfAbsent(scope + "\u0000" + key + "\u0000" + value, k -> new double[3]);
        r[0] += 1;
        r[1] += w;
        r[2] += w * w;
    }

    /** Loads the stored histograms; at start-up and when another instance changed them. */
    public synchronized void load() {
        Map<String, Histogram> loaded = new java.util.HashMap<>();
        db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("select scope, skey, val, n, weight, weight2 from perf_hist");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    loaded.computeIfAbsent(rs.getString(1) + "\u0000" + rs.getString(2), k -> new Histogram())
                            .add(rs.getInt(3), rs.getLong(4), rs.getDouble(5), rs.getDouble(6));
                }
            }
            return null;
        });
        histograms.clear();
        histograms.putAll(loaded);
        cache.clear();
        version.incrementAndGet();
        LOG.debugf("loaded %d performance histograms", loaded.size());
    }

    /** The settings the stored weights depend on, to detect when a rebuild from history is due. */
    public String settingsFingerprint() {
        return "halfLifeDays=" + config.halfLifeDays();
    }

    /** Replaces all stored statistics with the given observations (a rebuild from raw history). */
    public void replaceAll(Connection c, List<Observation> observations) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from perf_hist")) {
            ps.executeUpdate();
        }
        persist(c, observations);
        try (PreparedStatement ps = c.prepareStatement("delete from stats_meta where name = 'settings'")) {
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into stats_meta (name, setting) values ('settings', ?)")) {
            ps.setString(1, settingsFingerprint());
            ps.executeUpdate();
        }
    }

    public String storedFingerprint() {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("select setting from stats_meta where name = 'settings'");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }
}
