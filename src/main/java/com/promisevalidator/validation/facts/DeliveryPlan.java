package com.promisevalidator.validation.facts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.promisevalidator.capacity.model.SiteCalendar;
import com.promisevalidator.performance.model.Distribution;

/**
 * How one site would fulfil a delivery quote. Rules move {@code dispatch} (the day the order can
 * leave the site) until calendar, stock and capacity all agree, then set the estimate from the lead
 * time. One plan per candidate site; the plan of the site the rep asked for has {@code asked}.
 */
public class DeliveryPlan {
    private final String site;
    private final String region;
    private final boolean asked;
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
    private boolean feasible = true;
    private boolean estimated;
    private LocalDate earliest;
    private double confidenceAtEarliest;
    private double confidenceAsked;

    public DeliveryPlan(String site, String region, boolean asked, SiteCalendar calendar, DailyCapacity capacity,
                        Distribution leadTime, Instant orderedAt, LocalDate askedBy, double target, int horizonDays,
                        List<LineStock> lines) {
        this.site = site;
        this.region = region;
        this.asked = asked;
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
        earliest = dispatch.plusDays(q);
        confidenceAtEarliest = leadTime.cdf(q);
        confidenceAsked = askedBy == null ? confidenceAtEarliest : leadTime.cdf(daysFromDispatchTo(askedBy));
        estimated = true;
        if (earliest.isAfter(horizonEnd)) feasible = false; // the lane never reaches the target within the horizon
    }

    /** Whether the asked date reaches the target (with a hair of tolerance for summed weights). */
    public boolean isAskedKept() {
        return confidenceAsked >= target - 1e-9;
    }

    public void moveDispatch(LocalDate day) {
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
    public boolean isAsked() { return asked; }
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
    public boolean isFeasible() { return feasible; }
    public boolean isEstimated() { return estimated; }
    public LocalDate getEarliest() { return earliest; }
    public double getConfidenceAtEarliest() { return confidenceAtEarliest; }
    public double getConfidenceAsked() { return confidenceAsked; }
    public boolean isAfterCutoff() { return calendar.isAfterCutoff(orderedAt); }
    public String getLane() { return site + "→" + region; }
}
