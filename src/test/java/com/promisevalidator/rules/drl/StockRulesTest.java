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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.promisevalidator.validation.facts.Alternative;
import com.promisevalidator.validation.facts.DeliveryPlan;
import com.promisevalidator.validation.facts.Reason;

/**
 * rules/stock.drl. Orders are placed Tue day(0) 10:00 in São Paulo (before the 14:00 cut-off), so the
 * order day and first dispatch day is Tue day(0). Lead time: planning 2 days at 95% -> earliest = dispatch + 2.
 * Available now = on hand - reserved (+ inbound already arrived), never below 0.
 */
class StockRulesTest {

    static final String WAITS = "Short line waits for inbound";
    static final String IN_TIME = "Short line covered by inbound in time";
    static final String UNCOVERED = "Line cannot be covered";
    static final String ALL_IN = "All lines in stock";
    static final String SPLIT = "Offer a split delivery";
    static final String CLOSED = "No dispatch on a closed day";

    // ---- All lines in stock / Short line waits for inbound --------------------------------------

    @Test
    @DisplayName("All lines in stock: exactly enough stock (available == quantity) does not move the day (approve)")
    void exactlyEnoughStock() {
        DeliveryPlan p = delivery().line("SKU-1", 10, stock("SKU-1", 10, 0)).fire();

        assertTrue(p.isFeasible());
        assertEquals(day(0), p.getDispatch());
        assertEquals(day(2), p.getEarliest());
        Reason r = assertReason(p.getNotes(), ALL_IN, Reason.Severity.INFO, "SP1 has every line of this order in stock.");
        assertEquals(1, r.evidence().get("lines"));
        assertNoReason(p.getNotes(), WAITS);
        assertNoReason(p.getNotes(), UNCOVERED);
        assertTrue(p.getNotes().alternatives().isEmpty());
    }

    @Test
    @DisplayName("Short line waits for inbound: one unit short moves dispatch to the inbound arrival day (correct)")
    void oneUnitShortWaitsForInbound() {
        // 9 free of 10; 5 arrive Thu day(2) -> 14 >= 10 on Thu
        DeliveryPlan p = delivery().line("SKU-1", 10, stock("SKU-1", 9, 0, inbound(5, day(2)))).fire();

        assertTrue(p.isFeasible());
        assertEquals(day(2), p.getDispatch());
        assertEquals(day(4), p.getEarliest()); // Thu + 2
        Reason r = assertReason(p.getNotes(), WAITS, Reason.Severity.WARNING,
                "SP1 has 9 of 10 SKU-1 free today; inbound supply covers the rest on " + say(2) + ".");
        assertEquals(date(2), r.evidence().get("readyDay"));
        assertEquals(9, r.evidence().get("availableNow"));
        assertEquals(10, r.evidence().get("needed"));
        assertNoReason(p.getNotes(), ALL_IN);
    }

    @Test
    @DisplayName("Short line waits for inbound: reserved units reduce what is available")
    void reservedUnitsReduceAvailability() {
        // 12 on hand - 3 already promised = 9 free < 10; 1 more arrives Wed day(1) -> 10
        DeliveryPlan p = delivery().line("SKU-1", 10, stock("SKU-1", 12, 3, inbound(1, day(1)))).fire();

        assertEquals(day(1), p.getDispatch());
        Reason r = assertReason(p.getNotes(), WAITS, Reason.Severity.WARNING,
                "SP1 has 9 of 10 SKU-1 free today", "covers the rest on " + say(1));
        assertEquals(12, r.evidence().get("onHand"));
        assertEquals(3, r.evidence().get("alreadyPromised"));
    }

