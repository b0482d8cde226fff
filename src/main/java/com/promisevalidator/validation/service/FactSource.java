package com.promisevalidator.validation.service;

import java.time.LocalDate;
import java.util.List;
import java.util.NavigableMap;

import com.promisevalidator.capacity.model.BayBooking;
import com.promisevalidator.capacity.model.Lane;
import com.promisevalidator.capacity.model.ServiceOffer;
import com.promisevalidator.capacity.model.Site;
import com.promisevalidator.capacity.model.StockLevel;
import com.promisevalidator.performance.model.Distribution;
import com.promisevalidator.performance.model.Mastery;
import com.promisevalidator.rules.model.Parameters;

/**
 * Everything an evaluation of a quote reads about the world: capacity, stock, bookings and what past
 * performance says. Value types only, so the same evaluator runs on live state ({@link LiveFacts}), on what
 * a decision met when it was made ({@link RecordedFacts}) or on a hand-made world in a test.
 *
 * <p>Durations are the evidence before ops buffers: the evaluator adds the buffers of the rule set it runs
 * under, so a backtest of new buffers replays on the evidence a decision met.
 */
public interface FactSource {

    /** Every site, in a stable order. */
    List<Site> sites();

    Site site(String code);

    /** The configured lane, or null. */
    Lane lane(String site, String region);

    /** Configured lanes into a region. */
    List<Lane> lanesTo(String region);

    /** Stock of a SKU at a site, or null when the site does not carry it. */
    StockLevel stock(String site, String sku);

    /** Orders already promised per dispatch day at a site. */
    NavigableMap<LocalDate, Integer> ordersTaken(String site);

    /** The service type as offered at a site, or null. */
    ServiceOffer service(String site, String type);

    /** Bay time already taken for a service type at a site. */
    List<BayBooking> bookings(String site, String type);

    /** Lead days from the release day, site to region, before buffers ({@code planningDays}: the fallback without history). */
    Distribution leadTime(String site, String region, int planningDays, String planningSource, Parameters p);

    /** Minutes of a service type at a site, before buffers. */
    Distribution serviceMinutes(String site, String type, double standardMinutes, Parameters p);

    /** The same for work starting at {@code startAt} (time-of-week effects; null = not known). */
    default Distribution serviceMinutes(String site, String type, double standardMinutes, Parameters p, java.time.Instant startAt) {
        return serviceMinutes(site, type, standardMinutes, p);
    }

    /** Sites whose history shows deliveries to the region (for a region no lane is configured to). */
    List<String> sitesWithHistoryTo(String region);

    /**
     * Sites that ship deliveries by what is known of them: a configured lane from the site (to any region) or delivery
     * history from it (finished or open), in a stable order; null when not known (a replay of a decision that did not
     * read it: every site may then serve, as before). For a quote naming no site, to a region nobody has served yet.
     */
    default List<String> sitesShipping() {
        return null;
    }

    /**
     * When the region is new (no configured lane to it, no delivery history to it) but a known region (one with a lane
     * or history) equals it ignoring case and surrounding spaces ("rj", " RJ" for "RJ"): that region's code; else null.
     * Codes stay case-sensitive: this only lets the answer say which known region the quote may mean.
     */
    default String regionLike(String region) {
        return null;
    }

    /** The rep's record of kept promises. */
    Mastery repRecord(String rep);
}
