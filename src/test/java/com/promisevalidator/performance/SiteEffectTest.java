package com.promisevalidator.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.promisevalidator.performance.estimate.SiteEffect;
import com.promisevalidator.performance.model.Histogram;

/** A site's speed against the same service types everywhere, pure: pooled over its lanes and shrunk. No database. */
class SiteEffectTest {

    static Map<Integer, Histogram> jobs(int n, double minutes) {
        Histogram h = new Histogram();
        for (int i = 0; i < n; i++) h.add((int) Math.round(minutes * 10 * (0.9 + 0.2 * i / n)), 1, 1.0, 1.0);
        return Map.of(10, h);
    }

    @Test
    void aSlowSiteIsSlowerThanItsTypesEverywhereWhateverItsMix() {
        // SLOW does every type 1.2x as long as FAST; SLOW mostly does the short type, FAST mostly the long one
        Map<String, Map<String, Map<Integer, Histogram>>> lanes = Map.of(
                "SLOW", Map.of("SLOW>OIL", jobs(900, 24), "SLOW>AC", jobs(100, 96)),
                "FAST", Map.of("FAST>OIL", jobs(100, 20), "FAST>AC", jobs(900, 80)));
        Map<String, Double> f = SiteEffect.factors(lanes, 10, 0);
        assertEquals(1.2, f.get("SLOW"), 0.01, "against the same types at the other sites");
        assertEquals(1 / 1.2, f.get("FAST"), 0.01);
        // a thin comparison is shrunk toward none: 30 jobs against 30 are 15 behind the difference, against 30 pseudo-jobs
        Map<String, Double> shrunk = SiteEffect.factors(Map.of("SLOW", Map.of("SLOW>OIL", jobs(30, 24)),
                "FAST", Map.of("FAST>OIL", jobs(30, 20))), 10, 30);
        assertEquals(Math.exp(Math.log(24 / 20.0) * 15 / 45), shrunk.get("SLOW"), 0.01);
    }

    /** Probe api H1: a new site's first job, of one minute, made a garage of 720 oil changes "19 times slower" than everywhere. */
    @Test
    void oneJobElsewhereIsNoYardstickForALanesHundreds() {
        Map<String, Map<String, Map<Integer, Histogram>>> lanes = Map.of(
                "BIG", Map.of("BIG>OIL", jobs(720, 40)),
                "NEW", Map.of("NEW>OIL", jobs(1, 1)));
        Map<String, Double> f = SiteEffect.factors(lanes, 10, 30);
        assertEquals(1.0, f.get("BIG"), 0.15, "one job's difference weighs one job: " + f);
        assertEquals(1.0, f.get("NEW"), 0.15, "and so does the new site's own: " + f);
    }
}
