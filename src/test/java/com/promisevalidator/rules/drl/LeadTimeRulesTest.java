package com.promisevalidator.rules.drl;

import static com.promisevalidator.TestDates.date;
import static com.promisevalidator.TestDates.day;
import static com.promisevalidator.TestDates.say;
import static com.promisevalidator.rules.drl.RuleHarness.local;
import static com.promisevalidator.rules.drl.RuleHarness.assertReason;
import static com.promisevalidator.rules.drl.RuleHarness.delivery;
import static com.promisevalidator.rules.drl.RuleHarness.history;
import static com.promisevalidator.rules.drl.RuleHarness.oneRow;
import static com.promisevalidator.rules.drl.RuleHarness.planning;
import static com.promisevalidator.rules.drl.RuleHarness.stock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.promisevalidator.performance.model.Distribution;
import com.promisevalidator.validation.facts.DeliveryPlan;
import com.promisevalidator.validation.facts.Reason;

/**
 * rules/lead-time.drl: "Lead time from past performance". Orders Tue day(0) 10:00 São Paulo (before cut-off)
 * -> dispatch Tue day(0) unless said otherwise; target 90%. earliest = dispatch + quantile(90%), lead days counted
 * in calendar days from dispatch.
 */
class LeadTimeRulesTest {

    static final String LEAD = "Lead time from past performance";

    /** 412 past orders: at most 0 days 0%, 1 day 10%, 2 days 50%, 3 days 92%, 4 days 100% -> 90% quantile = 3 days. */
    static final Distribution LANE = history("SP1→RJ deliveries", 412, 0.0, 0.10, 0.50, 0.92, 1.0);

    @Test
    @DisplayName("Lead time from past performance: empty history uses the planning value (5 days at 90%)")
    void emptyHistoryUsesPlanningValue() {
        DeliveryPlan p = delivery().leadTime(planning(5, 0.90, "the default transit time")).fire();

        assertTrue(p.isEstimated());
        assertEquals(day(5), p.getEarliest()); // cdf(5) = 0.90 >= 0.90 -> Tue + 5 = Sun day(5)
        assertEquals(0.90, p.getConfidenceAtEarliest(), 1e-12);
        Reason r = assertReason(p.getNotes(), LEAD, Reason.Severity.INFO,
                "With no delivery history yet, the default transit time plans 5 days; the earliest date that holds is " + say(5) + ".");
        assertEquals(false, r.evidence().get("fromHistory"));
        assertEquals(0L, r.evidence().get("sampleSize"));
        assertEquals(5, r.evidence().get("leadDaysAtTarget"));
    }

    @Test
    @DisplayName("Lead time from past performance: a planning confidence below the target adds the safety day")
    void planningBelowTargetAddsADay() {
        // planning 5 days at 80% < 90% -> cdf(5) = 0.8, cdf(6) = 1.0 -> quantile 6 -> Mon day(6)
        DeliveryPlan p = delivery().leadTime(planning(5, 0.80, "the default transit time")).fire();

        assertEquals(day(6), p.getEarliest());
        assertEquals(1.0, p.getConfidenceAtEarliest(), 1e-12);
        assertReason(p.getNotes(), LEAD, Reason.Severity.INFO, "plans 6 days", "the earliest date that holds is " + say(6) + ".");
    }

    @Test
    @DisplayName("Lead time from past performance: a lane's 3 orders weighed with its planning value of 9 days say both, not that the deliveries took 9")
    void historyWithPlanningValueSaysBoth() {
        // 3 orders of 3 days, ops' 9 days weighing 30: 0.9 reached at 9 days
        Distribution planned = history(com.promisevalidator.performance.model.SourceWords.lanePlanned("SP1", "RJ", 9), 3,
                RuleHarness.steps(11, 3, 0.1, 9, 0.9, 10, 1.0));
        DeliveryPlan p = delivery().leadTime(planned).fire();

        assertEquals(day(9), p.getEarliest());
        Reason r = assertReason(p.getNotes(), LEAD, Reason.Severity.INFO,
                "Going by SP1→RJ deliveries and the lane's planning value of 9 days, deliveries take up to 9 days 90% of the time (3 orders on the lane); "
                        + "the earliest date that holds is " + say(9) + ".");
        assertEquals(true, r.evidence().get("fromHistory"));
        assertNull(r.evidence().get("planningDays"), "history speaks: no planning-only evidence");
    }

