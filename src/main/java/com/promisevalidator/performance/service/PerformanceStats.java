package com.promisevalidator.performance.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import com.promisevalidator.common.PromiseConfig;
import com.promisevalidator.db.Database;
import com.promisevalidator.performance.estimate.Hierarchy;
import com.promisevalidator.performance.estimate.OutlierLimit;
import com.promisevalidator.performance.estimate.Recalibration;
import com.promisevalidator.performance.estimate.SiteEffect;
import com.promisevalidator.performance.estimate.StandardTimes;
import com.promisevalidator.performance.estimate.TimeOfWeek;
import com.promisevalidator.performance.model.ArrivalDays;
import com.promisevalidator.performance.model.Blend;
import com.promisevalidator.performance.model.Distribution;
import com.promisevalidator.performance.model.Histogram;
import com.promisevalidator.performance.model.Observation;
import com.promisevalidator.performance.model.ServiceJudging;
import com.promisevalidator.performance.model.SourceWords;
import com.promisevalidator.performance.model.Standards;

/**
 * Past performance, kept incrementally and never recomputed from raw history on the request path.
 *
 * <p>Per key (lane, destination region, site, everything; service type at a site, service type) it
 * holds an exact histogram of finished work and, for deliveries, the orders still open: by release day (aged
 * live: commitments) or by their age at an export's time (perf_censored). All are stored in the transaction that stores the history they come
 * from, and held in memory for validation. Lead-time distributions are Kaplan-Meier estimates: open
 * orders count as "at least this late", so a lane that slows down is noticed while its late
 * deliveries are still on the road.
 *
 * <p>Time decay is forward decay: a finished order weighs 2^((day it became known - 2020-01-01) /
 * halfLife), an open one the weight of its export's day or, aged live, of the latest day the statistics know of; an
 * order open longer than the planning horizon is lost ({@link Blend#lostAfter()}). Only ratios of weights
 * matter, so nothing ever needs rescaling and weights can be summed in the database.
 *
 * <p>Drift-adaptive recency ({@code stats.drift-half-life-days} above 0 and shorter than the half-life): the same work is
 * also kept weighed <em>by cohort</em>, every order, finished or open, with the weight of its start day (a delivery's
 * completion day less its lead days; an open order's export day less its age, or its release day when aged live),
 * once with the half-life (scopes ending in {@link #COHORT}) and once with the short one ({@link #SHORT}). One weight
 * per order whatever its outcome keeps Kaplan-Meier unbiased when every open order is seen (weighing a finished order
 * by the day it became known favours the slow ones, an open one by its export's day gives the censored orders more
 * say than the finished ones of the same days; both lengthen the estimate), but recent cohorts look fast when their
 * open orders are not seen. So the cohort weights answer only when the exports carry open orders (the most general
 * level has export-dated open work); then, when its short memory is significantly slower than its long memory
 * ({@link Hierarchy#drifting}), every level answers from its short memory. Otherwise the answer is the one above.
 *
 * <p>A thin key borrows strength from the next level up: its distribution is mixed with the parent's
 * as if the parent were {@code priorWeight} extra orders. Chain for a lane: lane, destination region,
 * site, everything, then the planning value. The site level is the site's lanes, each counting once
 * ({@link #pooledSite}): what a thin or new lane from the site may be, not what its busiest lanes' orders are.
 *
 * <p>This class holds the statistics in memory and answers from them; the arithmetic is in
 * {@link Hierarchy} and {@link OutlierLimit} (pure), the SQL in {@link PerformanceRepository}, worked-out estimates in
 * {@link EstimateCache}.
 *
 * <p>The mixing settings ({@link Blend}: prior weight, planning confidence, minimum evidence) come with each
 * read, from the active rule set's parameters. The half-life is different: it is baked into the stored
 * weights, so the statistics carry the half-life they were built with ({@link #halfLifeDays()}, adopted from
 * the database on every load) and a different one takes a rebuild from the raw history.
 */
@Singleton
public class PerformanceStats {

    static final LocalDate LANDMARK = LocalDate.of(2020, 1, 1);

    public static final String LANE = "LANE", REGION = "REGION", SITE = "SITE", ALL = "ALL";
    public static final String SERVICE = "SERVICE", SERVICE_TYPE = "SERVICE_TYPE";
    /** Suffix of a scope whose weights have the short (drift) half-life. */
    public static final String SHORT = "~";
    /** Suffix of a scope weighed by cohort (start day) with the half-life. */
    public static final String COHORT = "^";

    private final PerformanceRepository repository;
    private final PromiseConfig.History rules;
    /** The half-life the stored and in-memory weights were built with. */
    private volatile int halfLifeDays;
    /** The short half-life the stored weights were built with; 0 = none (no drift-adaptive recency). */
    private volatile int driftHalfLifeDays;
    private final Map<String, Histogram> histograms = new ConcurrentHashMap<>();
    private final Map<String, NavigableMap<LocalDate, Long>> open = new ConcurrentHashMap<>();
    /** Open orders of exports taken at a known time: days open then -> {n, weight, weight^2}; never aged further. */
    private final Map<String, Histogram> openAt = new ConcurrentHashMap<>();
    private final EstimateCache cache = new EstimateCache();
    private volatile LocalDate asOf; // null until the first delivery is seen

    public PerformanceStats(Database db, PromiseConfig config) {
        this.repository = new PerformanceRepository(db);
        this.halfLifeDays = config.stats().halfLifeDays();
        this.driftHalfLifeDays = driftHalfLife(halfLifeDays, config.stats().driftHalfLifeDays());
        this.rules = config.history();
    }

    /** Changes whenever the statistics change; lets callers cache derived answers. */
    public long version() {
        return cache.version();
    }

    /** The latest day a delivery finished, of those the statistics know; open orders are aged to it. Null when none. */
    public LocalDate asOf() {
        return asOf;
    }

    /** The half-life (days) the statistics in force were built with; 0 = no decay. */
    public int halfLifeDays() {
        return halfLifeDays;
    }

    /** The short half-life the statistics in force were built with; 0 = none. */
    public int driftHalfLifeDays() {
        return driftHalfLifeDays;
    }

    /** The short half-life in force for these settings: 0 (none) unless shorter than a decaying half-life. */
    public static int driftHalfLife(int halfLifeDays, int driftHalfLifeDays) {
        return halfLifeDays > 0 && driftHalfLifeDays > 0 && driftHalfLifeDays < halfLifeDays ? driftHalfLifeDays : 0;
    }

    public double weight(LocalDate day) {
        return weight(day, halfLifeDays);
    }

