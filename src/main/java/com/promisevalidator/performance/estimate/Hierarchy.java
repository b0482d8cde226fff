package com.promisevalidator.performance.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import com.promisevalidator.performance.model.Ageing;
import com.promisevalidator.performance.model.Blend;
import com.promisevalidator.performance.model.Distribution;
import com.promisevalidator.performance.model.Histogram;
import com.promisevalidator.performance.model.SourceWords;
import com.promisevalidator.performance.model.Survival;

/**
 * The estimate of a duration from a chain of evidence levels, general to specific (everything, site, region,
 * lane; service type, service at a site). Pure arithmetic: no database, no cache, no clock.
 *
 * <p>Each level is a Kaplan-Meier estimate of its finished and open work (open work is right-censored:
 * "at least this long"). A level is shrunk toward what the levels above it say, the parent counting as
 * {@code priorWeight} extra observations against the level's own effective sample size (Kish's, after time decay,
 * open orders included): a thin lane moves only a little from its parent, a busy one speaks for itself.
 *
 * <p>Drift-adaptive recency: the same evidence may also come weighed with a short memory (a shorter half-life). When
 * the most general level's short-memory curve says work now takes longer than its long-memory curve, by more than
 * {@link Drift#z()} standard errors at the long curve's P90, every level speaks with its short memory (a market-wide
 * slowdown, e.g. a peak season, is followed within days); otherwise the long memory keeps promises short.
 */
public final class Hierarchy {

    private Hierarchy() {
    }

    /**
     * One level's evidence.
     *
     * @param words      what it is, for the answer ("SP→RJ deliveries")
     * @param finished   finished work (null = none)
     * @param open       open work: age in steps -> decayed weight (empty = none)
     * @param openCounts open work: age in steps -> how many orders (for the drift evidence)
     * @param openWeight sum of the open orders' weights
     * @param openWeight2 sum of their squared weights (for the effective sample size)
     */
    public record Level(String words, Histogram finished, NavigableMap<Integer, Double> open, NavigableMap<Integer, Long> openCounts,
                        double openWeight, double openWeight2) {
        public static Level finishedOnly(String words, Histogram finished) {
            return new Level(words, finished, new TreeMap<>(), new TreeMap<>(), 0, 0);
        }

        /** Effective sample size of finished and open work together. */
        public double effectiveN() {
            double w = (finished == null ? 0 : finished.weight()) + openWeight;
            double w2 = (finished == null ? 0 : finished.weight2()) + openWeight2;
            return w2 <= 0 ? 0 : w * w / w2;
        }

        /**
         * The effective number of its orders known to take longer than {@code v}: finished after it, or still open past it
         * (open at {@code v} or less says nothing of how far beyond {@code v} work goes).
         */
        double effectiveBeyond(int v) {
            double total = (finished == null ? 0 : finished.weight()) + openWeight;
            if (total <= 0) return 0;
            double beyond = 0;
            if (finished != null) for (Map.Entry<Integer, double[]> e : finished.bins().entrySet()) if (e.getKey() > v) beyond += e.getValue()[1];
            for (double x : open.tailMap(v, false).values()) beyond += x;
            return effectiveN() * Math.min(1.0, beyond / total);
        }

        long openN() {
            long n = 0;
            for (long c : openCounts.values()) n += c;
            return n;
        }
    }

    /**
     * When to answer from the short memory.
     *
     * @param z              standard errors by which the short-memory tail must exceed the long-memory one
     * @param halfLifeDays   the long memory's half-life
     * @param shortHalfLifeDays the short memory's half-life (shorter)
     */
    public record Drift(double z, int halfLifeDays, int shortHalfLifeDays, boolean pace) {
        /** The tail probed by the test: the long curve's P90. */
        public static final double PROBE = 0.90;

        /** Without the pace (services: their finished jobs need no nowcast). */
        public Drift(double z, int halfLifeDays, int shortHalfLifeDays) {
            this(z, halfLifeDays, shortHalfLifeDays, false);
        }

