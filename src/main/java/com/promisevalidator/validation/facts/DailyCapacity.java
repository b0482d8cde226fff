package com.promisevalidator.validation.facts;

import java.time.LocalDate;
import java.util.NavigableMap;

import com.promisevalidator.capacity.model.SiteCalendar;

/** Orders a site can still take per day: its daily capacity minus what is already promised. */
public class DailyCapacity {
    private final Integer limit; // null: not configured, never limiting
    private final NavigableMap<LocalDate, Integer> taken;

    public DailyCapacity(Integer limit, NavigableMap<LocalDate, Integer> taken) {
        this.limit = limit;
        this.taken = taken;
    }

    public boolean isConfigured() {
        return limit != null;
    }

    public Integer getLimit() {
        return limit;
    }

    public int leftOn(LocalDate day) {
        if (limit == null) return Integer.MAX_VALUE;
        return limit - taken.getOrDefault(day, 0);
    }

    public int takenOn(LocalDate day) {
        return taken.getOrDefault(day, 0);
    }

    /** First working day after {@code day} with room, up to {@code last}; null when there is none. */
    public LocalDate nextDayWithRoom(LocalDate day, SiteCalendar calendar, LocalDate last) {
        LocalDate d = day.plusDays(1);
        while (!d.isAfter(last)) {
            if (calendar.isWorkingDay(d) && leftOn(d) > 0) return d;
            d = d.plusDays(1);
        }
        return null;
    }
}
