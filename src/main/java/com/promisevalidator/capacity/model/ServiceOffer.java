package com.promisevalidator.capacity.model;

import java.time.LocalTime;

/**
 * A service type offered at a site: how many bays, when they are open, the standard duration. {@code fromHistory}: not
 * set up by ops but known from the site's imported history of it (no bays or opening hours to check against; the
 * standard is what its jobs took, their median); such an offer is never stored.
 */
public record ServiceOffer(String site, String type, int bays, LocalTime opens, LocalTime closes,
                           // decimals allowed (12.5), kept to the hundredth; written 30, not 30.0, so recorded facts read as before
                           @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = com.promisevalidator.common.Minutes.Json.class) double standardMinutes,
                           // written only when true: a recorded offer set up by ops reads (and hashes) as before
                           @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_DEFAULT)
                           boolean fromHistory) {

    public ServiceOffer(String site, String type, int bays, LocalTime opens, LocalTime closes, double standardMinutes) {
        this(site, type, bays, opens, closes, standardMinutes, false);
    }

    /** A service type a site has done (its history says so) but ops have not set up there. */
    public static ServiceOffer fromHistory(String site, String type, double medianMinutes) {
        return new ServiceOffer(site, type, 0, LocalTime.MIDNIGHT, LocalTime.MAX, medianMinutes, true);
    }

    /**
     * The same, started within the hours its past jobs started in ({@code firstHour}:00 to the end of {@code lastHour}): a
     * rep is not offered midnight for a garage's history of 10:00 and 13:00 starts. Only the start is bound: how long a job
     * then runs is the estimate's (a job of the usual length must never find no slot).
     */
    public static ServiceOffer fromHistory(String site, String type, double medianMinutes, int firstHour, int lastHour) {
        return new ServiceOffer(site, type, 0, LocalTime.of(firstHour, 0), lastHour >= 23 ? LocalTime.MAX : LocalTime.of(lastHour + 1, 0),
                medianMinutes, true);
    }

    /** Whether its hours are the whole day, 00:00-24:00 (24:00 held as {@link LocalTime#MAX}). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isAllDay() {
        return opens.equals(LocalTime.MIDNIGHT) && closes.equals(LocalTime.MAX);
    }

    /** Whether an offer known from history has hours its past jobs say (not the whole day). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean hasHistoryHours() {
        return fromHistory && !isAllDay();
    }
}
