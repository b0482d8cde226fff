package com.promisevalidator.performance.estimate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.promisevalidator.performance.model.Histogram;

/**
 * Time-of-week effects on service durations: how much longer (or shorter) work started in one band of the week (a day
 * of the week and a band of {@code bandHours} hours of it) takes at a site than the same work at other times. Pure
 * arithmetic: no database, no clock.
 *
 * <p>Each finished service is kept by its lane (service type at a site) and hour of the week. A lane's jobs in a band
 * of hours (weekday or weekend, the hours pooled over Monday-Friday or Saturday-Sunday) are compared with all its jobs
 * on the log scale (mean log minutes, time-decayed weights), so a band where slow types are common is not mistaken for
 * a slow band. The differences of a site's lanes are pooled (weighted by each lane's effective number of jobs in the
 * band) into the site's band effect, and likewise over every site into everyone's. Everyone's effect counts only when
 * it is {@code z} standard errors away from none (sigma / sqrt(n), sigma the spread of log minutes within lane and
 * band), and is shrunk toward none by {@code priorWeight} pseudo-jobs; a site's effect is shrunk toward everyone's the
 * same way.
 *
 * <p>A day of the week then gets its own effect on top of its band's: what its jobs took beyond their lane and their
 * site's band effect as measured (not as shrunk toward everyone's), pooled over the day's hours and lanes (a Friday slowdown, a quiet Monday, a Sunday unlike
 * Saturday). Everyone's is tested and shrunk like the band effect ({@code z}, {@code priorWeight}), so a day with few
 * services falls back to its weekday or weekend band. A site's day is everyone's plus its own difference, shrunk by
 * empirical Bayes: by tau^2 / (tau^2 + sigma^2 / n), tau^2 the spread of sites' days around everyone's beyond what
 * their numbers of jobs alone would give (method of moments), and at most by n / (n + priorWeight), as a site's band
 * effect: a day resting on a job or two stays near everyone's. When sites' days differ only by noise, every site takes
 * everyone's days. The factor of a day's band is exp(band effect + day effect): it multiplies the lane's estimated
 * duration.
 */
public final class TimeOfWeek {

    private TimeOfWeek() {
    }

    /** Day names as the band's text says them, Monday first. */
    static final String[] DAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

    /** A day of the week (0 = Monday … 6 = Sunday) and the first hour of a band of {@code hours} hours. */
    public record Band(int day, int fromHour, int hours) {
        public int toHour() {
            return Math.min(24, fromHour + hours);
        }

        public boolean weekend() {
            return day >= 5;
        }

        /** Stable text, e.g. "friday 12-15" (kept in recorded facts). */
        public String text() {
            return DAYS[day] + " " + fromHour + "-" + toHour();
        }

        /** The band of a text of {@link #text}; null when it names no day (older facts said "weekday 12-15"). */
        public static Band parse(String text) {
            if (text == null) return null;
            String[] p = text.split("[ -]");
            int day = java.util.Arrays.asList(DAYS).indexOf(p[0]);
            if (day < 0 || p.length != 3) return null;
            int from = Integer.parseInt(p[1]);
            return new Band(day, from, Integer.parseInt(p[2]) - from);
        }
    }

    /** The band of an hour of the week (0 = Monday 00:xx … 167 = Sunday 23:xx); null when the band width is off (0). */
    public static Band band(int hourOfWeek, int bandHours) {
        if (bandHours <= 0 || hourOfWeek < 0) return null;
        int day = hourOfWeek / 24 % 7, hour = hourOfWeek % 24;
        return new Band(day, hour / bandHours * bandHours, bandHours);
    }

    private static int perDay(int bandHours) {
        return (24 + bandHours - 1) / bandHours;
    }

    /** Index of a band: Monday's bands first, then Tuesday's, … Sunday's. */
    static int index(Band b, int bandHours) {
        return b.day() * perDay(bandHours) + b.fromHour() / bandHours;
    }

