package com.promisevalidator.validation.facts;

/**
 * Stable reason codes: what programs and ops key on ({@code reasons[].code}). The sentence of a reason
 * may change wording (rules/messages*.properties); a code never changes meaning. New codes may be added.
 */
public enum ReasonCode {
    /** The order came after the site's cut-off: its clock starts the next day. */
    CUTOFF_PASSED,
    /** The dispatch day is a day the site does not ship (weekend, holiday). */
    SITE_CLOSED,
    /** A line is short today; inbound supply covers it on a later day. */
    WAITS_FOR_INBOUND,
    /** A line that stock and inbound together never cover (or a SKU the site does not stock). */
    LINE_SHORT,
    /** Every line of the order is in stock. */
    IN_STOCK,
    /** A split delivery is offered: what is on the shelf now first, the rest later. */
    SPLIT_OFFERED,
    /** The site's daily order capacity is used up on the dispatch day. */
    DAY_FULL,
    /** The delivery date from the lane's past lead times. */
    LEAD_TIME,
    /** Open orders of the lane, ageing past its usual lead time, moved the promise later (the lane is slowing down). */
    OPEN_ORDERS_AGEING,
    /** Ops added days to the promise on top of the lead time (a rule calling addBuffer). */
    BUFFER_ADDED,
    /** The service minutes from the job's past durations. */
    SERVICE_DURATION,
    /** The job's realistic minutes are longer than the site's opening hours: it starts within them and runs on past closing. */
    LONGER_THAN_OPENING_HOURS,
    /** The asked start has already passed when the quote is answered: the answer is as of then, and cannot be booked. */
    START_PASSED,
    /** No bay is open and free at the asked time. */
    NO_FREE_BAY,
    /** A bay is open and free at the asked time. */
    BAY_FREE,
    /** The site has done this service (its history) but has no bays or opening hours set for it: the start was not checked. */
    BAYS_NOT_SET,
    /** The quote's region is new (no lane, no delivery history) but a known one equals it ignoring case ("rj" for "RJ"). */
    REGION_UNKNOWN,
    /** The quoting rep's own record of kept promises. */
    REP_RECORD,
    /** No site has stock and a lane to the region. */
    NO_SITE,
    /** Nothing can keep the promise within the planning horizon. */
    NOTHING_FEASIBLE,
    /** An open promise's stock is no longer there by its dispatch day (at-risk re-check). */
    STOCK_SHORT
}
