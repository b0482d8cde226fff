package com.promisevalidator.rules.drl;

import static com.promisevalidator.rules.drl.RuleHarness.assertNoReason;
import static com.promisevalidator.rules.drl.RuleHarness.assertReason;
import static com.promisevalidator.rules.drl.RuleHarness.date;
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
 * rules/stock.drl. Orders are placed Tue 2026-12-01 10:00 in São Paulo (before the 14:00 cut-off), so the
 * order day and first dispatch day is Tue Dec 1. Lead time: planning 2 days at 95% -> earliest = dispatch + 2.
 * Available now = on hand - reserved (+ inbound already arrived), never below 0.
 */
class StockRulesTest {

    static final String WAITS = "Short line waits for inbound";
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
        assertEquals(date("2026-12-01"), p.getDispatch());
        assertEquals(date("2026-12-03"), p.getEarliest());
        Reason r = assertReason(p.getNotes(), ALL_IN, Reason.Severity.INFO, "SP1 has every line of this order in stock.");
        assertEquals(1, r.evidence().get("lines"));
        assertNoReason(p.getNotes(), WAITS);
        assertNoReason(p.getNotes(), UNCOVERED);
        assertTrue(p.getNotes().alternatives().isEmpty());
    }

    @Test
    @DisplayName("Short line waits for inbound: one unit short moves dispatch to the inbound arrival day (correct)")
    void oneUnitShortWaitsForInbound() {
        // 9 free of 10; 5 arrive Thu Dec 3 -> 14 >= 10 on Thu
        DeliveryPlan p = delivery().line("SKU-1", 10, stock("SKU-1", 9, 0, inbound(5, "2026-12-03"))).fire();

        assertTrue(p.isFeasible());
        assertEquals(date("2026-12-03"), p.getDispatch());
        assertEquals(date("2026-12-05"), p.getEarliest()); // Thu + 2
        Reason r = assertReason(p.getNotes(), WAITS, Reason.Severity.WARNING,
                "SP1 has 9 of 10 SKU-1 free today; inbound supply covers the rest on Thu Dec 3.");
        assertEquals("2026-12-03", r.evidence().get("readyDay"));
        assertEquals(9, r.evidence().get("availableNow"));
        assertEquals(10, r.evidence().get("needed"));
        assertNoReason(p.getNotes(), ALL_IN);
    }

    @Test
    @DisplayName("Short line waits for inbound: reserved units reduce what is available")
    void reservedUnitsReduceAvailability() {
        // 12 on hand - 3 already promised = 9 free < 10; 1 more arrives Wed Dec 2 -> 10
        DeliveryPlan p = delivery().line("SKU-1", 10, stock("SKU-1", 12, 3, inbound(1, "2026-12-02"))).fire();

        assertEquals(date("2026-12-02"), p.getDispatch());
        Reason r = assertReason(p.getNotes(), WAITS, Reason.Severity.WARNING,
                "SP1 has 9 of 10 SKU-1 free today", "covers the rest on Wed Dec 2");
        assertEquals(12, r.evidence().get("onHand"));
        assertEquals(3, r.evidence().get("alreadyPromised"));
    }

    @Test
    @DisplayName("Short line waits for inbound: more reserved than on hand counts as 0 free, not negative")
    void overReservedShowsZeroFree() {
        // 2 on hand - 5 reserved = -3 (shown as 0); 20 arrive Thu Dec 3 -> -3 + 20 = 17 >= 10
        DeliveryPlan p = delivery().line("SKU-1", 10, stock("SKU-1", 2, 5, inbound(20, "2026-12-03"))).fire();

        assertEquals(date("2026-12-03"), p.getDispatch());
        assertReason(p.getNotes(), WAITS, Reason.Severity.WARNING, "SP1 has 0 of 10 SKU-1 free today", "Thu Dec 3");
    }

    @Test
    @DisplayName("Short line waits for inbound: waits for the first arrival that covers the line, not the first arrival")
    void waitsForCoveringArrival() {
        // 4 free; +3 Wed Dec 2 -> 7 < 10; +5 Fri Dec 4 -> 12 >= 10
        DeliveryPlan p = delivery().line("SKU-1", 10,
                stock("SKU-1", 4, 0, inbound(3, "2026-12-02"), inbound(5, "2026-12-04"))).fire();

        assertEquals(date("2026-12-04"), p.getDispatch());
        assertEquals(date("2026-12-06"), p.getEarliest());
        assertReason(p.getNotes(), WAITS, Reason.Severity.WARNING, "4 of 10", "on Fri Dec 4");
    }

    @Test
    @DisplayName("Short line waits for inbound: the latest-covered line sets the day")
    void latestLineSetsTheDay() {
        // SKU-1 covered Wed Dec 2, SKU-2 covered Thu Dec 3 -> dispatch Thu Dec 3; the note is about SKU-2
        DeliveryPlan p = delivery()
                .line("SKU-1", 5, stock("SKU-1", 0, 0, inbound(5, "2026-12-02")))
                .line("SKU-2", 4, stock("SKU-2", 1, 0, inbound(3, "2026-12-03")))
                .fire();

        assertEquals(date("2026-12-03"), p.getDispatch());
        assertReason(p.getNotes(), WAITS, Reason.Severity.WARNING, "1 of 4 SKU-2", "on Thu Dec 3");
    }

    @Test
    @DisplayName("Short line waits for inbound: inbound arriving on a Saturday ships on Monday")
    void inboundOnSaturdayShipsMonday() {
        DeliveryPlan p = delivery().line("SKU-1", 10, stock("SKU-1", 0, 0, inbound(10, "2026-12-05"))).fire();

        assertEquals(date("2026-12-07"), p.getDispatch()); // ready Sat Dec 5 -> closed -> Mon Dec 7
        assertEquals(date("2026-12-09"), p.getEarliest());
        assertReason(p.getNotes(), WAITS, Reason.Severity.WARNING, "covers the rest on Sat Dec 5");
        assertReason(p.getNotes(), CLOSED, Reason.Severity.INFO, "does not ship on Sat Dec 5", "first shipping day is Mon Dec 7");
    }

    @Test
    @DisplayName("Short line waits for inbound: inbound arriving on the order day counts as available now")
    void inboundArrivingTodayIsAvailable() {
        DeliveryPlan p = delivery().line("SKU-1", 10, stock("SKU-1", 6, 0, inbound(4, "2026-12-01"))).fire();

        assertEquals(date("2026-12-01"), p.getDispatch());
        assertNoReason(p.getNotes(), WAITS);
        assertReason(p.getNotes(), ALL_IN, Reason.Severity.INFO, "every line");
    }

    @Test
    @DisplayName("Short line waits for inbound: inbound that arrives before the next shipping day does not delay it")
    void inboundBeforeNextShippingDay() {
        // Fri Dec 4 18:00: after cut-off -> Sat; inbound Sat Dec 5 covers the line; Sat/Sun closed -> Mon Dec 7 either way.
        // (Which of cut-off/stock moves Fri -> Sat first is agenda order; the day is the same, so only the day is asserted.)
        DeliveryPlan p = delivery().orderedAt("2026-12-04T18:00")
                .line("SKU-1", 10, stock("SKU-1", 0, 0, inbound(10, "2026-12-05"))).fire();

        assertTrue(p.isFeasible());
        assertEquals(date("2026-12-07"), p.getDispatch());
        assertEquals(date("2026-12-09"), p.getEarliest());
        assertReason(p.getNotes(), CLOSED, Reason.Severity.INFO, "first shipping day is Mon Dec 7");
    }

    @Test
    @DisplayName("Short line waits for inbound: inbound arriving after the planning horizon makes the plan infeasible")
    void inboundBeyondHorizon() {
        // horizon Tue Dec 1 + 5 = Sun Dec 6; covering inbound arrives Mon Dec 7
        DeliveryPlan p = delivery().horizonDays(5).line("SKU-1", 10, stock("SKU-1", 2, 0, inbound(8, "2026-12-07"))).fire();

        assertFalse(p.isFeasible());
        assertFalse(p.isEstimated());
        assertReason(p.getNotes(), WAITS, Reason.Severity.WARNING, "2 of 10 SKU-1", "Mon Dec 7");
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
        DeliveryPlan p = delivery().line("SKU-1", 10, stock("SKU-1", 5, 0, inbound(3, "2026-12-02"))).fire();

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
                .line("SKU-2", 5, stock("SKU-2", 4, 0, inbound(1, "2026-12-02")))
                .fire();

        assertEquals(date("2026-12-02"), p.getDispatch());
        assertNoReason(p.getNotes(), ALL_IN);
    }

    // ---- Offer a split delivery -----------------------------------------------------------------

    @Test
    @DisplayName("Offer a split delivery: part of a short line is on the shelf now -> ship it first, the rest later")
    void splitWhenPartIsAvailable() {
        // 6 of 10 free, 10 more arrive Thu Dec 3 -> dispatch Thu, earliest Sat Dec 5.
        // Split: 6 now (release Tue Dec 1 + 2 = Thu Dec 3), 4 later (Sat Dec 5).
        DeliveryPlan p = delivery().line("SKU-1", 10, stock("SKU-1", 6, 0, inbound(10, "2026-12-03"))).fire();

        assertEquals(date("2026-12-05"), p.getEarliest());
        List<Alternative> alts = p.getNotes().alternatives();
        assertEquals(1, alts.size());
        Alternative a = alts.get(0);
        assertEquals("SPLIT", a.kind());
        assertEquals("SP1", a.site());
        assertEquals(0.95, a.confidence(), 1e-12);
        assertEquals(List.of(
                new Alternative.Part(List.of(new Alternative.Line("SKU-1", 6)), date("2026-12-03")),
                new Alternative.Part(List.of(new Alternative.Line("SKU-1", 4)), date("2026-12-05"))), a.parts());
    }

    @Test
    @DisplayName("Offer a split delivery: a fully stocked line ships now, the short line (nothing on the shelf) later")
    void splitAcrossLines() {
        DeliveryPlan p = delivery()
                .line("SKU-2", 5, stock("SKU-2", 5, 0))
                .line("SKU-1", 10, stock("SKU-1", 0, 0, inbound(10, "2026-12-03")))
                .fire();

        assertEquals(1, p.getNotes().alternatives().size());
        assertEquals(List.of(
                new Alternative.Part(List.of(new Alternative.Line("SKU-2", 5)), date("2026-12-03")),
                new Alternative.Part(List.of(new Alternative.Line("SKU-1", 10)), date("2026-12-05"))),
                p.getNotes().alternatives().get(0).parts());
    }

    @Test
    @DisplayName("Offer a split delivery: nothing on the shelf now -> no split")
    void noSplitWhenNothingAvailable() {
        DeliveryPlan p = delivery().line("SKU-1", 10, stock("SKU-1", 0, 0, inbound(10, "2026-12-03"))).fire();

        assertEquals(date("2026-12-03"), p.getDispatch());
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
        DeliveryPlan p = delivery().asked(false).line("SKU-1", 10, stock("SKU-1", 6, 0, inbound(10, "2026-12-03"))).fire();

        assertEquals(date("2026-12-03"), p.getDispatch());
        assertTrue(p.getNotes().alternatives().isEmpty());
    }

    @Test
    @DisplayName("Offer a split delivery: not offered when the first part would arrive no earlier than the whole order")
    void noSplitWhenNothingGained() {
        // Tue 15:00 (after cut-off) -> release Wed Dec 2; inbound also arrives Wed Dec 2 -> dispatch Wed, earliest Fri Dec 4;
        // first part would be Wed + 2 = Fri Dec 4 too -> nothing brought forward
        DeliveryPlan p = delivery().orderedAt("2026-12-01T15:00")
                .line("SKU-1", 10, stock("SKU-1", 6, 0, inbound(10, "2026-12-02"))).fire();

        assertEquals(date("2026-12-02"), p.getDispatch());
        assertEquals(date("2026-12-04"), p.getEarliest());
        assertTrue(p.getNotes().alternatives().isEmpty());
    }
}