    /** Weight of the short memory (1 when there is none). */
    public double shortWeight(LocalDate day) {
        return weight(day, driftHalfLifeDays);
    }

    private static double weight(LocalDate day, int halfLife) {
        if (halfLife <= 0) return 1.0;
        double exp = (day.toEpochDay() - LANDMARK.toEpochDay()) / (double) halfLife;
        return Math.pow(2.0, Math.max(-1000, Math.min(1000, exp)));
    }

    // ---- reads --------------------------------------------------------------------------------

    /** What a lead-time estimate is cached by (records, not strings: the key is built on every quote). */
    private record LeadKey(String site, String region, int planningDays, String planningSource, Blend blend) {
    }

    /** What a service estimate is cached by; {@code band} null = any hour of the week. */
    private record ServiceKey(String site, String type, double standardMinutes, Blend blend, String band, double z, Long standardsVersion) {
    }

    /** Lead time in days from the release day, for an order from {@code site} to {@code region}. */
    public Distribution leadTime(String site, String region, int planningDays, String planningSource, Blend blend) {
        // the default transit time nobody set counts for one outcome; a lane's own planning value is that lane's prior
        Blend b = SourceWords.defaultTransit().equals(planningSource) ? blend.withPlaceholderPlanning() : blend.withPlanningOfKey();
        return cache.get(new LeadKey(site, region, planningDays, planningSource, b), () -> mix(List.of(
                new Level(ALL, "*", SourceWords.allDeliveries()),
                new Level(SITE, site, SourceWords.deliveriesFrom(site)),
                new Level(REGION, region, SourceWords.deliveriesTo(region)),
                new Level(LANE, site + ">" + region, SourceWords.lane(site, region))),
                planningDays, planningSource, b, 1, false).withNoArrivalDays(noArrivalDays(site)));
    }

    /** Whether anything of {@code site}'s history is counted (finished or open deliveries, services). */
    public boolean hasSite(String site) {
        if (!histogram(SITE, site).isEmpty() || !openOrders(SITE, site).isEmpty()) return true;
        String service = SERVICE + "\u0000" + site + ">";
        return histograms.keySet().stream().anyMatch(k -> k.startsWith(service));
    }

    /** Scope of a site's finished deliveries by the day of the week they arrived (key: site; value: 0 Monday … 6 Sunday). */
    public static final String ARRIVAL = "ARRIVAL";

    /** The days of the week on which {@code site}'s deliveries (almost) never arrive ({@link ArrivalDays}), once per version. */
    public int noArrivalDays(String site) {
        return cache.derived("noArrival\u0000" + site, () -> {
            Histogram h = histogram(ARRIVAL, site);
            double[] w = new double[7];
            long[] n = new long[7];
            h.bins().forEach((d, b) -> {
                if (d >= 0 && d < 7) {
                    w[d] = b[1];
                    n[d] = (long) b[0];
                }
            });
            return ArrivalDays.learn(w, n, h.n());
        });
    }

    /** Duration in minutes of a service type at a site, in steps of a tenth of a minute. */
    public Distribution serviceMinutes(String site, String type, double standardMinutes, Blend blend) {
        return serviceMinutes(site, type, standardMinutes, blend, -1, 0, 0, 0);
    }

    /**
     * The same for work starting at {@code hourOfWeek}, recalibrated on recent outcomes: when the jobs finished lately
     * were kept less (or more) often than the estimates in force when they were imported said, every chance of the
     * estimate is mapped through what those estimates' chances turned out to be ({@code recalibrationWeight}: how many
     * outcomes "no correction" counts for; 0 = off). See {@link #recalibration}.
     */
    public Distribution serviceMinutes(String site, String type, double standardMinutes, Blend blend, int hourOfWeek, int bandHours, double z,
                                       double recalibrationWeight) {
        return serviceMinutes(site, type, standardMinutes, blend, hourOfWeek, bandHours, z, recalibrationWeight, null);
    }

    /**
     * The same, with the standard minutes of every service offered ({@code standards}; null = not known): a standard is
     * then read as standard times have turned out, not as a promise kept 90 % of the time (see {@link StandardTimes}).
     */
    public Distribution serviceMinutes(String site, String type, double standardMinutes, Blend blend, int hourOfWeek, int bandHours, double z,
                                       double recalibrationWeight, Standards standards) {
        Distribution d = serviceMinutes(site, type, standardMinutes, blend, hourOfWeek, bandHours, z, standards);
        // only estimates like the judged ones: resting mostly on the lane's own evidence
        if (recalibrationWeight <= 0 || !d.fromHistory() || d.nEff() < blend.priorWeight()) return d;
        double[] g = recalibration(site, recalibrationWeight);
        return g == null ? d : d.recalibrated(g);
    }

    /** Scope of recent outcomes' chance under the estimate in force when they were imported (key: site, or "*"), in thousandths. */
    public static final String SERVICE_PIT = "SERVICE_PIT";
    /** The settings newly finished services are judged with; null = none judged (see {@link #judgeServicesWith}). */
    private volatile java.util.function.Supplier<ServiceJudging> judging = () -> null;

    /**
     * Where the settings to judge newly finished services with come from (the active rule set and the services offered),
     * asked once per import. Until set (at start-up), nothing is judged. Returns the source it replaces.
     */
    public java.util.function.Supplier<ServiceJudging> judgeServicesWith(java.util.function.Supplier<ServiceJudging> settings) {
        java.util.function.Supplier<ServiceJudging> before = judging;
        judging = settings;
        return before;
    }

    /** See {@link Recalibration#curve}: the site's judged outcomes shrunk toward everyone's ({@link Recalibration#broad}). */
    double[] recalibration(String site, double k) {
        return Recalibration.curve(broadRecalibration(), histograms.get(SERVICE_PIT + "\u0000" + site), k);
    }

    /** Everyone's judged outcomes, no site counting for more than the others together; once per version of the statistics. */
    private Histogram broadRecalibration() {
        return cache.derived("recalibrationBroad", () -> {
            Map<String, Histogram> sites = new HashMap<>();
            String prefix = SERVICE_PIT + "\u0000";
            histograms.forEach((key, h) -> {
                if (key.startsWith(prefix) && !key.equals(prefix + "*")) sites.put(key.substring(prefix.length()), h);
            });
            return java.util.Optional.ofNullable(Recalibration.broad(histograms.get(prefix + "*"), sites));
        }).orElse(null);
    }