    /** Index of a band's hours in the weekday-or-weekend pool: weekday hours first, then weekend ones. */
    private static int pooled(int index, int bandHours) {
        int perDay = perDay(bandHours);
        return (index / perDay >= 5 ? perDay : 0) + index % perDay;
    }

    /**
     * The effects of every site and band.
     *
     * @param lanes site -> lane -> hour of the week -> finished jobs (values in steps, weights time-decayed)
     * @return site -> band index -> factor (1 = none); "*" -> everyone's; and each site's share of its own jobs in them
     *         ({@link #restsOnOwnJobs})
     */
    public static Map<String, double[]> factors(Map<String, Map<String, Map<Integer, Histogram>>> lanes, int bandHours, int stepsPerUnit,
                                                double priorWeight, double z) {
        int perDay = perDay(bandHours), cells = 7 * perDay, bands = 2 * perDay;
        // per lane and band of a day: mean log minutes less the lane's mean, and the effective jobs
        Map<String, List<double[][]>> cellsBySite = new HashMap<>(); // site -> lanes -> cell -> {difference, nEff}
        // per site and pooled band: sum of n_eff x difference, sum of n_eff; everyone's the same; and the residual spread
        Map<String, double[][]> site = new HashMap<>();
        double[][] all = new double[bands][2];
        double rss = 0, rw = 0;
        for (Map.Entry<String, Map<String, Map<Integer, Histogram>>> s : lanes.entrySet()) {
            double[][] sums = site.computeIfAbsent(s.getKey(), k -> new double[bands][2]);
            List<double[][]> siteCells = cellsBySite.computeIfAbsent(s.getKey(), k -> new ArrayList<>());
            for (Map<Integer, Histogram> byHour : s.getValue().values()) {
                double[] w = new double[cells], wl = new double[cells], w2 = new double[cells], wll = new double[cells];
                for (Map.Entry<Integer, Histogram> h : byHour.entrySet()) {
                    if (h.getKey() < 0) continue;
                    int c = index(band(h.getKey(), bandHours), bandHours);
                    for (Map.Entry<Integer, double[]> bin : h.getValue().bins().entrySet()) {
                        double n = bin.getValue()[0], wt = bin.getValue()[1];
                        if (n <= 0 || wt <= 0) continue;
                        double l = Math.log(Math.max(1, bin.getKey()) / (double) stepsPerUnit);
                        w[c] += wt;
                        wl[c] += wt * l;
                        wll[c] += wt * l * l;
                        w2[c] += bin.getValue()[2];
                    }
                }
                double tw = 0, twl = 0;
                for (int c = 0; c < cells; c++) {
                    tw += w[c];
                    twl += wl[c];
                }
                if (tw <= 0) continue;
                double laneMean = twl / tw;
                // the weekday-or-weekend bands, pooled over their days
                double[] bw = new double[bands], bwl = new double[bands], bw2 = new double[bands], bwll = new double[bands];
                double[][] laneCells = new double[cells][2];
                for (int c = 0; c < cells; c++) {
                    if (w[c] <= 0) continue;
                    int b = pooled(c, bandHours);
                    bw[b] += w[c];
                    bwl[b] += wl[c];
                    bw2[b] += w2[c];
                    bwll[b] += wll[c];
                    laneCells[c][0] = wl[c] / w[c] - laneMean;
                    laneCells[c][1] = w[c] * w[c] / w2[c];
                }
                siteCells.add(laneCells);
                for (int b = 0; b < bands; b++) {
                    if (bw[b] <= 0) continue;
                    double mean = bwl[b] / bw[b];
                    double nEff = bw[b] * bw[b] / bw2[b];
                    double d = mean - laneMean;
                    sums[b][0] += nEff * d;
                    sums[b][1] += nEff;
                    all[b][0] += nEff * d;
                    all[b][1] += nEff;
                    rss += Math.max(0, bwll[b] / bw[b] - mean * mean) * nEff;
                    rw += nEff;
                }
            }
        }
        double sigma = rw > 1 ? Math.sqrt(rss / rw) : 0;
        double[] everyone = new double[bands];
        for (int b = 0; b < bands; b++) everyone[b] = tested(all[b], sigma, z, priorWeight);
        Map<String, double[]> siteBands = new HashMap<>();
        for (Map.Entry<String, double[][]> s : site.entrySet()) {
            double[] g = new double[bands];
            for (int b = 0; b < bands; b++) g[b] = shrunk(s.getValue()[b], everyone[b], priorWeight);
            siteBands.put(s.getKey(), g);
        }
        // each day's own effect: its jobs beyond their lane and their site's band effect as measured, pooled over the day's
        // hours. Not the band as shrunk: that shrinkage is everyone's prior, and measured against it a busy site's days took
        // up other sites' band effects (probe P11: 30 slow car washes on a Berlin Sunday made a Los Angeles garage's
        // Saturday oil changes 4 % faster)
        Map<String, double[][]> siteDays = new HashMap<>();
        double[][] allDays = new double[7][2];
        for (Map.Entry<String, List<double[][]>> s : cellsBySite.entrySet()) {
            double[][] sums = site.get(s.getKey());
            double[] g = new double[bands];
            for (int b = 0; b < bands; b++) g[b] = sums[b][1] > 0 ? sums[b][0] / sums[b][1] : 0;
            double[][] days = siteDays.computeIfAbsent(s.getKey(), k -> new double[7][2]);
            for (double[][] laneCells : s.getValue()) {
                for (int c = 0; c < cells; c++) {
                    double nEff = laneCells[c][1];
                    if (nEff <= 0) continue;
                    double r = laneCells[c][0] - g[pooled(c, bandHours)];
                    days[c / perDay][0] += nEff * r;
                    days[c / perDay][1] += nEff;
                    allDays[c / perDay][0] += nEff * r;
                    allDays[c / perDay][1] += nEff;
                }
            }
        }
        double[] everyoneDay = new double[7], everyoneRaw = new double[7];
        for (int d = 0; d < 7; d++) {
            everyoneDay[d] = tested(allDays[d], sigma, z, priorWeight);
            everyoneRaw[d] = allDays[d][1] > 0 ? allDays[d][0] / allDays[d][1] : 0;
        }
        // how far sites' days really differ from everyone's (empirical Bayes, method of moments): the spread of their
        // differences beyond what sigma / sqrt(n) alone would give; none (0) when sites' days differ only by noise
        double spread = 0;
        int seen = 0;
        for (double[][] days : siteDays.values()) {
            for (int d = 0; d < 7; d++) {
                if (days[d][1] <= 0) continue;
                double u = days[d][0] / days[d][1] - everyoneRaw[d]; // as measured: everyone's shrinkage is no site's difference
                spread += u * u - sigma * sigma / days[d][1];
                seen++;
            }
        }
        double tau2 = seen > 0 ? Math.max(0, spread / seen) : 0;
        Map<String, double[]> out = new HashMap<>();
        double[] f = new double[cells];
        for (int c = 0; c < cells; c++) f[c] = Math.exp(everyone[pooled(c, bandHours)] + everyoneDay[c / perDay]);
        out.put("*", f);
        for (Map.Entry<String, double[]> s : siteBands.entrySet()) {
            double[][] days = siteDays.get(s.getKey());
            double[] day = new double[7], dayOwn = new double[7];
            for (int d = 0; d < 7; d++) {
                double n = days == null ? 0 : days[d][1];
                // a site's day: everyone's, plus its own difference from everyone's by the share tau^2 / (tau^2 + sigma^2 / n),
                // and never more than n / (n + priorWeight): tau^2 says how far sites' days differ, not that this site's few
                // jobs of the day show it (probe P5, H1: one slow Thursday job made every Thursday quote at a 7-job site 57 % longer)
                double share = n <= 0 || tau2 <= 0 ? 0 : Math.min(tau2 / (tau2 + sigma * sigma / n), n / (n + priorWeight));
                day[d] = everyoneDay[d] + (share > 0 ? (days[d][0] / n - everyoneRaw[d]) * share : 0);
                dayOwn[d] = share + (1 - share) * (allDays[d][1] > 0 ? n / allDays[d][1] : 0);
            }
            double[] g = new double[cells], own = new double[cells];
            double[][] sums = site.get(s.getKey());
            for (int c = 0; c < cells; c++) {
                int b = pooled(c, bandHours);
                g[c] = Math.exp(s.getValue()[b] + day[c / perDay]);
                // how far the band's and the day's effects rest on the site's own jobs: its weight against everyone's
                // prior, and its part in everyone's (a site alone is everyone), each as large as the effect it carries
                double n = sums[b][1], bandOwn = n / (n + priorWeight) + priorWeight / (n + priorWeight) * (all[b][1] > 0 ? n / all[b][1] : 0);
                double x = Math.abs(s.getValue()[b]), y = Math.abs(day[c / perDay]);
                own[c] = x + y > 0 ? (x * bandOwn + y * dayOwn[c / perDay]) / (x + y) : 1;
            }
            out.put(s.getKey(), g);
            out.put(OWN + s.getKey(), own);
        }
        return out;
    }

