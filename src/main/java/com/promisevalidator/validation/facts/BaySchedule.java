package com.promisevalidator.validation.facts;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;

import com.promisevalidator.capacity.model.BayBooking;
import com.promisevalidator.capacity.model.ServiceOffer;
import com.promisevalidator.capacity.model.SiteCalendar;

/** When a service type's bays are open and free at a site. */
public class BaySchedule {
    /** Start times are offered on this grid (minutes past the hour). */
    static final int STEP_MINUTES = 15;

    private final ServiceOffer offer;
    private final SiteCalendar calendar;
    private final List<BayBooking> bookings;

    public BaySchedule(ServiceOffer offer, SiteCalendar calendar, List<BayBooking> bookings) {
        this.offer = offer;
        this.calendar = calendar;
        this.bookings = bookings;
    }

    /**
     * Whether the site is open for a bay held {@code minutes} from {@code start} by a job whose realistic minutes are
     * {@code realistic}: only a job that is itself longer than a day runs on past closing; a 40-minute job promised 700
     * minutes still has to end by closing.
     */
    public boolean isOpenFor(Instant start, int minutes, int realistic) {
        // no opening hours set: only the start is bound, to the site's days within the hours its past jobs started in
        if (offer.fromHistory()) return isOpenAt(start);
        // longer than the site's days hold (a multi-day repair): it starts within the opening hours and keeps its bay past
        // closing until it is done, as the history's minutes (start to end, nights included) say it takes
        if (!holds(realistic)) return isOpenAt(start);
        ZonedDateTime s = start.atZone(calendar.site().timeZone());
        ZonedDateTime e = s.plusMinutes(minutes);
        if (isRoundTheClock()) {
            // never closed on its days: a job may run past midnight while every day it runs into is one of them
            for (LocalDate d = s.toLocalDate(); !d.isAfter(e.minusNanos(1).toLocalDate()); d = d.plusDays(1)) {
                if (!calendar.isWorkingDay(d)) return false;
            }
            return true;
        }
        if (!calendar.isWorkingDay(s.toLocalDate()) || !e.toLocalDate().equals(s.toLocalDate()) && !endsAtMidnight(e)) return false;
        return !s.toLocalTime().isBefore(offer.opens()) && !endTime(e).isAfter(offer.closes());
    }

    /**
     * Whether the site is open at this moment (its working day, within its opening hours; no hours set: its working days,
     * within the hours its past jobs started in, all day when history says none).
     */
    public boolean isOpenAt(Instant t) {
        ZonedDateTime s = t.atZone(calendar.site().timeZone());
        return calendar.isWorkingDay(s.toLocalDate()) && inHours(s.toLocalTime());
    }

    /** Whether a moment of the day lies within the offer's hours (from its opening to before its closing). */
    private boolean inHours(LocalTime at) {
        return !at.isBefore(offer.opens()) && (offer.closes().equals(LocalTime.MAX) || at.isBefore(offer.closes()));
    }

    private static boolean endsAtMidnight(ZonedDateTime e) {
        return e.toLocalTime().equals(LocalTime.MIDNIGHT);
    }

    private static LocalTime endTime(ZonedDateTime e) {
        return endsAtMidnight(e) ? LocalTime.MAX : e.toLocalTime();
    }

    /** Most bays busy at the same moment within [start, start+minutes). */
    public int busyDuring(Instant start, int minutes) {
        return BayBooking.mostAtOnce(bookings, start, start.plus(Duration.ofMinutes(minutes)));
    }

    public boolean fits(Instant start, int minutes) {
        return fits(start, minutes, minutes);
    }

    /** As {@link #fits(Instant, int)}, for a bay held {@code minutes} by a job of {@code realistic} minutes. */
    public boolean fits(Instant start, int minutes, int realistic) {
        if (offer.fromHistory()) return isOpenFor(start, minutes, realistic); // no bays set: nothing to be full
        return offer.bays() > 0 && isOpenFor(start, minutes, realistic) && busyDuring(start, minutes) < offer.bays();
    }

