package com.promisevalidator.capacity.model;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/**
 * A place where work happens. {@code dailyOrders == null} means the order capacity is not
 * configured (sites first seen in imported history): such a site is never capacity-limited.
 */
public record Site(String code, String name, ZoneId timeZone, LocalTime cutoff, Set<DayOfWeek> workingDays,
                   Set<LocalDate> holidays, Integer dailyOrders, boolean configured) {

    /** Read-only: one site is shared by every quote until master data changes, and rules see it. */
    public Site {
        workingDays = workingDays == null ? null : java.util.Collections.unmodifiableSet(workingDays);
        holidays = holidays == null ? null : java.util.Collections.unmodifiableSet(holidays);
    }

    public boolean isWorkingDay(LocalDate day) {
        return workingDays.contains(day.getDayOfWeek()) && !holidays.contains(day);
    }
}
