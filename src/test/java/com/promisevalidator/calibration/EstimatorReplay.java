package com.promisevalidator.calibration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.promisevalidator.history.model.HistoryRow;
import com.promisevalidator.performance.estimate.Hierarchy;
import com.promisevalidator.performance.model.Blend;
import com.promisevalidator.performance.model.Distribution;
import com.promisevalidator.performance.model.Histogram;
import com.promisevalidator.performance.model.Survival;

/**
 * Quick in-process replay of the estimator arithmetic alone (no service, no database; a measurement, not a unit
 * test; skipped unless asked for). Week by week: the export as of the week's Monday holds the orders completed by
 * then and, censored at their age then, the ones still open (lost past the horizon); every order placed that week
 * gets the lane's quantile at the target. Compared with the seller's own quotes and a plain lane quantile with
 * fallbacks, on the tuning months (up to 2017-06) and the judged months (2017-07..12) separately.
 *
 * <pre>./mvnw -o -q test -Dtest=EstimatorReplay -Dcalibration.csv=../shared/data/olist-dev/history.csv</pre>
 *
 * Lead days are calendar days from the purchase day to the delivery day (the service counts from the release day
 * after cut-off, so its figures differ slightly). Writes target/calibration/estimator.md.
 *
 * <p>Besides the fixed variants it runs the drift-adaptive recency grid ({@link #grid()}: cohort weights, a short
 * memory used when a test says the recent evidence is slower) and names the variant {@link #pick} chooses from the
 * tuned months alone. {@code -Dcalibration.variants=<name part>} (or the second argument of {@link #main}) runs only
 * the variants whose name contains it, e.g. "S service" for the service's own arithmetic.
 */
@EnabledIfSystemProperty(named = "calibration.csv", matches = ".+")
class EstimatorReplay {

    static final YearMonth LAST_TUNED = YearMonth.of(2017, 6);
    static final int HORIZON = 120;

    record Order(String site, String region, LocalDate ordered, LocalDate completed, LocalDate quoted) {
        int lead() {
            return (int) ChronoUnit.DAYS.between(ordered, completed);
        }
    }

    /** One way of estimating: the settings measured. */
    record Variant(String name, double priorWeight, int halfLife, boolean open, boolean empiricalBayes, double conformalGain, Drift drift) {
        Variant(String name, double priorWeight, int halfLife, boolean open, boolean empiricalBayes, double conformalGain) {
            this(name, priorWeight, halfLife, open, empiricalBayes, conformalGain, null);
        }
    }

    /**
     * Drift-adaptive recency: a level's evidence is also weighed with a shorter half-life; when the short-memory
     * Kaplan-Meier curve says the level is slower than the long-memory one by more than {@code z} standard errors
     * (at the long curve's P{@code pTest}, or, with {@code maxOver}, at the worst point where its tail is 2-50 %),
     * the level speaks with its short memory. {@code global}: the test on all deliveries decides for every level.
     * {@code exactVar}: the variance of the difference from the exact weights (else 1/(3 n_eff), steady flow).
     */
    record Drift(int shortHalfLife, double z, double pTest, boolean maxOver, boolean global, boolean exactVar, boolean cohort, boolean viaService) {
        Drift(int shortHalfLife, double z, double pTest, boolean maxOver, boolean global, boolean exactVar) {
            this(shortHalfLife, z, pTest, maxOver, global, exactVar, false, false);
        }

        Drift(int shortHalfLife, double z, double pTest, boolean maxOver, boolean global, boolean exactVar, boolean cohort) {
            this(shortHalfLife, z, pTest, maxOver, global, exactVar, cohort, false);
        }

        /** The service's own arithmetic ({@link Hierarchy#estimate(List, List, Hierarchy.Drift, Distribution, Blend, int, int)}). */
        static Drift service(int shortHalfLife, double z) {
            return new Drift(shortHalfLife, z, Hierarchy.Drift.PROBE, false, true, false, true, true);
        }

        /** Weights from the purchase day of every order, finished or open (no drift test: z = +inf). */
        static Drift cohortWeighted() {
            return new Drift(0, Double.POSITIVE_INFINITY, 0.9, false, false, true, true);
        }