        /**
         * Variance of (short-memory share - long-memory share) over the share's own binomial variance times 1/n_eff
         * of the long memory, for forward-decayed weights of a steady flow: (b - a)^2 / (a (a + b)), a and b the decay
         * rates (1/half-life) of the long and short memory; 1/3 when the short half-life is half the long one.
         */
        double varianceFactor() {
            double a = 1.0 / halfLifeDays, b = 1.0 / shortHalfLifeDays;
            return (b - a) * (b - a) / (a * (a + b));
        }
    }

    /**
     * The long-memory estimate, stretched by the most general level's recent pace when {@code drift} reads one ({@link #pace},
     * deliveries), or the short-memory one when that level's tail has slowed down beyond the pace (see {@link #drifting}). {@code shortMemory} holds the same levels as {@code generalToSpecific},
     * weighed with the short half-life; null or an off {@code drift} = the long memory always.
     */
    public static Distribution estimate(List<Level> generalToSpecific, List<Level> shortMemory, Drift drift, Distribution planning,
                                        Blend blend, int perUnit, int minLength) {
        if (shortMemory == null || drift == null || shortMemory.size() != generalToSpecific.size()) {
            return estimate(generalToSpecific, planning, blend, perUnit, minLength);
        }
        for (int i = 0; i < generalToSpecific.size(); i++) {
            Level l = generalToSpecific.get(i);
            if (l.finished() == null || l.finished().isEmpty() || l.finished().n() < blend.minEvidence()) continue;
            Curves curves = Curves.of(l, shortMemory.get(i), drift);
            double pace = drift.pace() ? pace(curves, l, drift) : 1.0;
            if (!drifting(curves, l, drift, pace)) {
                Distribution d = estimate(generalToSpecific, planning, blend, perUnit, minLength);
                return pace == 1.0 || !d.fromHistory() ? d : d.stretched(pace);
            }
            Distribution recent = estimate(shortMemory, planning, blend, perUnit, minLength);
            // an estimate resting on a lane's planning value weighed no memory of its own: nothing to say about one
            return recent.fromHistory() ? recent.withMemory(drift.shortHalfLifeDays()) : recent;
        }
        return estimate(generalToSpecific, planning, blend, perUnit, minLength);
    }

    /**
     * Whether a level's short-memory Kaplan-Meier curve leaves more work unfinished at the long curve's P90 than the
     * long curve does (10 %), by more than {@code drift.z()} standard errors of that difference: sqrt(S (1 - S) x
     * varianceFactor / n_eff), S the long curve's tail there (at least 1/(4 n_eff)), n_eff the long memory's
     * effective number of orders, finished and open. One-sided: a level that sped up keeps its long memory.
     */
    public static boolean drifting(Level longMemory, Level shortMemory, Drift drift) {
        return drifting(Curves.of(longMemory, shortMemory, drift), longMemory, drift, 1.0);
    }

    /**
     * Both memories' Kaplan-Meier curves over one length, as the drift and pace tests read them: an order open at age a may
     * still finish on day a (Survival.cdf with true), or the short memory, whose evidence is mostly the recent weeks' open
     * orders, looks slower than the long one in a steady flow. Null when either memory has no finished work or the short
     * memory is not shorter than a decaying long one: nothing to compare.
     */
    private record Curves(double[] longer, double[] shorter, int length) {
        static Curves of(Level longMemory, Level shortMemory, Drift drift) {
            Histogram fl = longMemory.finished(), fs = shortMemory.finished();
            if (fl == null || fl.isEmpty() || fs == null || fs.isEmpty()) return null;
            if (drift.shortHalfLifeDays() <= 0 || drift.halfLifeDays() <= 0 || drift.shortHalfLifeDays() >= drift.halfLifeDays()) return null;
            int length = Math.max(fl.maxValue(), fs.maxValue()) + 2;
            if (!longMemory.open().isEmpty()) length = Math.max(length, longMemory.open().lastKey() + 2);
            if (!shortMemory.open().isEmpty()) length = Math.max(length, shortMemory.open().lastKey() + 2);
            return new Curves(Survival.cdf(fl.bins(), longMemory.open(), length, true), Survival.cdf(fs.bins(), shortMemory.open(), length, true),
                    length);
        }
    }

