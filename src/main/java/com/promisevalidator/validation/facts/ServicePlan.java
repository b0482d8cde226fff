package com.promisevalidator.validation.facts;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;

import com.promisevalidator.performance.model.Distribution;

/**
 * How one site would do a service quote: rules set the realistic duration from past performance,
 * then move {@code start} to the first slot with an open, free bay.
 */
public class ServicePlan implements Plan {
    private final String site;
    private final String serviceType;
    private final boolean asked;
    private final BaySchedule schedule;
    private final Distribution duration;
    private final Instant askedStart; // now when no start was asked: the earliest the job could start
    private final boolean startAsked; // false: the quote asked for no start, the first free slot is the answer, not a move
    private final Double askedMinutes; // may have decimals (12.5): judged as asked, never truncated
    private final double target;
    private final Instant horizonEnd;
    private Instant now; // when the quote is answered: slots offered instead of the asked start are from then on (null: not known)
    private Instant passedBefore; // a start before this has passed: now less the slack a commit allows (null: never passed)
    private final Notes notes = new Notes();

    private Instant start;
    private Instant movedFrom; // the start before the last move, for the finding that explains it
    private Instant slotsFrom; // a start asked, searched again with a later band's minutes: no slot before this, nor at the asked start
    private int minutesWanted; // then: the asked start's own band's minutes, which found no bay there
    private int minutes; // the whole minutes a bay is held for the realistic promise (it rounded up); 0 until the duration rule ran
    private double promised; // the realistic promise at the target confidence, on a grid fine enough to be exact (14.6, 42)
    private int minutesAtTarget; // set only by an older rule set's cap to the opening hours: what the target asked for
    private double promisedAtTarget; // the same, exact to its grid
    private boolean askedRefused; // the asked promise has no bay where asked: the plan now holds the realistic one
    private boolean feasible = true;
    private double confidenceAsked;

    public ServicePlan(String site, String serviceType, boolean asked, BaySchedule schedule, Distribution duration,
                       Instant askedStart, Number askedMinutes, double target, int horizonDays) {
        this(site, serviceType, asked, schedule, duration, askedStart, true, askedMinutes, target, horizonDays);
    }

    /**
     * {@code startAsked} false: the quote named no start and {@code askedStart} is only the earliest one (now); the plan's
     * first free slot from then is the promise, not a move away from what the customer asked.
     */
    public ServicePlan(String site, String serviceType, boolean asked, BaySchedule schedule, Distribution duration,
                       Instant askedStart, boolean startAsked, Number askedMinutes, double target, int horizonDays) {
        this.site = site;
        this.serviceType = serviceType;
        this.asked = asked;
        this.schedule = schedule;
        this.duration = duration;
        this.askedStart = askedStart;
        this.startAsked = startAsked;
        this.askedMinutes = askedMinutes == null ? null : askedMinutes.doubleValue();
        this.target = target;
        this.horizonEnd = askedStart.plus(Duration.ofDays(horizonDays));
        this.start = askedStart;
    }

    /**
     * When the quote is answered: an asked start before it has passed ({@link #isStartPassed()}). The plan is still made
     * as of the asked start, as a backdated delivery quote is made as of its orderedAt (replays ask with past starts).
     * Before the rules run.
     */
    public void answeredAt(Instant now) {
        answeredAt(now, Duration.ZERO);
    }

    /**
     * As {@link #answeredAt(Instant)}, a start up to {@code slack} before now not yet passed: the minutes a commit still
     * books a start that just began (promise.commit-backdate-minutes), so what validate approves a commit books.
     */
    public void answeredAt(Instant now, Duration slack) {
        this.now = now;
        this.passedBefore = now == null ? null : now.minus(slack == null ? Duration.ZERO : slack);
    }

    /** Whether the asked start lies before the time the quote is answered: a bay can no longer be booked for it. */
    public boolean isStartPassed() {
        return startAsked && passedBefore != null && askedStart.isBefore(passedBefore);
    }

