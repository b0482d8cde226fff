package com.promisevalidator;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Test dates as days from {@link TestClock#anchorDay()}, a Tuesday. The tests were first written for
 * "today is Tuesday 2026-12-01 10:00 in São Paulo": a date that was 2026-12-04 is {@code day(3)} (a Friday
 * again), 2026-11-02 is {@code day(-29)} (a Monday).
 */
public final class TestDates {

    private static final DateTimeFormatter SAY = DateTimeFormatter.ofPattern("EEE MMM d", Locale.ENGLISH);
    private static final DateTimeFormatter SAY_WITH_YEAR = DateTimeFormatter.ofPattern("EEE MMM d, yyyy", Locale.ENGLISH);
    private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

    private TestDates() {
    }

    /** The anchor day plus {@code n} days (n may be negative: history). */
    public static LocalDate day(int n) {
        return TestClock.anchorDay().plusDays(n);
    }

    /** {@link #day} as ISO text, e.g. {@code "2031-06-13"}. */
    public static String date(int n) {
        return day(n).toString();
    }

    /** An instant as ISO text at -03:00 (São Paulo) on {@code day(n)}, e.g. {@code at(0, "10:00")} is the anchor. */
    public static String at(int n, String time) {
        return day(n) + "T" + (time.length() == 5 ? time + ":00" : time) + TestClock.OFFSET.getId();
    }

    /** {@code day(n)} the way answers write a day, e.g. "Fri Jun 13" ("Fri Jan 1, 2027" when not in the anchor's year). */
    public static String say(int n) {
        return (day(n).getYear() == TestClock.anchorDay().getYear() ? SAY : SAY_WITH_YEAR).format(day(n));
    }

    // ---- the real clock, for tests that start the packaged service (it runs on the system clock) ----

    /** Now on the real clock, at -03:00, to the second. */
    public static OffsetDateTime realNow() {
        return OffsetDateTime.now(TestClock.OFFSET).truncatedTo(ChronoUnit.SECONDS);
    }

    /** The real date in São Paulo plus {@code n} days, as ISO text. */
    public static String realDate(int n) {
        return LocalDate.now(SAO_PAULO).plusDays(n).toString();
    }
}
