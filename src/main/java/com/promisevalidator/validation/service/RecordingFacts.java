package com.promisevalidator.validation.service;

import java.time.LocalDate;
import java.util.ArrayList;
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
 * Reads through to another source and remembers what was read ({@link #met()}), so a decision records the
 * facts it met. Keeps references only (the in-memory views are immutable values, replaced on change): the
 * snapshot is written later, off the request path. One evaluation, one instance.
 */
public final class RecordingFacts implements FactSource {

    private final FactSource source;
    private final FactsMet met = new FactsMet();

    public RecordingFacts(FactSource source) {
        this.source = source;
    }

    public FactsMet met() {
        return met;
    }

    @Override
    public List<Site> sites() {
        List<Site> all = source.sites();
        List<String> codes = new ArrayList<>(all.size());
        for (Site s : all) {
            codes.add(s.code());
            met.site.put(s.code(), s);
        }
        met.sites = codes;
        return all;
    }

    @Override
    public Site site(String code) {
        Site s = source.site(code);
        met.site.put(code, s);
        return s;
    }

    @Override
    public Lane lane(String site, String region) {
        Lane l = source.lane(site, region);
        met.lane.put(FactsMet.lane(site, region), l);
        return l;
    }

    @Override
    public List<Lane> lanesTo(String region) {
        List<Lane> l = source.lanesTo(region);
        met.lanesTo.put(region, l);
        return l;
    }

    @Override
    public StockLevel stock(String site, String sku) {
        StockLevel s = source.stock(site, sku);
        met.stock.put(FactsMet.at(site, sku), s);
        return s;
    }

    @Override
    public NavigableMap<LocalDate, Integer> ordersTaken(String site) {
        NavigableMap<LocalDate, Integer> m = source.ordersTaken(site);
        met.ordersTaken.put(site, m);
        return m;
    }

    @Override
    public ServiceOffer service(String site, String type) {
        ServiceOffer o = source.service(site, type);
        met.service.put(FactsMet.at(site, type), o);
        return o;
    }

    @Override
    public List<BayBooking> bookings(String site, String type) {
        List<BayBooking> b = source.bookings(site, type);
        met.bookings.put(FactsMet.at(site, type), b);
        return b;
    }

    @Override
    public Distribution leadTime(String site, String region, int planningDays, String planningSource, Parameters p) {
        Distribution d = source.leadTime(site, region, planningDays, planningSource, p);
        met.leadTime.put(FactsMet.lane(site, region), d);
        return d;
    }

    @Override
    public Distribution serviceMinutes(String site, String type, double standardMinutes, Parameters p) {
        Distribution d = source.serviceMinutes(site, type, standardMinutes, p);
        met.serviceMinutes.put(FactsMet.at(site, type), d);
        return d;
    }

    @Override
    public Distribution serviceMinutes(String site, String type, double standardMinutes, Parameters p, java.time.Instant startAt) {
        Distribution d = source.serviceMinutes(site, type, standardMinutes, p, startAt);
        // the site and type say which: a quote without a start reads now's band, then its slot's; the last read is the one
        // the plan answered with (QuoteEvaluator reads it again when it keeps an earlier one)
        met.serviceMinutes.put(FactsMet.at(site, type), d);
        return d;
    }

    @Override
    public List<String> sitesWithHistoryTo(String region) {
        List<String> s = source.sitesWithHistoryTo(region);
        met.history.put(region, s);
        return s;
    }

    @Override
    public List<String> sitesShipping() {
        List<String> s = source.sitesShipping();
        met.shipping = s;
        return s;
    }

    @Override
    public String regionLike(String region) {
        String r = source.regionLike(region);
        // kept only when found: a replay reads none for an absent key, so the snapshots of ordinary quotes stay as they were
        if (r != null) met.regionLike.put(region, r);
        return r;
    }

    @Override
    public Mastery repRecord(String rep) {
        Mastery m = source.repRecord(rep);
        met.reps.put(rep, m);
        return m;
    }
}
