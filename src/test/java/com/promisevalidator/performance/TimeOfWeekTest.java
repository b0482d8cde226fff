package com.promisevalidator.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.promisevalidator.performance.estimate.TimeOfWeek;
import com.promisevalidator.performance.model.Distribution;
import com.promisevalidator.performance.model.Histogram;
import com.promisevalidator.performance.model.Observation;

/** Time-of-week effects on service minutes, pure: by band, pooled over a site's lanes, shrunk, and applied. No database. */
class TimeOfWeekTest {

    static final int STEPS = Observation.SERVICE_STEPS_PER_MINUTE;
    static final int MON_10 = 10, MON_13 = 13, SAT_13 = 5 * 24 + 13;

    /**
     * One site's lanes: {@code perHour} jobs of each type at Monday 10:00, Monday 13:00 and Saturday 13:00, log-normal
     * around the type's minutes; Monday 13:00 jobs take {@code afternoon} times as long.
     */
    static Map<String, Map<Integer, Histogram>> site(String site, Map<String, Double> types, int perHour, double afternoon, Random r) {
        Map<String, Map<Integer, Histogram>> lanes = new HashMap<>();
        types.forEach((type, minutes) -> {
            Map<Integer, Histogram> byHour = lanes.computeIfAbsent(site + ">" + type, k -> new HashMap<>());
            for (int how : new int[] {MON_10, MON_13, SAT_13}) {
                Histogram h = byHour.computeIfAbsent(how, k -> new Histogram());
                for (int i = 0; i < perHour; i++) {
                    double m = minutes * (how == MON_13 ? afternoon : 1.0) * Math.exp(0.2 * r.nextGaussian());
                    h.add((int) Math.ceil(m * STEPS), 1, 1.0, 1.0);
                }
            }
        });
        return lanes;
    }

    static double factor(Map<String, double[]> f, String site, int hourOfWeek) {
        return TimeOfWeek.factor(f, site, TimeOfWeek.band(hourOfWeek, 3), 3);
    }

    @Test
    void aBusyBandOfTheWeekIsFoundAcrossASitesLanes() {
        Random r = new Random(1);
        Map<String, Map<String, Map<Integer, Histogram>>> lanes = new HashMap<>();
        lanes.put("G1", site("G1", Map.of("OIL", 20.0, "TYRES", 40.0, "BRAKES", 70.0), 200, 1.3, r));
        Map<String, double[]> f = TimeOfWeek.factors(lanes, 3, STEPS, 30, 2);
        // the afternoon band (12-15 on weekdays) against the lanes' mix of all three: log 1.3 x 2/3 above the mean
        assertEquals(Math.exp(Math.log(1.3) * 2 / 3), factor(f, "G1", MON_13), 0.03);
        assertEquals(Math.exp(-Math.log(1.3) / 3), factor(f, "G1", MON_10), 0.03);
        assertEquals(Math.exp(-Math.log(1.3) / 3), factor(f, "G1", SAT_13), 0.03);
        assertEquals(1.0, factor(f, "G1", -1), 0, "a start not known: no effect");
        // a lane seen only on weekday afternoons already is an afternoon lane: relative to its own mix, no effect
        double[] onlyAfternoons = TimeOfWeek.bandWeights(Map.of(MON_13, new Histogram()), 3);
        onlyAfternoons[TimeOfWeek.band(MON_13, 3).fromHour() / 3] = 1;
        assertEquals(1.0, TimeOfWeek.factor(f, "G1", TimeOfWeek.band(MON_13, 3), 3, onlyAfternoons), 1e-9);
        assertEquals(factor(f, "G1", MON_10) / factor(f, "G1", MON_13),
                TimeOfWeek.factor(f, "G1", TimeOfWeek.band(MON_10, 3), 3, onlyAfternoons), 1e-9);
        assertNull(TimeOfWeek.band(MON_13, 0), "band width 0: off");
    }

    @Test
    void aSlowTypeCommonInOneBandIsNotABusyBand() {
        // the slow type is done only in the afternoon, the fast one only in the morning: no band effect within a lane
        Map<String, Map<Integer, Histogram>> g = new HashMap<>();
        Histogram slow = new Histogram(), fast = new Histogram();
        for (int i = 0; i < 300; i++) {
            slow.add(900 + i % 50, 1, 1.0, 1.0);
            fast.add(150 + i % 20, 1, 1.0, 1.0);
        }
        g.put("G1>SLOW", Map.of(MON_13, slow));
        g.put("G1>FAST", Map.of(MON_10, fast));
        Map<String, double[]> f = TimeOfWeek.factors(Map.of("G1", g), 3, STEPS, 30, 2);
        assertEquals(1.0, factor(f, "G1", MON_13), 1e-9);
        assertEquals(1.0, factor(f, "G1", MON_10), 1e-9);
    }