    @Test
    @DisplayName("Lead time from past performance: no lane history at 95%: the planning value ops set (9 days), then what other lanes' tails add")
    void planningValueBelowTheTargetSaysTheValueSet() {
        // ops' 9 days kept 90 %; past it the rest spread like other lanes' tails: 95 % at 12 days
        Distribution d = new Distribution(RuleHarness.steps(15, 9, 0.90, 10, 0.92, 11, 0.94, 12, 0.96, 14, 1.0), 0, 0,
                "the SP1→RJ planning value", false);
        DeliveryPlan p = delivery().leadTime(d).target(0.95).fire();

        assertEquals(day(12), p.getEarliest());
        Reason r = assertReason(p.getNotes(), LEAD, Reason.Severity.INFO,
                "With no delivery history yet, the SP1→RJ planning value is 9 days (kept 90% of the time); 95% needs 12 days, "
                        + "as other lanes' slower deliveries go; the earliest date that holds is " + say(12) + ".");
        assertEquals(9, r.evidence().get("planningDays"));
        assertEquals(0.90, (Double) r.evidence().get("planningConfidence"), 1e-12);
        assertEquals(12, r.evidence().get("historyDaysAtTarget"));
        // at 90 % the value itself holds: said as before
        assertReason(delivery().leadTime(d).fire().getNotes(), LEAD, Reason.Severity.INFO,
                "With no delivery history yet, the SP1→RJ planning value plans 9 days; the earliest date that holds is " + say(9) + ".");
    }

    @Test
    @DisplayName("Lead time from past performance: a one-row history (3 days, once) gives 3 days at 100%")
    void oneRowHistory() {
        DeliveryPlan p = delivery().leadTime(oneRow("SP1→RJ deliveries", 3)).fire();

        assertEquals(day(3), p.getEarliest()); // cdf {0,0,0,1} -> quantile 3 -> Tue + 3 = Fri day(3)
        assertEquals(1.0, p.getConfidenceAtEarliest(), 1e-12);
        assertReason(p.getNotes(), LEAD, Reason.Severity.INFO,
                "SP1→RJ deliveries took up to 3 days 90% of the time (1 order); the earliest date that holds is " + say(3) + ".");
    }

    @Test
    @DisplayName("Lead time from past performance: a one-row history and an asked date a day too early (WARNING)")
    void oneRowHistoryAskedTooEarly() {
        DeliveryPlan p = delivery().leadTime(oneRow("SP1→RJ deliveries", 3)).askedBy(day(2)).fire();

        assertEquals(day(3), p.getEarliest());
        assertEquals(0.0, p.getConfidenceAsked(), 1e-12); // Thu = 2 days after Tue, cdf(2) = 0
        assertReason(p.getNotes(), LEAD, Reason.Severity.WARNING,
                say(2) + " is kept 0% of the time; " + say(3) + " is kept more than 99.9%.");
    }

    @Test
    @DisplayName("Lead time from past performance: no asked date -> the earliest date is quoted")
    void noAskedDateQuotesEarliest() {
        DeliveryPlan p = delivery().leadTime(LANE).fire();

        assertEquals(day(3), p.getEarliest()); // quantile(0.90) = 3 (0.92)
        assertEquals(0.92, p.getConfidenceAtEarliest(), 1e-12);
        assertEquals(0.92, p.getConfidenceAsked(), 1e-12); // no asked date: same as at earliest
        Reason r = assertReason(p.getNotes(), LEAD, Reason.Severity.INFO,
                "SP1→RJ deliveries took up to 3 days 90% of the time (412 orders); the earliest date that holds is " + say(3) + ".");
        assertEquals(412L, r.evidence().get("sampleSize"));
        assertEquals(date(3), r.evidence().get("earliest"));
    }

    @Test
    @DisplayName("Lead time from past performance: the asked date is kept (approve)")
    void askedDateKept() {
        DeliveryPlan p = delivery().leadTime(LANE).askedBy(day(3)).fire();

        assertEquals(0.92, p.getConfidenceAsked(), 1e-12); // Fri = 3 days -> 0.92 >= 0.90
        assertReason(p.getNotes(), LEAD, Reason.Severity.INFO, "; " + say(3) + " is kept 92% of the time.");
    }

