package com.promisevalidator.validation.facts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.promisevalidator.capacity.model.SiteCalendar;
import com.promisevalidator.performance.model.ArrivalDays;
import com.promisevalidator.performance.model.Distribution;

/**
 * How one site would fulfil a delivery quote. Rules move {@code dispatch} (the day the order can
 * leave the site) until calendar, stock and capacity all agree, then set the estimate from the lead
 * time. One plan per candidate site; the plan of the site the rep asked for has {@code asked}.
 */
public class DeliveryPlan implements Plan {
    private final String site;
    private final String region;
    private final boolean asked;
    private final boolean answering;
    private final String regionLike;
    private final SiteCalendar calendar;
    private final DailyCapacity capacity;
    private final Distribution leadTime;
    private final Instant orderedAt;
    private final LocalDate orderDay;
    private final LocalDate horizonEnd;
    private final LocalDate askedBy;
    private final double target;
    private final List<LineStock> lines;
    private final Notes notes = new Notes();

    private LocalDate dispatch;
    private LocalDate movedFrom; // the dispatch day before the last move, for the finding that explains it
    private boolean feasible = true;
    private boolean estimated;
    private LocalDate earliest;
    private double confidenceAtEarliest;
    private double confidenceAsked;
    private int bufferDays;

    public DeliveryPlan(String site, String region, boolean asked, SiteCalendar calendar, DailyCapacity capacity,
                        Distribution leadTime, Instant orderedAt, LocalDate askedBy, double target, int horizonDays,
                        List<LineStock> lines) {
        this(site, region, asked, asked, calendar, capacity, leadTime, orderedAt, askedBy, target, horizonDays, lines);
    }

    /** {@code answering}: this plan may give the answer (the asked site's; each candidate's when the quote names no site). */
    public DeliveryPlan(String site, String region, boolean asked, boolean answering, SiteCalendar calendar, DailyCapacity capacity,
                        Distribution leadTime, Instant orderedAt, LocalDate askedBy, double target, int horizonDays,
                        List<LineStock> lines) {
        this(site, region, null, asked, answering, calendar, capacity, leadTime, orderedAt, askedBy, target, horizonDays, lines);
    }

    /**
     * {@code regionLike}: the region is new (no lane, no history) but a known one equals it ignoring case and surrounding
     * spaces ("rj" for "RJ"): that one's code; else null.
     */
    public DeliveryPlan(String site, String region, String regionLike, boolean asked, boolean answering, SiteCalendar calendar,
                        DailyCapacity capacity, Distribution leadTime, Instant orderedAt, LocalDate askedBy, double target,
                        int horizonDays, List<LineStock> lines) {
        this.site = site;
        this.regionLike = regionLike;
        this.region = region;
        this.asked = asked;
        this.answering = asked || answering;
        this.calendar = calendar;
        this.capacity = capacity;
        this.leadTime = leadTime;
        this.orderedAt = orderedAt;
        this.orderDay = calendar.orderDay(orderedAt);
        this.horizonEnd = orderDay.plusDays(horizonDays);
        this.askedBy = askedBy;
        this.target = target;
        this.lines = lines;
        this.dispatch = orderDay;
    }

    /** Days from dispatch to {@code day}: the lead time a promise for that day leaves. */
    public int daysFromDispatchTo(LocalDate day) {
        return (int) ChronoUnit.DAYS.between(dispatch, day);
    }

    /** Sets the estimate from the lead-time distribution (called by the lead-time rule). */
    public void estimate() {
        int q = leadTime.quantile(target);
        // a day on which the site's deliveries never arrive adds nothing: the arrival day before it is kept as often; but
        // never back onto what the evidence said before ops' margin (parameters.yaml buffer): that margin then reaches on
        int mask = leadTime.noArrivalDays();
        LocalDate at = dispatch.plusDays(q), back = ArrivalDays.backToArrival(mask, at, dispatch);
        boolean eatsMargin = leadTime.buffer() > 0 && !back.isAfter(dispatch.plusDays(q - leadTime.buffer()));
        earliest = eatsMargin ? ArrivalDays.forwardToArrival(mask, at) : back;
        movedBackFrom = earliest.isBefore(at) ? at : null;
        confidenceAtEarliest = chanceOf(earliest);
        confidenceAsked = askedBy == null ? confidenceAtEarliest : chanceOf(askedBy);
        estimated = true;
        if (earliest.isAfter(horizonEnd)) {
            // a statistic never rejects an order: the last day of the horizon, with the lower chance it has
            earliest = horizonEnd;
            movedBackFrom = null;
            confidenceAtEarliest = chanceOf(earliest);
        }
    }

    private LocalDate movedBackFrom;

    /**
     * The day the lead time's quantile fell on when it was one on which the site's deliveries never arrive, and the promise
     * was brought back to the arrival day before it (as often kept); null otherwise.
     */
    public LocalDate getMovedBackFrom() {
        return movedBackFrom;
    }

    /**
     * Whether open orders of the lane's most specific evidence, ageing past the quantile the finished ones give,
     * moved the promise later (drift: the lane is slowing down before its late deliveries are reported).
     */
    public boolean isOpenOrdersAgeing() {
        var ageing = leadTime.ageing();
        if (!estimated || ageing == null) return false;
        int without = ageing.withoutOpen().quantile(target);
        return leadTime.quantile(target) > without && ageing.olderThan(without - leadTime.buffer()) > 0;
    }

    /** Whether the asked date reaches the target. */
    public boolean isAskedKept() {
        return keeps(confidenceAsked);
    }

    // ---- what rules do to a plan ---------------------------------------------------------------

    /** After the cut-off: the order's clock starts the day after it was placed. */
    public void startNextDay() {
        moveDispatch(orderDay.plusDays(1));
    }