    /**
     * The same for work starting at {@code hourOfWeek} (local at the site, see {@link Observation#hourOfWeek}; -1 =
     * not known), in that band of {@code bandHours} hours ({@link TimeOfWeek}; 0 = off): the lane's own jobs each as if
     * started in the band ({@link TimeOfWeek#rebanded}), the type everywhere times the lane's factor for the band;
     * everyone's effect in a band counts only when it is {@code z} standard errors from none.
     */
    public Distribution serviceMinutes(String site, String type, double standardMinutes, Blend blend, int hourOfWeek, int bandHours, double z) {
        return serviceMinutes(site, type, standardMinutes, blend, hourOfWeek, bandHours, z, null);
    }

    private Distribution serviceMinutes(String site, String type, double standardMinutes, Blend blend, int hourOfWeek, int bandHours, double z,
                                        Standards standards) {
        TimeOfWeek.Band band = TimeOfWeek.band(hourOfWeek, bandHours);
        ServiceKey cacheKey = new ServiceKey(site, type, standardMinutes, blend, band == null ? null : band.text(), band == null ? 0 : z,
                standards == null ? null : standards.version());
        return cache.get(cacheKey, () -> {
            List<Level> chain = List.of(
                    new Level(SERVICE_TYPE, type, SourceWords.serviceEverywhere(type)),
                    new Level(SERVICE, site + ">" + type, SourceWords.serviceAt(type, site)));
            int perUnit = Observation.SERVICE_STEPS_PER_MINUTE;
            Distribution planning = standardAsItTurnsOut(standardMinutes, standards, blend, perUnit);
            if (band == null) return mix(chain, planning, blend, perUnit, true, null);
            Map<Integer, Histogram> laneByHour = new HashMap<>();
            for (int how = 0; how < 168; how++) {
                Histogram h = histograms.get(SERVICE_HOUR + "\u0000" + site + ">" + type + "@" + how);
                if (h != null && !h.isEmpty()) laneByHour.put(how, h);
            }
            Map<String, double[]> factors = timeOfWeek(bandHours, blend.priorWeight(), z);
            double f = TimeOfWeek.factor(factors, site, band, bandHours, laneByHour.isEmpty() ? null : TimeOfWeek.bandWeights(laneByHour, bandHours));
            // the lane's own jobs, each as if started in the quote's band; the type everywhere stretched by the lane's factor
            double[] siteFactors = factors.getOrDefault(site, factors.get("*"));
            BandView view = new BandView(f, TimeOfWeek.rebander(laneByHour, siteFactors, band, bandHours, f));
            Distribution d = mix(chain, planning, blend, perUnit, true, view);
            return d.fromHistory() ? d.madeForBand(f, band.text(), TimeOfWeek.restsOnOwnJobs(factors, site, band, bandHours)) : d;
        });
    }

    /**
     * What the finished jobs of a service type at a site took, their median in whole minutes (rounded up); 0 when
     * the site has none. With {@code site} null: the same over every site that has done it.
     */
    public int serviceHistoryMedian(String site, String type) {
        Histogram h = histograms.get(site == null ? SERVICE_TYPE + "\u0000" + type : SERVICE + "\u0000" + site + ">" + type);
        if (h == null || h.isEmpty() || h.weight() <= 0) return 0;
        return Math.max(1, (int) Math.ceil(StandardTimes.median(h) / (double) Observation.SERVICE_STEPS_PER_MINUTE));
    }

    /**
     * The hours of the day the finished jobs of {@code type} at {@code site} started in, at the site's clock: {first hour,
     * last hour}, leaving out the earliest and latest 2 % (a job logged at 03:00 does not open the garage at night); null
     * without any. What a service ops never set up there is offered within.
     */
    public int[] serviceStartHours(String site, String type) {
        Map<Integer, Histogram> byHour = serviceLanesByHour().getOrDefault(site, Map.of()).get(site + ">" + type);
        if (byHour == null || byHour.isEmpty()) return null;
        long[] jobs = new long[24];
        long all = 0;
        for (Map.Entry<Integer, Histogram> e : byHour.entrySet()) {
            long n = e.getValue().n();
            jobs[Math.floorMod(e.getKey(), 24)] += n;
            all += n;
        }
        if (all <= 0) return null;
        long trim = all / 50, seen = 0;
        int first = -1, last = -1;
        for (int h = 0; h < 24; h++) {
            seen += jobs[h];
            if (first < 0 && jobs[h] > 0 && seen > trim) first = h;
        }
        seen = 0;
        for (int h = 23; h >= 0; h--) {
            seen += jobs[h];
            if (last < 0 && jobs[h] > 0 && seen > trim) last = h;
        }
        return first < 0 || last < first ? null : new int[]{first, last};
    }

    /**
     * What the imported history of a site says about each service type done there: the types with finished jobs (those
     * {@link #serviceHistoryMedian} answers for), each with how many jobs and their median, in minutes.
     */
    public record ServiceDone(String type, long jobs, int medianMinutes) {
    }

    /** The service types {@code site}'s imported history has finished jobs of, by type. */
    public List<ServiceDone> servicesDoneAt(String site) {
        String prefix = SERVICE + "\u0000" + site + ">";
        List<ServiceDone> out = new ArrayList<>();
        for (String key : histograms.keySet()) {
            if (!key.startsWith(prefix)) continue;
            ServiceDone d = serviceDoneAt(site, key.substring(prefix.length()));
            if (d != null) out.add(d);
        }
        out.sort(java.util.Comparator.comparing(ServiceDone::type));
        return out;
    }

    /** What {@code site}'s imported history says about {@code type} (as {@link #servicesDoneAt}); null when it has no finished jobs of it. */
    public ServiceDone serviceDoneAt(String site, String type) {
        Histogram h = histograms.get(SERVICE + "\u0000" + site + ">" + type);
        int median = serviceHistoryMedian(site, type);
        return h == null || median <= 0 ? null : new ServiceDone(type, h.n(), median);
    }

    /** The plan a standard gives, read as standard times have turned out ({@link StandardTimes}). */
    private Distribution standardAsItTurnsOut(double standardMinutes, Standards standards, Blend blend, int perUnit) {
        return StandardTimes.plan(standardMinutes, standards == null ? null : standardShares(standards), blend.planningConfidence(),
                blend.priorWeight(), SourceWords.standardMinutes(standardMinutes), perUnit);
    }


    /** Every finished job's share of its service's standard, once per version of the statistics and of the standards. */
    private StandardTimes.Shares standardShares(Standards standards) {
        return cache.derived("standards\u0000" + standards.version(), () -> StandardTimes.shares(standards.minutes(),
                lane -> histograms.get(SERVICE + "\u0000" + lane), Observation.SERVICE_STEPS_PER_MINUTE));
    }