    @Test
    void noiseIsNotAnEffectAndAThinSiteLeansOnEveryone() {
        Random r = new Random(2);
        Map<String, Map<String, Map<Integer, Histogram>>> lanes = new HashMap<>();
        lanes.put("G1", site("G1", Map.of("OIL", 20.0, "TYRES", 40.0), 30, 1.0, r));
        Map<String, double[]> steady = TimeOfWeek.factors(lanes, 3, STEPS, 30, 2);
        assertEquals(1.0, factor(steady, "G1", MON_13), 0.02, "no effect: at most the shrunk noise of the site itself");
        // a busy site and a thin one with the same afternoons: the thin one is pulled toward everyone's effect
        lanes.put("BIG", site("BIG", Map.of("OIL", 20.0, "TYRES", 40.0, "AC", 80.0), 300, 1.3, r));
        lanes.put("THIN", site("THIN", Map.of("OIL", 20.0), 3, 1.0, r));
        Map<String, double[]> f = TimeOfWeek.factors(lanes, 3, STEPS, 30, 2);
        assertEquals(factor(f, "*", MON_13), factor(f, "UNKNOWN", MON_13), 0, "a site without history: everyone's");
        double thin = factor(f, "THIN", MON_13);
        assertEquals(true, thin > 1.05 && thin < factor(f, "BIG", MON_13), "thin " + thin);
        // what each rests on, for its sentence (probe P11: never "here" for a pooled effect)
        assertEquals(false, TimeOfWeek.restsOnOwnJobs(f, "THIN", TimeOfWeek.band(MON_13, 3), 3), "9 jobs: mostly everyone's");
        assertEquals(true, TimeOfWeek.restsOnOwnJobs(f, "BIG", TimeOfWeek.band(MON_13, 3), 3));
        assertEquals(false, TimeOfWeek.restsOnOwnJobs(f, "UNKNOWN", TimeOfWeek.band(MON_13, 3), 3));
    }

    @Test
    void aLanesJobsAreReBandedToTheQuotesBandSoItsSpreadBetweenBandsDoesNotWidenIt() {
        // one lane: mornings take 20 minutes, weekday afternoons 26 (x1.3); the site's factors say so
        int bandHours = 3;
        Map<Integer, Histogram> byHour = new HashMap<>();
        Histogram lane = new Histogram();
        for (int i = 0; i < 100; i++) {
            int morning = 200 + i % 5, afternoon = (int) Math.ceil(morning * 1.3);
            byHour.computeIfAbsent(MON_10, k -> new Histogram()).add(morning, 1, 1.0, 1.0);
            byHour.computeIfAbsent(MON_13, k -> new Histogram()).add(afternoon, 1, 1.0, 1.0);
            lane.add(morning, 1, 1.0, 1.0);
            lane.add(afternoon, 1, 1.0, 1.0);
        }
        lane.add(500, 1, 1.0, 1.0); // a job without a start time: stretched by the lane's relative factor
        double[] site = new double[16];
        java.util.Arrays.fill(site, 1.0);
        site[TimeOfWeek.band(MON_13, bandHours).fromHour() / bandHours] = 1.3;
        Histogram mornings = TimeOfWeek.rebanded(lane, byHour, site, TimeOfWeek.band(MON_10, bandHours), bandHours, 0.9);
        Histogram afternoons = TimeOfWeek.rebanded(lane, byHour, site, TimeOfWeek.band(MON_13, bandHours), bandHours, 1.2);
        // every morning-like job at 20-20.4 minutes, every afternoon-like one at 26-26.6: the spread between bands is gone
        assertEquals(450, mornings.maxValue());
        assertEquals(Set.of(200, 201, 202, 203, 204, 205), new java.util.TreeSet<>(mornings.bins().keySet()).headSet(450));
        assertEquals(600, afternoons.maxValue());
        assertEquals(Set.of(260, 262, 263, 264, 266), new java.util.TreeSet<>(afternoons.bins().keySet()).headSet(600));
        // weights, squared weights and raw counts are kept: the lane speaks with the same evidence
        assertEquals(lane.weight(), mornings.weight(), 1e-9);
        assertEquals(lane.effectiveN(), afternoons.effectiveN(), 1e-9);
        assertEquals(lane.n(), mornings.n());
        // a value seen in both bands is split by its shares
        Histogram both = new Histogram();
        both.add(260, 4, 4.0, 4.0);
        Map<Integer, Histogram> split = Map.of(MON_10, hist(260, 1), MON_13, hist(260, 3));
        Histogram m = TimeOfWeek.rebanded(both, split, site, TimeOfWeek.band(MON_10, bandHours), bandHours, 1.0);
        assertEquals(1.0, m.bins().get(260)[1], 1e-9);
        assertEquals(3.0, m.bins().get(200)[1], 1e-9);
        assertEquals(4, m.n(), "the raw count goes to the largest share");
        // no factors or no jobs by hour: the whole lane stretched by the fallback, as before
        assertEquals(lane.bins().keySet(), TimeOfWeek.rebanded(lane, Map.of(), site, TimeOfWeek.band(MON_13, bandHours),
                bandHours, 1.0).bins().keySet());
    }