    /**
     * The earliest start at or after {@code from} where a bay is open and free; null when none within the horizon. The
     * starts tried are the 15-minute grid, the opening times and the moments a held bay becomes free (the end of a
     * booking): the grid alone would offer a 5-minute job 16:15 while its bay is free from 16:05.
     */
    public Instant nextStart(Instant from, int minutes, Instant until) {
        if (offer.bays() == 0 && !offer.fromHistory()) return null;
        ZonedDateTime t = from.atZone(calendar.site().timeZone());
        if (t.getMinute() % STEP_MINUTES != 0 || t.getSecond() != 0 || t.getNano() != 0) t = after(t);
        while (!t.toInstant().isAfter(until)) {
            LocalDate day = t.toLocalDate();
            // a service known from history, or longer than a day holds, binds only its start to the hours; others end by closing
            LocalTime lastStart = offer.fromHistory() || !holds(minutes) ? offer.closes().minusNanos(1) : offer.closes().minusMinutes(minutes);
            if (!calendar.isWorkingDay(day) || t.toLocalTime().isAfter(lastStart) && !offer.closes().equals(LocalTime.MAX)) {
                t = day.plusDays(1).atTime(offer.opens()).atZone(t.getZone());
                continue;
            }
            if (t.toLocalTime().isBefore(offer.opens())) {
                t = day.atTime(offer.opens()).atZone(t.getZone());
                continue;
            }
            if (fits(t.toInstant(), minutes)) return t.toInstant();
            t = after(t);
        }
        return null;
    }

    /** The next start to try after {@code t}: the next grid point, or a booking's end when one comes first. */
    private ZonedDateTime after(ZonedDateTime t) {
        ZonedDateTime grid = t.withSecond(0).withNano(0).minusMinutes(t.getMinute() % STEP_MINUTES).plusMinutes(STEP_MINUTES);
        Instant[] ends = bookingEnds();
        int i = java.util.Arrays.binarySearch(ends, t.toInstant());
        i = i >= 0 ? i + 1 : -i - 1; // the first end strictly after t
        while (i < ends.length && ends[i].equals(t.toInstant())) i++;
        return i < ends.length && ends[i].isBefore(grid.toInstant()) ? ends[i].atZone(t.getZone()) : grid;
    }

    private Instant[] ends;

    /** The ends of the bookings, sorted (read once per plan). */
    private Instant[] bookingEnds() {
        if (ends == null) ends = bookings.stream().map(BayBooking::end).sorted().toArray(Instant[]::new);
        return ends;
    }

    /**
     * Whether the site is open 00:00-24:00 on its days: never closed then, so a job may run on past midnight into the next
     * of its days (24:00 is held as {@link LocalTime#MAX}, which is not a closing time of 23:59).
     */
    public boolean isRoundTheClock() {
        return !offer.fromHistory() && offer.isAllDay();
    }

    /** The closing time as the site says it: {@code 18:00}, {@code 24:00}. */
    public String closesText() {
        LocalTime c = offer.closes();
        return c.equals(LocalTime.MAX) ? "24:00" : String.format("%02d:%02d", c.getHour(), c.getMinute());
    }

    /**
     * The longest job one opening day holds, in minutes (no opening hours set: no limit); open round the clock, the longest
     * run of its days in a row (every day: no limit).
     */
    public int getLongestJob() {
        if (offer.fromHistory()) return Integer.MAX_VALUE;
        if (isRoundTheClock()) {
            int run = 0, longest = 0;
            LocalDate d = LocalDate.of(2000, 1, 3); // a Monday: two weeks of weekdays find the longest run across a weekend
            for (int i = 0; i < 14; i++, d = d.plusDays(1)) {
                run = calendar.site().workingDays().contains(d.getDayOfWeek()) ? run + 1 : 0;
                longest = Math.max(longest, run);
            }
            return longest >= 14 ? Integer.MAX_VALUE : longest * 24 * 60;
        }
        boolean toMidnight = offer.closes().equals(LocalTime.MAX);
        return (int) Duration.between(offer.opens(), offer.closes()).toMinutes() + (toMidnight ? 1 : 0);
    }

    /** Whether a job of these minutes fits within one opening day (else it runs on past closing, keeping its bay). */
    public boolean holds(int minutes) {
        return minutes <= getLongestJob();
    }

    public ServiceOffer getOffer() { return offer; }
    public SiteCalendar getCalendar() { return calendar; }
    public int getBays() { return offer.bays(); }
    /** Whether ops set up bays and opening hours for this service here (else it is known from history only). */
    public boolean isConfigured() { return !offer.fromHistory(); }
}