    @Test
    @DisplayName("Short line waits for inbound: more reserved than on hand counts as 0 free, not negative")
    void overReservedShowsZeroFree() {
        // 2 on hand - 5 reserved = -3 (shown as 0); 20 arrive Thu day(2) -> -3 + 20 = 17 >= 10
        DeliveryPlan p = delivery().line("SKU-1", 10, stock("SKU-1", 2, 5, inbound(20, day(2)))).fire();

        assertEquals(day(2), p.getDispatch());
        assertReason(p.getNotes(), WAITS, Reason.Severity.WARNING, "SP1 has 0 of 10 SKU-1 free today", say(2));
    }

    @Test
    @DisplayName("Short line waits for inbound: waits for the first arrival that covers the line, not the first arrival")
    void waitsForCoveringArrival() {
        // 4 free; +3 Wed day(1) -> 7 < 10; +5 Fri day(3) -> 12 >= 10
        DeliveryPlan p = delivery().line("SKU-1", 10,
                stock("SKU-1", 4, 0, inbound(3, day(1)), inbound(5, day(3)))).fire();

        assertEquals(day(3), p.getDispatch());
        assertEquals(day(5), p.getEarliest());
        assertReason(p.getNotes(), WAITS, Reason.Severity.WARNING, "4 of 10", "on " + say(3));
    }

    @Test
    @DisplayName("Short line waits for inbound: the latest-covered line sets the day")
    void latestLineSetsTheDay() {
        // SKU-1 covered Wed day(1), SKU-2 covered Thu day(2) -> dispatch Thu day(2); the note is about SKU-2
        DeliveryPlan p = delivery()
                .line("SKU-1", 5, stock("SKU-1", 0, 0, inbound(5, day(1))))
                .line("SKU-2", 4, stock("SKU-2", 1, 0, inbound(3, day(2))))
                .fire();

        assertEquals(day(2), p.getDispatch());
        assertReason(p.getNotes(), WAITS, Reason.Severity.WARNING, "1 of 4 SKU-2", "on " + say(2));
    }

    @Test
    @DisplayName("Short line waits for inbound: inbound arriving on a Saturday ships on Monday")
    void inboundOnSaturdayShipsMonday() {
        DeliveryPlan p = delivery().line("SKU-1", 10, stock("SKU-1", 0, 0, inbound(10, day(4)))).fire();

        assertEquals(day(6), p.getDispatch()); // ready Sat day(4) -> closed -> Mon day(6)
        assertEquals(day(8), p.getEarliest());
        assertReason(p.getNotes(), WAITS, Reason.Severity.WARNING, "covers the rest on " + say(4));
        assertReason(p.getNotes(), CLOSED, Reason.Severity.INFO, "does not ship on " + say(4), "first shipping day is " + say(6));
    }

    @Test
    @DisplayName("Short line waits for inbound: inbound arriving on the order day counts as available now")
    void inboundArrivingTodayIsAvailable() {
        DeliveryPlan p = delivery().line("SKU-1", 10, stock("SKU-1", 6, 0, inbound(4, day(0)))).fire();

        assertEquals(day(0), p.getDispatch());
        assertNoReason(p.getNotes(), WAITS);
        assertReason(p.getNotes(), ALL_IN, Reason.Severity.INFO, "every line");
    }

    @Test
    @DisplayName("Short line waits for inbound: inbound that arrives before the next shipping day does not delay it")
    void inboundBeforeNextShippingDay() {
        // Fri day(3) 18:00: after cut-off -> Sat; inbound Sat day(4) covers the line; Sat/Sun closed -> Mon day(6) either way.
        // (Which of cut-off/stock moves Fri -> Sat first is agenda order; the day is the same, so only the day is asserted.)
        DeliveryPlan p = delivery().orderedAt(local(3, "18:00"))
                .line("SKU-1", 10, stock("SKU-1", 0, 0, inbound(10, day(4)))).fire();

        assertTrue(p.isFeasible());
        assertEquals(day(6), p.getDispatch());
        assertEquals(day(8), p.getEarliest());
        assertReason(p.getNotes(), CLOSED, Reason.Severity.INFO, "first shipping day is " + say(6));
    }

