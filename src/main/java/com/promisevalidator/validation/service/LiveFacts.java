package com.promisevalidator.validation.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

import jakarta.inject.Singleton;

import com.promisevalidator.capacity.model.BayBooking;
import com.promisevalidator.capacity.model.Lane;
import com.promisevalidator.capacity.model.ServiceOffer;
import com.promisevalidator.capacity.model.Site;
import com.promisevalidator.capacity.model.StockLevel;
import com.promisevalidator.capacity.service.CapacityService;
import com.promisevalidator.performance.model.Distribution;
import com.promisevalidator.performance.model.Mastery;
import com.promisevalidator.performance.model.Standards;
import com.promisevalidator.performance.service.MasteryService;
import com.promisevalidator.performance.service.PerformanceStats;
import com.promisevalidator.rules.model.Parameters;

/** The facts as the in-memory services hold them now: no database on this path. */
@Singleton
public class LiveFacts implements FactSource {

    private final CapacityService capacity;
    private final PerformanceStats stats;
    private final MasteryService mastery;

    public LiveFacts(CapacityService capacity, PerformanceStats stats, MasteryService mastery) {
        this.capacity = capacity;
        this.stats = stats;
        this.mastery = mastery;
    }

    @Override
    public List<Site> sites() {
        return List.copyOf(capacity.sites());
    }

    @Override
    public Site site(String code) {
        return capacity.site(code);
    }

    @Override
    public Lane lane(String site, String region) {
        return capacity.lane(site, region);
    }

    @Override
    public List<Lane> lanesTo(String region) {
        return List.copyOf(capacity.lanesTo(region));
    }

    @Override
    public StockLevel stock(String site, String sku) {
        return capacity.stock(site, sku);
    }

    @Override
    public NavigableMap<LocalDate, Integer> ordersTaken(String site) {
        return capacity.ordersTaken(site);
    }

    @Override
    public ServiceOffer service(String site, String type) {
        ServiceOffer set = capacity.service(site, type);
        if (set != null || site == null || capacity.site(site) == null) return set;
        // not set up here, but done here before (imported history): answered from that history, capacity unchecked
        int median = stats.serviceHistoryMedian(site, type);
        if (median <= 0) return null;
        int[] hours = stats.serviceStartHours(site, type);
        return hours == null ? ServiceOffer.fromHistory(site, type, median) : ServiceOffer.fromHistory(site, type, median, hours[0], hours[1]);
    }

    /** Whether a service type was done at a site (any site when null) by its imported history. */
    public boolean serviceDoneBefore(String site, String type) {
        return type != null && (site == null || capacity.site(site) != null) && stats.serviceHistoryMedian(site, type) > 0;
    }

    @Override
    public List<BayBooking> bookings(String site, String type) {
        return capacity.bookings(site, type);
    }

    @Override
    public Distribution leadTime(String site, String region, int planningDays, String planningSource, Parameters p) {
        // open orders older than the horizon count as lost, not as ever-growing lead times
        return stats.leadTime(site, region, planningDays, planningSource, p.stats().blend().lostAfter(p.deliveryHorizonDays()));
    }

    @Override
    public Distribution serviceMinutes(String site, String type, double standardMinutes, Parameters p) {
        return stats.serviceMinutes(site, type, standardMinutes, p.stats().blend());
    }

    @Override
    public Distribution serviceMinutes(String site, String type, double standardMinutes, Parameters p, java.time.Instant startAt) {
        Site s = startAt == null ? null : capacity.site(site);
        int hourOfWeek = s == null ? -1 : com.promisevalidator.performance.model.Observation.hourOfWeek(startAt.atZone(s.timeZone()).toLocalDateTime());
        return stats.serviceMinutes(site, type, standardMinutes, p.stats().blend(), hourOfWeek, p.stats().timeOfWeekBandHours(),
                p.stats().timeOfWeekZ(), p.stats().recalibrationWeight(), standards());
    }

    private volatile Object[] standards = {-1L, new Standards(0, Map.of())}; // {capacity version, standards}

    /** Every service offered and its standard minutes, looked at once per version of the master data. */
    public Standards standards() {
        Object[] t = standards;
        long v = capacity.version();
        Standards known = (Standards) t[1];
        if ((long) t[0] == v) return known;
        Map<String, Double> m = new HashMap<>();
        for (Site s : capacity.sites()) {
            for (ServiceOffer o : capacity.servicesAt(s.code())) m.put(o.site() + ">" + o.type(), o.standardMinutes());
        }
        // a booking changes the version too: a new version of the standards only when they changed
        Standards now = m.equals(known.minutes()) ? known : new Standards(known.version() + 1, m);
        standards = new Object[]{v, now};
        return now;
    }

    @Override
    public List<String> sitesWithHistoryTo(String region) {
        List<String> out = new ArrayList<>();
        for (Site s : capacity.sites()) {
            if (!stats.histogram(PerformanceStats.LANE, s.code() + ">" + region).isEmpty()) out.add(s.code());
        }
        return out;
    }

    @Override
    public List<String> sitesShipping() {
        java.util.Set<String> laned = capacity.sitesWithLanes();
        List<String> out = new ArrayList<>();
        for (Site s : capacity.sites()) {
            if (laned.contains(s.code()) || !stats.histogram(PerformanceStats.SITE, s.code()).isEmpty()
                    || !stats.openOrders(PerformanceStats.SITE, s.code()).isEmpty()) {
                out.add(s.code());
            }
        }
        return out;
    }

    @Override
    public String regionLike(String region) {
        if (region == null || served(region)) return null;
        String wanted = region.strip();
        for (String known : capacity.regions()) {
            if (!known.equals(region) && known.strip().equalsIgnoreCase(wanted) && served(known)) return known;
        }
        return null;
    }

    /** Whether a region has a configured lane or delivery history (finished or open). */
    private boolean served(String region) {
        return !capacity.lanesTo(region).isEmpty() || !stats.histogram(PerformanceStats.REGION, region).isEmpty()
                || !stats.openOrders(PerformanceStats.REGION, region).isEmpty();
    }

    @Override
    public Mastery repRecord(String rep) {
        return mastery.rep(rep);
    }
}
