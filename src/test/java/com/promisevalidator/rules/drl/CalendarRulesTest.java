package com.promisevalidator.rules.drl;

import static com.promisevalidator.TestDates.date;
import static com.promisevalidator.TestDates.day;
import static com.promisevalidator.TestDates.say;
import static com.promisevalidator.rules.drl.RuleHarness.local;
import static com.promisevalidator.rules.drl.RuleHarness.assertNoReason;
import static com.promisevalidator.rules.drl.RuleHarness.assertReason;
import static com.promisevalidator.rules.drl.RuleHarness.delivery;
import static com.promisevalidator.rules.drl.RuleHarness.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.promisevalidator.capacity.model.Site;
import com.promisevalidator.validation.facts.DeliveryPlan;
import com.promisevalidator.validation.facts.Reason;

/**
 * rules/calendar.drl. Site SP1: America/Sao_Paulo (UTC-3 all year, no DST since 2019), cut-off 14:00,
 * ships MON-FRI, holiday Fri day(24). Lead time: planning 2 days at 95% (target 90%) -> earliest = dispatch + 2.
 * Days count from the test anchor (TestDates): day(0) Tue, 1 Wed, 2 Thu, 3 Fri, 4 Sat, 5 Sun, 6 Mon ... 23 Thu,
 * 24 Fri (holiday), 27 Mon.
 */
class CalendarRulesTest {

    static final String CUTOFF = "Order after cut-off starts tomorrow";
    static final String CLOSED = "No dispatch on a closed day";

    // ---- Order after cut-off starts tomorrow ---------------------------------------------------

    @Test
    @DisplayName("Order after cut-off starts tomorrow: an order before the cut-off ships the same day (approve)")
    void beforeCutoffShipsToday() {
        DeliveryPlan p = delivery().orderedAt(local(0, "10:00")).fire();

        assertTrue(p.isFeasible());
        assertEquals(day(0), p.getDispatch()); // Tue, 10:00 < 14:00
        assertEquals(day(2), p.getEarliest()); // Tue + 2 days
        assertNoReason(p.getNotes(), CUTOFF);
        assertNoReason(p.getNotes(), CLOSED);
    }

    @Test
    @DisplayName("Order after cut-off starts tomorrow: an order at 15:30 ships the next day (correct)")
    void afterCutoffShipsTomorrow() {
        DeliveryPlan p = delivery().orderedAt(local(0, "15:30")).fire();

        assertTrue(p.isFeasible());
        assertEquals(day(1), p.getDispatch()); // Tue after 14:00 -> Wed
        assertEquals(day(3), p.getEarliest()); // Wed + 2 days
        Reason r = assertReason(p.getNotes(), CUTOFF, Reason.Severity.INFO,
                "The order came after SP1's 14:00 cut-off, so it starts on " + say(1) + ".");
        assertEquals("14:00", r.evidence().get("cutoff"));
        assertEquals(date(0), r.evidence().get("orderDay"));
        assertNoReason(p.getNotes(), CLOSED);
    }

    @Test
    @DisplayName("Order after cut-off starts tomorrow: an order exactly at 14:00:00 counts as after the cut-off")
    void exactlyAtCutoffIsAfter() {
        DeliveryPlan p = delivery().orderedAt(local(0, "14:00:00")).fire();

        assertEquals(day(1), p.getDispatch()); // 14:00:00 is not before 14:00 -> Wed
        assertReason(p.getNotes(), CUTOFF, Reason.Severity.INFO, "14:00 cut-off", "starts on " + say(1));
    }

    @Test
    @DisplayName("Order after cut-off starts tomorrow: an order one minute before the cut-off (13:59) ships the same day")
    void oneMinuteBeforeCutoff() {
        DeliveryPlan p = delivery().orderedAt(local(0, "13:59")).fire();

        assertEquals(day(0), p.getDispatch());
        assertNoReason(p.getNotes(), CUTOFF);
    }

    @Test
    @DisplayName("Order after cut-off starts tomorrow: the cut-off is read in the site's local time, not UTC")
    void cutoffInSiteLocalTime() {
        // 12:30 in São Paulo is 15:30Z: after 14:00 in UTC, but before the site's local cut-off
        DeliveryPlan p = delivery().orderedAt(local(0, "12:30")).fire();

        assertEquals(day(0), p.getOrderDay());
        assertEquals(day(0), p.getDispatch());
        assertNoReason(p.getNotes(), CUTOFF);
    }

    @Test
    @DisplayName("Order after cut-off starts tomorrow: a late-evening order whose UTC date is already tomorrow counts from the local day")
    void lateEveningOrderUsesLocalDay() {
        // Tue day(0) 23:30 local = Wed day(1) 02:30Z; local order day Tue, after cut-off -> Wed (not Thu)
        DeliveryPlan p = delivery().orderedAt(local(0, "23:30")).fire();

        assertEquals(day(0), p.getOrderDay());
        assertEquals(day(1), p.getDispatch());
        assertReason(p.getNotes(), CUTOFF, Reason.Severity.INFO, "starts on " + say(1));
    }

