package com.promisevalidator.validation.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.promisevalidator.performance.model.Ageing;
import com.promisevalidator.performance.model.Distribution;

/** A recorded lead time replays with the open orders behind it, so a backtest or shadow finds the same drift. */
class DistributionFactTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theOpenOrdersBehindAnEstimateSurviveTheRecord() throws Exception {
        Distribution without = new Distribution(new double[] {0, 0, 0, 0.2, 0.4, 0.6, 0.8, 1.0}, 300, 300, "SP→RJ deliveries", true, 1);
        TreeMap<Integer, Long> byAge = new TreeMap<>();
        byAge.put(15, 30L);
        Distribution with = new Distribution(new double[] {0, 0, 0, 0.18, 0.36, 0.54, 0.72, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.9, 1.0},
                330, 330, "SP→RJ deliveries", true, 1, 0, new Ageing(30, byAge, without));

        String text = json.writeValueAsString(FactsCodec.DistributionFact.of(with));
        Distribution back = json.readValue(text, FactsCodec.DistributionFact.class).distribution();

        assertArrayEquals(with.cdf(), back.cdf(), 0);
        assertNotNull(back.ageing(), text);
        assertEquals(30, back.ageing().open());
        assertEquals(30, back.ageing().olderThan(14));
        assertEquals(0, back.ageing().olderThan(15));
        assertArrayEquals(without.cdf(), back.ageing().withoutOpen().cdf(), 0);
        assertEquals(with.quantile(0.9), back.quantile(0.9));
    }

    @Test
    void anEstimateWithNothingOpenIsRecordedAsBefore() throws Exception {
        Distribution d = new Distribution(new double[] {0, 0.5, 1.0}, 10, 10, "x", true, 1);
        String text = json.writeValueAsString(FactsCodec.DistributionFact.of(d));
        assertEquals(-1, text.indexOf("open"), "no ageing fields: the snapshot (and its hash) is what it was: " + text);
        assertNull(json.readValue(text, FactsCodec.DistributionFact.class).distribution().ageing());
        assertEquals(-1, text.indexOf("memoryDays"), "the usual memory is not written: " + text);
    }

    @Test
    void aTimeOfWeekEffectSurvivesTheRecord() throws Exception {
        Distribution d = new Distribution(new double[] {0, 0.5, 0.8, 1.0}, 10, 10, "x", true, 10).madeForBand(1.5, "weekday 12-15");
        String text = json.writeValueAsString(FactsCodec.DistributionFact.of(d));
        Distribution back = json.readValue(text, FactsCodec.DistributionFact.class).distribution();
        assertEquals("weekday 12-15", back.timeBand());
        assertEquals(1.5, back.timeFactor(), 0);
        assertArrayEquals(d.cdf(), back.cdf(), 0);
        assertEquals("weekday 12-15", back.withBuffer(2).timeBand());
        String plain = json.writeValueAsString(FactsCodec.DistributionFact.of(new Distribution(new double[] {0, 1.0}, 1, 1, "x", true, 10)));
        assertEquals(-1, plain.indexOf("time"), "no time-of-week fields when none applied: " + plain);
        // what the effect rests on survives too (probe P11: its sentence names it); the band reads as before
        Distribution own = new Distribution(new double[] {0, 0.5, 0.8, 1.0}, 10, 10, "x", true, 10).madeForBand(0.9, "friday 9-12", true);
        Distribution ownBack = json.readValue(json.writeValueAsString(FactsCodec.DistributionFact.of(own)), FactsCodec.DistributionFact.class)
                .distribution();
        assertEquals("friday 9-12", ownBack.timeBandText());
        assertEquals(true, ownBack.timeFromOwnJobs());
        assertEquals(false, back.timeFromOwnJobs());
        assertEquals("weekday 12-15", back.timeBandText());
    }

    @Test
    void aShortMemorySurvivesTheRecord() throws Exception {
        Distribution d = new Distribution(new double[] {0, 0.5, 1.0}, 10, 10, "x", true, 1).withMemory(7);
        String text = json.writeValueAsString(FactsCodec.DistributionFact.of(d));
        assertEquals(7, json.readValue(text, FactsCodec.DistributionFact.class).distribution().memoryDays());
        assertEquals(7, json.readValue(text, FactsCodec.DistributionFact.class).distribution().withBuffer(2).memoryDays());
    }

    /**
     * Probe kinds H3: a multi-day repair's minutes, held in tenths (100,000 steps), made each decision's facts 2.6 MB, and
     * a longer one overflowed the column, so the decision was set aside and its commit refused. Written as the steps where
     * the chance changes, it is a few kilobytes, and reads back the same doubles.
     */
    @Test
    void aLongServiceIsRecordedAsItsChangesAndReadsBackTheSame() throws Exception {
        double[] c = new double[100_000];
        for (int job = 1; job <= 105; job++) {
            int end = 4_000 + job * 900 + (job * 37 % 11); // where the 105 jobs ended, in tenths of a minute
            for (int i = end; i < c.length; i++) c[i] = job / 105.0;
        }
        Distribution d = new Distribution(c, 105, 80.5, "BOARD_REPAIR at REPAIR-LIS", true, 10);
        String text = json.writeValueAsString(FactsCodec.DistributionFact.of(d));
        assertTrue(text.length() < 5_000, text.length() + " characters");
        Distribution back = json.readValue(text, FactsCodec.DistributionFact.class).distribution();
        assertArrayEquals(c, back.cdf(), 0);
        assertEquals(d.quantile(0.9), back.quantile(0.9));

        // a short array that changes at most of its steps is written as before (its snapshot hash does not move)
        String dense = json.writeValueAsString(FactsCodec.DistributionFact.of(new Distribution(new double[] {0, 0.2, 0.5, 0.9, 1.0}, 10, 10, "x", true, 1)));
        assertEquals(-1, dense.indexOf("\"at\""), dense);
        assertTrue(dense.contains("\"cdf\":[0.2,0.5,0.9,1.0]"), dense);
    }
}