    @Test
    void aDayOfTheWeekHasItsOwnEffectWhenItsServicesSaySoAndLeansOnItsBandWhenThin() {
        // three weekday mornings of two lanes: Mondays take 0.85 times as long as Wednesdays, Fridays 1.15 times
        int wed10 = 2 * 24 + 10, fri10 = 4 * 24 + 10, sun10 = 6 * 24 + 10, sat10 = 5 * 24 + 10;
        Map<Integer, Double> slowdown = new java.util.TreeMap<>(Map.of(MON_10, 0.85, wed10, 1.0, fri10, 1.15, sat10, 1.3, sun10, 1.3));
        java.util.function.IntFunction<Map<String, double[]>> factors = perDay -> {
            Random r = new Random(3);
            Map<String, Map<Integer, Histogram>> g = new HashMap<>();
            for (Map.Entry<String, Double> type : new java.util.TreeMap<>(Map.of("CUT", 30.0, "COLOR", 90.0)).entrySet()) {
                Map<Integer, Histogram> byHour = g.computeIfAbsent("S1>" + type.getKey(), k -> new HashMap<>());
                slowdown.forEach((how, x) -> {
                    Histogram h = byHour.computeIfAbsent(how, k -> new Histogram());
                    for (int i = 0; i < perDay; i++) {
                        h.add((int) Math.ceil(type.getValue() * x * Math.exp(0.15 * r.nextGaussian()) * STEPS), 1, 1.0, 1.0);
                    }
                });
            }
            return TimeOfWeek.factors(Map.of("S1", g), 3, STEPS, 30, 2);
        };
        Map<String, double[]> busy = factors.apply(300);
        // Friday against Monday: the days' own difference, not one weekday band for both (it was 1.0)
        assertEquals(1.15 / 0.85, factor(busy, "S1", fri10) / factor(busy, "S1", MON_10), 0.05);
        assertEquals(1.15, factor(busy, "S1", fri10) / factor(busy, "S1", wed10), 0.03);
        assertEquals(1.0, factor(busy, "S1", sun10) / factor(busy, "S1", sat10), 0.02, "Saturday and Sunday alike: alike");
        assertEquals("friday 9-12", TimeOfWeek.band(fri10, 3).text());
        assertEquals(TimeOfWeek.band(fri10, 3), TimeOfWeek.Band.parse("friday 9-12"));
        // two services a day: the days' effects are shrunk toward their weekday band (prior weight 30)
        Map<String, double[]> thin = factors.apply(2);
        double ratio = factor(thin, "S1", fri10) / factor(thin, "S1", MON_10);
        assertEquals(true, ratio < 1.1, "thin days lean on their band: " + ratio);
    }

