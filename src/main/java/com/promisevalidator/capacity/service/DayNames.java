package com.promisevalidator.capacity.service;

import java.time.DayOfWeek;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** MON, TUE... as the API writes them; full names are accepted too. */
public final class DayNames {
    private DayNames() {
    }

    public static DayOfWeek parse(String s) {
        String u = s.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().equals(u) || d.name().startsWith(u) && u.length() == 3) return d;
        }
        throw new IllegalArgumentException("'" + s + "' is not a day of the week (MON..SUN)");
    }

    public static String format(Set<DayOfWeek> days) {
        return days.stream().sorted().map(d -> d.name().substring(0, 3)).collect(Collectors.joining(","));
    }
}
