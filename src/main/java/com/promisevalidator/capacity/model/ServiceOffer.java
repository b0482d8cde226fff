package com.promisevalidator.capacity.model;

import java.time.LocalTime;

/** A service type offered at a site: how many bays, when they are open, the standard duration. */
public record ServiceOffer(String site, String type, int bays, LocalTime opens, LocalTime closes, int standardMinutes) {
}
