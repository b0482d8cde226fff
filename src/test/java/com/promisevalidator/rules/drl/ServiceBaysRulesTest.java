package com.promisevalidator.rules.drl;

import static com.promisevalidator.TestDates.day;
import static com.promisevalidator.TestDates.say;
import static com.promisevalidator.rules.drl.RuleHarness.assertNoReason;
import static com.promisevalidator.rules.drl.RuleHarness.assertReason;
import static com.promisevalidator.rules.drl.RuleHarness.local;
import static com.promisevalidator.rules.drl.RuleHarness.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.promisevalidator.validation.facts.Reason;
import com.promisevalidator.validation.facts.ServicePlan;

/**
 * rules/service-bays.drl. OIL_CHANGE at SP1 (São Paulo time): 2 bays open 08:00-18:00 on MON-FRI (holiday Fri
 * day(24)); history says every job takes exactly 40 minutes. Starts are offered on a 15-minute grid.
 * All times below are São Paulo local time.
 */
class ServiceBaysRulesTest {

    static final String LATER = "No free bay: start later";
    static final String FREE = "Bay free at the asked time";
    static final String NOT_SET = "Bays not set for this service";

    // ---- Bay free at the asked time ------------------------------------------------------------

    @Test
    @DisplayName("Bay free at the asked time: an open, free slot keeps the asked start (approve)")
    void freeSlotKept() {
        ServicePlan p = service().takes(40).askedStart(local(3, "10:00")).fire();

        assertTrue(p.isFeasible());
        assertFalse(p.isMoved());
        assertEquals(local(3, "10:00"), p.getStart());
        Reason r = assertReason(p.getNotes(), FREE, Reason.Severity.INFO, "A bay is free at " + say(3) + " 10:00 (UTC-3) for 40 minutes.");
        assertEquals(2, r.evidence().get("bays"));
        assertNoReason(p.getNotes(), LATER);
    }

    @Test
    @DisplayName("Bay free at the asked time: the sentence names the promise exact to its grid (14.4), as recommended does")
    void freeSlotSaysTheExactPromise() {
        double[] cdf = new double[151]; // jobs spread evenly over 10-15 minutes, in tenths: the promise at 90% is 14.4
        for (int v = 100; v <= 150; v++) cdf[v] = Math.min(1.0, (v - 99) / 50.0);
        ServicePlan p = service().duration(new com.promisevalidator.performance.model.Distribution(cdf, 500, 500, "OIL_CHANGE at SP1", true, 10))
                .askedStart(local(3, "10:00")).fire();

        assertEquals(15, p.getMinutes()); // the bay is held for whole minutes
        assertReason(p.getNotes(), FREE, Reason.Severity.INFO, "A bay is free at " + say(3) + " 10:00 (UTC-3) for 14.4 minutes.");
    }

    @Test
    @DisplayName("Bay free at the asked time: one of two bays busy still leaves a bay")
    void oneOfTwoBaysBusy() {
        ServicePlan p = service().takes(40).booking(local(3, "10:00"), local(3, "11:00")).askedStart(local(3, "10:15")).fire();

        assertEquals(local(3, "10:15"), p.getStart());
        assertReason(p.getNotes(), FREE, Reason.Severity.INFO, say(3) + " 10:15");
    }

    @Test
    @DisplayName("Bay free at the asked time: bookings ending exactly at the asked start do not block it")
    void bookingsEndingAtStart() {
        ServicePlan p = service().takes(40)
                .booking(local(3, "09:00"), local(3, "10:30")).booking(local(3, "09:30"), local(3, "10:30"))
                .askedStart(local(3, "10:30")).fire();

        assertEquals(local(3, "10:30"), p.getStart());
        assertReason(p.getNotes(), FREE, Reason.Severity.INFO, "A bay is free at " + say(3) + " 10:30 (UTC-3) for 40 minutes.");
    }

    @Test
    @DisplayName("Bay free at the asked time: a job ending exactly at closing time (17:20 + 40 = 18:00) fits")
    void endsExactlyAtClosing() {
        ServicePlan p = service().takes(40).askedStart(local(3, "17:20")).fire();

        assertEquals(local(3, "17:20"), p.getStart());
        assertReason(p.getNotes(), FREE, Reason.Severity.INFO, say(3) + " 17:20");
    }

    // ---- Job longer than the opening hours -------------------------------------------------------

    static final String LONGER = "Job longer than the opening hours";

