package com.promisevalidator.history.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A site an import creates gets its zone from its rows' times (probe P5 M5: +02:00 for ever from a summer first row). */
class ZoneFromOffsetsTest {

    @Test
    void oneOffsetIsThatOffset() {
        assertEquals(ZoneOffset.ofHours(-3), ZoneFromOffsets.of(List.of(OffsetDateTime.parse("2017-03-01T10:00:00-03:00"),
                OffsetDateTime.parse("2017-08-01T10:00:00-03:00"))));
    }

    @Test
    void offsetsAcrossADaylightSavingChangeAreAZoneThatGivesEveryRowItsOffset() {
        List<OffsetDateTime> times = List.of(OffsetDateTime.parse("2026-10-19T09:00:00+02:00"), OffsetDateTime.parse("2026-11-20T09:00:00+01:00"));
        ZoneId zone = ZoneFromOffsets.of(times);
        assertTrue(zone.getId().startsWith("Europe/"), zone.getId());
        for (OffsetDateTime t : times) assertEquals(t.getOffset(), zone.getRules().getOffset(t.toInstant()), zone.getId());
        assertEquals(ZoneOffset.ofHours(1), zone.getRules().getOffset(Instant.parse("2026-12-08T09:00:00Z")), "a December quote: winter time");

        List<OffsetDateTime> newYork = List.of(OffsetDateTime.parse("2026-03-06T10:00:00-05:00"), OffsetDateTime.parse("2026-03-10T10:00:00-04:00"));
        ZoneId ny = ZoneFromOffsets.of(newYork);
        assertTrue(ny.getId().startsWith("America/"), ny.getId());
        for (OffsetDateTime t : newYork) assertEquals(t.getOffset(), ny.getRules().getOffset(t.toInstant()), ny.getId());
    }

    @Test
    void offsetsNoZoneGivesKeepTheFirstRows() {
        assertEquals(ZoneOffset.ofHours(5), ZoneFromOffsets.of(List.of(OffsetDateTime.parse("2026-06-01T10:00:00+05:00"),
                OffsetDateTime.parse("2026-06-01T12:00:00-07:00"))));
    }
}