    @Test
    @DisplayName("Order after cut-off starts tomorrow: a site without a cut-off ships late orders the same day")
    void noCutoffConfigured() {
        Site noCutoff = new Site("SP1", "São Paulo DC", RuleHarness.SAO_PAULO, null,
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Set.of(), null, true);
        DeliveryPlan p = delivery().site(noCutoff).orderedAt(local(0, "23:00")).fire();

        assertEquals(day(0), p.getDispatch());
        assertNoReason(p.getNotes(), CUTOFF);
    }

    // ---- No dispatch on a closed day -----------------------------------------------------------

    @Test
    @DisplayName("No dispatch on a closed day: an order on a working day is not moved (approve)")
    void workingDayNotMoved() {
        DeliveryPlan p = delivery().orderedAt(local(6, "09:00")).fire(); // Mon

        assertEquals(day(6), p.getDispatch());
        assertNoReason(p.getNotes(), CLOSED);
    }

    @Test
    @DisplayName("No dispatch on a closed day: a Saturday order ships on Monday (correct)")
    void saturdayOrderShipsMonday() {
        DeliveryPlan p = delivery().orderedAt(local(4, "10:00")).fire(); // Sat, before cut-off

        assertTrue(p.isFeasible());
        assertEquals(day(6), p.getDispatch()); // Sat, Sun closed -> Mon
        assertEquals(day(8), p.getEarliest()); // Mon + 2
        Reason r = assertReason(p.getNotes(), CLOSED, Reason.Severity.INFO,
                "SP1 does not ship on " + say(4) + "; the first shipping day is " + say(6) + ".");
        assertEquals(date(4), r.evidence().get("closedDay"));
        assertEquals(date(6), r.evidence().get("dispatch"));
        assertNoReason(p.getNotes(), CUTOFF);
    }

    @Test
    @DisplayName("No dispatch on a closed day: an order on a holiday (Fri day(24)) ships on Monday day(27)")
    void holidayOrderShipsNextWorkingDay() {
        DeliveryPlan p = delivery().orderedAt(local(24, "09:00")).fire();

        assertEquals(day(27), p.getDispatch()); // Fri holiday, Sat, Sun -> Mon day(27)
        assertEquals(day(29), p.getEarliest());
        assertReason(p.getNotes(), CLOSED, Reason.Severity.INFO,
                "SP1 does not ship on " + say(24) + "; the first shipping day is " + say(27) + ".");
    }

    @Test
    @DisplayName("No dispatch on a closed day: a Friday-evening order (after cut-off) lands on Monday")
    void fridayEveningLandsOnMonday() {
        DeliveryPlan p = delivery().orderedAt(local(3, "18:00")).fire(); // Fri after 14:00

        assertTrue(p.isFeasible());
        assertEquals(day(6), p.getDispatch()); // cut-off -> Sat day(4), closed -> Mon day(6)
        assertEquals(day(8), p.getEarliest());
        assertReason(p.getNotes(), CUTOFF, Reason.Severity.INFO, "so it starts on " + say(4) + ".");
        assertReason(p.getNotes(), CLOSED, Reason.Severity.INFO,
                "SP1 does not ship on " + say(4) + "; the first shipping day is " + say(6) + ".");
    }

    @Test
    @DisplayName("No dispatch on a closed day: a Thursday order after cut-off before a Friday holiday lands on Monday")
    void afterCutoffIntoHoliday() {
        DeliveryPlan p = delivery().orderedAt(local(23, "16:00")).fire(); // Thu after cut-off

        assertEquals(day(27), p.getDispatch()); // -> Fri day(24) (holiday) -> Mon day(27)
        assertReason(p.getNotes(), CLOSED, Reason.Severity.INFO, "does not ship on " + say(24), "first shipping day is " + say(27));
    }

    @Test
    @DisplayName("No dispatch on a closed day: a site that never ships is infeasible")
    void siteThatNeverShips() {
        DeliveryPlan p = delivery().site(site(EnumSet.noneOf(DayOfWeek.class))).orderedAt(local(0, "10:00")).fire();

        assertFalse(p.isFeasible());
        assertFalse(p.isEstimated());
        assertNull(p.getEarliest());
        assertReason(p.getNotes(), CLOSED, Reason.Severity.INFO, "SP1 has no shipping day within the planning horizon.");
    }

    @Test
    @DisplayName("No dispatch on a closed day: the first shipping day beyond the horizon makes the plan infeasible")
    void firstShippingDayBeyondHorizon() {
        // Sat day(4) + 1 horizon day = Sun day(5); first shipping day Mon day(6) is beyond it
        DeliveryPlan p = delivery().orderedAt(local(4, "10:00")).horizonDays(1).fire();

        assertFalse(p.isFeasible());
        assertFalse(p.isEstimated());
        assertReason(p.getNotes(), CLOSED, Reason.Severity.INFO, "SP1 has no shipping day within the planning horizon.");
    }
}
