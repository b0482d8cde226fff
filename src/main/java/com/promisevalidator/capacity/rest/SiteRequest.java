package com.promisevalidator.capacity.rest;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.promisevalidator.common.IsoDate;
import com.promisevalidator.common.Limits;
import com.promisevalidator.common.TimeZoneId;

/**
 * Body of PUT /api/v1/sites/{code}. The time zone, days and holidays are strings checked by Bean Validation (not read
 * as ZoneId, DayOfWeek or LocalDate by Jackson), so that one answer names every bad field; the resource converts them.
 */
public record SiteRequest(
        @Size(max = Limits.SITE_NAME) @Pattern(regexp = "[^\\x00\\x{D800}-\\x{DFFF}]*", // code points: a surrogate pair is one character, half of one is not
                message = "must not contain NUL characters or unpaired surrogates") String name,
        @NotBlank(message = "is required (an IANA time zone such as America/Sao_Paulo)") @Size(max = Limits.TIME_ZONE) @TimeZoneId String timeZone,
        @Pattern(regexp = "([01]\\d|2[0-3]):[0-5]\\d", message = "must be a time HH:MM") String cutoff,
        @Size(min = 1, max = 7, message = "must name from 1 to 7 days") List<@NotBlank @Size(max = 16) @DayName String> workingDays,
        @Schema(type = SchemaType.ARRAY, implementation = java.time.LocalDate.class)
        @Size(max = Limits.MAX_HOLIDAYS) List<@NotNull @IsoDate String> holidays,
        @Size(max = 10) Map<@Size(max = 32) @Pattern(regexp = "orders", message = "unknown capacity kind (supported: orders)") String, @NotNull @PositiveOrZero @Max(Limits.MAX_UNITS) Integer> dailyCapacity) {
}
