package com.promisevalidator.rules.drl;

import static com.promisevalidator.rules.drl.RuleHarness.assertNoReason;
import static com.promisevalidator.rules.drl.RuleHarness.assertReason;
import static com.promisevalidator.rules.drl.RuleHarness.date;
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
 * ships MON-FRI, holiday Fri 2026-12-25. Lead time: planning 2 days at 95% (target 90%) -> earliest = dispatch + 2.
 * December 2026: Tue 1, Wed 2, Thu 3, Fri 4, Sat 5, Sun 6, Mon 7 ... Thu 24, Fri 25 (holiday), Mon 28.
 */
class CalendarRulesTest {

    static final String CUTOFF = "Order after cut-off starts tomorrow";
    static final String CLOSED = "No dispatch on a closed day";

    // ---- Order after cut-off starts tomorrow ---------------------------------------------------

    @Test
    @DisplayName("Order after cut-off starts tomorrow: an order before the cut-off ships the same day (approve)")
    void beforeCutoffShipsToday() {
        DeliveryPlan p = delivery().orderedAt("2026-12-01T10:00").fire();

        assertTrue(p.isFeasible());
        assertEquals(date("2026-12-01"), p.getDispatch()); // Tue, 10:00 < 14:00
        assertEquals(date("2026-12-03"), p.getEarliest()); // Tue + 2 days
        assertNoReason(p.getNotes(), CUTOFF);
        assertNoReason(p.getNotes(), CLOSED);
    }

    @Test
    @DisplayName("Order after cut-off starts tomorrow: an order at 15:30 ships the next day (correct)")
    void afterCutoffShipsTomorrow() {
        DeliveryPlan p = delivery().orderedAt("2026-12-01T15:30").fire();

        assertTrue(p.isFeasible());
        assertEquals(date("2026-12-02"), p.getDispatch()); // Tue after 14:00 -> Wed
        assertEquals(date("2026-12-04"), p.getEarliest()); // Wed + 2 days
        Reason r = assertReason(p.getNotes(), CUTOFF, Reason.Severity.INFO,
                "The order came after SP1's 14:00 cut-off, so it starts on Wed Dec 2.");
        assertEquals("14:00", r.evidence().get("cutoff"));
        assertEquals("2026-12-01", r.evidence().get("orderDay"));
        assertNoReason(p.getNotes(), CLOSED);
    }

    @Test
    @DisplayName("Order after cut-off starts tomorrow: an order exactly at 14:00:00 counts as after the cut-off")
    void exactlyAtCutoffIsAfter() {
        DeliveryPlan p = delivery().orderedAt("2026-12-01T14:00:00").fire();

        assertEquals(date("2026-12-02"), p.getDispatch()); // 14:00:00 is not before 14:00 -> Wed
        assertReason(p.getNotes(), CUTOFF, Reason.Severity.INFO, "14:00 cut-off", "starts on Wed Dec 2");
    }

    @Test
    @DisplayName("Order after cut-off starts tomorrow: an order one minute before the cut-off (13:59) ships the same day")
    void oneMinuteBeforeCutoff() {
        DeliveryPlan p = delivery().orderedAt("2026-12-01T13:59").fire();

        assertEquals(date("2026-12-01"), p.getDispatch());
        assertNoReason(p.getNotes(), CUTOFF);
    }

    @Test
    @DisplayName("Order after cut-off starts tomorrow: the cut-off is read in the site's local time, not UTC")
    void cutoffInSiteLocalTime() {
        // 12:30 in São Paulo is 15:30Z: after 14:00 in UTC, but before the site's local cut-off
        DeliveryPlan p = delivery().orderedAt("2026-12-01T12:30").fire();

        assertEquals(date("2026-12-01"), p.getOrderDay());
        assertEquals(date("2026-12-01"), p.getDispatch());
        assertNoReason(p.getNotes(), CUTOFF);
    }

    @Test
    @DisplayName("Order after cut-off starts tomorrow: a late-evening order whose UTC date is already tomorrow counts from the local day")
    void lateEveningOrderUsesLocalDay() {
        // Tue Dec 1 23:30 local = Wed Dec 2 02:30Z; local order day Tue, after cut-off -> Wed (not Thu)
        DeliveryPlan p = delivery().orderedAt("2026-12-01T23:30").fire();

        assertEquals(date("2026-12-01"), p.getOrderDay());
        assertEquals(date("2026-12-02"), p.getDispatch());
        assertReason(p.getNotes(), CUTOFF, Reason.Severity.INFO, "starts on Wed Dec 2");
    }

    @Test
    @DisplayName("Order after cut-off starts tomorrow: a site without a cut-off ships late orders the same day")
    void noCutoffConfigured() {
        Site noCutoff = new Site("SP1", "São Paulo DC", RuleHarness.SAO_PAULO, null,
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Set.of(), null, true);
        DeliveryPlan p = delivery().site(noCutoff).orderedAt("2026-12-01T23:00").fire();

        assertEquals(date("2026-12-01"), p.getDispatch());
        assertNoReason(p.getNotes(), CUTOFF);
    }