    /** How the levels of a service estimate are seen for one band of the week: the type everywhere stretched, the lane re-banded. */
    private record BandView(double typeFactor, java.util.function.UnaryOperator<Histogram> lane) {
    }

    private static Hierarchy.Level viewed(Hierarchy.Level l, java.util.function.UnaryOperator<Histogram> view) {
        return l.finished() == null || !l.open().isEmpty() ? l : Hierarchy.Level.finishedOnly(l.words(), view.apply(l.finished()));
    }

    /**
     * The type everywhere as the lane's site does it: its other sites' jobs stretched by the site's factor, the lane's own
     * (which the type holds too) as they are, every job by the band's factor. Stretching the whole type by the site's
     * factor counted the lane's own speed twice: three fast jobs at one garage lowered another garage's chance of 35
     * minutes from 0.91 to 0.86 (probe multi M1).
     */
    static Hierarchy.Level asAtSite(Hierarchy.Level type, Hierarchy.Level lane, double siteFactor, double bandFactor) {
        if (Math.abs(siteFactor - 1) <= 1e-6 && Math.abs(bandFactor - 1) <= 1e-6) return type;
        if (type.finished() == null || !type.open().isEmpty()) return type;
        Map<Integer, double[]> own = lane == null || lane.finished() == null || !lane.open().isEmpty() ? Map.of() : lane.finished().bins();
        Histogram h = new Histogram();
        type.finished().bins().forEach((value, b) -> {
            double[] o = own.get(value);
            long n = (long) b[0] - (o == null ? 0 : (long) o[0]);
            double w = b[1] - (o == null ? 0 : o[1]);
            if (n > 0 && w > 1e-12 * b[1]) h.add((int) Math.ceil(value * siteFactor * bandFactor - 1e-9), n, w, Math.max(0, b[2] - (o == null ? 0 : o[2])));
            if (o != null) h.add((int) Math.ceil(value * bandFactor - 1e-9), (long) o[0], o[1], o[2]);
        });
        return Hierarchy.Level.finishedOnly(type.words(), h);
    }


    /** Each site's service speed against the same types everywhere ({@link SiteEffect}), once per version. */
    private Map<String, Double> siteEffects(double priorWeight) {
        return cache.derived("siteEffects\u0000" + priorWeight,
                () -> SiteEffect.factors(serviceLanesByHour(), Observation.SERVICE_STEPS_PER_MINUTE, priorWeight));
    }

    /** site -> lane -> hour of the week -> finished services, from the {@link #SERVICE_HOUR} statistics (scanned once per version). */
    private Map<String, Map<String, Map<Integer, Histogram>>> serviceLanesByHour() {
        return cache.derived("lanesByHour", this::scanServiceLanesByHour);
    }

    private Map<String, Map<String, Map<Integer, Histogram>>> scanServiceLanesByHour() {
        Map<String, Map<String, Map<Integer, Histogram>>> lanes = new HashMap<>();
        String prefix = SERVICE_HOUR + "\u0000";
        for (Map.Entry<String, Histogram> e : histograms.entrySet()) {
            if (!e.getKey().startsWith(prefix) || e.getValue().isEmpty()) continue;
            String key = e.getKey().substring(prefix.length());
            int at = key.lastIndexOf('@'), gt = key.indexOf('>');
            if (at < 0 || gt < 0 || gt > at) continue;
            int how;
            try {
                how = Integer.parseInt(key.substring(at + 1));
            } catch (NumberFormatException x) {
                continue;
            }
            lanes.computeIfAbsent(key.substring(0, gt), k -> new HashMap<>()).computeIfAbsent(key.substring(0, at), k -> new HashMap<>())
                    .put(how, e.getValue());
        }
        return lanes;
    }

    /** Scope of finished services by lane and hour of the week (key: site>type@hourOfWeek), for time-of-week effects. */
    public static final String SERVICE_HOUR = "SERVICE_HOUR";


    /** The time-of-week factors of the statistics in force, worked out once per version and setting. */
    private Map<String, double[]> timeOfWeek(int bandHours, double priorWeight, double z) {
        return cache.derived("timeOfWeek\u0000" + bandHours + "\u0000" + priorWeight + "\u0000" + z,
                () -> TimeOfWeek.factors(serviceLanesByHour(), bandHours, Observation.SERVICE_STEPS_PER_MINUTE, priorWeight, z));
    }

    /** Finished work of one key (for evidence and tests); empty when there is none. */
    public Histogram histogram(String scope, String key) {
        Histogram h = histograms.get(scope + "\u0000" + key);
        return h == null ? new Histogram() : h;
    }

    /** Orders of one key still open, by release day. */
    public NavigableMap<LocalDate, Long> openOrders(String scope, String key) {
        NavigableMap<LocalDate, Long> m = open.get(scope + "\u0000" + key);
        return m == null ? Collections.emptyNavigableMap() : m;
    }

    private record Level(String scope, String key, String words) {
    }

    /** Gathers each level's finished and open work and lets {@link Hierarchy} blend them. */
    private Distribution mix(List<Level> generalToSpecific, int planningValue, String planningSource, Blend blend, int perUnit,
                             boolean uncensored) {
        return mix(generalToSpecific, Distribution.planning(planningValue, blend.planningConfidence(), planningSource, perUnit), blend, perUnit,
                uncensored, null);
    }

    /** {@code band}: a service estimate for one band of the week (null = any time). */
    private Distribution mix(List<Level> generalToSpecific, Distribution planning, Blend blend, int perUnit, boolean uncensored, BandView band) {
        int shortHalfLife = driftHalfLifeDays;
        // cohort weights need every open order seen: only when the exports carry them (the most general level has some),
        // or when there is no open work to miss (services finish within minutes: their day known is their cohort)
        Level top = generalToSpecific.get(0);
        Histogram topOpenAt = openAt.get(top.scope() + COHORT + "\u0000" + top.key());
        boolean adaptive = shortHalfLife > 0 && (uncensored || topOpenAt != null && !topOpenAt.isEmpty());
        List<Hierarchy.Level> levels = new ArrayList<>();
        List<Hierarchy.Level> shortLevels = adaptive ? new ArrayList<>() : null;
        boolean lanes = generalToSpecific.stream().anyMatch(l -> LANE.equals(l.scope()));
        for (Level l : generalToSpecific) {
            if (lanes && SITE.equals(l.scope())) {
                // a thin lane's site, as its lanes are: what a new lane from the site may be (pooledSite)
                Hierarchy.Level[] p = pooledSite(l, blend, adaptive);
                levels.add(p[0]);
                if (shortLevels != null) shortLevels.add(p[1]);
                continue;
            }
            Hierarchy.Level[] both = levelsOf(l, blend, adaptive);
            levels.add(both[0]);
            if (shortLevels != null) shortLevels.add(both[1]);
        }
        return finish(generalToSpecific, levels, shortLevels, planning, blend, perUnit, uncensored, band);
    }