    /** Probe: the median of the two memories (the body of the curve, seen long before its tail). */
    static final double PACE_PROBE = 0.5;

    /**
     * How much faster (below 1) or slower (above 1) the recent cohorts go than the long memory, read at the median: the
     * short memory's median over the long one's, when the short memory's share unfinished at the long median differs from
     * half by more than {@code drift.z()} standard errors (both ways); 1 otherwise. A cohort's median is known about when
     * half of it has arrived, weeks before its P90 is, so a market that speeds up or slows down is followed that much sooner.
     */
    public static double pace(Level longMemory, Level shortMemory, Drift drift) {
        return pace(Curves.of(longMemory, shortMemory, drift), longMemory, drift);
    }

    private static double pace(Curves curves, Level longMemory, Drift drift) {
        if (curves == null) return 1.0;
        double[] cl = curves.longer(), cs = curves.shorter();
        double ml = quantile(cl, PACE_PROBE), ms = quantile(cs, PACE_PROBE);
        if (!(ml > 0.5) || !(ms > 0.5)) return 1.0; // a same-day market has no pace to read
        int q = (int) Math.ceil(ml - 1e-9);
        double nEff = longMemory.effectiveN();
        if (nEff <= 0) return 1.0;
        double sl = 1 - cl[q], ss = 1 - cs[q];
        double variance = Math.max(sl * (1 - sl), 0.25 / Math.max(1, nEff)) * drift.varianceFactor() / nEff;
        if (Math.abs(ss - sl) / Math.sqrt(variance) <= drift.z()) return 1.0;
        return Math.max(0.5, Math.min(2.0, ms / ml));
    }

    /** The (linearly interpolated) day by which a share {@code p} of the work is done; NaN when never. */
    static double quantile(double[] cdf, double p) {
        for (int v = 0; v < cdf.length; v++) {
            if (cdf[v] >= p - 1e-12) {
                if (v == 0) return 0;
                double lo = cdf[v - 1];
                return cdf[v] - lo <= 1e-12 ? v : v - 1 + (p - lo) / (cdf[v] - lo);
            }
        }
        return Double.NaN;
    }

    /** The long curve read {@code pace} times as slow (stretched): the reference the tail test compares the short one with. */
    private static boolean drifting(Curves curves, Level longMemory, Drift drift, double pace) {
        if (curves == null) return false;
        double[] cl = curves.longer(), cs = curves.shorter();
        int length = curves.length();
        if (pace != 1.0) {
            cl = Distribution.stretch(cl, pace);
            if (cl.length > cs.length) cs = java.util.Arrays.copyOf(cs, cl.length);
            for (int v = length; v < cs.length; v++) cs[v] = cs[length - 1];
            length = cl.length;
        }
        int q = -1;
        for (int v = 0; v < length; v++) {
            if (cl[v] >= Drift.PROBE - 1e-9) {
                q = v;
                break;
            }
        }
        if (q < 0) return false; // the long curve never reaches its P90: nothing to compare
        double nEff = longMemory.effectiveN();
        if (nEff <= 0) return false;
        double sl = 1 - cl[q], ss = 1 - cs[q];
        double variance = Math.max(sl * (1 - sl), 0.25 / Math.max(1, nEff)) * drift.varianceFactor() / nEff;
        return (ss - sl) / Math.sqrt(variance) > drift.z();
    }