    /** Key prefix in {@link #factors}' answer of a site's share of its own jobs in each band's effect (0..1). */
    private static final String OWN = "\u0000own\u0000";

    /**
     * Whether the effect of {@code band} at {@code site} rests mostly on the site's own jobs (else mostly on jobs at all
     * sites, everyone's effect as a prior): what its sentence may say it rests on.
     */
    public static boolean restsOnOwnJobs(Map<String, double[]> factors, String site, Band band, int bandHours) {
        double[] own = factors == null || band == null ? null : factors.get(OWN + site);
        int i = band == null ? -1 : index(band, bandHours);
        return own != null && i < own.length && own[i] >= 0.5;
    }

    /** Everyone's effect of pooled {sum n x difference, sum n}: none unless z standard errors from none, shrunk toward none. */
    private static double tested(double[] sum, double sigma, double z, double priorWeight) {
        double n = sum[1];
        double effect = n > 0 ? sum[0] / n : 0;
        boolean strong = n > 0 && sigma > 0 && Math.abs(effect) * Math.sqrt(n) / sigma > z;
        return strong ? effect * n / (n + priorWeight) : 0;
    }

    /** A site's effect of pooled {sum n x difference, sum n}, shrunk toward everyone's by {@code priorWeight} jobs. */
    private static double shrunk(double[] sum, double everyone, double priorWeight) {
        double n = sum[1];
        double effect = n > 0 ? sum[0] / n : 0;
        return n + priorWeight > 0 ? (n * effect + priorWeight * everyone) / (n + priorWeight) : everyone;
    }

