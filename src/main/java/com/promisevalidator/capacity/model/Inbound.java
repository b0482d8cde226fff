package com.promisevalidator.capacity.model;

import java.time.LocalDate;

/** Supply on its way to a site: usable from its arrival day on. */
public record Inbound(int quantity, LocalDate arrives) {
}