    @Test
    @DisplayName("Job longer than the opening hours: a 700-minute job at a 08:00-18:00 site starts at 08:00 and runs on past closing")
    void longerThanADay() {
        ServicePlan p = service().takes(700).askedStart(local(3, "08:00")).askedMinutes(480).fire();

        assertTrue(p.isFeasible(), "a statistic never makes a service infeasible");
        assertEquals(700, p.getMinutes(), "its minutes as they are, not the 600 a day holds (probe kinds H1)");
        assertEquals(local(3, "08:00"), p.getStart());
        Reason r = assertReason(p.getNotes(), LONGER, Reason.Severity.INFO, "keeps its bay until it is done");
        assertEquals("08:00", r.evidence().get("opens"));
        assertEquals("18:00", r.evidence().get("closes"));
        assertEquals(new java.math.BigDecimal("700"), r.evidence().get("minutesAtTarget"));
    }

    @Test
    @DisplayName("Job longer than the opening hours: asked to start after the last start a day's job has, it still starts then")
    void longerThanADayStartsLateInTheDay() {
        // a job that fits a day must end by 18:00; one longer than a day runs past closing wherever it starts within the hours
        ServicePlan p = service().takes(1500).askedStart(local(2, "16:00")).fire(); // a Thursday

        assertEquals(local(2, "16:00"), p.getStart());
        assertNoReason(p.getNotes(), "No free bay: start later");
        ServicePlan closed = service().takes(1500).askedStart(local(2, "19:00")).fire();
        assertEquals(local(3, "08:00"), closed.getStart(), "closed at 19:00: the next opening, Friday");
    }

    @Test
    @DisplayName("Job longer than the opening hours: a job that fits a day is left alone")
    void fitsADay() {
        ServicePlan p = service().takes(590).askedStart(local(3, "08:00")).fire();

        assertEquals(590, p.getMinutes());
        assertNoReason(p.getNotes(), LONGER);
    }

    // ---- Bays not set for this service ---------------------------------------------------------

    @Test
    @DisplayName("Bays not set for this service: known from history only, any time of a working day is taken as asked, and said so")
    void notSetUpIsNotChecked() {
        ServicePlan p = service().notSetUp().takes(40).askedStart(local(3, "06:30")).fire();

        assertTrue(p.isFeasible());
        assertFalse(p.isMoved());
        assertEquals(local(3, "06:30"), p.getStart());
        Reason r = assertReason(p.getNotes(), NOT_SET, Reason.Severity.WARNING, "SP1 has no bays or opening hours set for OIL_CHANGE");
        assertEquals("OIL_CHANGE", r.evidence().get("serviceType"));
        assertNoReason(p.getNotes(), FREE);
        assertNoReason(p.getNotes(), LATER);
    }

    @Test
    @DisplayName("Bays not set for this service: the site's closed days still hold (a holiday moves the start)")
    void notSetUpStillKeepsTheSitesDays() {
        ServicePlan p = service().notSetUp().takes(40).askedStart(local(24, "10:00")).fire();

        assertTrue(p.isMoved());
        assertTrue(p.getStart().isAfter(local(24, "10:00")));
        assertReason(p.getNotes(), LATER, Reason.Severity.WARNING);
        assertReason(p.getNotes(), NOT_SET, Reason.Severity.WARNING);
    }

    @Test
    @DisplayName("Bays not set for this service: a service ops set up never says so")
    void setUpServiceNeverSaysNotSet() {
        assertNoReason(service().takes(40).askedStart(local(3, "10:00")).fire().getNotes(), NOT_SET);
    }

    // ---- No free bay: start later --------------------------------------------------------------

    @Test
    @DisplayName("No free bay: start later: a start before opening hours moves to opening (08:00)")
    void beforeOpeningMovesToOpening() {
        ServicePlan p = service().takes(40).askedStart(local(3, "07:00")).fire();

        assertTrue(p.isFeasible());
        assertTrue(p.isMoved());
        assertEquals(local(3, "08:00"), p.getStart());
        Reason r = assertReason(p.getNotes(), LATER, Reason.Severity.WARNING,
                "No bay at " + say(3) + " 07:00 (UTC-3): SP1 is closed then; the first free slot is " + say(3) + " 08:00 (UTC-3).");
        assertEquals(false, r.evidence().get("open"));
        assertEquals(false, r.evidence().get("endsAfterClosing"));
        // the site's local time with its offset: a caller knows the instant as well as what the sentence says
        assertEquals(day(3) + "T07:00:00-03:00", r.evidence().get("asked"));
        assertEquals(day(3) + "T08:00:00-03:00", r.evidence().get("start"));
        assertNoReason(p.getNotes(), FREE);
    }

