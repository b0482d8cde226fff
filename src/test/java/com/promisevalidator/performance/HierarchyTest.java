package com.promisevalidator.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.promisevalidator.performance.estimate.Hierarchy;
import com.promisevalidator.performance.estimate.OutlierLimit;
import com.promisevalidator.performance.model.Blend;
import com.promisevalidator.performance.model.Distribution;
import com.promisevalidator.performance.model.SourceWords;
import com.promisevalidator.performance.model.Histogram;

/** The estimate's arithmetic on its own: shrinkage, open orders, single outliers, fallbacks. No database. */
class HierarchyTest {

    static final Blend BLEND = new Blend(30, 0.90, 1);
    static final Distribution PLANNING = Distribution.planning(5, 0.90, "the default transit time");

    /** n finished orders taking from..to days, spread evenly, equal weights. */
    static Histogram finished(int n, int from, int to) {
        Histogram h = new Histogram();
        for (int i = 0; i < n; i++) h.add(from + i % (to - from + 1), 1, 1, 1);
        return h;
    }

    static Distribution lane(Histogram all, Histogram lane, Histogram open) {
        List<Hierarchy.Level> levels = new ArrayList<>();
        levels.add(Hierarchy.level("all deliveries", all, null, null, 0));
        levels.add(Hierarchy.level("SP→RJ deliveries", lane, open, null, 0));
        return Hierarchy.estimate(levels, PLANNING, BLEND, 1, 7);
    }

    @Test
    void theBuiltInDefaultTransitTimeLendsASlowBusinessNoChanceOfFiveDays() {
        // a new customer's only lane: 30 made-to-order deliveries of 130-200 days, every level the same rows
        Histogram slow = finished(30, 130, 200);
        List<Hierarchy.Level> levels = new ArrayList<>();
        for (String words : List.of("all deliveries", "deliveries from FURN", "FURN→ISLANDS deliveries")) {
            levels.add(Hierarchy.level(words, slow, null, null, 0));
        }
        double setByOps = Hierarchy.estimate(levels, PLANNING, BLEND, 1, 7).cdf(59);
        double placeholder = Hierarchy.estimate(levels, PLANNING, BLEND.withPlaceholderPlanning(), 1, 7).cdf(59);
        assertTrue(setByOps > 0.1, "a planning value ops set keeps its weight: " + setByOps);
        assertTrue(placeholder < 0.01, "59 days, where no order ever came in under 130, is kept " + placeholder);
    }

    /** A lane from SP with ops' planning value of {@code days} over deliveries everywhere taking 3-7 days. */
    /**
     * Probe api L4: a service with one job of its own answered "OIL_CHANGE at P24 took up to 42 minutes (1 job)" when the
     * job took 1: the figure is the type everywhere's (or the standard's) as much as the job's, and the words now say so.
     */
    @Test
    void aThinServiceSaysWhatItLeansOn() {
        List<Hierarchy.Level> levels = List.of(Hierarchy.level(SourceWords.serviceEverywhere("OIL"), finished(400, 30, 45), null, null, 0),
                Hierarchy.level(SourceWords.serviceAt("OIL", "P24"), finished(1, 1, 1), null, null, 0));
        Distribution thin = Hierarchy.estimate(levels, Distribution.planning(20, 0.90, SourceWords.standardMinutes(20)), BLEND, 1, 60);
        assertEquals("OIL at P24 together with OIL at all sites", thin.source());
        assertEquals("serviceWithAll", SourceWords.parse(thin.source()).kind());
        List<Hierarchy.Level> alone = List.of(Hierarchy.level(SourceWords.serviceEverywhere("OIL"), null, null, null, 0),
                Hierarchy.level(SourceWords.serviceAt("OIL", "P24"), finished(1, 1, 1), null, null, 0));
        Distribution onStandard = Hierarchy.estimate(alone, Distribution.planning(20, 0.90, SourceWords.standardMinutes(20)), BLEND, 1, 60);
        assertEquals("OIL at P24 together with the standard 20 minutes", onStandard.source());
        // a service with jobs enough speaks alone
        List<Hierarchy.Level> busy = List.of(Hierarchy.level(SourceWords.serviceEverywhere("OIL"), finished(400, 30, 45), null, null, 0),
                Hierarchy.level(SourceWords.serviceAt("OIL", "P24"), finished(400, 30, 45), null, null, 0));
        assertEquals("OIL at P24", Hierarchy.estimate(busy, Distribution.planning(20, 0.90, SourceWords.standardMinutes(20)), BLEND, 1, 60).source());
    }

    static Distribution plannedLane(int days, Histogram lane) {
        List<Hierarchy.Level> levels = new ArrayList<>();
        levels.add(Hierarchy.level("all deliveries", finished(400, 3, 7), null, null, 0));
        levels.add(Hierarchy.level("deliveries from SP", finished(400, 3, 7), null, null, 0));
        levels.add(Hierarchy.level("SP→AM deliveries", lane, null, null, 0));
        return Hierarchy.estimate(levels, Distribution.planning(days, 0.90, "the SP→AM planning value"), BLEND.withPlanningOfKey(), 1, days + 2);
    }

