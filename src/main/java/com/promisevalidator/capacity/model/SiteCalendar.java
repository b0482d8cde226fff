package com.promisevalidator.capacity.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;

/**
 * A site's calendar as the rules and the statistics see it: local days, working days, holidays and
 * the order cut-off. The "release day" of an order is the first day the site can start on it: the
 * order's local day, the next day if it came after the cut-off, then the next working day.
 * Lead times in the statistics are counted from the release day, so history and quotes agree.
 */
public record SiteCalendar(Site site) {

    /** Longest run of closed days we look through before giving up (a year covers any real calendar). */
    private static final int MAX_CLOSED_RUN = 366;

    public String code() {
        return site.code();
    }

    public LocalDate orderDay(Instant orderedAt) {
        return orderedAt.atZone(site.timeZone()).toLocalDate();
    }

    public boolean isAfterCutoff(Instant orderedAt) {
        if (site.cutoff() == null) return false;
        ZonedDateTime local = orderedAt.atZone(site.timeZone());
        return !local.toLocalTime().isBefore(site.cutoff());
    }

    public boolean isWorkingDay(LocalDate day) {
        return site.isWorkingDay(day);
    }

    /** The first working day on or after {@code day}; null if the site never works (no working days). */
    public LocalDate workingDayFrom(LocalDate day) {
        LocalDate d = day;
        for (int i = 0; i <= MAX_CLOSED_RUN; i++) {
            if (site.isWorkingDay(d)) return d;
            d = d.plusDays(1);
        }
        return null;
    }

    public LocalDate releaseDay(Instant orderedAt) {
        LocalDate day = orderDay(orderedAt);
        if (isAfterCutoff(orderedAt)) day = day.plusDays(1);
        LocalDate open = workingDayFrom(day);
        return open == null ? day : open;
    }
}
