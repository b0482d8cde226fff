package com.promisevalidator.capacity.model;

import java.time.LocalTime;

/**
 * A service type offered at a site: how many bays, when they are open, the standard duration. {@code fromHistory}: not
 * set up by ops but known from the site's imported history of it (no bays or opening hours to check against; the
 * standard is what its jobs took, their median); such an offer is never stored.
 */
public record ServiceOffer(String site, String type, int bays, LocalTime opens, LocalTime closes, int standardMinutes,
                           // written only when true: a recorded offer set up by ops reads (and hashes) as before
                           @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_DEFAULT)
                           boolean fromHistory) {

    public ServiceOffer(String site, String type, int bays, LocalTime opens, LocalTime closes, int standardMinutes) {
        this(site, type, bays, opens, closes, standardMinutes, false);
    }

    /** A service type a site has done (its history says so) but ops have not set up there. */
    public static ServiceOffer fromHistory(String site, String type, int medianMinutes) {
        return new ServiceOffer(site, type, 0, LocalTime.MIDNIGHT, LocalTime.MAX, medianMinutes, true);
    }
}
