package com.promisevalidator;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock the service runs on under {@code @QuarkusTest} (see {@link TestClockProducer}), and the day every
 * test date is counted from.
 *
 * <p>The anchor is Tuesday 10:00 in São Paulo (-03:00, no DST since 2019) of the week after the real date, so
 * "the future" of a test is the real future too, and tests written for "today is Tuesday 2026-12-01 10:00"
 * keep their weekdays. {@code -Dtest.today=2031-06-02} derives the anchor from another date, to check that
 * the suite passes on any day.
 *
 * <p>Frozen: the service's "now" is the anchor until a test {@link #advance advances} it, so answers do not
 * depend on how long a test takes. A test that advances must {@link #reset} afterwards: the quotes of other
 * tests are placed at the anchor and a commit whose orderedAt lies in the past of the clock may be refused.
 */
public final class TestClock extends Clock {

    public static final ZoneOffset OFFSET = ZoneOffset.ofHours(-3);
    private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    /** Where a resolved anchor day is kept, so every class loader of the JVM (Quarkus has its own) agrees. */
    private static final String RESOLVED = "test.anchor-day.resolved";

    private static final LocalDate ANCHOR_DAY = resolveAnchorDay();
    private static final OffsetDateTime ANCHOR = ANCHOR_DAY.atTime(10, 0).atOffset(OFFSET);
    private static final AtomicReference<Instant> NOW = new AtomicReference<>(ANCHOR.toInstant());

    public static final TestClock UTC = new TestClock(ZoneOffset.UTC);

    private final ZoneId zone;

    private TestClock(ZoneId zone) {
        this.zone = zone;
    }

    private static synchronized LocalDate resolveAnchorDay() {
        String resolved = System.getProperty(RESOLVED);
        if (resolved != null) return LocalDate.parse(resolved);
        String given = System.getProperty("test.today");
        LocalDate today = given == null || given.isBlank() ? LocalDate.now(SAO_PAULO) : LocalDate.parse(given.strip());
        LocalDate anchor = today.with(TemporalAdjusters.next(DayOfWeek.MONDAY)).plusDays(1); // Tuesday of next week
        System.setProperty(RESOLVED, anchor.toString());
        return anchor;
    }

    /** The anchor day: a Tuesday, 2 to 8 days after the real (or {@code test.today}) date. */
    public static LocalDate anchorDay() {
        return ANCHOR_DAY;
    }

    /** Tuesday 10:00 -03:00 of {@link #anchorDay()}: the test clock's start. */
    public static OffsetDateTime anchor() {
        return ANCHOR;
    }

    /** The test clock's current instant. */
    public static Instant now() {
        return NOW.get();
    }

    /** Moves the clock forward (expired holds, abandoned claims...). */
    public static void advance(Duration d) {
        if (d.isNegative()) throw new IllegalArgumentException("the clock does not run backwards: " + d);
        NOW.updateAndGet(i -> i.plus(d));
    }

    /** Back to the anchor. */
    public static void reset() {
        NOW.set(ANCHOR.toInstant());
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId z) {
        return z.equals(zone) ? this : new TestClock(z);
    }

    @Override
    public Instant instant() {
        return NOW.get();
    }

    @Override
    public String toString() {
        return "TestClock[" + NOW.get() + ", " + zone + "]";
    }
}