    @Test
    @DisplayName("Lead time from past performance: the asked date is not kept (WARNING with the earliest date)")
    void askedDateNotKept() {
        DeliveryPlan p = delivery().leadTime(LANE).askedBy(day(2)).fire();

        assertEquals(day(3), p.getEarliest());
        assertEquals(0.50, p.getConfidenceAsked(), 1e-12); // Thu = 2 days -> 0.50
        assertReason(p.getNotes(), LEAD, Reason.Severity.WARNING,
                "SP1→RJ deliveries took up to 3 days 90% of the time (412 orders); " + say(2) + " is kept 50% of the time; " + say(3) + " is kept 92%.");
    }

    @Test
    @DisplayName("Lead time from past performance: an asked date before the dispatch day is kept 0% of the time")
    void askedBeforeDispatch() {
        DeliveryPlan p = delivery().leadTime(LANE).askedBy(day(-1)).fire();

        assertEquals(0.0, p.getConfidenceAsked(), 1e-12);
        assertReason(p.getNotes(), LEAD, Reason.Severity.WARNING, say(-1) + " is kept 0% of the time; " + say(3) + " is kept 92%.");
    }

    @Test
    @DisplayName("Lead time from past performance: lead days count from the settled dispatch day (Friday evening -> Monday)")
    void countsFromSettledDispatch() {
        // Fri day(3) 18:00 -> dispatch Mon day(6); + 3 days = Thu day(9). Asked Wed day(8) = 2 days -> 50%
        DeliveryPlan p = delivery().orderedAt(local(3, "18:00")).leadTime(LANE).askedBy(day(8)).fire();

        assertEquals(day(6), p.getDispatch());
        assertEquals(day(9), p.getEarliest());
        assertEquals(0.50, p.getConfidenceAsked(), 1e-12);
        assertReason(p.getNotes(), LEAD, Reason.Severity.WARNING, say(8) + " is kept 50% of the time; " + say(9) + " is kept 92%.");
    }

    @Test
    @DisplayName("Lead time from past performance: large sample sizes are written with thousands separators")
    void largeCounts() {
        DeliveryPlan p = delivery().leadTime(history("deliveries to RJ", 1234, 0.0, 0.95)).fire();

        assertEquals(day(1), p.getEarliest());
        assertReason(p.getNotes(), LEAD, Reason.Severity.INFO, "Deliveries to RJ took up to 1 day 90% of the time (1,234 orders)");
    }

    @Test
    @DisplayName("Lead time from past performance: an infeasible plan is not estimated")
    void infeasibleNotEstimated() {
        DeliveryPlan p = delivery().leadTime(LANE).line("SKU-1", 10, stock("SKU-1", 1, 0)).fire();

        assertFalse(p.isFeasible());
        assertFalse(p.isEstimated());
        assertNull(p.getEarliest());
        assertTrue(RuleHarness.reasons(p.getNotes()).stream().noneMatch(r -> r.rule().equals(LEAD)));
    }

    @Test
    @DisplayName("Lead time from past performance: an asked date equal to the earliest date is kept despite float rounding")
    void askedEqualsEarliestWithRounding() {
        // 0.7 + 0.1 + 0.1 == 0.8999999999999999 in doubles; quantile(0.90) tolerates 1e-9 -> 3 days -> Fri day(3)
        double rounded = 0.7 + 0.1 + 0.1;
        DeliveryPlan p = delivery().leadTime(history("SP1→RJ deliveries", 10, 0.0, 0.2, 0.5, rounded, 1.0))
                .askedBy(day(3)).fire();

        assertEquals(day(3), p.getEarliest());
        assertReason(p.getNotes(), LEAD, Reason.Severity.INFO, say(3) + " is kept 90% of the time.");
    }

    static final String REGION_LIKE = "Region not known, but like a known one";

    @Test
    @DisplayName("Region not known, but like a known one: a WARNING naming the known region, the promise left as it is")
    void aRegionLikeAKnownOneIsNamed() {
        DeliveryPlan p = delivery().leadTime(planning(5, 0.90, "the default transit time")).regionLike("RJX").fire();
        Reason r = assertReason(p.getNotes(), REGION_LIKE, Reason.Severity.WARNING, "but we do to RJX", "the default transit time");
        assertEquals("RJX", r.evidence().get("didYouMean"));
        assertEquals(day(5), p.getEarliest(), "the fallback promise stands");
        RuleHarness.assertNoReason(delivery().fire().getNotes(), REGION_LIKE);
    }

