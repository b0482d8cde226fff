package com.promisevalidator.scenario.model;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.promisevalidator.capacity.model.Inbound;
import com.promisevalidator.validation.model.QuoteRequest;
import com.promisevalidator.validation.model.Verdict;

/**
 * One scenario test of a rule set, as ops write it in rules/tests/*.yaml (see rules/README.md, "Scenario
 * tests"): a quote, the world it meets, parameter overrides, a fixed now, and what the answer must say.
 * The world is complete: nothing comes from the database, so a scenario answers the same on every machine.
 *
 * @param file       the file it came from (e.g. tests/calendar.yaml)
 * @param covers     names of the rules it exercises (every shipped rule must be named by one scenario)
 * @param parameters overrides of parameters.yaml keys for this scenario only (same keys, same ranges)
 */
public record Scenario(String file, String name, List<String> covers, OffsetDateTime now, QuoteRequest quote, World world,
                       JsonNode parameters, Expect expect) {

    /** What a file holds: a list of scenarios. */
    public record FileText(List<Scenario> scenarios) {
    }

    public Scenario withFile(String f) {
        return new Scenario(f, name, covers, now, quote, world, parameters, expect);
    }

    /** The capacity, stock, lanes, history and rep records a quote meets; every part may be left out. */
    public record World(Map<String, SiteSpec> sites, Map<String, Map<String, StockSpec>> stock, Map<String, LaneSpec> lanes,
                        Map<String, Map<String, ServiceSpec>> services, Map<String, RepSpec> reps) {
    }

    /**
     * A site: its time zone (default America/Sao_Paulo), cut-off (default 14:00), working days (default MON-FRI),
     * holidays, daily order capacity (left out: not limited) and orders already taken per day.
     */
    public record SiteSpec(String timeZone, LocalTime cutoff, List<String> workingDays, List<LocalDate> holidays,
                           Integer dailyCapacity, Map<LocalDate, Integer> ordersTaken) {
    }

    /** Stock of one SKU at a site: on hand, already promised (reserved), and inbound supply with its arrival day. */
    public record StockSpec(int onHand, Integer reserved, List<Inbound> inbound) {
    }

    /**
     * A lane SITE->REGION: its planning transit days and its history, either lead-time samples in days
     * ({@code [3, 4, 4, 5]}) or a summary spread evenly over the range ({@code "300 orders 3-7 days"}), and the
     * orders still open on it at {@code now}, by how long they have been open, the same way ({@code "30 orders 15 days"}).
     */
    public record LaneSpec(Integer transitDays, JsonNode history, JsonNode open) {
    }

    /** A service type at a site: bays, opening hours, standard minutes, history in minutes (samples or a summary), bookings. */
    public record ServiceSpec(Integer bays, LocalTime opens, LocalTime closes, Double standardMinutes, JsonNode history,
                              List<Booking> bookings, Boolean notSetUp) {
    }

    /** Bay time already taken. */
    public record Booking(OffsetDateTime start, OffsetDateTime end) {
    }

    /** A rep's record: promises made, kept, and how late the broken ones were on average (days; minutes for services). */
    public record RepSpec(long promises, long kept, Double averageLate) {
    }

    /**
     * What the answer must say; a field left out is not checked. Names as in the answer: {@code verdict},
     * {@code recommended.promisedBy / startAt / promisedMinutes / site / confidence}; {@code reasons}: codes that
     * must be among {@code reasons[].code}, {@code noReasons}: codes that must not.
     */
    public record Expect(Verdict verdict, LocalDate promisedBy, OffsetDateTime startAt, Double promisedMinutes, String site,
                         Double confidence, List<String> reasons, List<String> noReasons) {
    }
}