    // ---- No dispatch on a closed day -----------------------------------------------------------

    @Test
    @DisplayName("No dispatch on a closed day: an order on a working day is not moved (approve)")
    void workingDayNotMoved() {
        DeliveryPlan p = delivery().orderedAt("2026-12-07T09:00").fire(); // Mon

        assertEquals(date("2026-12-07"), p.getDispatch());
        assertNoReason(p.getNotes(), CLOSED);
    }

    @Test
    @DisplayName("No dispatch on a closed day: a Saturday order ships on Monday (correct)")
    void saturdayOrderShipsMonday() {
        DeliveryPlan p = delivery().orderedAt("2026-12-05T10:00").fire(); // Sat, before cut-off

        assertTrue(p.isFeasible());
        assertEquals(date("2026-12-07"), p.getDispatch()); // Sat, Sun closed -> Mon
        assertEquals(date("2026-12-09"), p.getEarliest()); // Mon + 2
        Reason r = assertReason(p.getNotes(), CLOSED, Reason.Severity.INFO,
                "SP1 does not ship on Sat Dec 5; the first shipping day is Mon Dec 7.");
        assertEquals("2026-12-05", r.evidence().get("closedDay"));
        assertEquals("2026-12-07", r.evidence().get("dispatch"));
        assertNoReason(p.getNotes(), CUTOFF);
    }

    @Test
    @DisplayName("No dispatch on a closed day: an order on a holiday (Fri Dec 25) ships on Monday Dec 28")
    void holidayOrderShipsNextWorkingDay() {
        DeliveryPlan p = delivery().orderedAt("2026-12-25T09:00").fire();

        assertEquals(date("2026-12-28"), p.getDispatch()); // Fri holiday, Sat, Sun -> Mon 28
        assertEquals(date("2026-12-30"), p.getEarliest());
        assertReason(p.getNotes(), CLOSED, Reason.Severity.INFO,
                "SP1 does not ship on Fri Dec 25; the first shipping day is Mon Dec 28.");
    }

    @Test
    @DisplayName("No dispatch on a closed day: a Friday-evening order (after cut-off) lands on Monday")
    void fridayEveningLandsOnMonday() {
        DeliveryPlan p = delivery().orderedAt("2026-12-04T18:00").fire(); // Fri after 14:00

        assertTrue(p.isFeasible());
        assertEquals(date("2026-12-07"), p.getDispatch()); // cut-off -> Sat Dec 5, closed -> Mon Dec 7
        assertEquals(date("2026-12-09"), p.getEarliest());
        assertReason(p.getNotes(), CUTOFF, Reason.Severity.INFO, "so it starts on Sat Dec 5.");
        assertReason(p.getNotes(), CLOSED, Reason.Severity.INFO,
                "SP1 does not ship on Sat Dec 5; the first shipping day is Mon Dec 7.");
    }

    @Test
    @DisplayName("No dispatch on a closed day: a Thursday order after cut-off before a Friday holiday lands on Monday")
    void afterCutoffIntoHoliday() {
        DeliveryPlan p = delivery().orderedAt("2026-12-24T16:00").fire(); // Thu after cut-off

        assertEquals(date("2026-12-28"), p.getDispatch()); // -> Fri 25 (holiday) -> Mon 28
        assertReason(p.getNotes(), CLOSED, Reason.Severity.INFO, "does not ship on Fri Dec 25", "first shipping day is Mon Dec 28");
    }

    @Test
    @DisplayName("No dispatch on a closed day: a site that never ships is infeasible")
    void siteThatNeverShips() {
        DeliveryPlan p = delivery().site(site(EnumSet.noneOf(DayOfWeek.class))).orderedAt("2026-12-01T10:00").fire();

        assertFalse(p.isFeasible());
        assertFalse(p.isEstimated());
        assertNull(p.getEarliest());
        assertReason(p.getNotes(), CLOSED, Reason.Severity.INFO, "SP1 has no shipping day within the planning horizon.");
    }

    @Test
    @DisplayName("No dispatch on a closed day: the first shipping day beyond the horizon makes the plan infeasible")
    void firstShippingDayBeyondHorizon() {
        // Sat Dec 5 + 1 horizon day = Sun Dec 6; first shipping day Mon Dec 7 is beyond it
        DeliveryPlan p = delivery().orderedAt("2026-12-05T10:00").horizonDays(1).fire();

        assertFalse(p.isFeasible());
        assertFalse(p.isEstimated());
        assertReason(p.getNotes(), CLOSED, Reason.Severity.INFO, "SP1 has no shipping day within the planning horizon.");
    }
}
