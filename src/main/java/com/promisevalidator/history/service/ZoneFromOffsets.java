package com.promisevalidator.history.service;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The time zone of a site an import creates, read off its rows' times. One offset throughout: that fixed offset (the
 * export says no more). Several (an export across a daylight-saving change, +02:00 in summer and +01:00 in winter): a
 * region zone whose rules give every row its offset, so the site's hours and days stay right on both sides of the
 * change; a fixed offset would put every winter time an hour off (probe P5 M5). Zones with the same rules behave alike,
 * so which of them is named matters only to a reader: the first by continent order, then name. None fits: the first
 * row's offset, as before.
 */
final class ZoneFromOffsets {

    private static final List<String> CONTINENTS = List.of("Europe/", "America/", "Asia/", "Australia/", "Pacific/", "Africa/",
            "Atlantic/", "Indian/", "Antarctica/");

    /** Region zones, in the order they are tried (computed once: the JDK's list does not change while running). */
    private static final List<ZoneId> REGION_ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(id -> CONTINENTS.stream().anyMatch(id::startsWith))
            .sorted(Comparator.comparingInt((String id) -> continent(id)).thenComparing(id -> id))
            .map(ZoneId::of).toList();

    private ZoneFromOffsets() {
    }

    static ZoneId of(Collection<OffsetDateTime> times) {
        if (times.isEmpty()) return ZoneOffset.UTC;
        Set<ZoneOffset> offsets = times.stream().map(OffsetDateTime::getOffset).collect(Collectors.toSet());
        ZoneOffset first = times.iterator().next().getOffset();
        if (offsets.size() == 1) return first;
        for (ZoneId zone : REGION_ZONES) {
            ZoneRules rules = zone.getRules();
            if (times.stream().allMatch(t -> rules.getOffset(t.toInstant()).equals(t.getOffset()))) return zone;
        }
        return first;
    }

    private static int continent(String id) {
        for (int i = 0; i < CONTINENTS.size(); i++) if (id.startsWith(CONTINENTS.get(i))) return i;
        return CONTINENTS.size();
    }
}
