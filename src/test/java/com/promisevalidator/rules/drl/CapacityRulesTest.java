package com.promisevalidator.rules.drl;

import static com.promisevalidator.TestDates.date;
import static com.promisevalidator.TestDates.day;
import static com.promisevalidator.TestDates.say;
import static com.promisevalidator.rules.drl.RuleHarness.local;
import static com.promisevalidator.rules.drl.RuleHarness.assertNoReason;
import static com.promisevalidator.rules.drl.RuleHarness.assertReason;
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
 * rules/capacity.drl. Site SP1 ships MON-FRI (holiday Fri day(24)), daily capacity 50 orders unless said
 * otherwise. Lead time: planning 2 days at 95% -> earliest = dispatch + 2.
 */
class CapacityRulesTest {

    static final String FULL = "Full day moves to the next day with room";

    @Test
    @DisplayName("Full day moves to the next day with room: one order of room left keeps the day (approve)")
    void roomLeftKeepsTheDay() {
        DeliveryPlan p = delivery().orderedAt(local(0, "10:00")).dailyLimit(50).taken(day(0), 49).fire();

        assertTrue(p.isFeasible());
        assertEquals(day(0), p.getDispatch()); // 50 - 49 = 1 left
        assertEquals(day(2), p.getEarliest());
        assertNoReason(p.getNotes(), FULL);
    }

    @Test
    @DisplayName("Full day moves to the next day with room: a full Tuesday moves to Wednesday (correct)")
    void fullDayMovesToNextDay() {
        DeliveryPlan p = delivery().orderedAt(local(0, "10:00")).dailyLimit(50).taken(day(0), 50).fire();

        assertTrue(p.isFeasible());
        assertEquals(day(1), p.getDispatch());
        assertEquals(day(3), p.getEarliest());
        Reason r = assertReason(p.getNotes(), FULL, Reason.Severity.WARNING,
                "SP1 is fully booked on " + say(0) + " (50 orders); the next day with room is " + say(1) + ".");
        assertEquals(date(0), r.evidence().get("fullDay"));
        assertEquals(50, r.evidence().get("dailyCapacity"));
        assertEquals(50, r.evidence().get("taken"));
    }

    @Test
    @DisplayName("Full day moves to the next day with room: an over-booked day (55 of 50) is full too")
    void overBookedDayIsFull() {
        DeliveryPlan p = delivery().orderedAt(local(0, "10:00")).dailyLimit(50).taken(day(0), 55).fire();

        assertEquals(day(1), p.getDispatch());
        Reason r = assertReason(p.getNotes(), FULL, Reason.Severity.WARNING, "fully booked on " + say(0) + " (50 orders)");
        assertEquals(55, r.evidence().get("taken"));
    }

    @Test
    @DisplayName("Full day moves to the next day with room: skips every full day in a row")
    void skipsConsecutiveFullDays() {
        DeliveryPlan p = delivery().orderedAt(local(0, "10:00")).dailyLimit(50)
                .taken(day(0), 50).taken(day(1), 50).taken(day(2), 49).fire();

        assertEquals(day(2), p.getDispatch()); // Tue, Wed full; Thu has 1 left
        assertReason(p.getNotes(), FULL, Reason.Severity.WARNING, "fully booked on " + say(0), "next day with room is " + say(2));
    }

    @Test
    @DisplayName("Full day moves to the next day with room: a full Friday skips the weekend to Monday")
    void fullFridaySkipsWeekend() {
        DeliveryPlan p = delivery().orderedAt(local(3, "10:00")).dailyLimit(50).taken(day(3), 50).fire();

        assertEquals(day(6), p.getDispatch()); // Fri full; Sat, Sun closed -> Mon
        assertEquals(day(8), p.getEarliest());
        assertReason(p.getNotes(), FULL, Reason.Severity.WARNING,
                "SP1 is fully booked on " + say(3) + " (50 orders); the next day with room is " + say(6) + ".");
    }

    @Test
    @DisplayName("Full day moves to the next day with room: a full Thursday skips the Friday holiday and the weekend")
    void fullThursdaySkipsHoliday() {
        DeliveryPlan p = delivery().orderedAt(local(23, "10:00")).dailyLimit(50).taken(day(23), 50).fire();

        assertEquals(day(27), p.getDispatch()); // Thu day(23) full; Fri day(24) holiday; Sat, Sun -> Mon day(27)
        assertReason(p.getNotes(), FULL, Reason.Severity.WARNING, "fully booked on " + say(23), "next day with room is " + say(27));
    }

    @Test
    @DisplayName("Full day moves to the next day with room: checks the day after the cut-off, not the order day")
    void fullDayAfterCutoff() {
        // Tue 15:00 -> Wed day(1) (full) -> Thu day(2); Tue itself being full is irrelevant
        DeliveryPlan p = delivery().orderedAt(local(0, "15:00")).dailyLimit(50)
                .taken(day(0), 50).taken(day(1), 50).fire();

        assertEquals(day(2), p.getDispatch());
        assertReason(p.getNotes(), FULL, Reason.Severity.WARNING, "next day with room is " + say(2));
    }

    @Test
    @DisplayName("Full day moves to the next day with room: a full day reached by waiting for inbound moves on too")
    void fullDayAfterInbound() {
        // stock covered Thu day(2) (inbound), Thu is full -> Fri day(3); earliest Fri + 2 = Sun day(5)
        DeliveryPlan p = delivery().orderedAt(local(0, "10:00")).dailyLimit(50).taken(day(2), 50)
                .line("SKU-1", 10, stock("SKU-1", 0, 0, inbound(10, day(2)))).fire();

        assertTrue(p.isFeasible());
        assertEquals(day(3), p.getDispatch());
        assertEquals(day(5), p.getEarliest());
        assertReason(p.getNotes(), FULL, Reason.Severity.WARNING,
                "SP1 is fully booked on " + say(2) + " (50 orders); the next day with room is " + say(3) + ".");
    }

    @Test
    @DisplayName("Full day moves to the next day with room: an unconfigured capacity (limit null) never limits")
    void unconfiguredCapacityNeverLimits() {
        DeliveryPlan p = delivery().orderedAt(local(0, "10:00")).dailyLimit(null).taken(day(0), 10_000).fire();

        assertTrue(p.isFeasible());
        assertEquals(day(0), p.getDispatch());
        assertNoReason(p.getNotes(), FULL);
    }

    @Test
    @DisplayName("Full day moves to the next day with room: no day with room within the horizon is infeasible")
    void noRoomWithinHorizon() {
        // horizon Tue day(0) + 3 = Fri day(3); Tue..Fri all full
        DeliveryPlan p = delivery().orderedAt(local(0, "10:00")).horizonDays(3).dailyLimit(50)
                .taken(day(0), 50).taken(day(1), 50).taken(day(2), 50).taken(day(3), 50).fire();

        assertFalse(p.isFeasible());
        assertFalse(p.isEstimated());
        assertReason(p.getNotes(), FULL, Reason.Severity.WARNING, "SP1 has no day with room within the planning horizon.");
    }

    @Test
    @DisplayName("Full day moves to the next day with room: a zero capacity is never able to ship")
    void zeroCapacity() {
        DeliveryPlan p = delivery().orderedAt(local(0, "10:00")).dailyLimit(0).fire();

        assertFalse(p.isFeasible());
        assertReason(p.getNotes(), FULL, Reason.Severity.WARNING, "no day with room within the planning horizon");
    }
}
