package com.promisevalidator.rules.drl;

import static com.promisevalidator.rules.drl.RuleHarness.assertNoReason;
import static com.promisevalidator.rules.drl.RuleHarness.assertReason;
import static com.promisevalidator.rules.drl.RuleHarness.date;
import static com.promisevalidator.rules.drl.RuleHarness.delivery;
import static com.promisevalidator.rules.drl.RuleHarness.inbound;
import static com.promisevalidator.rules.drl.RuleHarness.stock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.promisevalidator.validation.facts.DeliveryPlan;
import com.promisevalidator.validation.facts.Reason;

/**
 * rules/capacity.drl. Site SP1 ships MON-FRI (holiday Fri 2026-12-25), daily capacity 50 orders unless said
 * otherwise. Lead time: planning 2 days at 95% -> earliest = dispatch + 2.
 */
class CapacityRulesTest {

    static final String FULL = "Full day moves to the next day with room";

    @Test
    @DisplayName("Full day moves to the next day with room: one order of room left keeps the day (approve)")
    void roomLeftKeepsTheDay() {
        DeliveryPlan p = delivery().orderedAt("2026-12-01T10:00").dailyLimit(50).taken("2026-12-01", 49).fire();

        assertTrue(p.isFeasible());
        assertEquals(date("2026-12-01"), p.getDispatch()); // 50 - 49 = 1 left
        assertEquals(date("2026-12-03"), p.getEarliest());
        assertNoReason(p.getNotes(), FULL);
    }

    @Test
    @DisplayName("Full day moves to the next day with room: a full Tuesday moves to Wednesday (correct)")
    void fullDayMovesToNextDay() {
        DeliveryPlan p = delivery().orderedAt("2026-12-01T10:00").dailyLimit(50).taken("2026-12-01", 50).fire();

        assertTrue(p.isFeasible());
        assertEquals(date("2026-12-02"), p.getDispatch());
        assertEquals(date("2026-12-04"), p.getEarliest());
        Reason r = assertReason(p.getNotes(), FULL, Reason.Severity.WARNING,
                "SP1 is fully booked on Tue Dec 1 (50 orders); the next day with room is Wed Dec 2.");
        assertEquals("2026-12-01", r.evidence().get("fullDay"));
        assertEquals(50, r.evidence().get("dailyCapacity"));
        assertEquals(50, r.evidence().get("taken"));
    }

    @Test
    @DisplayName("Full day moves to the next day with room: an over-booked day (55 of 50) is full too")
    void overBookedDayIsFull() {
        DeliveryPlan p = delivery().orderedAt("2026-12-01T10:00").dailyLimit(50).taken("2026-12-01", 55).fire();

        assertEquals(date("2026-12-02"), p.getDispatch());
        Reason r = assertReason(p.getNotes(), FULL, Reason.Severity.WARNING, "fully booked on Tue Dec 1 (50 orders)");
        assertEquals(55, r.evidence().get("taken"));
    }

    @Test
    @DisplayName("Full day moves to the next day with room: skips every full day in a row")
    void skipsConsecutiveFullDays() {
        DeliveryPlan p = delivery().orderedAt("2026-12-01T10:00").dailyLimit(50)
                .taken("2026-12-01", 50).taken("2026-12-02", 50).taken("2026-12-03", 49).fire();

        assertEquals(date("2026-12-03"), p.getDispatch()); // Tue, Wed full; Thu has 1 left
        assertReason(p.getNotes(), FULL, Reason.Severity.WARNING, "fully booked on Tue Dec 1", "next day with room is Thu Dec 3");
    }

    @Test
    @DisplayName("Full day moves to the next day with room: a full Friday skips the weekend to Monday")
    void fullFridaySkipsWeekend() {
        DeliveryPlan p = delivery().orderedAt("2026-12-04T10:00").dailyLimit(50).taken("2026-12-04", 50).fire();

        assertEquals(date("2026-12-07"), p.getDispatch()); // Fri full; Sat, Sun closed -> Mon
        assertEquals(date("2026-12-09"), p.getEarliest());
        assertReason(p.getNotes(), FULL, Reason.Severity.WARNING,
                "SP1 is fully booked on Fri Dec 4 (50 orders); the next day with room is Mon Dec 7.");
    }

