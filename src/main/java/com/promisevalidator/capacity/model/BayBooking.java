package com.promisevalidator.capacity.model;

import java.time.Instant;
import java.util.List;

/** Bay time already taken at a site for a service type. */
public record BayBooking(Instant start, Instant end) {

    /** Most of {@code bookings} in progress at one moment of [start, end): how many bays that slot needs besides its own. */
    public static int mostAtOnce(List<BayBooking> bookings, Instant start, Instant end) {
        int most = 0;
        // the busiest moment of the slot is its start or the start of a booking inside it
        for (BayBooking probe : bookings) {
            Instant t = probe.start().isAfter(start) ? probe.start() : start;
            if (!t.isBefore(end) || !probe.end().isAfter(t)) continue;
            int busy = 0;
            for (BayBooking b : bookings) {
                if (!b.start().isAfter(t) && b.end().isAfter(t)) busy++;
            }
            most = Math.max(most, busy);
        }
        return most;
    }
}
