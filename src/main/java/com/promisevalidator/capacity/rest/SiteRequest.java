package com.promisevalidator.capacity.rest;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** Body of PUT /api/v1/sites/{code}. */
public record SiteRequest(
        @Size(max = 200) String name,
        @NotBlank(message = "is required (an IANA time zone such as America/Sao_Paulo)") String timeZone,
        @Pattern(regexp = "([01]\\d|2[0-3]):[0-5]\\d", message = "must be a time HH:MM") String cutoff,
        List<@NotBlank String> workingDays,
        List<@NotNull LocalDate> holidays,
        Map<String, @NotNull @PositiveOrZero Integer> dailyCapacity) {
}
