package com.promisevalidator.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.promisevalidator.performance.model.Mastery;

/** The documented mastery score formula. */
class MasteryTest {

    @Test
    void risesWithTheKeptRateAtEqualSampleAndLateness() {
        double previous = 0;
        for (int kept = 0; kept <= 200; kept += 10) {
            int broken = 200 - kept;
            double score = Mastery.of(200, kept, broken * 0.5).score(); // every broken one half a week late
            assertTrue(score >= previous, "score fell from " + previous + " to " + score + " at kept=" + kept);
            previous = score;
        }
        assertEquals(10.0, Mastery.of(100_000, 100_000, 0).score(), 0.05);
        assertEquals(1.0, Mastery.of(200, 0, 200).score());
    }

    @Test
    void lateMissesCostMoreThanNearMisses() {
        Mastery near = Mastery.of(500, 400, 100 * (1 / 7.0)); // broken by one day
        Mastery far = Mastery.of(500, 400, 100 * 1.0);        // broken by a week or more
        assertTrue(far.score() < near.score(), far.score() + " vs " + near.score());
        assertEquals(0.8, near.keptRate());
    }

    @Test
    void aSmallSampleDoesNotReadLikeAVerdict() {
        Mastery three = Mastery.of(3, 3, 0);
        Mastery many = Mastery.of(3000, 3000, 0);
        assertTrue(three.smallSample());
        assertTrue(three.score() < 8, "three kept promises score " + three.score());
        assertTrue(many.score() > 9.9);
        assertEquals(1.0, Mastery.of(0, 0, 0).score());
    }
}