    @Test
    void aNewLaneIsPromisedByItsOwnPlanningValueNotByOtherLanes() {
        int others = lane(finished(400, 3, 7), null, null).quantile(0.90);
        Distribution slow = plannedLane(12, null), fast = plannedLane(2, null);
        assertEquals(12, slow.quantile(0.90), "ops say 12 days where other lanes take up to " + others);
        assertEquals(2, fast.quantile(0.90), "ops say 2 days where other lanes take 3 or more");
        // beyond the 90 % ops vouch for, the rest takes as long as other lanes' tails: 95 % needs 5 of their 3-7 days
        assertEquals(5, fast.quantile(0.95));
        assertEquals("the SP→AM planning value", slow.source());
        assertTrue(!slow.fromHistory() && slow.n() == 0, "it rests on the planning value, not on history");
        // the same value as the bottom of the chain would drown in 800 other orders
        List<Hierarchy.Level> levels = List.of(Hierarchy.level("all deliveries", finished(400, 3, 7), null, null, 0),
                Hierarchy.level("SP→AM deliveries", null, null, null, 0));
        assertTrue(Hierarchy.estimate(levels, Distribution.planning(12, 0.90, "x"), BLEND, 1, 14).quantile(0.90) < 12);
    }

    @Test
    void aLanesHistoryOutweighsItsPlanningValueOnceThereIsEnoughOfIt() {
        Distribution few = plannedLane(12, finished(3, 3, 5)), many = plannedLane(12, finished(600, 3, 5));
        assertTrue(few.quantile(0.90) >= 11, "3 orders barely move ops' 12 days: " + few.quantile(0.90));
        assertTrue(many.quantile(0.90) <= 5, "600 orders of 3-5 days speak for the lane: " + many.quantile(0.90));
        // the lane's history weighed with ops' value: the words say both (the value is never the deliveries' own)
        assertEquals("SP→AM deliveries together with the lane's planning value of 12 days", few.source());
        assertEquals("SP→AM deliveries together with the lane's planning value of 12 days", plannedLane(12, finished(100, 3, 5)).source());
        // 600 orders are enough: the value no longer weighs, and the words say the lane's deliveries alone
        assertEquals("SP→AM deliveries", many.source());
        assertEquals(new SourceWords.Parsed("lanePlanned", Map.of("site", "SP", "region", "AM", "days", "12")), SourceWords.parse(few.source()));
        assertEquals("SP→AM deliveries together with the lane's planning value of 1 day", plannedLane(1, finished(3, 3, 5)).source());
        assertTrue(many.fromHistory());
        assertEquals(600, many.n());
        // an optimistic planning value does not pull a lane with ample history before its own P90 (8 days)
        assertEquals(8, plannedLane(2, finished(300, 2, 8)).quantile(0.90));
    }

    @Test
    void aPlanningValueFarFromABusyLanesHistoryDoesNotMoveIt() {
        Histogram busy = finished(500, 2, 11); // 90 % within 10 days
        int own = plannedLane(10, busy).quantile(0.90);
        assertEquals(10, own);
        for (int days : new int[]{1, 30, 100}) assertEquals(own, plannedLane(days, busy).quantile(0.90), "planning value " + days);
        // fewer orders, still more than a handful: the value weighs less the more the lane has shown
        int slowVal = plannedLane(60, finished(60, 2, 11)).quantile(0.90), slowValMore = plannedLane(60, finished(200, 2, 11)).quantile(0.90);
        assertTrue(slowVal > slowValMore && slowValMore >= own, slowVal + " days with 60 orders, " + slowValMore + " with 200");
    }

    @Test
    void oneOrderOfThreeHundredDaysMovesAThinLaneByAtMostAFewDays() {
        Histogram parent = finished(400, 3, 9);
        Histogram thin = finished(2, 4, 6);
        int before = lane(parent, thin, null).quantile(0.90);
        Histogram parentWild = parent.copy();
        parentWild.add(300, 1, 1, 1);
        Histogram thinWild = thin.copy();
        thinWild.add(300, 1, 1, 1);
        Distribution after = lane(parentWild, thinWild, null);
        assertTrue(after.quantile(0.90) - before <= 3, "P90 " + before + " -> " + after.quantile(0.90));
        assertTrue(after.quantile(0.90) < 120, "far inside the horizon");
        assertEquals(3, after.n());
    }

    @Test
    void aThinLaneLeansOnItsParentABusyOneSpeaksForItself() {
        Histogram parent = finished(400, 3, 7);
        int parentP90 = lane(parent, null, null).quantile(0.90);
        assertEquals(parentP90, lane(parent, finished(400, 3, 7), null).quantile(0.90));
        // 3 slow orders barely move the lane; 300 slow ones make it slow
        int thinSlow = lane(parent, finished(3, 20, 22), null).quantile(0.90);
        int busySlow = lane(parent, finished(300, 20, 22), null).quantile(0.90);
        assertTrue(thinSlow <= parentP90 + 2, "thin: " + parentP90 + " -> " + thinSlow);
        assertTrue(busySlow >= 20, "busy: " + busySlow);
    }

