package com.promisevalidator.capacity.model;

/** Site to region, with an optional planning transit time in days. */
public record Lane(String site, String region, Integer transitDays) {
}