    /**
     * A site's deliveries as its lanes are, not as its orders are: every lane from the site (to any region), each
     * counting for one order (its weights scaled by 1 / its effective number of orders, its own shape and recency kept),
     * so a few busy lanes do not stand for all of them. It is the parent of the site's destination regions and lanes:
     * what a thin or new lane from the site may be, the spread between the site's lanes included
     * ({@link Hierarchy#pooled}; probe F, F3: with the site's orders as parent, lanes of 1-5 orders kept 0.82 at 0.90).
     */
    private Hierarchy.Level[] pooledSite(Level site, Blend blend, boolean adaptive) {
        List<String> keys = lanesBySite().get(site.key());
        if (keys == null || keys.size() < 2) return levelsOf(site, blend, adaptive);
        return cache.derived("pooledSite\u0000" + site.key() + "\u0000" + blend.lostAfter() + "\u0000" + adaptive, () -> {
            List<Hierarchy.Level> longs = new ArrayList<>(), shorts = new ArrayList<>();
            for (String lane : keys) {
                Hierarchy.Level[] both = levelsOf(new Level(LANE, lane, site.words()), blend, adaptive);
                longs.add(both[0]);
                if (both[1] != null) shorts.add(both[1]);
            }
            return new Hierarchy.Level[]{Hierarchy.pooled(site.words(), longs, 1.0),
                    adaptive ? Hierarchy.pooled(site.words(), shorts, 1.0) : null};
        });
    }

    /** site -> its lanes' keys ("site>region") with any finished or open work, scanned once per version. */
    private Map<String, List<String>> lanesBySite() {
        return cache.derived("lanesBySite", () -> {
            Map<String, java.util.Set<String>> by = new HashMap<>();
            for (Map<String, ?> m : List.of(histograms, open, openAt)) {
                for (String k : m.keySet()) {
                    int nul = k.indexOf('\u0000');
                    if (nul < 0) continue;
                    String scope = k.substring(0, nul);
                    if (!scope.equals(LANE) && !scope.equals(LANE + COHORT) && !scope.equals(LANE + SHORT)) continue;
                    String lane = k.substring(nul + 1);
                    int gt = lane.indexOf('>');
                    if (gt <= 0) continue;
                    by.computeIfAbsent(lane.substring(0, gt), x -> new java.util.TreeSet<>()).add(lane);
                }
            }
            Map<String, List<String>> out = new HashMap<>();
            by.forEach((site, set) -> out.put(site, List.copyOf(set)));
            return out;
        });
    }

    /** One level's evidence: {long memory (by cohort when adaptive), short memory (null unless adaptive)}. */
    private Hierarchy.Level[] levelsOf(Level l, Blend blend, boolean adaptive) {
        LocalDate today = asOf == null ? LANDMARK : asOf;
        int halfLife = halfLifeDays, shortHalfLife = driftHalfLifeDays;
        double liveWeight = weight(today);
        String key = l.scope() + "\u0000" + l.key();
        Map<Integer, Long> live = new TreeMap<>();
        NavigableMap<LocalDate, Long> o = open.get(key);
        if (o != null) {
            for (Map.Entry<LocalDate, Long> e : o.entrySet()) {
                int age = (int) Math.max(0, ChronoUnit.DAYS.between(e.getKey(), today));
                if (blend.lostAfter() > 0 && age > blend.lostAfter()) continue; // lost, not an ever-longer lead time
                live.merge(age, e.getValue(), Long::sum);
            }
        }
        if (!adaptive) {
            return new Hierarchy.Level[]{Hierarchy.level(l.words(), histograms.get(key), openAt.get(key), live, liveWeight), null};
        }
        // by cohort: a live open order weighs the weight of its release day, like every other order of its cohort
        String cohortKey = l.scope() + COHORT + "\u0000" + l.key();
        String shortKey = l.scope() + SHORT + "\u0000" + l.key();
        return new Hierarchy.Level[]{
                Hierarchy.level(l.words(), histograms.get(cohortKey), openAt.get(cohortKey), live, age -> weight(today.minusDays(age), halfLife)),
                Hierarchy.level(l.words(), histograms.get(shortKey), openAt.get(shortKey), live, age -> weight(today.minusDays(age), shortHalfLife))};
    }

    private Distribution finish(List<Level> generalToSpecific, List<Hierarchy.Level> levels, List<Hierarchy.Level> shortLevels,
                                Distribution planning, Blend blend, int perUnit, boolean uncensored, BandView band) {
        int halfLife = halfLifeDays, shortHalfLife = driftHalfLifeDays;
        int last = levels.size() - 1; // the lane's own level
        if (uncensored && generalToSpecific.size() > 1) {
            // a service type everywhere, as the lane's site does it: the other sites' jobs stretched by the site's factor
            // (SiteEffect), the lane's own as they are; all of them by the band's
            String site = generalToSpecific.get(generalToSpecific.size() - 1).key();
            site = site.substring(0, Math.max(0, site.indexOf('>')));
            double siteFactor = siteEffects(blend.priorWeight()).getOrDefault(site, 1.0), bandFactor = band == null ? 1.0 : band.typeFactor();
            levels.set(0, asAtSite(levels.get(0), levels.get(last), siteFactor, bandFactor));
            if (shortLevels != null) shortLevels.set(0, asAtSite(shortLevels.get(0), shortLevels.get(last), siteFactor, bandFactor));
        }
        if (band != null) {
            levels.set(last, viewed(levels.get(last), band.lane()));
            if (shortLevels != null) shortLevels.set(last, viewed(shortLevels.get(last), band.lane()));
        }
        Hierarchy.Drift drift = shortLevels == null ? null : new Hierarchy.Drift(blend.driftZ(), halfLife, shortHalfLife, !uncensored);
        return Hierarchy.estimate(levels, shortLevels, drift, planning, blend, perUnit, planning.steps() + 1);
    }

    // ---- outliers -----------------------------------------------------------------------------