    /**
     * The blended distribution; {@link Distribution#ageing()} holds, when the most specific level used has open
     * work, the same estimate without any open work (so an answer can say how far ageing open orders moved it).
     */
    public static Distribution estimate(List<Level> generalToSpecific, Distribution planning, Blend blend, int perUnit, int minLength) {
        int length = minLength;
        for (Level l : generalToSpecific) {
            if (l.finished() != null) length = Math.max(length, l.finished().maxValue() + 2);
            if (!l.open().isEmpty()) length = Math.max(length, l.open().lastKey() + 2);
        }
        double[] acc = new double[length];
        double[] accClosed = new double[length]; // the same chain with open work left out
        for (int v = 0; v < length; v++) acc[v] = accClosed[v] = planning.cdf(v);
        boolean any = false;
        boolean keyPlanned = false; // the key's planning value stands in for the levels above the last one
        long n = 0;
        double nEff = 0;
        String source = planning.source();
        Level used = null;
        String leanedOn = null; // the parent's words when it counted for more than the level used last (a thin lane)
        double k = blend.planningPriorWeight(); // the planning value's weight against the first level, the prior weight after
        List<Level> mixed = new ArrayList<>(); // the levels acc rests on: how many orders stand behind its tail
        int last = generalToSpecific.size() - 1;
        for (int i = 0; i <= last; i++) {
            Level l = generalToSpecific.get(i);
            if (i == last && any && blend.planningOfKey()) {
                // ops' value for this very key (a lane's transit days) is its prior, in place of what other keys took; past
                // the value, where ops say nothing but that the rest takes longer, the rest is spread like the levels above
                planningOfKey(planning, acc, length);
                planningOfKey(planning, accClosed, length);
                k = blend.planningPriorWeight();
                n = 0;
                nEff = 0;
                source = planning.source();
                used = null;
                keyPlanned = true;
            }
            Histogram h = l.finished();
            // open orders alone say nothing about how long work takes; too few finished ones are left to the parent
            if (h == null || h.isEmpty() || h.n() < blend.minEvidence()) continue;
            double w = l.effectiveN();
            int seen = l.open().isEmpty() ? h.maxValue() : Math.max(h.maxValue(), l.open().lastKey()); // the longest it has seen
            double[] c = l.open().isEmpty() ? h.cdf(length)
                    : completeTail(Survival.cdf(h.bins(), l.open(), length), seen, acc, beyond(mixed, seen));
            double wClosed = h.effectiveN();
            if (keyPlanned) {
                k = planningWeight(k, w);
                if (k <= 0) keyPlanned = false; // the lane's history alone speaks, and its words say so
            }
            leanedOn = w < k && !keyPlanned ? source : null;
            mix(acc, c, w, k);
            mix(accClosed, h.cdf(length), wClosed, k);
            mixed.add(l);
            k = blend.priorWeight();
            any = true;
            n = h.n();
            nEff = w;
            source = l.words();
            used = l;
        }
        if (!any) return planning;
        // the key's planning value has the last word: the estimate rests on it, not on history
        if (used == null) return new Distribution(acc, 0, 0, source, false, perUnit);
        // the lane's history weighed together with its planning value: the words say both, not the deliveries alone
        if (keyPlanned) {
            int days = (planning.steps() - 1) / Math.max(1, perUnit);
            source = laneWords(used.words(), (site, region) -> SourceWords.lanePlanned(site, region, days));
        } else if (leanedOn != null) {
            String parent = leanedOn;
            source = laneWords(used.words(), (site, region) -> SourceWords.laneLeaning(site, region, parent));
            source = serviceWords(source, parent); // a thin service's jobs with the type everywhere or its standard (probe api L4)
        }
        // the open orders are the level's own: the estimate without them keeps the level's words ("2 orders of SP→RJ deliveries")
        Ageing ageing = used.openCounts().isEmpty() ? null
                : new Ageing(used.openN(), used.openCounts(), new Distribution(accClosed, n, used.finished().effectiveN(), used.words(), true, perUnit));
        return new Distribution(acc, n, nEff, source, true, perUnit, 0, ageing);
    }

    /**
     * A key's own history is enough when it holds this many times the planning value's weight: its 90th percentile then
     * rests on as many outcomes beyond it as the value counts for in all.
     */
    static final double PLANNING_ENOUGH = 10;

