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

    private static final java.util.Map<LocalDate, String> DAYS = new java.util.concurrent.ConcurrentHashMap<>();

    /** "Fri Dec 4". */
    public static String day(LocalDate d) {
        if (d == null) return "no date";
        if (DAYS.size() > 10_000) DAYS.clear(); // a bounded cache: quotes ask about a few hundred days
        return DAYS.computeIfAbsent(d, DAY::format);
    }

    /** "Fri Dec 4 09:30" in the site's local time. */
    public static String time(LocalDateTime t) {
        return t == null ? "no time" : TIME.format(t);
    }

    /** "12%"; keeps one decimal near the ends so 99.6% does not read as certainty. */
    public static String pct(double p) {
        double v = p * 100;
        if (v > 99 && v < 100 || v > 0 && v < 1) {
            long tenths = Math.round(v * 10);
            return tenths / 10 + "." + tenths % 10 + "%";
        }
        return Math.round(v) + "%";
    }

    public static String days(long n) {
        return n == 1 ? "1 day" : n + " days";
    }

    /** "412 orders", "1 order". */
    public static String count(long n, String noun) {
        String digits = Long.toString(Math.abs(n));
        StringBuilder sb = new StringBuilder(digits.length() + noun.length() + 6);
        if (n < 0) sb.append('-');
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) sb.append(',');
            sb.append(digits.charAt(i));
        }
        return sb.append(' ').append(noun).append(n == 1 ? "" : "s").toString();
    }
}
