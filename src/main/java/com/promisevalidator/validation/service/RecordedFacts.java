package com.promisevalidator.validation.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;

import com.promisevalidator.capacity.model.BayBooking;
import com.promisevalidator.capacity.model.Lane;
import com.promisevalidator.capacity.model.ServiceOffer;
import com.promisevalidator.capacity.model.Site;
import com.promisevalidator.capacity.model.StockLevel;
import com.promisevalidator.performance.model.Distribution;
import com.promisevalidator.performance.model.Mastery;
import com.promisevalidator.performance.model.SourceWords;
import com.promisevalidator.rules.model.Parameters;

/**
 * The facts a decision met, replayed. What it did not read is absent (no site, no lane, no stock, no
 * history): a replay looks only at what the decision could see. A duration is the evidence met then,
 * whatever the planning fallback or blend the replaying rule set asks for (the buffers are added by the
 * evaluator, so candidate buffers do apply).
 */
public final class RecordedFacts implements FactSource {

    private final FactsMet met;

    public RecordedFacts(FactsMet met) {
        this.met = met;
    }

    @Override
    public List<Site> sites() {
        if (met.sites == null) return List.of();
        List<Site> out = new ArrayList<>(met.sites.size());
        for (String code : met.sites) {
            Site s = met.site.get(code);
            if (s != null) out.add(s);
        }
        return out;
    }

    @Override
    public Site site(String code) {
        return met.site.get(code);
    }

    @Override
    public Lane lane(String site, String region) {
        return met.lane.get(FactsMet.lane(site, region));
    }

    @Override
    public List<Lane> lanesTo(String region) {
        return met.lanesTo.getOrDefault(region, List.of());
    }

    @Override
    public StockLevel stock(String site, String sku) {
        return met.stock.get(FactsMet.at(site, sku));
    }

    @Override
    public NavigableMap<LocalDate, Integer> ordersTaken(String site) {
        NavigableMap<LocalDate, Integer> m = met.ordersTaken.get(site);
        return m == null ? Collections.emptyNavigableMap() : m;
    }

    @Override
    public ServiceOffer service(String site, String type) {
        return met.service.get(FactsMet.at(site, type));
    }

    @Override
    public List<BayBooking> bookings(String site, String type) {
        return met.bookings.getOrDefault(FactsMet.at(site, type), List.of());
    }

    @Override
    public Distribution leadTime(String site, String region, int planningDays, String planningSource, Parameters p) {
        Distribution d = met.leadTime.get(FactsMet.lane(site, region));
        return d != null ? d : Distribution.planning(planningDays, p.stats().planningConfidence(), planningSource);
    }

    @Override
    public Distribution serviceMinutes(String site, String type, double standardMinutes, Parameters p) {
        Distribution d = met.serviceMinutes.get(FactsMet.at(site, type));
        return d != null ? d : Distribution.planning(standardMinutes, p.stats().planningConfidence(),
                SourceWords.standardMinutes(standardMinutes), com.promisevalidator.performance.model.Observation.SERVICE_STEPS_PER_MINUTE);
    }

    @Override
    public List<String> sitesWithHistoryTo(String region) {
        return met.history.getOrDefault(region, List.of());
    }

    @Override
    public List<String> sitesShipping() {
        return met.shipping; // null in decisions that did not read it (or recorded before it was kept): every site, as then
    }

    @Override
    public String regionLike(String region) {
        return met.regionLike.get(region);
    }

    @Override
    public Mastery repRecord(String rep) {
        Mastery m = met.reps.get(rep);
        return m != null ? m : Mastery.of(0, 0, 0);
    }
}