    /**
     * The planning value's weight against its key's own history of effective size {@code w}: full for a key with none, fading
     * to nothing once the history is enough ({@link #PLANNING_ENOUGH}). "History wins when there is enough of it": a fixed
     * weight would keep a value far from a busy lane's deliveries moving its tail, whatever the lane has shown.
     */
    static double planningWeight(double k, double w) {
        if (k <= 0) return 0;
        return k * Math.max(0.0, 1.0 - w / (PLANNING_ENOUGH * k));
    }

    /**
     * A lane level's words said another way ({@code words} of its site and region: weighed with its planning value, {@link
     * SourceWords#lanePlanned}, or with a parent that counts for more, {@link SourceWords#laneLeaning}); the level's own
     * words when they are not a lane's, or when {@code words} has none for it.
     */
    static String laneWords(String levelWords, java.util.function.BinaryOperator<String> words) {
        SourceWords.Parsed p = SourceWords.parse(levelWords);
        if (p == null || !"lane".equals(p.kind())) return levelWords;
        String said = words.apply(p.values().get("site"), p.values().get("region"));
        return said == null ? levelWords : said;
    }

    /** A service level's words leaning on {@code parent} ({@link SourceWords#serviceLeaning}); its own words otherwise. */
    static String serviceWords(String levelWords, String parent) {
        SourceWords.Parsed p = SourceWords.parse(levelWords);
        if (p == null || !"serviceAt".equals(p.kind())) return levelWords;
        String said = SourceWords.serviceLeaning(p.values().get("serviceType"), p.values().get("site"), parent);
        return said == null ? levelWords : said;
    }

    /**
     * The levels together as a population of keys rather than of orders (e.g. the lanes of one site): each level's
     * finished and open work with its weights scaled by min(1, cap / its effective number of orders), so no level counts
     * for more than {@code cap} orders and a busy one keeps its shape. Read as a level, it is the predictive distribution
     * of one more such key (a mixture of the keys' distributions), the spread between them included; the raw counts are
     * kept as they are.
     */
    public static Level pooled(String words, List<Level> levels, double cap) {
        Histogram finished = new Histogram();
        NavigableMap<Integer, Double> open = new TreeMap<>();
        NavigableMap<Integer, Long> counts = new TreeMap<>();
        double w = 0, w2 = 0;
        for (Level l : levels) {
            double n = l.effectiveN();
            if (n <= 0) continue;
            double c = Math.min(1.0, cap / n);
            if (l.finished() != null) {
                for (Map.Entry<Integer, double[]> e : l.finished().bins().entrySet()) {
                    double[] b = e.getValue();
                    finished.add(e.getKey(), (long) b[0], b[1] * c, b[2] * c * c);
                }
            }
            l.open().forEach((age, x) -> open.merge(age, x * c, Double::sum));
            l.openCounts().forEach((age, x) -> counts.merge(age, x, Long::sum));
            w += l.openWeight() * c;
            w2 += l.openWeight2() * c * c;
        }
        return new Level(words, finished.isEmpty() ? null : finished, open, counts, w, w2);
    }

    /**
     * acc := the planning value as a key's own prior: its chance up to the value, then the remaining share spread like
     * {@code acc}'s tail beyond it (all of it one step later when acc has none), the way {@link #completeTail} ends a level.
     */
    static void planningOfKey(Distribution planning, double[] acc, int length) {
        int at = planning.steps() - 1; // the planning value, in steps
        double[] plan = new double[length];
        for (int v = 0; v < length; v++) plan[v] = v <= at ? planning.cdf(v) : planning.cdf(at);
        completeTail(plan, at, acc);
        System.arraycopy(plan, 0, acc, 0, length);
    }

    /** acc := (w × level + k × acc) / (w + k): the level, shrunk toward its parents by k pseudo-observations. */
    static void mix(double[] acc, double[] level, double w, double k) {
        if (w + k <= 0) return;
        for (int v = 0; v < acc.length; v++) acc[v] = (w * level[v] + k * acc[v]) / (w + k);
    }