    /**
     * Which of these finished outcomes are outliers: one reason per observation (null = counts).
     *
     * <p>Rule: a value is an outlier when it lies beyond {@code P90 + max(k × (P90 − P10), P90, floor)}
     * of its key, i.e. more than k inter-decile spreads above the key's P90, more than twice its P90,
     * and more than the floor (14 days, 60 minutes) above it, so ordinary variation, slow but real
     * lanes and short keys with a tiny spread are never flagged. The key is the most specific level
     * (lane, region, site, everything; service at a site, service type) with at least
     * {@code outlier-min-rows} finished rows, so a thin lane is judged by its parents' spread.
     * Quantiles use raw counts, not decayed weights: one recent row must not outweigh a year of old
     * ones in its own judgement. P10/P90 rather than the extremes keep the rule robust to the
     * outliers it looks for (up to 10 % of a key may be wild without moving the limit). The counts
     * are those held in memory plus the other outcomes of the same batch, so the first import into
     * an empty key is judged too; it costs a walk over a few histogram bins per key.
     */
    public List<String> outliers(List<Observation> outcomes) {
        Map<String, TreeMap<Integer, Long>> batch = new HashMap<>();
        for (Observation o : outcomes) {
            if (o.event() != Observation.Event.OUTCOME) continue;
            for (Level l : levels(o)) batch.computeIfAbsent(l.scope() + "\u0000" + l.key(), k -> new TreeMap<>())
                    .merge(Math.max(0, o.value()), 1L, Long::sum);
        }
        Map<String, String> limits = new HashMap<>(); // key -> "" (too thin) or "limit\u0000words"
        Map<String, TreeMap<Integer, Long>> counted = new HashMap<>(); // key -> its finished rows (memory + this batch)
        List<String> out = new ArrayList<>(outcomes.size());
        for (Observation o : outcomes) {
            String why = null;
            if (o.event() == Observation.Event.OUTCOME) {
                boolean thinJudged = false;
                for (Level l : levels(o)) {
                    String key = l.scope() + "\u0000" + l.key();
                    String limit = limits.computeIfAbsent(key, k -> limit(counts(k, batch.get(k), counted), l.words(), o.kind()));
                    if (limit.isEmpty()) {
                        // a thin key: its own other rows judge this one (once, by the most specific thin key that has enough)
                        if (!thinJudged) {
                            String thin = thinLimit(counts(key, batch.get(key), counted), Math.max(0, o.value()), l.words(), o.kind());
                            thinJudged = thin != null;
                            if (thin != null && !thin.isEmpty()) {
                                why = describe(o, thin);
                                break;
                            }
                        }
                        continue;
                    }
                    int cut = limit.indexOf('\u0000');
                    if (Math.max(0, o.value()) > Integer.parseInt(limit.substring(0, cut))) why = describe(o, limit.substring(cut + 1));
                    break;
                }
            }
            out.add(why);
        }
        return out;
    }

    /** A key's finished rows as raw counts: those held in memory plus the rest of this batch. */
    private TreeMap<Integer, Long> counts(String key, TreeMap<Integer, Long> batch, Map<String, TreeMap<Integer, Long>> cache) {
        return cache.computeIfAbsent(key, k -> {
            TreeMap<Integer, Long> counts = batch == null ? new TreeMap<>() : new TreeMap<>(batch);
            Histogram h = histograms.get(k);
            if (h != null) h.bins().forEach((v, b) -> counts.merge(v, (long) b[0], Long::sum));
            return counts;
        });
    }

    /**
     * A thin key's judgement of one of its rows by the others (leave-one-out, the same P10/P90 rule): null when it has too
     * few other rows to judge, "" when the value is within their limit, else the words of the rule it breaks.
     */
    private String thinLimit(TreeMap<Integer, Long> counts, int value, String words, Observation.Kind kind) {
        TreeMap<Integer, Long> others = new TreeMap<>(counts);
        others.computeIfPresent(value, (v, c) -> c > 1 ? c - 1 : null);
        String limit = limit(others, words, kind, Math.max(1, rules.outlierThinOthers()), "other rows");
        if (limit.isEmpty()) return null;
        int cut = limit.indexOf('\u0000');
        return value > Integer.parseInt(limit.substring(0, cut)) ? limit.substring(cut + 1) : "";
    }

    /** Most specific level first. */
    private static List<Level> levels(Observation o) {
        return o.kind() == Observation.Kind.DELIVERY
                ? List.of(new Level(LANE, o.site() + ">" + o.regionOrType(), SourceWords.lane(o.site(), o.regionOrType())),
                new Level(REGION, o.regionOrType(), SourceWords.deliveriesTo(o.regionOrType())),
                new Level(SITE, o.site(), SourceWords.deliveriesFrom(o.site())),
                new Level(ALL, "*", SourceWords.allDeliveries()))
                : List.of(new Level(SERVICE, o.site() + ">" + o.regionOrType(), SourceWords.serviceAt(o.regionOrType(), o.site())),
                new Level(SERVICE_TYPE, o.regionOrType(), SourceWords.serviceEverywhere(o.regionOrType())));
    }

    /** "" when the counts are fewer than outlier-min-rows (or than the minimum given), else "limit\u0000words". */
    private String limit(TreeMap<Integer, Long> counts, String words, Observation.Kind kind) {
        return limit(counts, words, kind, rules.outlierMinRows(), "rows");
    }

    /** {@code rows}: what the counts are called in the words ("rows", or "other rows" when the judged one is left out). */
    private String limit(TreeMap<Integer, Long> counts, String words, Observation.Kind kind, int minRows, String rows) {
        boolean days = kind == Observation.Kind.DELIVERY;
        int perUnit = days ? 1 : Observation.SERVICE_STEPS_PER_MINUTE; // counts are in steps (tenths of a minute for services)
        int floor = (days ? rules.outlierFloorDays() : rules.outlierFloorMinutes()) * perUnit;
        OutlierLimit l = OutlierLimit.of(counts, minRows, rules.outlierK(), floor);
        if (l == null) return "";
        String unit = days ? " days" : " minutes";
        return l.limit() + "\u0000" + words + " (" + l.n() + " " + rows + ") take " + units(l.p10(), perUnit) + "–" + units(l.p90(), perUnit) + unit
                + " (P10–P90), so anything over " + units(l.limit(), perUnit) + unit + " is held out until confirmed";
    }

    private static String units(int steps, int perUnit) {
        return perUnit == 1 ? Integer.toString(steps) : com.promisevalidator.common.Minutes.decimal(steps / (double) perUnit).toPlainString();
    }

    private static String describe(Observation o, String rule) {
        String what = o.kind() == Observation.Kind.DELIVERY ? "lead time of " + o.value() + " days"
                : units(o.value(), Observation.SERVICE_STEPS_PER_MINUTE) + " minutes";
        return what + " is far longer than usual: " + rule; // outliers are only ever long ones
    }

    // ---- writes -------------------------------------------------------------------------------

