package com.promisevalidator.validation.facts;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Words for rule messages, so every rule phrases dates, chances and counts the same way. */
public final class Say {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE MMM d", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm", Locale.ENGLISH);

    private Say() {
    }

    /** "Fri Dec 4". */
    public static String day(LocalDate d) {
        return d == null ? "no date" : DAY.format(d);
    }

    /** "Fri Dec 4 09:30" in the site's local time. */
    public static String time(LocalDateTime t) {
        return t == null ? "no time" : TIME.format(t);
    }

    /** "12%"; keeps one decimal near the ends so 99.6% does not read as certainty. */
    public static String pct(double p) {
        double v = p * 100;
        if (v > 99 && v < 100 || v > 0 && v < 1) return String.format(Locale.ENGLISH, "%.1f%%", v);
        return String.format(Locale.ENGLISH, "%.0f%%", v);
    }

    public static String days(long n) {
        return n == 1 ? "1 day" : n + " days";
    }

    /** "412 orders", "1 order". */
    public static String count(long n, String noun) {
        return String.format(Locale.ENGLISH, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }
}