    @Test
    @DisplayName("No free bay: start later: all bays busy moves to the end of the busy slot, when the bays become free")
    void allBaysBusyMovesToEndOfSlot() {
        // both bays booked 10:00-11:10; asked 10:30 -> 10:45, 11:00 still overlap -> 11:10 (the bays are free then)
        ServicePlan p = service().takes(40)
                .booking(local(3, "10:00"), local(3, "11:10")).booking(local(3, "10:00"), local(3, "11:10"))
                .askedStart(local(3, "10:30")).fire();

        assertTrue(p.isFeasible());
        assertEquals(local(3, "11:10"), p.getStart());
        Reason r = assertReason(p.getNotes(), LATER, Reason.Severity.WARNING,
                "No bay at " + say(3) + " 10:30 (UTC-3): every bay is busy then (2 bays in all); the first free slot is " + say(3) + " 11:10 (UTC-3).");
        assertEquals(2, r.evidence().get("busyBays"));
        assertEquals(true, r.evidence().get("open"));
    }

    @Test
    @DisplayName("No free bay: start later: a job that would overlap the next booking waits until after it")
    void overlapWithUpcomingBookings() {
        // both bays booked 10:30-11:00; asked 10:00 for 40 min would run into them (10:00-10:40) -> 11:00
        ServicePlan p = service().takes(40)
                .booking(local(3, "10:30"), local(3, "11:00")).booking(local(3, "10:30"), local(3, "11:00"))
                .askedStart(local(3, "10:00")).fire();

        assertEquals(local(3, "11:00"), p.getStart());
        assertReason(p.getNotes(), LATER, Reason.Severity.WARNING, "every bay is busy then (2 bays in all)", "first free slot is " + say(3) + " 11:00");
    }

    @Test
    @DisplayName("No free bay: start later: an off-grid asked start (10:07) moves to the grid or to when a bay is free, whichever comes first")
    void offGridStartRoundedUp() {
        // both bays booked 10:00-10:20; 10:07 busy -> grid 10:15 still busy -> 10:20 (free before the grid's 10:30)
        ServicePlan p = service().takes(40)
                .booking(local(3, "10:00"), local(3, "10:20")).booking(local(3, "10:00"), local(3, "10:20"))
                .askedStart(local(3, "10:07")).fire();

        assertEquals(local(3, "10:20"), p.getStart());
        assertReason(p.getNotes(), LATER, Reason.Severity.WARNING, "No bay at " + say(3) + " 10:07", "first free slot is " + say(3) + " 10:20");
    }

    @Test
    @DisplayName("No free bay: start later: the first free slot is when the bay becomes free (10:05), not the next grid point")
    void freeWhenTheBayIsFreeNotOnTheGrid() {
        // one bay, 5-minute jobs, held 10:00-10:05: a 10:03 ask can start at 10:05, not 10:15 (probe-C #4)
        ServicePlan p = service().takes(5).bays(1).booking(local(3, "10:00"), local(3, "10:05")).askedStart(local(3, "10:03")).fire();

        assertEquals(local(3, "10:05"), p.getStart());
        assertReason(p.getNotes(), LATER, Reason.Severity.WARNING, "every bay is busy then", "first free slot is " + say(3) + " 10:05");
    }

    @Test
    @DisplayName("No free bay: start later: back-to-back short jobs follow each other, not one per 15-minute grid point")
    void backToBackShortJobs() {
        // held 10:00-10:05 and 10:05-10:10: the next 5-minute job starts 10:10
        ServicePlan p = service().takes(5).bays(1)
                .booking(local(3, "10:00"), local(3, "10:05")).booking(local(3, "10:05"), local(3, "10:10"))
                .askedStart(local(3, "10:01")).fire();

        assertEquals(local(3, "10:10"), p.getStart());
    }

    @Test
    @DisplayName("No free bay: asked minutes longer than the day holds are refused where asked (closing), the realistic promise offered")
    void askedMinutesPastClosing() {
        // 40-minute jobs; 700 minutes asked at 10:00 would hold the bay until 21:40, past 18:00 (probe-C #2)
        ServicePlan p = service().takes(40).askedStart(local(3, "10:00")).askedMinutes(700).fire();

        assertTrue(p.isFeasible());
        assertTrue(p.isMoved(), "the asked promise is not what the plan holds");
        assertEquals(local(3, "10:00"), p.getStart());
        assertEquals(40, p.getMinutes());
        Reason r = assertReason(p.getNotes(), LATER, Reason.Severity.WARNING,
                "No bay at " + say(3) + " 10:00 (UTC-3) for the 700 minutes (11 hours and 40 minutes) asked: SP1 is open then, but the job would end after it "
                        + "closes at 18:00; the first free slot for a 40-minute promise is " + say(3) + " 10:00 (UTC-3).");
        assertEquals(true, r.evidence().get("endsAfterClosing"));
        assertEquals(700, r.evidence().get("minutes"));
        assertEquals(40, r.evidence().get("slotMinutes"));
        assertNoReason(p.getNotes(), FREE);
    }