    /**
     * Stores observations inside the caller's transaction (the one that stores the history). Returns the chances the
     * service outcomes with a reference were judged at now (reference -> thousandths), for the caller to store with
     * their rows (see {@link Observation#judged}).
     */
    public Map<String, Integer> persist(Connection c, List<Observation> observations) throws SQLException {
        StatsAggregate a = aggregate(observations, true);
        persisted.set(new Persisted(List.copyOf(observations), a));
        repository.persist(c, a);
        return Collections.unmodifiableMap(a.judged);
    }

    /**
     * The aggregate this thread last stored, for {@link #apply} of the same observations: new services are judged once, so the
     * database and memory count the same chances even when the judging settings change in between.
     */
    private record Persisted(List<Observation> observations, StatsAggregate aggregate) {
    }

    private final ThreadLocal<Persisted> persisted = new ThreadLocal<>();

    /** After the transaction that persisted them committed: the observations count from now on. */
    public void apply(List<Observation> observations) {
        Persisted p = persisted.get();
        persisted.remove();
        if (observations.isEmpty()) return;
        StatsAggregate a = p != null && p.observations().equals(observations) ? p.aggregate() : aggregate(observations, true);
        synchronized (this) {
            Map<String, Histogram> changed = new HashMap<>();
            for (Map.Entry<String, double[]> e : a.hist.entrySet()) {
                String key = e.getKey();
                int cut = key.lastIndexOf('\u0000');
                Histogram h = changed.computeIfAbsent(key.substring(0, cut), k -> {
                    Histogram old = histograms.get(k);
                    return old == null ? new Histogram() : old.copy();
                });
                h.add(Integer.parseInt(key.substring(cut + 1)), (long) e.getValue()[0], e.getValue()[1], e.getValue()[2]);
            }
            for (Map.Entry<String, double[]> e : a.openAt.entrySet()) {
                String key = e.getKey();
                int cut = key.lastIndexOf('\u0000');
                Histogram h = changed.computeIfAbsent("@" + key.substring(0, cut), k -> {
                    Histogram old = openAt.get(k.substring(1));
                    return old == null ? new Histogram() : old.copy();
                });
                h.add(Integer.parseInt(key.substring(cut + 1)), (long) e.getValue()[0], e.getValue()[1], e.getValue()[2]);
            }
            Map<String, NavigableMap<LocalDate, Long>> changedOpen = new HashMap<>();
            for (Map.Entry<String, Long> e : a.open.entrySet()) {
                String key = e.getKey();
                int cut = key.lastIndexOf('\u0000');
                NavigableMap<LocalDate, Long> m = changedOpen.computeIfAbsent(key.substring(0, cut), k -> {
                    NavigableMap<LocalDate, Long> old = open.get(k);
                    return old == null ? new TreeMap<>() : new TreeMap<>(old);
                });
                LocalDate day = LocalDate.ofEpochDay(Long.parseLong(key.substring(cut + 1)));
                long n = m.getOrDefault(day, 0L) + e.getValue();
                if (n <= 0) m.remove(day);
                else m.put(day, n);
            }
            // copy-on-write: readers see a key before or after a change, never half of it
            changed.forEach((k, h) -> {
                if (!k.startsWith("@")) histograms.put(k, h);
                else if (h.isEmpty()) openAt.remove(k.substring(1));
                else openAt.put(k.substring(1), h);
            });
            changedOpen.forEach((k, m) -> open.put(k, Collections.unmodifiableNavigableMap(m)));
            if (a.latest != null && (asOf == null || a.latest.isAfter(asOf))) asOf = a.latest;
            cache.invalidate();
        }
    }

    /**
     * {@code judge}: new service outcomes are also judged against the estimates in force (not in a rebuild: it counts the
     * chances its outcomes carry, those they were judged at when first counted).
     */
    private StatsAggregate aggregate(List<Observation> observations, boolean judge) {
        StatsAggregate a = new StatsAggregate();
        ServiceJudging read = judge ? judgingNow() : null;
        for (Observation o : observations) {
            String[][] keys = o.kind() == Observation.Kind.DELIVERY
                    ? new String[][]{{LANE, o.site() + ">" + o.regionOrType()}, {REGION, o.regionOrType()}, {SITE, o.site()}, {ALL, "*"}}
                    : new String[][]{{SERVICE, o.site() + ">" + o.regionOrType()}, {SERVICE_TYPE, o.regionOrType()}};
            // the day the statistics know of is the latest delivery finished: an order still open counts by its release
            // day, which for a promise committed now lies ahead, and would age every other open order by the gap
            if (o.kind() == Observation.Kind.DELIVERY && o.event() == Observation.Event.OUTCOME && (a.latest == null || o.day().isAfter(a.latest))) {
                a.latest = o.day();
            }
            int shortHalfLife = driftHalfLifeDays;
            LocalDate start = startDay(o);
            for (String[] k : keys) {
                // 0: weighed by the day it became known (export day when open); 1: by cohort; 2: by cohort, short memory
                for (int memory = 0; memory < (shortHalfLife > 0 ? 3 : 1); memory++) {
                    boolean isShort = memory == 2;
                    String prefix = k[0] + (memory == 0 ? "" : isShort ? SHORT : COHORT) + "\u0000" + k[1] + "\u0000";
                    double w = memory == 0 ? weight(o.day()) : isShort ? shortWeight(start) : weight(start);
                    switch (o.event()) {
                        case OUTCOME, REMOVED -> {
                            int sign = o.event() == Observation.Event.OUTCOME ? 1 : -1;
                            count(a.hist, prefix + Math.max(0, o.value()), sign, w);
                            if (sign < 0) a.removals = true;
                        }
                        case OPEN -> {
                            if (memory == 0) a.open.merge(prefix + o.day().toEpochDay(), 1L, Long::sum); // live: weighed when read
                        }
                        case CLOSED -> {
                            if (memory == 0) a.open.merge(prefix + o.day().toEpochDay(), -1L, Long::sum);
                        }
                        case OPEN_AT, CLOSED_AT -> count(a.openAt, prefix + Math.max(0, o.value()), o.event() == Observation.Event.OPEN_AT ? 1 : -1, w);
                    }
                }
            }
            // the day of the week a delivery arrived at: days a site's deliveries never arrive on add nothing to a promise
            if (o.kind() == Observation.Kind.DELIVERY && (o.event() == Observation.Event.OUTCOME || o.event() == Observation.Event.REMOVED)) {
                count(a.hist, ARRIVAL + "\u0000" + o.site() + "\u0000" + (o.day().getDayOfWeek().getValue() - 1),
                        o.event() == Observation.Event.OUTCOME ? 1 : -1, weight(o.day()));
            }
            // a service's hour of the week, for time-of-week effects (weighed by its day, with the half-life)
            if (o.kind() == Observation.Kind.SERVICE && o.hourOfWeek() >= 0
                    && (o.event() == Observation.Event.OUTCOME || o.event() == Observation.Event.REMOVED)) {
                count(a.hist, SERVICE_HOUR + "\u0000" + o.site() + ">" + o.regionOrType() + "@" + o.hourOfWeek() + "\u0000" + Math.max(0, o.value()),
                        o.event() == Observation.Event.OUTCOME ? 1 : -1, weight(o.day()));
            }
            // how its estimate in force judged a newly finished service: the chance it gave of finishing sooner. Judged once,
            // when first counted, and stored with its row: taking it back, or a rebuild, takes back or counts that same chance
            if (o.kind() != Observation.Kind.SERVICE || (o.event() != Observation.Event.OUTCOME && o.event() != Observation.Event.REMOVED)) continue;
            int u = o.judged();
            Double standard = u >= 0 || read == null || o.event() != Observation.Event.OUTCOME ? null
                    : read.standards().minutes().get(o.site() + ">" + o.regionOrType());
            if (standard != null) {
                Distribution d = serviceMinutes(o.site(), o.regionOrType(), standard, read.blend(), o.hourOfWeek(), read.bandHours(), read.z(),
                        read.standards());
                // judged only when the lane's own evidence outweighs what it borrows (a cold start's guesses would linger)
                if (d.fromHistory() && d.nEff() >= read.blend().priorWeight()) {
                    u = (int) Math.floor(d.cdf(Math.max(0, o.value()) - 1) * 1000 + 1e-9);
                    if (o.reference() != null) a.judged.put(o.reference(), u);
                }
            }
            if (u >= 0) {
                int sign = o.event() == Observation.Event.OUTCOME ? 1 : -1;
                double w = weight(o.day(), driftHalfLifeDays > 0 ? driftHalfLifeDays : halfLifeDays);
                count(a.hist, SERVICE_PIT + "\u0000" + o.site() + "\u0000" + u, sign, w);
                count(a.hist, SERVICE_PIT + "\u0000*\u0000" + u, sign, w);
                if (sign < 0) a.removals = true;
            }
        }
        return a;
    }