        static Drift cohortWeighted(int shortHalfLife, double z, double pTest, boolean maxOver) {
            return new Drift(shortHalfLife, z, pTest, maxOver, false, true, true);
        }

        static Drift cohortGlobal(int shortHalfLife, double z, double pTest, boolean maxOver) {
            return new Drift(shortHalfLife, z, pTest, maxOver, true, true, true);
        }
    }

    static final List<Variant> VARIANTS = List.of(
            new Variant("as shipped: k=30, half-life 30, completed only", 30, 30, false, false, 0),
            new Variant("open orders censored at the export, k=30, half-life 30", 30, 30, true, false, 0),
            new Variant("open, k=10, half-life 30", 10, 30, true, false, 0),
            new Variant("open, k=60, half-life 30", 60, 30, true, false, 0),
            new Variant("open, empirical-Bayes k, half-life 30", 30, 30, true, true, 0),
            new Variant("open, k=30, half-life 60", 30, 60, true, false, 0),
            new Variant("open, empirical-Bayes k, half-life 60", 30, 60, true, true, 0),
            new Variant("open, k=30, half-life 20", 30, 20, true, false, 0),
            new Variant("open, k=60, half-life 20", 60, 20, true, false, 0),
            new Variant("open, empirical-Bayes k, half-life 20", 30, 20, true, true, 0),
            new Variant("open, k=30, half-life 15", 30, 15, true, false, 0),
            new Variant("open, empirical-Bayes k, half-life 15", 30, 15, true, true, 0),
            new Variant("open, k=30, half-life 30, adaptive conformal (gain 0.05)", 30, 30, true, false, 0.05),
            new Variant("open, k=30, half-life 30, adaptive conformal (gain 0.1)", 30, 30, true, false, 0.1),
            new Variant("cohort-weighted, k=30, half-life 30", 30, 30, true, false, 0, Drift.cohortWeighted()),
            new Variant("cohort-weighted, k=30, half-life 20", 30, 20, true, false, 0, Drift.cohortWeighted()),
            new Variant("cohort-weighted, k=30, half-life 15", 30, 15, true, false, 0, Drift.cohortWeighted()),
            new Variant("cohort-weighted, k=30, half-life 10", 30, 10, true, false, 0, Drift.cohortWeighted()),
            new Variant("cohort-weighted, k=30, half-life 7", 30, 7, true, false, 0, Drift.cohortWeighted()),
            new Variant("cohort-weighted, hl 30, drift test P90 z>2 -> short 15", 30, 30, true, false, 0, Drift.cohortWeighted(15, 2, 0.9, false)),
            new Variant("cohort-weighted, hl 30, drift test P90 z>2 -> short 10", 30, 30, true, false, 0, Drift.cohortWeighted(10, 2, 0.9, false)),
            new Variant("cohort-weighted, hl 30, drift test P90 z>1.645 -> short 10", 30, 30, true, false, 0, Drift.cohortWeighted(10, 1.645, 0.9, false)),
            new Variant("cohort-weighted, hl 30, drift max-z>2 -> short 10", 30, 30, true, false, 0, Drift.cohortWeighted(10, 2, 0.9, true)),
            new Variant("cohort-weighted, hl 30, drift max-z>3 -> short 10", 30, 30, true, false, 0, Drift.cohortWeighted(10, 3, 0.9, true)),
            new Variant("cohort-weighted, hl 30, drift test P90 z>2 -> short 7", 30, 30, true, false, 0, Drift.cohortWeighted(7, 2, 0.9, false)),
            new Variant("cohort-weighted, hl 30, drift max-z>2 -> short 7", 30, 30, true, false, 0, Drift.cohortWeighted(7, 2, 0.9, true)),
            new Variant("cohort-weighted, hl 30, drift max-z>3 -> short 7", 30, 30, true, false, 0, Drift.cohortWeighted(7, 3, 0.9, true)),
            new Variant("cohort-weighted, hl 30, drift max-z>2 -> short 5", 30, 30, true, false, 0, Drift.cohortWeighted(5, 2, 0.9, true)),
            new Variant("cohort-weighted, hl 30, global drift max-z>2 -> short 10", 30, 30, true, false, 0, Drift.cohortGlobal(10, 2, 0.9, true)),
            new Variant("cohort-weighted, hl 30, global drift max-z>2 -> short 7", 30, 30, true, false, 0, Drift.cohortGlobal(7, 2, 0.9, true)),
            new Variant("cohort-weighted, hl 30, global drift max-z>3 -> short 7", 30, 30, true, false, 0, Drift.cohortGlobal(7, 3, 0.9, true)),
            new Variant("cohort-weighted, hl 30, global drift P90 z>2 -> short 7", 30, 30, true, false, 0, Drift.cohortGlobal(7, 2, 0.9, false)),
            new Variant("drift: always the short (15) curve", 30, 30, true, false, 0, new Drift(15, -99, 0.9, false, false, true)),
            new Variant("drift: level test at P90, short 15, z>1.645, exact var", 30, 30, true, false, 0, new Drift(15, 1.645, 0.9, false, false, true)),
            new Variant("drift: level test at P90, short 15, z>2, exact var", 30, 30, true, false, 0, new Drift(15, 2, 0.9, false, false, true)),
            new Variant("drift: level test at P90, short 15, z>3, exact var", 30, 30, true, false, 0, new Drift(15, 3, 0.9, false, false, true)),
            new Variant("drift: level test at P90, short 15, z>2, approx var", 30, 30, true, false, 0, new Drift(15, 2, 0.9, false, false, false)),
            new Variant("drift: level test at P90, short 20, z>2, exact var", 30, 30, true, false, 0, new Drift(20, 2, 0.9, false, false, true)),
            new Variant("drift: level test at P90, short 10, z>2, exact var", 30, 30, true, false, 0, new Drift(10, 2, 0.9, false, false, true)),
            new Variant("drift: level max-z test, short 15, z>2, exact var", 30, 30, true, false, 0, new Drift(15, 2, 0.9, true, false, true)),
            new Variant("drift: level max-z test, short 15, z>3, exact var", 30, 30, true, false, 0, new Drift(15, 3, 0.9, true, false, true)),
            new Variant("drift: global test at P90, short 15, z>2, exact var", 30, 30, true, false, 0, new Drift(15, 2, 0.9, false, true, true)),
            new Variant("drift: level test at P75, short 15, z>2, exact var", 30, 30, true, false, 0, new Drift(15, 2, 0.75, false, false, true)));

