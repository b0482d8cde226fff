package com.promisevalidator.capacity.model;

import java.time.Instant;

/** Bay time already taken at a site for a service type. */
public record BayBooking(Instant start, Instant end) {
}