    @Test
    @DisplayName("Full day moves to the next day with room: a full Thursday skips the Friday holiday and the weekend")
    void fullThursdaySkipsHoliday() {
        DeliveryPlan p = delivery().orderedAt("2026-12-24T10:00").dailyLimit(50).taken("2026-12-24", 50).fire();

        assertEquals(date("2026-12-28"), p.getDispatch()); // Thu 24 full; Fri 25 holiday; Sat, Sun -> Mon 28
        assertReason(p.getNotes(), FULL, Reason.Severity.WARNING, "fully booked on Thu Dec 24", "next day with room is Mon Dec 28");
    }

    @Test
    @DisplayName("Full day moves to the next day with room: checks the day after the cut-off, not the order day")
    void fullDayAfterCutoff() {
        // Tue 15:00 -> Wed Dec 2 (full) -> Thu Dec 3; Tue itself being full is irrelevant
        DeliveryPlan p = delivery().orderedAt("2026-12-01T15:00").dailyLimit(50)
                .taken("2026-12-01", 50).taken("2026-12-02", 50).fire();

        assertEquals(date("2026-12-03"), p.getDispatch());
        assertReason(p.getNotes(), FULL, Reason.Severity.WARNING, "next day with room is Thu Dec 3");
    }

    @Test
    @DisplayName("Full day moves to the next day with room: a full day reached by waiting for inbound moves on too")
    void fullDayAfterInbound() {
        // stock covered Thu Dec 3 (inbound), Thu is full -> Fri Dec 4; earliest Fri + 2 = Sun Dec 6
        DeliveryPlan p = delivery().orderedAt("2026-12-01T10:00").dailyLimit(50).taken("2026-12-03", 50)
                .line("SKU-1", 10, stock("SKU-1", 0, 0, inbound(10, "2026-12-03"))).fire();

        assertTrue(p.isFeasible());
        assertEquals(date("2026-12-04"), p.getDispatch());
        assertEquals(date("2026-12-06"), p.getEarliest());
        assertReason(p.getNotes(), FULL, Reason.Severity.WARNING,
                "SP1 is fully booked on Thu Dec 3 (50 orders); the next day with room is Fri Dec 4.");
    }

    @Test
    @DisplayName("Full day moves to the next day with room: an unconfigured capacity (limit null) never limits")
    void unconfiguredCapacityNeverLimits() {
        DeliveryPlan p = delivery().orderedAt("2026-12-01T10:00").dailyLimit(null).taken("2026-12-01", 10_000).fire();

        assertTrue(p.isFeasible());
        assertEquals(date("2026-12-01"), p.getDispatch());
        assertNoReason(p.getNotes(), FULL);
    }

    @Test
    @DisplayName("Full day moves to the next day with room: no day with room within the horizon is infeasible")
    void noRoomWithinHorizon() {
        // horizon Tue Dec 1 + 3 = Fri Dec 4; Tue..Fri all full
        DeliveryPlan p = delivery().orderedAt("2026-12-01T10:00").horizonDays(3).dailyLimit(50)
                .taken("2026-12-01", 50).taken("2026-12-02", 50).taken("2026-12-03", 50).taken("2026-12-04", 50).fire();

        assertFalse(p.isFeasible());
        assertFalse(p.isEstimated());
        assertReason(p.getNotes(), FULL, Reason.Severity.WARNING, "SP1 has no day with room within the planning horizon.");
    }

    @Test
    @DisplayName("Full day moves to the next day with room: a zero capacity is never able to ship")
    void zeroCapacity() {
        DeliveryPlan p = delivery().orderedAt("2026-12-01T10:00").dailyLimit(0).fire();

        assertFalse(p.isFeasible());
        assertReason(p.getNotes(), FULL, Reason.Severity.WARNING, "no day with room within the planning horizon");
    }
}
