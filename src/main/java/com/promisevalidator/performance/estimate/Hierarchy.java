package com.promisevalidator.performance.estimate;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import com.promisevalidator.performance.model.Ageing;
import com.promisevalidator.performance.model.Blend;
import com.promisevalidator.performance.model.Distribution;
import com.promisevalidator.performance.model.Histogram;
import com.promisevalidator.performance.model.Survival;

/**
 * The estimate of a duration from a chain of evidence levels, general to specific (everything, site, region,
 * lane; service type, service at a site). Pure arithmetic: no database, no cache, no clock.
 *
 * <p>Each level is a Kaplan-Meier estimate of its finished and open work (open work is right-censored:
 * "at least this long"). A level is shrunk toward what the levels above it say, the parent counting as
 * {@code priorWeight} extra observations against the level's own effective sample size (Kish's, after time decay,
 * open orders included): a thin lane moves only a little from its parent, a busy one speaks for itself.
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

        long openN() {
            long n = 0;
            for (long c : openCounts.values()) n += c;
            return n;
        }
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
        long n = 0;
        double nEff = 0;
        String source = planning.source();
        Level used = null;
        double k = blend.priorWeight();
        for (Level l : generalToSpecific) {
            Histogram h = l.finished();
            // open orders alone say nothing about how long work takes; too few finished ones are left to the parent
            if (h == null || h.isEmpty() || h.n() < blend.minEvidence()) continue;
            double w = l.effectiveN();
            double[] c = l.open().isEmpty() ? h.cdf(length)
                    : completeTail(Survival.cdf(h.bins(), l.open(), length), Math.max(h.maxValue(), l.open().lastKey()), acc);
            mix(acc, c, w, k);
            double wClosed = h.effectiveN();
            mix(accClosed, h.cdf(length), wClosed, k);
            any = true;
            n = h.n();
            nEff = w;
            source = l.words();
            used = l;
        }
        if (!any) return planning;
        Ageing ageing = used.openCounts().isEmpty() ? null
                : new Ageing(used.openN(), used.openCounts(), new Distribution(accClosed, n, used.finished().effectiveN(), source, true, perUnit));
        return new Distribution(acc, n, nEff, source, true, perUnit, 0, ageing);
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
        if (last + 1 >= km.length) return km;
        double remaining = 1.0 - km[last];
        if (remaining <= 1e-12) return km;
        double parentBeyond = 1.0 - parent[last];
        for (int v = last + 1; v < km.length; v++) {
            double share = parentBeyond <= 1e-12 ? 0.0 : (1.0 - parent[v]) / parentBeyond;
            km[v] = 1.0 - remaining * Math.max(0.0, Math.min(1.0, share));
        }
        return km;
    }

    /** Open work of one level from fixed-age (export) and live (release day) orders. */
    public static Level level(String words, Histogram finished, Histogram openAtExport, Map<Integer, Long> liveByAge, double liveWeight) {
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
                open.merge(e.getKey(), e.getValue() * liveWeight, Double::sum);
                counts.merge(e.getKey(), e.getValue(), Long::sum);
                w += e.getValue() * liveWeight;
                w2 += e.getValue() * liveWeight * liveWeight;
            }
        }
        return new Level(words, finished, open, counts, w, w2);
    }
}