    @Test
    void aSitesDayDiffersFromEveryonesOnlyAsFarAsSitesReallyDiffer() {
        // two busy sites: S1's Fridays take 1.3 times as long as its other weekdays, S2's like any weekday
        Random r = new Random(4);
        int fri10 = 4 * 24 + 10, wed10 = 2 * 24 + 10;
        Map<String, Map<String, Map<Integer, Histogram>>> lanes = new HashMap<>();
        for (String site : new String[] {"S1", "S2"}) {
            Map<Integer, Histogram> byHour = new HashMap<>();
            for (int how : new int[] {MON_10, wed10, fri10}) {
                double x = how == fri10 && site.equals("S1") ? 1.3 : 1.0;
                Histogram h = byHour.computeIfAbsent(how, k -> new Histogram());
                for (int i = 0; i < 300; i++) h.add((int) Math.ceil(40 * x * Math.exp(0.15 * r.nextGaussian()) * STEPS), 1, 1.0, 1.0);
            }
            lanes.put(site, Map.of(site + ">CUT", byHour));
        }
        Map<String, double[]> f = TimeOfWeek.factors(lanes, 3, STEPS, 30, 2);
        assertEquals(1.3, factor(f, "S1", fri10) / factor(f, "S1", wed10), 0.05);
        assertEquals(1.0, factor(f, "S2", fri10) / factor(f, "S2", wed10), 0.05);
    }

    @Test
    void aDayRestingOnOneJobStaysNearEveryones() {
        // busy sites whose Fridays really differ (sites' days spread: empirical Bayes trusts a site's own day), and a salon of
        // 7 jobs: six of 28-40 minutes, one of 95 on a Thursday at 16:00 (probe P5, H1: every Thursday-afternoon quote was
        // promised the 95 minutes, "57.4% longer")
        Random r = new Random(5);
        int tue10 = 24 + 10, wed11 = 2 * 24 + 11, thu16 = 3 * 24 + 16, fri14 = 4 * 24 + 14;
        Map<String, Map<String, Map<Integer, Histogram>>> lanes = new HashMap<>();
        String[] busy = {"S1", "S2", "S3"};
        double[] friday = {1.4, 0.75, 1.0};
        for (int s = 0; s < busy.length; s++) {
            Map<Integer, Histogram> byHour = new HashMap<>();
            for (int how : new int[] {tue10, wed11, thu16, fri14}) {
                double x = how == fri14 ? friday[s] : 1.0;
                Histogram h = byHour.computeIfAbsent(how, k -> new Histogram());
                for (int i = 0; i < 200; i++) h.add((int) Math.ceil(35 * x * Math.exp(0.2 * r.nextGaussian()) * STEPS), 1, 1.0, 1.0);
            }
            lanes.put(busy[s], Map.of(busy[s] + ">CUT", byHour));
        }
        Map<Integer, Histogram> thin = new HashMap<>();
        int[][] jobs = {{tue10, 315}, {wed11, 280}, {24 + 12, 352}, {2 * 24 + 13, 400}, {fri14, 330}, {4 * 24 + 15, 299}, {thu16, 950}};
        for (int[] j : jobs) thin.computeIfAbsent(j[0], k -> new Histogram()).add(j[1], 1, 1.0, 1.0);
        lanes.put("BER", Map.of("BER>CUT", thin));
        Map<String, double[]> f = TimeOfWeek.factors(lanes, 3, STEPS, 30, 2);
        double[] weights = TimeOfWeek.bandWeights(thin, 3);
        double thursday = TimeOfWeek.factor(f, "BER", TimeOfWeek.band(thu16, 3), 3, weights);
        double tuesday = TimeOfWeek.factor(f, "BER", TimeOfWeek.band(tue10, 3), 3, weights);
        assertEquals(true, thursday < 1.06 && tuesday > 0.97, "one job is no Thursday effect: thursday " + thursday + ", tuesday " + tuesday);
        // the busy sites keep their own Fridays
        assertEquals(1.4, factor(f, "S1", fri14) / factor(f, "S1", tue10), 0.07);
        assertEquals(0.75, factor(f, "S2", fri14) / factor(f, "S2", tue10), 0.05);
    }

    /** A triangular draw (low, high, mode), as the probes' generators draw minutes. */
    static double triangular(Random r, double low, double high, double mode) {
        double u = r.nextDouble(), c = (mode - low) / (high - low);
        return u < c ? low + Math.sqrt(u * (high - low) * (mode - low)) : high - Math.sqrt((1 - u) * (high - low) * (high - mode));
    }