    @Test
    @DisplayName("Short line waits for inbound: inbound arriving after the planning horizon makes the plan infeasible")
    void inboundBeyondHorizon() {
        // horizon Tue day(0) + 5 = Sun day(5); covering inbound arrives Mon day(6)
        DeliveryPlan p = delivery().horizonDays(5).line("SKU-1", 10, stock("SKU-1", 2, 0, inbound(8, day(6)))).fire();

        assertFalse(p.isFeasible());
        assertFalse(p.isEstimated());
        assertReason(p.getNotes(), WAITS, Reason.Severity.WARNING, "2 of 10 SKU-1", say(6));
    }

    // ---- Line cannot be covered ----------------------------------------------------------------

    @Test
    @DisplayName("Line cannot be covered: short with no inbound is infeasible (ERROR)")
    void shortWithoutInbound() {
        DeliveryPlan p = delivery().line("SKU-1", 10, stock("SKU-1", 9, 0)).fire();

        assertFalse(p.isFeasible());
        assertFalse(p.isEstimated());
        assertNull(p.getEarliest());
        Reason r = assertReason(p.getNotes(), UNCOVERED, Reason.Severity.ERROR,
                "SP1 has 9 of 10 SKU-1 free and not enough inbound supply to cover the rest.");
        assertEquals(0, r.evidence().get("inbound"));
        assertNoReason(p.getNotes(), ALL_IN);
    }

    @Test
    @DisplayName("Line cannot be covered: inbound that never adds up to the quantity is infeasible")
    void inboundTooSmall() {
        // 5 free + 3 inbound = 8 < 10
        DeliveryPlan p = delivery().line("SKU-1", 10, stock("SKU-1", 5, 0, inbound(3, day(1)))).fire();

        assertFalse(p.isFeasible());
        Reason r = assertReason(p.getNotes(), UNCOVERED, Reason.Severity.ERROR, "SP1 has 5 of 10 SKU-1 free");
        assertEquals(3, r.evidence().get("inbound"));
    }

    @Test
    @DisplayName("Line cannot be covered: a SKU the site does not stock is infeasible")
    void notStocked() {
        DeliveryPlan p = delivery().line("SKU-9", 1, null).fire();

        assertFalse(p.isFeasible());
        assertReason(p.getNotes(), UNCOVERED, Reason.Severity.ERROR, "SP1 does not stock SKU-9.");
    }

    @Test
    @DisplayName("All lines in stock: not noted when one of two lines is short")
    void notAllInStock() {
        DeliveryPlan p = delivery()
                .line("SKU-1", 5, stock("SKU-1", 5, 0))
                .line("SKU-2", 5, stock("SKU-2", 4, 0, inbound(1, day(1))))
                .fire();

        assertEquals(day(1), p.getDispatch());
        assertNoReason(p.getNotes(), ALL_IN);
    }

    // ---- Offer a split delivery -----------------------------------------------------------------

    @Test
    @DisplayName("Offer a split delivery: part of a short line is on the shelf now -> ship it first, the rest later")
    void splitWhenPartIsAvailable() {
        // 6 of 10 free, 10 more arrive Thu day(2) -> dispatch Thu, earliest Sat day(4).
        // Split: 6 now (release Tue day(0) + 2 = Thu day(2)), 4 later (Sat day(4)).
        DeliveryPlan p = delivery().line("SKU-1", 10, stock("SKU-1", 6, 0, inbound(10, day(2)))).fire();

        assertEquals(day(4), p.getEarliest());
        List<Alternative> alts = p.getNotes().alternatives();
        assertEquals(1, alts.size());
        Alternative a = alts.get(0);
        assertEquals("SPLIT", a.kind());
        assertEquals("SP1", a.site());
        assertEquals(0.95, a.confidence(), 1e-12);
        assertEquals(List.of(
                new Alternative.Part(List.of(new Alternative.Line("SKU-1", 6)), day(2)),
                new Alternative.Part(List.of(new Alternative.Line("SKU-1", 4)), day(4))), a.parts());
    }