    @Test
    void openOrdersAgeingPastTheQuantileMoveItLaterAndSaySo() {
        Histogram all = finished(300, 3, 7);
        Histogram lane = finished(300, 3, 7);
        Distribution calm = lane(all, lane, null);
        assertNull(calm.ageing(), "nothing open, nothing to say");
        Histogram open = new Histogram();
        open.add(15, 30, 30 * 3.0, 30 * 9.0); // 30 orders open 15 days, at an export three times the weight of the old ones
        Distribution drifting = lane(all, lane, open);
        assertTrue(drifting.quantile(0.90) > calm.quantile(0.90), calm.quantile(0.90) + " -> " + drifting.quantile(0.90));
        assertNotNull(drifting.ageing());
        assertEquals(30, drifting.ageing().open());
        assertEquals(calm.quantile(0.90), drifting.ageing().withoutOpen().quantile(0.90));
        assertEquals(30, drifting.ageing().olderThan(drifting.ageing().withoutOpen().quantile(0.90)));
        // an ops buffer shifts the estimate and its twin alike
        Distribution buffered = drifting.withBuffer(2);
        assertEquals(drifting.ageing().withoutOpen().quantile(0.90) + 2, buffered.ageing().withoutOpen().quantile(0.90));
    }

    @Test
    void noHistoryAtAllIsThePlanningValue() {
        Distribution d = lane(null, null, null);
        assertSame(PLANNING, d);
        assertEquals(5, d.quantile(0.90));
    }

    @Test
    void beyondTheLongestSeenTheParentsTailDecides() {
        double[] km = {0, 0.5, 0.6, 0.6, 0.6};
        double[] parent = {0, 0.5, 0.8, 0.9, 1.0};
        double[] out = Hierarchy.completeTail(km.clone(), 2, parent);
        assertEquals(0.6, out[2], 1e-12);
        assertEquals(1 - 0.4 * 0.5, out[3], 1e-12); // half of the parent's remaining tail is past day 3
        assertEquals(1.0, out[4], 1e-12);
    }

    @Test
    void oneLongOpenOrderElsewhereLendsALateLaneNoTailOfItsOwn() {
        // a lane of 40 three-day orders and 8 still open at 4-11 days; everywhere else, one order open for 100 days
        Histogram lane = finished(40, 3, 3);
        Histogram laneOpen = new Histogram();
        for (int age = 4; age <= 11; age++) laneOpen.add(age, 1, 1, 1);
        Histogram allOpen = new Histogram();
        for (int age = 4; age <= 11; age++) allOpen.add(age, 1, 1, 1);
        Distribution calm = lane(finished(40, 3, 3), lane, laneOpen);
        allOpen.add(100, 1, 1, 1);
        List<Hierarchy.Level> levels = new ArrayList<>();
        levels.add(Hierarchy.level("all deliveries", finished(40, 3, 3), allOpen, null, 0));
        levels.add(Hierarchy.level("SP→RJ deliveries", lane, laneOpen, null, 0));
        Distribution withIt = Hierarchy.estimate(levels, PLANNING, BLEND, 1, 7);
        assertTrue(withIt.quantile(0.90) <= calm.quantile(0.90) + 2, calm.quantile(0.90) + " -> " + withIt.quantile(0.90));
        // a parent tail many orders stand behind is still followed whole
        double[] km = {0, 0.5, 0.6, 0.6, 0.6};
        double[] parent = {0, 0.5, 0.8, 0.9, 1.0};
        assertEquals(1 - 0.4 * 0.5, Hierarchy.completeTail(km.clone(), 2, parent, 10_000)[3], 1e-3);
        assertEquals(1 - 0.4 * 0.5 * 0.25, Hierarchy.completeTail(km.clone(), 2, parent, 1)[3], 1e-12, "one order behind it: a quarter");
        assertEquals(1.0, Hierarchy.completeTail(km.clone(), 2, parent, 0)[3], 1e-12, "a tail nothing stands behind: one step later");
    }

    @Test
    void outlierLimitIsRobustToTheOutliersItLooksFor() {
        TreeMap<Integer, Long> counts = new TreeMap<>(Map.of(3, 30L, 5, 40L, 7, 29L, 300, 1L));
        OutlierLimit l = OutlierLimit.of(counts, 20, 3, 14);
        assertEquals(3, l.p10());
        assertEquals(7, l.p90());
        assertEquals(7 + 14, l.limit()); // floor: 14 days over the P90
        assertNull(OutlierLimit.of(new TreeMap<>(Map.of(3, 5L)), 20, 3, 14), "too few rows to judge");
    }
}