    /** The judging settings now; null when there are none or they cannot be had (nothing is judged then, nothing fails). */
    private ServiceJudging judgingNow() {
        try {
            return judging.get();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Adds (sign 1) or takes back (-1) one observation of weight {@code w}: its count, weight and squared weight. */
    private static void count(Map<String, double[]> sums, String key, int sign, double w) {
        double[] r = sums.computeIfAbsent(key, x -> new double[3]);
        r[0] += sign;
        r[1] += sign * w;
        r[2] += sign * w * w;
    }

    /**
     * The day an observation's order started (its cohort, which its weight comes from): a delivery outcome's day less
     * its lead days, an export-dated open order's export day less its age; a service's own day; a live open order's
     * release day.
     */
    public static LocalDate startDay(Observation o) {
        return switch (o.event()) {
            case OUTCOME, REMOVED, OPEN_AT, CLOSED_AT -> o.kind() == Observation.Kind.DELIVERY ? o.day().minusDays(Math.max(0, o.value())) : o.day();
            case OPEN, CLOSED -> o.day();
        };
    }

    /** Loads the stored statistics; at start-up and when another instance changed them. */
    public synchronized void load() {
        PerformanceRepository.Snapshot stored = repository.load();
        // new entries before stale ones go: a quote evaluated meanwhile never sees empty statistics
        histograms.putAll(stored.finished());
        histograms.keySet().retainAll(stored.finished().keySet());
        stored.open().forEach((k, m) -> open.put(k, Collections.unmodifiableNavigableMap(m)));
        open.keySet().retainAll(stored.open().keySet());
        openAt.putAll(stored.openAt());
        openAt.keySet().retainAll(stored.openAt().keySet());
        asOf = stored.asOf();
        int[] builtWith = halfLivesOf(stored.fingerprint());
        if (builtWith != null) { // another instance may have rebuilt with other half-lives
            halfLifeDays = builtWith[0];
            driftHalfLifeDays = builtWith[1];
        }
        cache.invalidate();
    }

    /** The settings the stored weights depend on, to detect when a rebuild from history is due. */
    public static String settingsFingerprint(int halfLifeDays, int driftHalfLifeDays) {
        // v7: deliveries also by the day of the week they arrived; v6: services also by hour of the week; v5: cohort-weighted copies (half-life and drift half-life); v4: service minutes per tenth
        return "v7;halfLifeDays=" + halfLifeDays + ";driftHalfLifeDays=" + driftHalfLife(halfLifeDays, driftHalfLifeDays);
    }

    private static int[] halfLivesOf(String fingerprint) {
        String prefix = "v7;halfLifeDays=", middle = ";driftHalfLifeDays=";
        if (fingerprint == null || !fingerprint.startsWith(prefix) || !fingerprint.contains(middle)) return null;
        try {
            int cut = fingerprint.indexOf(middle);
            return new int[]{Integer.parseInt(fingerprint.substring(prefix.length(), cut)), Integer.parseInt(fingerprint.substring(cut + middle.length()))};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Replaces all stored statistics with the given observations (a rebuild from raw history), weighted with
     * {@code halfLifeDays} (and the short {@code driftHalfLifeDays}): from here on new observations are weighted with
     * them too. Call {@link #load()} after commit.
     */
    public void replaceAll(Connection c, List<Observation> observations, int halfLifeDays, int driftHalfLifeDays) throws SQLException {
        this.halfLifeDays = halfLifeDays;
        this.driftHalfLifeDays = driftHalfLife(halfLifeDays, driftHalfLifeDays);
        repository.clear(c);
        // a rebuild judges nothing (its estimates would have seen the outcomes): it counts the chances the rows were judged at
        repository.persist(c, aggregate(observations, false));
        repository.setFingerprint(c, settingsFingerprint(halfLifeDays, driftHalfLifeDays));
    }

    public String storedFingerprint() {
        return repository.fingerprint();
    }

    /**
     * Starts a rebuild inside its transaction: waits for additions in flight on every instance and holds new ones off
     * until the transaction ends; returns the settings fingerprint stored by then (another instance may have just
     * rebuilt for the same settings).
     */
    public String lockForRebuild(Connection c) throws SQLException {
        repository.lockForRebuild(c);
        return repository.fingerprint(c);
    }
}