    /** 400 past orders: 3 days 80%, 4 days 92%, 5 days 95%, 6 days 100% -> 90% quantile = 4 days (Sat day(4) from Tue). */
    static final Distribution SATURDAY_LANE = history("SP1→RJ deliveries", 400, 0.0, 0.10, 0.50, 0.80, 0.92, 0.95, 1.0);

    /** Saturday and Sunday as a site's days without arrivals (bits 5 and 6). */
    static final int WEEKEND = com.promisevalidator.performance.model.ArrivalDays.mask(java.util.List.of("SATURDAY", "SUNDAY"));

    @Test
    @DisplayName("Lead time from past performance: a quantile on a day the site's deliveries never arrive gives the arrival day before it, as often kept")
    void aDayWithoutArrivalsGivesTheDayBefore() {
        DeliveryPlan p = delivery().leadTime(SATURDAY_LANE.withNoArrivalDays(WEEKEND)).fire();

        assertEquals(java.time.DayOfWeek.FRIDAY, day(3).getDayOfWeek());
        assertEquals(day(3), p.getEarliest()); // Sat day(4) -> Fri day(3)
        assertEquals(day(4), p.getMovedBackFrom());
        assertEquals(0.95, p.getConfidenceAtEarliest(), 1e-12); // nothing arrives Sat or Sun: by Friday as by Sunday, cdf(5)
        Reason r = assertReason(p.getNotes(), LEAD, Reason.Severity.INFO,
                "SP1→RJ deliveries took up to 4 days 90% of the time (400 orders); the earliest date that holds is " + say(3)
                        + "; deliveries from SP1 do not arrive on Saturdays or Sundays, so " + say(3) + " is kept as often as " + say(4) + ".");
        assertEquals(java.util.List.of("SATURDAY", "SUNDAY"), r.evidence().get("noArrivalDays"));
        assertEquals(date(4), r.evidence().get("movedBackFrom"));

        // the same lane at a site whose deliveries arrive on any day: the Saturday, as before
        DeliveryPlan anyDay = delivery().leadTime(SATURDAY_LANE).fire();
        assertEquals(day(4), anyDay.getEarliest());
        assertNull(anyDay.getMovedBackFrom());
        assertEquals(0.92, anyDay.getConfidenceAtEarliest(), 1e-12);
    }

    @Test
    @DisplayName("Lead time from past performance: an asked day without arrivals is kept as often as the arrival day before it")
    void anAskedDayWithoutArrivalsCountsToTheGapsEnd() {
        DeliveryPlan sunday = delivery().leadTime(SATURDAY_LANE.withNoArrivalDays(WEEKEND)).askedBy(day(5)).fire();
        DeliveryPlan friday = delivery().leadTime(SATURDAY_LANE.withNoArrivalDays(WEEKEND)).askedBy(day(3)).fire();

        assertEquals(0.95, sunday.getConfidenceAsked(), 1e-12);
        assertEquals(0.95, friday.getConfidenceAsked(), 1e-12); // Friday kept: without the gap, cdf(3) = 0.80 would miss 90%
        assertTrue(friday.isAskedKept());
        DeliveryPlan thursday = delivery().leadTime(SATURDAY_LANE.withNoArrivalDays(WEEKEND)).askedBy(day(2)).fire();
        assertEquals(0.50, thursday.getConfidenceAsked(), 1e-12);
        assertFalse(thursday.isAskedKept());
    }

    @Test
    @DisplayName("Lead time from past performance: ops' margin that would end on a day without arrivals reaches to the next arrival day, never back")
    void aMarginOnADayWithoutArrivalsReachesOn() {
        // the evidence says Fri day(3) (LANE: 3 days at 92%); ops' 1-day buffer makes it Saturday, where nothing arrives:
        // back to Friday would drop the margin, so Monday
        DeliveryPlan p = delivery().leadTime(LANE.withBuffer(1).withNoArrivalDays(WEEKEND)).fire();

        assertEquals(day(6), p.getEarliest());
        assertEquals(java.time.DayOfWeek.MONDAY, day(6).getDayOfWeek());
        assertNull(p.getMovedBackFrom());
    }
}