    /** Where a search for a later slot begins: at {@code from}, not before a start already found without a bay. */
    private Instant searchStart(Instant from) {
        return slotsFrom != null && slotsFrom.isAfter(from) ? slotsFrom : from;
    }

    /** When the quote is answered (null when not known). */
    public Instant getNow() { return now; }

    /**
     * No start asked: the first free slot is searched from {@code earliest} on rather than from now (a later band of the
     * week's minutes, see QuoteEvaluator). Before the rules run; never earlier than now. A start asked: see below.
     */
    public void searchFrom(Instant earliest) {
        searchFrom(earliest, 0);
    }

    /**
     * As {@link #searchFrom(Instant)}; for a start asked that had no free bay for its own band's minutes
     * ({@code minutesAtAskedStart}) and is planned again with the minutes of the later slot's band: the asked start stays
     * the one asked (the move and its finding are about it), it counts as having no free bay, and the first free slot is
     * searched strictly after it and from {@code earliest} on. Before the rules run.
     */
    public void searchFrom(Instant earliest, int minutesAtAskedStart) {
        if (earliest == null) return;
        if (!startAsked) {
            if (earliest.isAfter(start)) start = earliest;
            return;
        }
        slotsFrom = earliest.isAfter(askedStart) ? earliest : askedStart.plusNanos(1);
        minutesWanted = minutesAtAskedStart;
    }

    /**
     * Whether a bay is open and free at {@code start}, and the start is not one already found without one: at the asked
     * start for the minutes a commit of the asked promise holds ({@link #getHeldMinutes}), so what validate approves a
     * commit books; at a slot offered instead, for the realistic minutes recommended there.
     */
    public boolean isFreeAtStart() {
        boolean asAsked = startAsked && !askedRefused && start.equals(askedStart);
        return (slotsFrom == null || !start.isBefore(slotsFrom)) && schedule.fits(start, asAsked ? getHeldMinutes() : minutes, minutes);
    }

    /** The minutes a commit of the asked promise holds its bay: the realistic ones, or the asked ones when longer (whole, up). */
    public int getHeldMinutes() {
        return held(minutes);
    }

    private int held(int realistic) {
        return askedMinutes == null ? realistic : Math.max(realistic, com.promisevalidator.common.Minutes.ceil(askedMinutes));
    }

    /**
     * The minutes of the job wanted at the asked start, as a commit would hold them (its own band's realistic minutes, when
     * planned again with a later slot's, or the asked ones when longer).
     */
    public int getMinutesWanted() {
        return held(minutesWanted > 0 ? minutesWanted : minutes);
    }

    public void estimate() {
        promised = Math.max(1, onGrid(duration, target));
        minutes = com.promisevalidator.common.Minutes.ceil(promised);
        confidenceAsked = askedMinutes == null ? duration.cdfAt(promised) : duration.cdfAt(askedMinutes);
    }

    /** Grids a promise may be rounded up to, coarsest first: whole minutes read best, tenths when they would cost too much. */
    private static final double[] GRIDS = {1.0, 0.5, 0.1};
    /** The most chance a rounding may add: a whole minute on a tight 12-minute job would keep 93 % of promises at a 90 % target. */
    static final double MAX_ROUNDING_CHANCE = 0.01;

    /**
     * The smallest minutes whose chance reaches {@code target}, rounded up to the coarsest grid that adds at most
     * {@link #MAX_ROUNDING_CHANCE} to it: a wide spread keeps whole minutes, a tight or short job gets half or tenth minutes.
     */
    static double onGrid(Distribution d, double target) {
        int steps = d.quantile(target);
        double exact = steps / (double) d.perUnit();
        double chance = d.cdf(steps);
        for (double grid : GRIDS) {
            double m = Math.ceil(exact / grid - 1e-9) * grid;
            if (d.cdfAt(m) - chance <= MAX_ROUNDING_CHANCE + 1e-9) return com.promisevalidator.common.Minutes.normalise(m);
        }
        return exact;
    }

