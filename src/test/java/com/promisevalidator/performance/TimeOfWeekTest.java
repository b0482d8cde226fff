package com.promisevalidator.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

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
    }

    @Test
    void aFactorStretchesEveryQuantile() {
        Distribution d = new Distribution(new double[] {0, 0.1, 0.5, 0.9, 1.0}, 100, 100, "x", true, 1);
        Distribution slow = d.forBand(1.5, "weekday 12-15");
        assertEquals(5, slow.quantile(0.9), "P90 at 3 steps x 1.5 = 4.5: 5");
        assertEquals(3, slow.quantile(0.5), "P50 at 2 x 1.5 = 3");
        assertEquals(1.5, slow.timeFactor(), 0);
        assertEquals(d, d.forBand(1.0, "weekday 12-15"), "no effect: the same estimate, said without a band");
        Distribution quick = d.forBand(0.5, "weekend 21-24");
        assertEquals(2, quick.quantile(0.9));
    }
}