    /** The drift grid, declared before looking at any figure; the pick is by the tuned months alone (see {@link #pick}). */
    static List<Variant> grid() {
        List<Variant> g = new ArrayList<>();
        g.add(new Variant("S service estimator: cohort weights, half-life 30, drift-half-life 7, drift-z 2", 30, 30, true, false, 0, Drift.service(7, 2)));
        g.add(new Variant("C completed only, cohort weights, half-life 30, no drift test", 30, 30, false, false, 0, Drift.cohortWeighted()));
        g.add(new Variant("C completed only, service estimator (no open orders: shipped weights, no test)", 30, 30, false, false, 0, Drift.service(7, 2)));
        g.add(new Variant("G cohort-weighted, half-life 30, no drift test", 30, 30, true, false, 0, Drift.cohortWeighted()));
        for (boolean global : new boolean[]{false, true}) {
            for (boolean maxOver : new boolean[]{false, true}) {
                for (int hs : new int[]{5, 7, 10, 15}) {
                    for (double z : new double[]{2, 3}) {
                        g.add(new Variant(String.format(Locale.ROOT, "G cohort, hl 30, %s test %s z>%.0f -> half-life %d", global ? "all-deliveries" : "per-level",
                                maxOver ? "max-z" : "at P90", z, hs), 30, 30, true, false, 0, new Drift(hs, z, 0.9, maxOver, global, false, true)));
                    }
                }
            }
        }
        return g;
    }

    /**
     * The pick, tuned months only: tuned kept within 1.5 points of both targets, then the best tuned worst month at 0.90,
     * then at 0.925, then the fewest tuned days at 0.90.
     */
    static String pick(Map<String, Outcome[]> results, double[] targets) {
        String best = null;
        double[] bestKey = null;
        for (Map.Entry<String, Outcome[]> e : results.entrySet()) {
            boolean ok = true;
            for (int i = 0; i < targets.length; i++) ok &= Math.abs(sum(e.getValue()[i].model(), false).rate() - targets[i]) <= 0.015 + 1e-9;
            if (!ok) continue;
            Tally t0 = sum(e.getValue()[0].model(), false);
            double[] key = {worstRate(e.getValue()[0].model(), false), worstRate(e.getValue()[1].model(), false), -t0.days / t0.n};
            if (bestKey == null || java.util.Arrays.compare(key, bestKey) > 0) {
                best = e.getKey();
                bestKey = key;
            }
        }
        return best;
    }