    /**
     * Cuts the promise to the longest job a day holds, at its lower chance: what a job longer than the opening hours got
     * before 2026-12-07. The shipped rules no longer call it (such a job now runs on past closing, keeping its bay); kept
     * so that a rule set of then, which ops may still run, compiles and answers as it did.
     */
    @Deprecated
    public void capToOpeningHours() {
        minutesAtTarget = minutes;
        promisedAtTarget = promised;
        minutes = schedule.getLongestJob();
        promised = minutes;
    }

    /** The minutes the target asks for, before a cap of an older rule set (equal to the minutes when not capped). */
    public int getMinutesAtTarget() { return minutesAtTarget > 0 ? minutesAtTarget : minutes; }

    /** As {@link #getMinutesAtTarget()}, exact to its grid (what evidence shows). */
    public double getPromisedAtTarget() { return minutesAtTarget > 0 ? promisedAtTarget : promised; }

    /** Whether the asked minutes reach the target (a moved start's minutes are judged at their own chance: {@link #keeps}). */
    public boolean isAskedKept() {
        return keeps(confidenceAsked);
    }

    /**
     * No bay is open and free at the start (at the asked start: for what a commit of the asked promise holds): the first
     * start where one is for the realistic minutes (BaySchedule.nextStart; infeasible when none in the horizon).
     */
    public void moveToNextFreeSlot() {
        if (startAsked && start.equals(askedStart)) askedRefused = true; // the realistic promise may still start there
        moveStart(schedule.nextStart(searchStart(start), minutes, horizonEnd));
    }

    public void moveStart(Instant next) {
        movedFrom = start;
        if (next == null) feasible = false;
        else if (next.isAfter(start)) start = next;
    }

    public LocalDateTime localStart() {
        return LocalDateTime.ofInstant(start, schedule.getCalendar().site().timeZone());
    }

    /**
     * A time as the site's clocks show it, with their offset, to the second as every time in an answer is
     * ({@code 2026-12-07T08:00:00-03:00}, as {@code recommended.startAt}): what evidence carries, so a caller reading it
     * knows the instant as well as the local time the sentence says.
     */
    public String atSite(Instant t) {
        return t == null ? null : com.promisevalidator.common.Timestamps.format(
                java.time.OffsetDateTime.ofInstant(t, schedule.getCalendar().site().timeZone()));
    }

    public LocalDateTime localAskedStart() {
        return LocalDateTime.ofInstant(askedStart, schedule.getCalendar().site().timeZone());
    }

    public void setFeasible(boolean feasible) { this.feasible = feasible; }

    public String getSite() { return site; }
    public String getServiceType() { return serviceType; }
    public boolean isAsked() { return asked; }
    public BaySchedule getSchedule() { return schedule; }
    public Distribution getDuration() { return duration; }
    public Instant getAskedStart() { return askedStart; }
    /** Whether the quote asked for a start (false: the first free slot from now is the answer). */
    public boolean isStartAsked() { return startAsked; }
    /** The asked minutes as a decimal that reads well in a sentence (12.5, 10 — not 10.0). */
    public java.math.BigDecimal getAskedMinutes() { return com.promisevalidator.common.Minutes.decimal(askedMinutes); }
    public double getTarget() { return target; }
    public Instant getHorizonEnd() { return horizonEnd; }
    public Notes getNotes() { return notes; }
    public Instant getStart() { return start; }
    public Instant getMovedFrom() { return movedFrom; }
    /** The whole minutes a bay is held for the realistic promise. */
    public int getMinutes() { return minutes; }
    /** The realistic promise in minutes, exact to its grid (14.6, 42): what is recommended. */
    public double getPromisedMinutes() { return promised; }
    public boolean isFeasible() { return feasible; }
    public double getConfidenceAsked() { return confidenceAsked; }
    public double getConfidenceAtRealistic() { return duration.cdfAt(promised); }
    /**
     * Whether the plan is no longer the asked promise: its start moved away from the asked one, or the asked minutes have no
     * bay there and the realistic ones are planned instead (never, when the quote asked for no start).
     */
    public boolean isMoved() { return startAsked && (askedRefused || !start.equals(askedStart)); }
}