    /** The dispatch day is closed: the first day from it the site ships (infeasible when none within the horizon). */
    public void moveToNextShippingDay() {
        moveDispatch(calendar.workingDayFrom(dispatch));
    }

    /** The dispatch day is fully booked: the next working day with room (infeasible when none within the horizon). */
    public void moveToNextDayWithRoom() {
        moveDispatch(capacity.nextDayWithRoom(dispatch, calendar, horizonEnd));
    }

    /** A short line: the order leaves when inbound supply covers it. */
    public void waitFor(LineStock line) {
        waitedForInbound = true;
        moveDispatch(line.getReadyDay());
    }

    private boolean waitedForInbound;

    /** Whether a line short today moved the dispatch to when inbound supply covers it (WAITS_FOR_INBOUND says so). */
    public boolean isWaitedForInbound() {
        return waitedForInbound;
    }

    /** A line can never be covered from this site: the plan is not feasible. */
    public void cannotCover(LineStock line) {
        feasible = false;
    }

    /**
     * Adds {@code days} to the promise after the estimate (a buffer ops want on top of what the data
     * says). As a parameters.yaml buffer does, the chances of the new earliest date and of the asked date are read as
     * if the work took that much longer: an asked date inside the buffer no longer holds (it is not APPROVED before the
     * earliest date that holds). The lead-time finding is restated with them. Records BUFFER_ADDED.
     */
    public void addBuffer(int days) {
        if (!estimated || days <= 0) return;
        bufferDays += days;
        if (notes.firingRule() != null) bufferedBy.add(notes.firingRule());
        // a margin that ends on a day without arrivals reaches to the next day deliveries arrive on, or it would add none
        earliest = ArrivalDays.forwardToArrival(leadTime.noArrivalDays(), earliest.plusDays(days));
        if (movedBackFrom != null && !earliest.isBefore(movedBackFrom)) movedBackFrom = null;
        confidenceAtEarliest = chanceOf(earliest);
        confidenceAsked = askedBy == null ? confidenceAtEarliest : chanceOf(askedBy);
        if (earliest.isAfter(horizonEnd)) feasible = false;
        notes.restate(ReasonCode.LEAD_TIME, Finding.leadTime(this));
        note(Finding.bufferAdded(this, days));
    }

    private final java.util.Set<String> bufferedBy = new java.util.HashSet<>();

    /**
     * Whether the rule of that name already added a buffer to this plan: a buffer rule's guard ({@code !bufferedBy("its name")})
     * that stops it after one firing without stopping the others, so the buffers of several rules add up.
     */
    public boolean bufferedBy(String rule) {
        return bufferedBy.contains(rule);
    }

    /** The chance of delivering by {@code day} when the work takes the rules' buffer longer than the lead time says. */
    private double chanceOf(LocalDate day) {
        return leadTime.chanceBy(dispatch, day, bufferDays);
    }

    /** The day of the week the order was placed, at the site. */
    public java.time.DayOfWeek getOrderWeekday() {
        return orderedAt.atZone(calendar.site().timeZone()).getDayOfWeek();
    }

    /** Whether the order was placed at or after {@code localTime} ("16:00") at the site, on the day it was placed. */
    public boolean orderedAfter(String localTime) {
        return !orderedAt.atZone(calendar.site().timeZone()).toLocalTime().isBefore(java.time.LocalTime.parse(localTime));
    }

    /**
     * Offers a split delivery when it brings something forward: what is free now ships first, the
     * rest at the plan's earliest date. Returns whether it was offered (and records SPLIT_OFFERED).
     */
    public boolean offerSplit() {
        List<Alternative.Part> parts = Split.parts(this);
        if (parts == null) return false;
        Alternative split = new Alternative("SPLIT", site, null, null, null, confidenceAtEarliest, null, parts);
        notes.offer(split);
        note(Finding.splitOffered(this, split));
        return true;
    }

    public void moveDispatch(LocalDate day) {
        movedFrom = dispatch;
        if (day == null) {
            feasible = false;
        } else if (day.isAfter(dispatch)) {
            dispatch = day;
        }
        if (dispatch.isAfter(horizonEnd)) feasible = false;
    }

    public void setFeasible(boolean feasible) { this.feasible = feasible; }

    public String getSite() { return site; }
    public String getRegion() { return region; }
    /** The known region this new one may mean ("RJ" for "rj"), or null. */
    public String getRegionLike() { return regionLike; }
    public boolean isAsked() { return asked; }
    @Override
    public boolean isAnswering() { return answering; }
    public SiteCalendar getCalendar() { return calendar; }
    public DailyCapacity getCapacity() { return capacity; }
    public Distribution getLeadTime() { return leadTime; }
    public Instant getOrderedAt() { return orderedAt; }
    public LocalDate getOrderDay() { return orderDay; }
    public LocalDate getHorizonEnd() { return horizonEnd; }
    public LocalDate getAskedBy() { return askedBy; }
    public double getTarget() { return target; }
    public List<LineStock> getLines() { return lines; }
    public Notes getNotes() { return notes; }
    public LocalDate getDispatch() { return dispatch; }
    public LocalDate getMovedFrom() { return movedFrom; }
    public int getBufferDays() { return bufferDays; }
    public boolean isFeasible() { return feasible; }
    public boolean isEstimated() { return estimated; }
    public LocalDate getEarliest() { return earliest; }
    public double getConfidenceAtEarliest() { return confidenceAtEarliest; }
    public double getConfidenceAsked() { return confidenceAsked; }
    public boolean isAfterCutoff() { return calendar.isAfterCutoff(orderedAt); }
    public String getLane() { return site + "→" + region; }
}