    static double worstRate(Map<YearMonth, Tally> months, boolean judged) {
        double w = 2;
        for (Map.Entry<YearMonth, Tally> e : months.entrySet()) {
            if (e.getKey().isAfter(LAST_TUNED) != judged || e.getValue().n < 50) continue;
            w = Math.min(w, e.getValue().rate());
        }
        return w;
    }

    static final class Tally {
        long n, kept;
        double days;

        void add(boolean k, int d) {
            n++;
            if (k) kept++;
            days += d;
        }

        double rate() {
            return n == 0 ? Double.NaN : kept / (double) n;
        }
    }

    /** Per month: model, seller, plain. */
    record Outcome(Map<YearMonth, Tally> model, Map<YearMonth, Tally> seller, Map<YearMonth, Tally> plain) {
    }

    /** The same without Maven: java -cp target/classes:target/test-classes:commons-csv.jar ...EstimatorReplay history.csv [variant] */
    public static void main(String[] args) throws IOException {
        System.setProperty("calibration.csv", args[0]);
        if (args.length > 1) System.setProperty("calibration.variants", args[1]);
        new EstimatorReplay().replay();
    }

    @Test
    void replay() throws IOException {
        List<Order> orders = new ArrayList<>();
        for (HistoryRow r : ReplayTally.deliveries(Path.of(System.getProperty("calibration.csv")))) {
            orders.add(new Order(r.site(), r.region(), r.orderedAt().toLocalDate(), r.completedAt().toLocalDate(), r.promisedBy()));
        }
        orders.sort(Comparator.comparing(Order::ordered));
        List<Variant> all = new ArrayList<>(VARIANTS);
        all.addAll(grid());
        List<Variant> variants = System.getProperty("calibration.variants", "all").equals("all") ? all
                : all.stream().filter(v -> v.name().contains(System.getProperty("calibration.variants"))).toList();
        StringBuilder out = new StringBuilder();
        double[] targets = {0.90, 0.925};
        Map<String, Outcome[]> results = new java.util.LinkedHashMap<>();
        for (int ti = 0; ti < targets.length; ti++) {
            double target = targets[ti];
            out.append(String.format(Locale.ROOT, "%n### target %.3f%n%n", target));
            out.append("| variant | tuned: kept | tuned: days | tuned: worst month | judged: kept | judged: days | judged: worst month | seller kept / days | plain lane P kept / days / worst |\n");
            out.append("|---|---|---|---|---|---|---|---|---|\n");
            for (Variant v : variants) {
                driftLevels = allLevels = 0;
                Outcome o = run(orders, target, v);
                final int index = ti;
                results.computeIfAbsent(v.name(), x -> new Outcome[targets.length])[index] = o;
                if (v.drift() != null) System.err.printf(Locale.ROOT, "%s @%.3f: %.1f %% of levels drifting%n", v.name(), target, 100.0 * driftLevels / Math.max(1, allLevels));
                Tally tm = sum(o.model(), false), jm = sum(o.model(), true), js = sum(o.seller(), true), jp = sum(o.plain(), true);
                out.append(String.format(Locale.ROOT, "| %s | %.3f | %.1f | %s | %.3f | %.1f | %s | %.3f / %.1f | %.3f / %.1f / %s |%n", v.name(),
                        tm.rate(), tm.days / tm.n, worst(o.model(), false), jm.rate(), jm.days / jm.n, worst(o.model(), true), js.rate(), js.days / js.n,
                        jp.rate(), jp.days / jp.n, worst(o.plain(), true)));
            }
        }
        out.append("\nPick by the tuned months (within 1.5 points of both targets, best tuned worst month): ").append(pick(results, targets)).append('\n');
        Path report = Path.of("target/calibration/estimator.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, out.toString());
        System.out.println(out);
        if (orders.isEmpty()) throw new AssertionError("no delivered orders in the file");
    }

    static Tally sum(Map<YearMonth, Tally> months, boolean judged) {
        Tally t = new Tally();
        months.forEach((m, x) -> {
            if (m.isAfter(LAST_TUNED) == judged) {
                t.n += x.n;
                t.kept += x.kept;
                t.days += x.days;
            }
        });
        return t;
    }

    static String worst(Map<YearMonth, Tally> months, boolean judged) {
        YearMonth wm = null;
        double w = 2;
        for (Map.Entry<YearMonth, Tally> e : months.entrySet()) {
            if (e.getKey().isAfter(LAST_TUNED) != judged || e.getValue().n < 50) continue;
            if (e.getValue().rate() < w) {
                w = e.getValue().rate();
                wm = e.getKey();
            }
        }
        return String.format(Locale.ROOT, "%.3f (%s)", w, wm);
    }

    static Outcome run(List<Order> orders, double target, Variant v) {
        Map<YearMonth, Tally> model = new TreeMap<>(), seller = new TreeMap<>(), plain = new TreeMap<>();
        LocalDate week = orders.get(0).ordered().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate end = orders.get(orders.size() - 1).ordered();
        Blend blend = new Blend(v.priorWeight(), 0.90, 1);
        double adjust = 0;
        List<int[]> promised = new ArrayList<>(); // index of order, promised days
        int next = 0;
        while (!week.isAfter(end)) {
            LocalDate t = week;
            // adaptive conformal: promises that came due last week say whether the quantile held
            if (v.conformalGain() > 0) {
                long due = 0, kept = 0;
                for (int[] p : promised) {
                    Order o = orders.get(p[0]);
                    LocalDate by = o.ordered().plusDays(p[1]);
                    if (!by.isBefore(t) || by.isBefore(t.minusDays(7))) continue;
                    due++;
                    if (!o.completed().isAfter(by)) kept++;
                }
                if (due > 0) adjust = Math.max(-0.3, Math.min(0.07, adjust + v.conformalGain() * (target - kept / (double) due)));
            }
            Map<String, Histogram> finished = new HashMap<>(), open = new HashMap<>();
            Map<String, Histogram> finishedS = new HashMap<>(), openS = new HashMap<>();
            Map<String, double[]> cross = new HashMap<>(); // key -> {sum wS^2, sum wS*wL}
            Map<String, Histogram> finishedK = new HashMap<>(), openK = new HashMap<>(); // the service's: by the day known
            int hs = v.drift() == null ? 0 : v.drift().shortHalfLife();
            for (Order o : orders) {
                if (!o.ordered().isBefore(t)) break;
                for (String key : keys(o)) {
                    boolean cohort = v.drift() != null && v.drift().cohort();
                    if (o.completed().isBefore(t)) {
                        LocalDate day = cohort ? o.ordered() : o.completed();
                        double w = weight(day, v.halfLife());
                        if (v.drift() != null && v.drift().viaService()) {
                            double wk = weight(o.completed(), v.halfLife());
                            finishedK.computeIfAbsent(key, x -> new Histogram()).add(o.lead(), 1, wk, wk * wk);
                        }
                        finished.computeIfAbsent(key, x -> new Histogram()).add(o.lead(), 1, w, w * w);
                        if (hs > 0) {
                            double ws = weight(day, hs);
                            finishedS.computeIfAbsent(key, x -> new Histogram()).add(o.lead(), 1, ws, ws * ws);
                            double[] c = cross.computeIfAbsent(key, x -> new double[2]);
                            c[0] += ws * ws;
                            c[1] += ws * w;
                        }
                    } else if (v.open()) {
                        int age = (int) ChronoUnit.DAYS.between(o.ordered(), t);
                        if (age > HORIZON) continue;
                        LocalDate day = cohort ? o.ordered() : t;
                        double w = weight(day, v.halfLife());
                        if (v.drift() != null && v.drift().viaService()) {
                            double wk = weight(t, v.halfLife());
                            openK.computeIfAbsent(key, x -> new Histogram()).add(age, 1, wk, wk * wk);
                        }
                        open.computeIfAbsent(key, x -> new Histogram()).add(age, 1, w, w * w);
                        if (hs > 0) {
                            double ws = weight(day, hs);
                            openS.computeIfAbsent(key, x -> new Histogram()).add(age, 1, ws, ws * ws);
                            double[] c = cross.computeIfAbsent(key, x -> new double[2]);
                            c[0] += ws * ws;
                            c[1] += ws * w;
                        }
                    }
                }
            }
            Map<String, Boolean> drifting = new HashMap<>();
            longHalfLife = v.halfLife();
            Blend b = v.empiricalBayes() ? new Blend(empiricalK(finished, v.priorWeight()), 0.90, 1) : blend;
            double p = Math.max(0.5, Math.min(0.995, target + adjust));
            while (next < orders.size() && orders.get(next).ordered().isBefore(t.plusDays(7))) {
                Order o = orders.get(next);
                List<Hierarchy.Level> levels = new ArrayList<>();
                String[] ks = keys(o);
                if (v.drift() != null && v.drift().viaService()) {
                    // as PerformanceStats: cohort weights and the drift test only when the export carries open orders
                    boolean adaptive = open.get("A") != null && !open.get("A").isEmpty();
                    List<Hierarchy.Level> shortLevels = adaptive ? new ArrayList<>() : null;
                    for (int i = ks.length - 1; i >= 0; i--) {
                        if (!adaptive) {
                            levels.add(Hierarchy.level(ks[i], finishedK.get(ks[i]), openK.get(ks[i]), null, 0));
                            continue;
                        }
                        levels.add(Hierarchy.level(ks[i], finished.get(ks[i]), open.get(ks[i]), null, 0));
                        shortLevels.add(Hierarchy.level(ks[i], finishedS.get(ks[i]), openS.get(ks[i]), null, 0));
                    }
                    Distribution d = Hierarchy.estimate(levels, shortLevels, new Hierarchy.Drift(v.drift().z(), v.halfLife(), v.drift().shortHalfLife()),
                            Distribution.planning(5, 0.90, "default"), b, 1, 7);
                    int q = d.quantile(p);
                    YearMonth m = YearMonth.from(o.ordered());
                    model.computeIfAbsent(m, x -> new Tally()).add(o.lead() <= q, q);
                    int sq = (int) ChronoUnit.DAYS.between(o.ordered(), o.quoted());
                    seller.computeIfAbsent(m, x -> new Tally()).add(!o.completed().isAfter(o.quoted()), sq);
                    int pq = plainQuantile(finished, ks, target);
                    plain.computeIfAbsent(m, x -> new Tally()).add(o.lead() <= pq, pq);
                    next++;
                    continue;
                }
                for (int i = ks.length - 1; i >= 0; i--) {
                    String key = ks[i];
                    boolean drift = v.drift() != null && drifting.computeIfAbsent(v.drift().global() ? "A" : key,
                            x -> drifts(v.drift(), finished.get(x), open.get(x), finishedS.get(x), openS.get(x), cross.get(x)));
                    levels.add(drift ? Hierarchy.level(key, finishedS.get(key), openS.get(key), null, 0)
                            : Hierarchy.level(key, finished.get(key), open.get(key), null, 0));
                    if (drift) driftLevels++;
                    allLevels++;
                }
                Distribution d = Hierarchy.estimate(levels, Distribution.planning(5, 0.90, "default"), b, 1, 7);
                int q = d.quantile(p);
                promised.add(new int[]{next, q});
                YearMonth m = YearMonth.from(o.ordered());
                model.computeIfAbsent(m, x -> new Tally()).add(o.lead() <= q, q);
                int sq = (int) ChronoUnit.DAYS.between(o.ordered(), o.quoted());
                seller.computeIfAbsent(m, x -> new Tally()).add(!o.completed().isAfter(o.quoted()), sq);
                int pq = plainQuantile(finished, ks, target);
                plain.computeIfAbsent(m, x -> new Tally()).add(o.lead() <= pq, pq);
                next++;
            }
            week = week.plusDays(7);
        }
        return new Outcome(model, seller, plain);
    }

    static long driftLevels, allLevels;
    static int longHalfLife = 30;

    /** Whether the short-memory curve of a level is significantly slower than its long-memory one. */
    static boolean drifts(Drift d, Histogram f, Histogram o, Histogram fs, Histogram os, double[] cross) {
        if (f == null || f.n() < 1 || fs == null || d.shortHalfLife() <= 0) return false;
        Hierarchy.Level l = Hierarchy.level("", f, o, null, 0), s = Hierarchy.level("", fs, os, null, 0);
        int length = HORIZON + 2;
        double[] cl = Survival.cdf(f.bins(), l.open(), length), cs = Survival.cdf(fs.bins(), s.open(), length);
        double wl = f.weight() + l.openWeight(), wl2 = f.weight2() + l.openWeight2();
        double ws = fs.weight() + s.openWeight(), ws2 = fs.weight2() + s.openWeight2();
        double a = 1.0 / longHalfLife, b = 1.0 / d.shortHalfLife();
        double factor = d.exactVar() ? Math.max(0, ws2 / (ws * ws) - 2 * cross[1] / (ws * wl) + wl2 / (wl * wl))
                : (b - a) * (b - a) / (a * (a + b)) * wl2 / (wl * wl);
        if (factor <= 0) return false;
        double best = Double.NEGATIVE_INFINITY;
        if (!d.maxOver()) {
            int q = -1;
            for (int v = 0; v < length; v++) if (cl[v] >= d.pTest() - 1e-9) { q = v; break; }
            if (q < 0) return d.z() < -50;
            double sl = 1 - cl[q], ss = 1 - cs[q];
            double var = Math.max(sl * (1 - sl), 0.25 / Math.max(1, wl * wl / wl2)) * factor;
            best = (ss - sl) / Math.sqrt(var);
        } else {
            for (int v = 0; v < length; v++) {
                double sl = 1 - cl[v];
                if (sl > 0.5 || sl < 0.02) continue;
                double ss = 1 - cs[v];
                best = Math.max(best, (ss - sl) / Math.sqrt(sl * (1 - sl) * factor));
            }
        }
        return best > d.z();
    }

    /** Most specific first: lane, region, site, everything. */
    static String[] keys(Order o) {
        return new String[]{"L" + o.site() + ">" + o.region(), "R" + o.region(), "S" + o.site(), "A"};
    }

    static double weight(LocalDate day, int halfLife) {
        return Math.pow(2.0, (day.toEpochDay() - LocalDate.of(2017, 1, 1).toEpochDay()) / (double) halfLife);
    }

    /** A plain quantile of completed orders, unweighted: the lane with 10 or more, else region, site, everything. */
    static int plainQuantile(Map<String, Histogram> finished, String[] keys, double p) {
        for (String k : keys) {
            Histogram h = finished.get(k);
            if (h == null || h.n() < 10) continue;
            long need = (long) Math.ceil(p * h.n()), acc = 0;
            for (Map.Entry<Integer, double[]> e : h.bins().entrySet()) {
                acc += (long) e.getValue()[0];
                if (acc >= need) return e.getKey();
            }
        }
        return 5;
    }

    /**
     * Empirical-Bayes prior weight: within-lane variance over between-lane variance of lane means around their
     * region (method of moments), from lanes with at least five finished orders; the fallback when too few.
     */
    static double empiricalK(Map<String, Histogram> finished, double fallback) {
        double within = 0, between = 0, noise = 0;
        int lanes = 0;
        for (Map.Entry<String, Histogram> e : finished.entrySet()) {
            if (!e.getKey().startsWith("L") || e.getValue().n() < 5) continue;
            Histogram lane = e.getValue();
            Histogram region = finished.get("R" + e.getKey().substring(e.getKey().indexOf('>') + 1));
            double[] ml = moments(lane), mr = moments(region);
            within += ml[1];
            between += (ml[0] - mr[0]) * (ml[0] - mr[0]);
            noise += ml[1] / lane.effectiveN();
            lanes++;
        }
        if (lanes < 5) return fallback;
        double tau2 = Math.max(1e-6, (between - noise) / lanes);
        return Math.max(1, Math.min(1000, (within / lanes) / tau2));
    }

    /** Weighted mean and variance. */
    static double[] moments(Histogram h) {
        double w = 0, s = 0, s2 = 0;
        for (Map.Entry<Integer, double[]> e : h.bins().entrySet()) {
            w += e.getValue()[1];
            s += e.getValue()[1] * e.getKey();
            s2 += e.getValue()[1] * e.getKey() * (double) e.getKey();
        }
        double mean = s / w;
        return new double[]{mean, Math.max(0, s2 / w - mean * mean)};
    }
}
