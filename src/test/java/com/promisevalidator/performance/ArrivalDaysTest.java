package com.promisevalidator.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.promisevalidator.performance.model.ArrivalDays;

/** The days of the week a site's deliveries never arrive on, learned from when they did. */
class ArrivalDaysTest {

    static final int WEEKEND = ArrivalDays.mask(List.of("SATURDAY", "SUNDAY"));
    static final LocalDate FRIDAY = LocalDate.of(2027, 3, 5);

    @Test
    void aSiteThatDeliversMondayToFridayHasNoArrivalsAtTheWeekend() {
        assertEquals(WEEKEND, ArrivalDays.learn(new double[]{30, 28, 31, 29, 32, 0, 0}, new long[]{30, 28, 31, 29, 32, 0, 0}, 150));
        assertEquals(List.of("SATURDAY", "SUNDAY"), ArrivalDays.names(WEEKEND));
    }

    @Test
    void aFewWeekendArrivalsKeepTheWeekend() {
        // the Olist sample: Sunday 1 % of arrivals, Saturday 5 %: both are days deliveries arrive on
        long[] olist = {922, 884, 830, 840, 780, 223, 45};
        assertEquals(0, ArrivalDays.learn(java.util.Arrays.stream(olist).asDoubleStream().toArray(), olist, 4524));
        // one arrival in 400 on a Sunday (0.25 %): read as none
        assertEquals(ArrivalDays.mask(List.of("SUNDAY")), ArrivalDays.learn(new double[]{80, 80, 80, 80, 60, 19, 1},
                new long[]{80, 80, 80, 80, 60, 19, 1}, 400));
    }

    @Test
    void aFewRecentArrivalsOnADayWithoutAreNotYetAPattern() {
        // probe arr M1: four Saturday arrivals among 1,040, recent, so they weigh 2 % of the decayed total
        long[] counts = {208, 207, 207, 207, 207, 4, 0};
        double[] weights = {20, 20, 20, 20, 20, 2.1, 0};
        assertEquals(WEEKEND, ArrivalDays.learn(weights, counts, 1040));
        // a fifth, and the site delivers on Saturdays now
        counts[5] = 5;
        weights[5] = 2.6;
        assertEquals(ArrivalDays.mask(List.of("SUNDAY")), ArrivalDays.learn(weights, counts, 1041));
    }

    @Test
    void tooFewArrivalsOrTooFewDaysTellNothing() {
        assertEquals(0, ArrivalDays.learn(new double[]{20, 20, 20, 20, 19, 0, 0}, new long[]{20, 20, 20, 20, 19, 0, 0}, 99));
        // arrivals on three days of the week only: too irregular to read four days as closed
        assertEquals(0, ArrivalDays.learn(new double[]{50, 0, 50, 0, 50, 0, 0}, new long[]{50, 0, 50, 0, 50, 0, 0}, 150));
        assertEquals(0, ArrivalDays.learn(new double[7], new long[7], 500));
    }

    @Test
    void aPromiseMovesWithinTheGapOnly() {
        LocalDate saturday = FRIDAY.plusDays(1), sunday = FRIDAY.plusDays(2), monday = FRIDAY.plusDays(3);
        assertEquals(sunday, ArrivalDays.lastOfGap(WEEKEND, FRIDAY));
        assertEquals(sunday, ArrivalDays.lastOfGap(WEEKEND, saturday));
        assertEquals(monday, ArrivalDays.lastOfGap(WEEKEND, monday));
        assertEquals(FRIDAY, ArrivalDays.backToArrival(WEEKEND, sunday, FRIDAY.minusDays(4)));
        assertEquals(monday, ArrivalDays.forwardToArrival(WEEKEND, saturday));
        // never back past the day given (the dispatch): the day itself then
        assertEquals(sunday, ArrivalDays.backToArrival(WEEKEND, sunday, saturday));
        assertEquals(saturday, ArrivalDays.lastOfGap(0, saturday));
    }
}