    @Test
    @DisplayName("No free bay: asked minutes longer than the realistic ones are checked against the bays for all they hold (busy)")
    void askedMinutesRunIntoABooking() {
        // one bay booked from 10:50: 40 realistic minutes fit at 10:00, the 90 asked do not
        ServicePlan p = service().takes(40).bays(1).booking(local(3, "10:50"), local(3, "11:30"))
                .askedStart(local(3, "10:00")).askedMinutes(90).fire();

        assertTrue(p.isMoved());
        Reason r = assertReason(p.getNotes(), LATER, Reason.Severity.WARNING, "for the 90 minutes asked: every bay is busy then");
        assertEquals(false, r.evidence().get("endsAfterClosing"));
        assertEquals(1, r.evidence().get("busyBays"));
    }

    @Test
    @DisplayName("Bay free at the asked time: asked minutes longer than the realistic ones that fit are the asked promise's bay")
    void askedMinutesThatFit() {
        ServicePlan p = service().takes(40).bays(1).booking(local(3, "11:30"), local(3, "12:00"))
                .askedStart(local(3, "10:00")).askedMinutes(90).fire();

        assertFalse(p.isMoved());
        assertReason(p.getNotes(), FREE, Reason.Severity.INFO);
    }

    @Test
    @DisplayName("Bay free at the asked time: a site open 00:00-24:00 is never closed, a job runs past midnight into the next open day")
    void roundTheClockRunsPastMidnight() {
        // probe-C #5: a 5-minute job at 23:58 was refused because the site "closes at 23:59"
        ServicePlan p = service().hours("00:00", "24:00").takes(5).askedStart(local(2, "23:58")).fire();

        assertFalse(p.isMoved());
        assertEquals(local(2, "23:58"), p.getStart());
        assertReason(p.getNotes(), FREE, Reason.Severity.INFO);
        assertNoReason(p.getNotes(), LONGER);
    }

    @Test
    @DisplayName("No free bay: start later: round the clock, a job running into a closed day ends after closing at 24:00")
    void roundTheClockBeforeAClosedDay() {
        // Friday 23:58 + 5 minutes runs into Saturday, a closed day: Monday 00:00
        ServicePlan p = service().hours("00:00", "24:00").takes(5).askedStart(local(3, "23:58")).fire();

        assertEquals(local(6, "00:00"), p.getStart());
        Reason r = assertReason(p.getNotes(), LATER, Reason.Severity.WARNING, "would end after it closes at 24:00");
        assertEquals("24:00", r.evidence().get("closes"));
    }

    @Test
    @DisplayName("No free bay: start later: a closed day (Sunday) moves to Monday opening")
    void sundayMovesToMonday() {
        ServicePlan p = service().takes(40).askedStart(local(5, "10:00")).fire();

        assertEquals(local(6, "08:00"), p.getStart());
        assertReason(p.getNotes(), LATER, Reason.Severity.WARNING,
                "No bay at " + say(5) + " 10:00 (UTC-3): SP1 is closed then; the first free slot is " + say(6) + " 08:00 (UTC-3).");
    }

    @Test
    @DisplayName("No free bay: start later: a job that would end after closing on Friday moves to Monday opening, said as such (open then, not closed)")
    void endsAfterClosingOnFriday() {
        // 17:30 + 40 = 18:10 > 18:00; latest start 17:20 -> Sat, Sun closed -> Mon 08:00
        ServicePlan p = service().takes(40).askedStart(local(3, "17:30")).fire();

        assertEquals(local(6, "08:00"), p.getStart());
        Reason r = assertReason(p.getNotes(), LATER, Reason.Severity.WARNING,
                "No bay at " + say(3) + " 17:30 (UTC-3): SP1 is open then, but the 40-minute job would end after it closes at 18:00; "
                        + "the first free slot is " + say(6) + " 08:00 (UTC-3).");
        assertFalse(r.message().contains("closed"), r.message());
        assertEquals(true, r.evidence().get("open")); // 17:30 is within the opening hours 08:00-18:00
        assertEquals(true, r.evidence().get("endsAfterClosing"));
        assertEquals("18:00", r.evidence().get("closes"));
        assertEquals(0, r.evidence().get("busyBays"));
    }