    @Test
    @DisplayName("Offer a split delivery: a fully stocked line ships now, the short line (nothing on the shelf) later")
    void splitAcrossLines() {
        DeliveryPlan p = delivery()
                .line("SKU-2", 5, stock("SKU-2", 5, 0))
                .line("SKU-1", 10, stock("SKU-1", 0, 0, inbound(10, day(2))))
                .fire();

        assertEquals(1, p.getNotes().alternatives().size());
        assertEquals(List.of(
                new Alternative.Part(List.of(new Alternative.Line("SKU-2", 5)), day(2)),
                new Alternative.Part(List.of(new Alternative.Line("SKU-1", 10)), day(4))),
                p.getNotes().alternatives().get(0).parts());
    }

    @Test
    @DisplayName("Offer a split delivery: nothing on the shelf now -> no split")
    void noSplitWhenNothingAvailable() {
        DeliveryPlan p = delivery().line("SKU-1", 10, stock("SKU-1", 0, 0, inbound(10, day(2)))).fire();

        assertEquals(day(2), p.getDispatch());
        assertTrue(p.getNotes().alternatives().isEmpty());
    }

    @Test
    @DisplayName("Offer a split delivery: not offered when everything is in stock")
    void noSplitWhenAllInStock() {
        DeliveryPlan p = delivery().line("SKU-1", 10, stock("SKU-1", 10, 0)).fire();

        assertTrue(p.getNotes().alternatives().isEmpty());
    }

    @Test
    @DisplayName("Offer a split delivery: only offered on the plan of the site the rep asked for")
    void noSplitOnOtherSitePlan() {
        DeliveryPlan p = delivery().asked(false).line("SKU-1", 10, stock("SKU-1", 6, 0, inbound(10, day(2)))).fire();

        assertEquals(day(2), p.getDispatch());
        assertTrue(p.getNotes().alternatives().isEmpty());
    }

    /** Probe P7 M1: the line leaves on time only because inbound arrives that day; the answer said nothing of stock. */
    @Test
    @DisplayName("Short line covered by inbound in time: inbound arriving on the shipping day is said, and moves nothing")
    void inboundOnTheShippingDayIsSaid() {
        // Tue 15:00 (after cut-off) -> dispatch Wed day(1); 6 of 10 today, 10 more arrive Wed day(1)
        DeliveryPlan p = delivery().orderedAt(local(0, "15:00"))
                .line("SKU-1", 10, stock("SKU-1", 6, 0, inbound(10, day(1)))).fire();

        assertEquals(day(1), p.getDispatch());
        Reason r = assertReason(p.getNotes(), IN_TIME, Reason.Severity.WARNING,
                "SP1 has 6 of 10 SKU-1 free today; inbound supply covers the rest on " + say(1) + ".");
        assertEquals(date(1), r.evidence().get("readyDay"));
        assertNoReason(p.getNotes(), ALL_IN);
        assertNoReason(p.getNotes(), WAITS);
    }

    @Test
    @DisplayName("Offer a split delivery: not offered when the first part would arrive no earlier than the whole order")
    void noSplitWhenNothingGained() {
        // Tue 15:00 (after cut-off) -> release Wed day(1); inbound also arrives Wed day(1) -> dispatch Wed, earliest Fri day(3);
        // first part would be Wed + 2 = Fri day(3) too -> nothing brought forward
        DeliveryPlan p = delivery().orderedAt(local(0, "15:00"))
                .line("SKU-1", 10, stock("SKU-1", 6, 0, inbound(10, day(1)))).fire();

        assertEquals(day(1), p.getDispatch());
        assertEquals(day(3), p.getEarliest());
        assertTrue(p.getNotes().alternatives().isEmpty());
    }
}