    /** The factor for a site's band: its own, else everyone's, else 1. */
    public static double factor(Map<String, double[]> factors, String site, Band band, int bandHours) {
        return factor(factors, site, band, bandHours, null);
    }

    /**
     * The same for a lane whose jobs so far fell in the bands as {@code laneWeights} says (weight per band index; null =
     * evenly): the lane's own estimate already mixes its bands, so the factor is taken relative to that mix (a lane
     * seen only in the quote's band gets 1).
     */
    public static double factor(Map<String, double[]> factors, String site, Band band, int bandHours, double[] laneWeights) {
        if (band == null || factors == null) return 1.0;
        double[] f = factors.getOrDefault(site, factors.get("*"));
        int i = index(band, bandHours);
        if (f == null || i >= f.length) return 1.0;
        double mix = 0, w = 0;
        if (laneWeights != null) {
            for (int b = 0; b < Math.min(f.length, laneWeights.length); b++) {
                mix += laneWeights[b] * Math.log(f[b]);
                w += laneWeights[b];
            }
        }
        return Math.exp(Math.log(f[i]) - (w > 0 ? mix / w : 0));
    }

    /**
     * A lane's finished jobs as if every one had started in the quote's band: a job of v steps started in band b counts
     * at v x f(quote) / f(b), f the site's factors. The stretch between the lane's bands then no longer widens its
     * distribution (stretching the whole mix by one factor kept it, and over-promised in every band).
     *
     * <p>{@code lane} may be weighed otherwise than {@code byHour} (a shorter memory): each of its values is split over
     * the bands in the shares the lane's jobs of that value have by hour of the week (exact when both are weighed
     * alike). A value with no job by hour (rows without a start time) is stretched by {@code fallback}, the lane's
     * relative factor. Weights, squared weights and so the effective number of jobs are kept; a value's raw count goes
     * to its largest share.
     *
     * @param byHour the lane's jobs by hour of the week (weights time-decayed)
     * @param factors the site's factor per band index (see {@link #factors}); null = stretch everything by {@code fallback}
     */
    public static Histogram rebanded(Histogram lane, Map<Integer, Histogram> byHour, double[] factors, Band quote, int bandHours,
                                     double fallback) {
        return rebander(byHour, factors, quote, bandHours, fallback).apply(lane);
    }