    /**
     * Beyond the longest duration a level has seen (finished or still open), Kaplan-Meier knows only that some
     * work takes longer. That remaining share is spread like the parent level's tail (its chance of exceeding each
     * step, given it exceeded the last one seen), rather than read as "never finished".
     */
    public static double[] completeTail(double[] km, int last, double[] parent) {
        return completeTail(km, last, parent, Double.POSITIVE_INFINITY);
    }

    /**
     * Orders known to take longer than a level's longest seen that the parent's tail must rest on before its shape is taken
     * whole: with one such order a quarter of the remaining share follows it, the rest ends one step later.
     */
    static final double TAIL_EVIDENCE = 3;

    /** The most orders any of {@code levels} knows to take longer than {@code v}. */
    static double beyond(List<Level> levels, int v) {
        double most = 0;
        for (Level l : levels) most = Math.max(most, l.effectiveBeyond(v));
        return most;
    }

    /**
     * As {@link #completeTail(double[], int, double[])}, with {@code beyondN} orders known to take longer than {@code last}
     * behind the parent's tail: its shape is trusted as far as they go ({@link #TAIL_EVIDENCE}); the untrusted share ends
     * one step later, as when the parent has no tail. One order open for 100 days elsewhere must not lend a lane whose own
     * orders are a few days late a tail of 100 days.
     */
    public static double[] completeTail(double[] km, int last, double[] parent, double beyondN) {
        if (last + 1 >= km.length) return km;
        double remaining = 1.0 - km[last];
        if (remaining <= 1e-12) return km;
        double parentBeyond = 1.0 - parent[last];
        double trust = parentBeyond <= 1e-12 ? 0.0 : Double.isInfinite(beyondN) ? 1.0 : beyondN / (beyondN + TAIL_EVIDENCE);
        for (int v = last + 1; v < km.length; v++) {
            double share = parentBeyond <= 1e-12 ? 0.0 : (1.0 - parent[v]) / parentBeyond;
            km[v] = 1.0 - remaining * trust * Math.max(0.0, Math.min(1.0, share));
        }
        return km;
    }

    /** Open work of one level from fixed-age (export) and live (release day) orders, the live ones all of one weight. */
    public static Level level(String words, Histogram finished, Histogram openAtExport, Map<Integer, Long> liveByAge, double liveWeight) {
        return level(words, finished, openAtExport, liveByAge, age -> liveWeight);
    }

    /** The same, a live order weighing {@code liveWeight} of its age (e.g. the weight of the day it was released). */
    public static Level level(String words, Histogram finished, Histogram openAtExport, Map<Integer, Long> liveByAge,
                              java.util.function.IntToDoubleFunction liveWeight) {
        NavigableMap<Integer, Double> open = new TreeMap<>();
        NavigableMap<Integer, Long> counts = new TreeMap<>();
        double w = 0, w2 = 0;
        if (openAtExport != null) {
            for (Map.Entry<Integer, double[]> e : openAtExport.bins().entrySet()) {
                if (e.getValue()[0] <= 0) continue;
                open.merge(e.getKey(), e.getValue()[1], Double::sum);
                counts.merge(e.getKey(), (long) e.getValue()[0], Long::sum);
            }
            w += openAtExport.weight();
            w2 += openAtExport.weight2();
        }
        if (liveByAge != null) {
            for (Map.Entry<Integer, Long> e : liveByAge.entrySet()) {
                if (e.getValue() <= 0) continue;
                double lw = liveWeight.applyAsDouble(e.getKey());
                open.merge(e.getKey(), e.getValue() * lw, Double::sum);
                counts.merge(e.getKey(), e.getValue(), Long::sum);
                w += e.getValue() * lw;
                w2 += e.getValue() * lw * lw;
            }
        }
        return new Level(words, finished, open, counts, w, w2);
    }
}
