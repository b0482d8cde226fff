package com.promisevalidator.performance.model;

import java.time.LocalDate;

/**
 * What the statistics learn from one promise.
 * <ul>
 * <li>{@code OUTCOME}: it finished; {@code value} is the lead time in days (delivery) or the minutes
 * (service, in tenths of a minute: see {@code serviceOutcome}); {@code day} is when that became known (it sets the time-decay weight).</li>
 * <li>{@code OPEN} / {@code CLOSED}: a delivery without an outcome yet, released on {@code day}, is
 * added to / removed from the open orders (right-censored lead times); value is unused.</li>
 * <li>{@code OPEN_AT} / {@code CLOSED_AT}: a delivery of an export taken at a known time, still open then:
 * {@code value} is how many days it had been open at that time (a fixed age, never aged further), {@code day}
 * is the export's day (it sets the weight, like an outcome's); added to / removed from the open orders.</li>
 * <li>{@code REMOVED}: an outcome counted earlier is taken back (its history row was deleted or
 * replaced); same value and day as the {@code OUTCOME} it cancels.</li>
 * </ul>
 * {@code hourOfWeek}: for a service outcome, when it started, local at the site: (day of week − 1) × 24 + hour, Monday
 * 00:00-00:59 = 0 … Sunday 23:00-23:59 = 167; -1 when not known (deliveries, and services recorded without it).
 * {@code reference}: the history row it comes from (null = not said); {@code judged}: for a service outcome, the chance
 * the estimate in force gave of finishing sooner when it was first counted, in thousandths (-1 = not judged): stored
 * with its row, so taking the outcome back or rebuilding the statistics takes back or counts the same chance.
 */
public record Observation(Kind kind, Event event, String site, String regionOrType, int value, LocalDate day, int hourOfWeek,
                          String reference, int judged) {

    public Observation(Kind kind, Event event, String site, String regionOrType, int value, LocalDate day, int hourOfWeek) {
        this(kind, event, site, regionOrType, value, day, hourOfWeek, null, -1);
    }

    public Observation(Kind kind, Event event, String site, String regionOrType, int value, LocalDate day) {
        this(kind, event, site, regionOrType, value, day, -1);
    }

    /** The same, from the history row {@code reference}. */
    public Observation withReference(String reference) {
        return new Observation(kind, event, site, regionOrType, value, day, hourOfWeek, reference, judged);
    }

    /** The same, judged earlier at {@code judged} thousandths (null or negative = not judged). */
    public Observation withJudged(Integer judged) {
        return new Observation(kind, event, site, regionOrType, value, day, hourOfWeek, reference, judged == null || judged < 0 ? -1 : judged);
    }

    public enum Kind { DELIVERY, SERVICE }

    public enum Event { OUTCOME, OPEN, CLOSED, OPEN_AT, CLOSED_AT, REMOVED }

    public static Observation outcome(Kind kind, String site, String regionOrType, int value, LocalDate knownOn) {
        return new Observation(kind, Event.OUTCOME, site, regionOrType, value, knownOn);
    }

    /** Service outcomes are counted per tenth of a minute. */
    public static final int SERVICE_STEPS_PER_MINUTE = 10;

    /**
     * A finished service of {@code minutes} (decimals allowed), binned up to the next tenth of a
     * minute: a promise is then judged kept only when the whole bin lies within it, exact at tenths.
     */
    public static Observation serviceOutcome(String site, String type, double minutes, LocalDate knownOn) {
        int steps = (int) Math.ceil(minutes * SERVICE_STEPS_PER_MINUTE - 1e-6);
        return outcome(Kind.SERVICE, site, type, steps, knownOn);
    }

    /** The same, for a service started at {@code localStart} (local time at the site): its day and hour of the week count. */
    public static Observation serviceOutcome(String site, String type, double minutes, java.time.LocalDateTime localStart) {
        int steps = (int) Math.ceil(minutes * SERVICE_STEPS_PER_MINUTE - 1e-6);
        return new Observation(Kind.SERVICE, Event.OUTCOME, site, type, steps, localStart.toLocalDate(), hourOfWeek(localStart));
    }

    /** (day of week − 1) × 24 + hour: Monday 00:xx = 0 … Sunday 23:xx = 167. */
    public static int hourOfWeek(java.time.LocalDateTime local) {
        return (local.getDayOfWeek().getValue() - 1) * 24 + local.getHour();
    }

    /** The value in its unit: days, or minutes (with the tenth). */
    public double units() {
        return kind == Kind.SERVICE ? value / (double) SERVICE_STEPS_PER_MINUTE : value;
    }

    /** Takes back an outcome counted earlier (and the chance it was judged at, when it carries one). */
    public Observation removed() {
        return new Observation(kind, Event.REMOVED, site, regionOrType, value, day, hourOfWeek, reference, judged);
    }

    public static Observation open(String site, String region, LocalDate releaseDay) {
        return new Observation(Kind.DELIVERY, Event.OPEN, site, region, 0, releaseDay);
    }

    public static Observation closed(String site, String region, LocalDate releaseDay) {
        return new Observation(Kind.DELIVERY, Event.CLOSED, site, region, 0, releaseDay);
    }

    /** Open for {@code ageDays} days as of {@code asOfDay} (an export's time). */
    public static Observation openAt(String site, String region, int ageDays, LocalDate asOfDay) {
        return new Observation(Kind.DELIVERY, Event.OPEN_AT, site, region, ageDays, asOfDay);
    }

    /** Takes back an {@link #openAt}: the order finished or its row left the history. */
    public static Observation closedAt(String site, String region, int ageDays, LocalDate asOfDay) {
        return new Observation(Kind.DELIVERY, Event.CLOSED_AT, site, region, ageDays, asOfDay);
    }
}
