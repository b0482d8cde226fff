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
    record Variant(String name, double priorWeight, int halfLife, boolean open, boolean empiricalBayes, double conformalGain) {
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
            new Variant("open, k=30, half-life 30, adaptive conformal (gain 0.1)", 30, 30, true, false, 0.1));

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
        List<Variant> variants = System.getProperty("calibration.variants", "all").equals("all") ? VARIANTS
                : VARIANTS.stream().filter(v -> v.name().contains(System.getProperty("calibration.variants"))).toList();
        StringBuilder out = new StringBuilder();
        for (double target : new double[]{0.90, 0.925}) {
            out.append(String.format(Locale.ROOT, "%n### target %.3f%n%n", target));
            out.append("| variant | tuned: kept | tuned: days | tuned: worst month | judged: kept | judged: days | judged: worst month | seller kept / days | plain lane P kept / days / worst |\n");
            out.append("|---|---|---|---|---|---|---|---|---|\n");
            for (Variant v : variants) {
                Outcome o = run(orders, target, v);
                Tally tm = sum(o.model(), false), jm = sum(o.model(), true), js = sum(o.seller(), true), jp = sum(o.plain(), true);
                out.append(String.format(Locale.ROOT, "| %s | %.3f | %.1f | %s | %.3f | %.1f | %s | %.3f / %.1f | %.3f / %.1f / %s |%n", v.name(),
                        tm.rate(), tm.days / tm.n, worst(o.model(), false), jm.rate(), jm.days / jm.n, worst(o.model(), true), js.rate(), js.days / js.n,
                        jp.rate(), jp.days / jp.n, worst(o.plain(), true)));
            }
        }
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
            for (Order o : orders) {
                if (!o.ordered().isBefore(t)) break;
                for (String key : keys(o)) {
                    if (o.completed().isBefore(t)) {
                        double w = weight(o.completed(), v.halfLife());
                        finished.computeIfAbsent(key, x -> new Histogram()).add(o.lead(), 1, w, w * w);
                    } else if (v.open()) {
                        int age = (int) ChronoUnit.DAYS.between(o.ordered(), t);
                        if (age > HORIZON) continue;
                        double w = weight(t, v.halfLife());
                        open.computeIfAbsent(key, x -> new Histogram()).add(age, 1, w, w * w);
                    }
                }
            }
            Blend b = v.empiricalBayes() ? new Blend(empiricalK(finished, v.priorWeight()), 0.90, 1) : blend;
            double p = Math.max(0.5, Math.min(0.995, target + adjust));
            while (next < orders.size() && orders.get(next).ordered().isBefore(t.plusDays(7))) {
                Order o = orders.get(next);
                List<Hierarchy.Level> levels = new ArrayList<>();
                String[] ks = keys(o);
                for (int i = ks.length - 1; i >= 0; i--) {
                    levels.add(Hierarchy.level(ks[i], finished.get(ks[i]), open.get(ks[i]), null, 0));
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
