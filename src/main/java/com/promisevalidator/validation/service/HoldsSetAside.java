package com.promisevalidator.validation.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

import com.promisevalidator.capacity.model.BayBooking;
import com.promisevalidator.capacity.model.Lane;
import com.promisevalidator.capacity.model.ServiceOffer;
import com.promisevalidator.capacity.model.Site;
import com.promisevalidator.capacity.model.StockLevel;
import com.promisevalidator.performance.model.Distribution;
import com.promisevalidator.performance.model.Mastery;
import com.promisevalidator.rules.model.Parameters;
import com.promisevalidator.validation.model.OwnHolds;

/**
 * Reads through to another source with one promise's own holds set aside: its reserved units, its order on its dispatch
 * day and its bay booking are free, as they would be for it if it were promised again. Everything else reads as it is.
 */
final class HoldsSetAside implements FactSource {

    private final FactSource source;
    private final OwnHolds own;

    HoldsSetAside(FactSource source, OwnHolds own) {
        this.source = source;
        this.own = own;
    }

    private boolean atOwnSite(String site) {
        return own.site() != null && own.site().equals(site);
    }

    @Override
    public StockLevel stock(String site, String sku) {
        StockLevel s = source.stock(site, sku);
        Integer held = atOwnSite(site) ? own.stock().get(sku) : null;
        if (s == null || held == null || held <= 0) return s;
        return new StockLevel(s.site(), s.sku(), s.onHand(), Math.max(0, s.reserved() - held), s.inbound());
    }

    @Override
    public NavigableMap<LocalDate, Integer> ordersTaken(String site) {
        NavigableMap<LocalDate, Integer> taken = source.ordersTaken(site);
        if (!atOwnSite(site) || own.dispatchDay() == null || taken == null) return taken;
        Integer n = taken.get(own.dispatchDay());
        if (n == null || n <= 0) return taken;
        NavigableMap<LocalDate, Integer> less = new TreeMap<>(taken);
        if (n == 1) less.remove(own.dispatchDay());
        else less.put(own.dispatchDay(), n - 1);
        return java.util.Collections.unmodifiableNavigableMap(less);
    }

    @Override
    public List<BayBooking> bookings(String site, String type) {
        List<BayBooking> all = source.bookings(site, type);
        if (!atOwnSite(site) || own.bayFrom() == null || !type.equals(own.serviceType()) || all == null) return all;
        List<BayBooking> rest = new ArrayList<>(all);
        rest.remove(new BayBooking(own.bayFrom(), own.bayUntil())); // one booking: another job may hold the same slot
        return List.copyOf(rest);
    }

    // ---- read as they are -----------------------------------------------------------------------

    @Override
    public List<Site> sites() {
        return source.sites();
    }

    @Override
    public Site site(String code) {
        return source.site(code);
    }

    @Override
    public Lane lane(String site, String region) {
        return source.lane(site, region);
    }

    @Override
    public List<Lane> lanesTo(String region) {
        return source.lanesTo(region);
    }

    @Override
    public ServiceOffer service(String site, String type) {
        return source.service(site, type);
    }

    @Override
    public Distribution leadTime(String site, String region, int planningDays, String planningSource, Parameters p) {
        return source.leadTime(site, region, planningDays, planningSource, p);
    }

    @Override
    public Distribution serviceMinutes(String site, String type, double standardMinutes, Parameters p) {
        return source.serviceMinutes(site, type, standardMinutes, p);
    }

    @Override
    public Distribution serviceMinutes(String site, String type, double standardMinutes, Parameters p, java.time.Instant startAt) {
        return source.serviceMinutes(site, type, standardMinutes, p, startAt);
    }

    @Override
    public List<String> sitesWithHistoryTo(String region) {
        return source.sitesWithHistoryTo(region);
    }

    @Override
    public List<String> sitesShipping() {
        return source.sitesShipping();
    }

    @Override
    public String regionLike(String region) {
        return source.regionLike(region);
    }

    @Override
    public Mastery repRecord(String rep) {
        return source.repRecord(rep);
    }
}
