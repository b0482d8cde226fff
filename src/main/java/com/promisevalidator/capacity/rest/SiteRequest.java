package com.promisevalidator.capacity.rest;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import com.promisevalidator.common.Limits;

/** Body of PUT /api/v1/sites/{code}. */
public record SiteRequest(
        @Size(max = Limits.SITE_NAME) @Pattern(regexp = "[^\\x00\\x{D800}-\\x{DFFF}]*", // code points: a surrogate pair is one character, half of one is not
                message = "must not contain NUL characters or unpaired surrogates") String name,
        @NotBlank(message = "is required (an IANA time zone such as America/Sao_Paulo)") @Size(max = Limits.TIME_ZONE) String timeZone,
        @Pattern(regexp = "([01]\\d|2[0-3]):[0-5]\\d", message = "must be a time HH:MM") String cutoff,
        @Size(max = 7) List<@NotBlank @Size(max = 16) String> workingDays,
        @Size(max = Limits.MAX_HOLIDAYS) List<@NotNull LocalDate> holidays,
        @Size(max = 10) Map<@Size(max = 32) String, @NotNull @PositiveOrZero @Max(Limits.MAX_UNITS) Integer> dailyCapacity) {
}