    /** GAR's lanes of probe P11: oil changes and brakes Monday-Saturday 08-15, no effect of the week in them. */
    static Map<String, Map<Integer, Histogram>> garage(Random r) {
        Map<String, Map<Integer, Histogram>> lanes = new HashMap<>();
        double[][] types = {{18, 40, 300}, {45, 95, 200}};
        String[] names = {"GAR>OIL_CHANGE", "GAR>BRAKES"};
        for (int t = 0; t < 2; t++) {
            Map<Integer, Histogram> byHour = lanes.computeIfAbsent(names[t], k -> new HashMap<>());
            double lo = types[t][0], hi = types[t][1];
            for (int i = 0; i < types[t][2]; i++) {
                int how = r.nextInt(6) * 24 + 8 + r.nextInt(8);
                double m = Math.round(triangular(r, lo, hi, lo + (hi - lo) * 0.35) * 10) / 10.0;
                byHour.computeIfAbsent(how, k -> new Histogram()).add((int) Math.ceil(m * STEPS), 1, 1.0, 1.0);
            }
        }
        return lanes;
    }

    @Test
    void anotherSitesSlowSundayOfAnotherTypeBarelyMovesABusySitesDays() {
        // probe P11: 30 car washes at BER, 26 of them slow, all started on a Sunday at 12:51, moved GAR's oil changes (no
        // effect of the week in its 500 jobs) on Monday mornings from 1.025 to 1.053 and on Saturday mornings 0.985 -> 0.939:
        // GAR's weekend afternoons, shrunk toward everyone's slow Sunday afternoons, made its own Saturdays read fast
        // (before the fix, here: Saturday 09-12 0.994 -> 0.961)
        Random r = new Random(11);
        Map<String, Map<String, Map<Integer, Histogram>>> lanes = new HashMap<>();
        Map<String, Map<Integer, Histogram>> gar = garage(r);
        lanes.put("GAR", gar);
        Map<Integer, Histogram> wash = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            int how = r.nextInt(7) * 24 + 8 + r.nextInt(13);
            wash.computeIfAbsent(how, k -> new Histogram()).add((int) Math.ceil(triangular(r, 8, 16, 10) * STEPS), 1, 1.0, 1.0);
        }
        lanes.put("BER", new HashMap<>(Map.of("BER>WASH", wash)));
        int mon8 = 8, sat10 = 5 * 24 + 10, sun12 = 6 * 24 + 12;
        double[] oil = TimeOfWeek.bandWeights(gar.get("GAR>OIL_CHANGE"), 3);
        java.util.function.Function<Map<String, double[]>, double[]> garOil = f -> new double[] {
                TimeOfWeek.factor(f, "GAR", TimeOfWeek.band(mon8, 3), 3, oil), TimeOfWeek.factor(f, "GAR", TimeOfWeek.band(sat10, 3), 3, oil)};
        double[] before = garOil.apply(TimeOfWeek.factors(lanes, 3, STEPS, 30, 2));
        Map<Integer, Histogram> slower = new HashMap<>();
        wash.forEach((how, h) -> slower.put(how, h.scaled(1.0)));
        Histogram sunday = slower.computeIfAbsent(sun12, k -> new Histogram());
        for (int i = 0; i < 30; i++) sunday.add((int) Math.ceil((i < 4 ? 14 : 22 + 5 * r.nextDouble()) * STEPS), 1, 1.0, 1.0);
        lanes.put("BER", Map.of("BER>WASH", slower));
        Map<String, double[]> f = TimeOfWeek.factors(lanes, 3, STEPS, 30, 2);
        double[] after = garOil.apply(f);
        assertEquals(before[0], after[0], 0.01, "GAR Monday 06-09");
        assertEquals(before[1], after[1], 0.01, "GAR Saturday 09-12");
        // BER's own Sundays do take longer
        assertEquals(true, TimeOfWeek.factor(f, "BER", TimeOfWeek.band(sun12, 3), 3) > 1.1);
    }

    static Histogram hist(int value, int n) {
        Histogram h = new Histogram();
        h.add(value, n, n, n);
        return h;
    }

    @Test
    void aFactorIsSaidWithoutStretchingTheEstimateItWasAppliedTo() {
        Distribution d = new Distribution(new double[] {0, 0.1, 0.5, 0.9, 1.0}, 100, 100, "x", true, 1);
        Distribution said = d.madeForBand(1.5, "weekday 12-15");
        assertEquals(d.quantile(0.9), said.quantile(0.9));
        assertEquals(1.5, said.timeFactor(), 0);
        assertEquals("weekday 12-15", said.timeBand());
        assertEquals(d, d.madeForBand(1.5, null), "no band: nothing to say");
    }
}