    @Test
    @DisplayName("No free bay: start later: a start at closing time is closed, not a job ending after closing")
    void atClosingTimeIsClosed() {
        ServicePlan p = service().takes(10).askedStart(local(2, "18:00")).fire();

        Reason r = assertReason(p.getNotes(), LATER, Reason.Severity.WARNING, "SP1 is closed then");
        assertEquals(false, r.evidence().get("open"));
        assertEquals(false, r.evidence().get("endsAfterClosing"));
    }

    // ---- Start has passed ---------------------------------------------------------------------------

    static final String PASSED = "Start has passed";

    @Test
    @DisplayName("Start has passed: a start before the time the quote is answered is answered as of then, and said to have passed")
    void passedStartIsSaidAndAnsweredAsOfThen() {
        ServicePlan p = service().takes(40).askedStart(local(3, "10:00")).answeredAt(local(3, "11:05")).fire();

        assertTrue(p.isFeasible());
        assertFalse(p.isMoved(), "a backdated quote (a replay) is answered at its start");
        Reason r = assertReason(p.getNotes(), PASSED, Reason.Severity.WARNING,
                "The asked start, " + say(3) + " 10:00 (UTC-3), has already passed (it is now " + say(3) + " 11:05 (UTC-3)): "
                        + "this answer is as of then, and only a start still to come can be booked.");
        assertEquals(com.promisevalidator.validation.facts.ReasonCode.START_PASSED, r.code());
        assertEquals(day(3) + "T10:00:00-03:00", r.evidence().get("asked"));
        assertEquals(day(3) + "T11:05:00-03:00", r.evidence().get("now"));
        assertReason(p.getNotes(), FREE, Reason.Severity.INFO, "A bay is free at");
    }

    @Test
    @DisplayName("Start has passed: a passed start at a closed time still moves to the next free slot of then, and says both")
    void passedStartAtClosedTime() {
        ServicePlan p = service().takes(40).askedStart(local(2, "07:00")).answeredAt(local(3, "17:30")).fire();

        assertEquals(local(2, "08:00"), p.getStart());
        assertReason(p.getNotes(), PASSED, Reason.Severity.WARNING, "has already passed");
        assertReason(p.getNotes(), LATER, Reason.Severity.WARNING, "is closed then");
    }

    @Test
    @DisplayName("Start has passed: a start to come is not passed (no reason), the same start answered earlier")
    void startToComeIsNotPassed() {
        ServicePlan p = service().takes(40).askedStart(local(3, "10:00")).answeredAt(local(3, "10:00")).fire();

        assertFalse(p.isMoved());
        assertNoReason(p.getNotes(), PASSED);
        assertReason(p.getNotes(), FREE, Reason.Severity.INFO, "A bay is free at");
    }

    @Test
    @DisplayName("No free bay: start later: a holiday (Fri day(24)) and the weekend move to Monday day(27)")
    void holidayMovesToMonday() {
        ServicePlan p = service().takes(40).askedStart(local(24, "09:00")).fire();

        assertEquals(local(27, "08:00"), p.getStart());
        assertReason(p.getNotes(), LATER, Reason.Severity.WARNING, "No bay at " + say(24) + " 09:00", "first free slot is " + say(27) + " 08:00");
    }

    @Test
    @DisplayName("No free bay: start later: zero bays is infeasible")
    void zeroBaysInfeasible() {
        ServicePlan p = service().takes(40).bays(0).askedStart(local(3, "10:00")).fire();

        assertFalse(p.isFeasible());
        assertEquals(local(3, "10:00"), p.getStart());
        Reason r = assertReason(p.getNotes(), LATER, Reason.Severity.WARNING,
                "No bay is free for 40 minutes at SP1 within the planning horizon.");
        assertEquals(0, r.evidence().get("bays"));
        assertNoReason(p.getNotes(), FREE);
    }

    @Test
    @DisplayName("No free bay: start later: no free slot within the horizon is infeasible")
    void noSlotWithinHorizon() {
        // horizon Fri 10:00 + 1 day = Sat 10:00; both bays booked for the rest of Friday; Sat closed
        ServicePlan p = service().takes(40).horizonDays(1)
                .booking(local(3, "08:00"), local(3, "18:00")).booking(local(3, "08:00"), local(3, "18:00"))
                .askedStart(local(3, "10:00")).fire();

        assertFalse(p.isFeasible());
        assertReason(p.getNotes(), LATER, Reason.Severity.WARNING, "No bay is free for 40 minutes at SP1 within the planning horizon.");
    }
}