    /** {@link #rebanded} for any number of a lane's histograms (long and short memory), its shares by value worked out once. */
    public static java.util.function.UnaryOperator<Histogram> rebander(Map<Integer, Histogram> byHour, double[] factors, Band quote,
                                                                       int bandHours, double fallback) {
        int q = index(quote, bandHours);
        if (factors == null || q >= factors.length || byHour.isEmpty()) return lane -> lane == null ? null : lane.scaled(fallback);
        Map<Integer, double[]> shares = new HashMap<>(); // value -> weight per band index
        for (Map.Entry<Integer, Histogram> h : byHour.entrySet()) {
            int b = index(band(h.getKey(), bandHours), bandHours);
            if (b >= factors.length) continue;
            for (Map.Entry<Integer, double[]> bin : h.getValue().bins().entrySet()) {
                if (bin.getValue()[0] <= 0 || bin.getValue()[1] <= 0) continue;
                shares.computeIfAbsent(bin.getKey(), k -> new double[factors.length])[b] += bin.getValue()[1];
            }
        }
        return lane -> lane == null ? null : rebanded(lane, shares, factors, q, fallback);
    }

    private static Histogram rebanded(Histogram lane, Map<Integer, double[]> shares, double[] factors, int q, double fallback) {
        Histogram out = new Histogram();
        for (Map.Entry<Integer, double[]> bin : lane.bins().entrySet()) {
            int v = bin.getKey();
            double[] b = bin.getValue(), s = shares.get(v);
            double total = 0;
            int largest = -1;
            if (s != null) {
                for (int i = 0; i < s.length; i++) {
                    total += s[i];
                    if (s[i] > 0 && (largest < 0 || s[i] > s[largest])) largest = i;
                }
            }
            if (total <= 0) {
                out.add(stretch(v, fallback), (long) b[0], b[1], b[2]);
                continue;
            }
            for (int i = 0; i < s.length; i++) {
                if (s[i] <= 0) continue;
                double share = s[i] / total;
                out.add(stretch(v, factors[q] / factors[i]), i == largest ? (long) b[0] : 0, b[1] * share, b[2] * share);
            }
        }
        return out;
    }

    private static int stretch(int v, double factor) {
        return (int) Math.ceil(v * factor - 1e-9);
    }

    /** Weight of a lane's jobs per band index, from its jobs by hour of the week. */
    public static double[] bandWeights(Map<Integer, Histogram> byHour, int bandHours) {
        double[] w = new double[7 * perDay(bandHours)];
        byHour.forEach((how, h) -> w[index(band(how, bandHours), bandHours)] += h.weight());
        return w;
    }
}
