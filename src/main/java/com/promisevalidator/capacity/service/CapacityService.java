package com.promisevalidator.capacity.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

import jakarta.inject.Singleton;

import com.promisevalidator.capacity.model.BayBooking;
import com.promisevalidator.capacity.model.Inbound;
import com.promisevalidator.capacity.model.Lane;
import com.promisevalidator.capacity.model.ServiceOffer;
import com.promisevalidator.capacity.model.Site;
import com.promisevalidator.capacity.model.StockLevel;
import com.promisevalidator.common.ProblemException;
import com.promisevalidator.db.ChangeLog;
import com.promisevalidator.db.Database;

/**
 * Master data and capacity: writes go to the database first, then the in-memory view is refreshed
 * from what was committed. Validation reads only the view, so it never waits on the database.
 */
@Singleton
public class CapacityService {

    private final Database db;
    private final Clock clock;

    private final Map<String, Site> sites = new ConcurrentHashMap<>();
    private final Set<String> regions = ConcurrentHashMap.newKeySet();
    private final Map<String, Map<String, StockLevel>> stockBySite = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Lane>> lanesByRegion = new ConcurrentHashMap<>();
    private final Map<String, Map<String, ServiceOffer>> servicesBySite = new ConcurrentHashMap<>();
    private final Map<String, NavigableMap<LocalDate, Integer>> dayLoad = new ConcurrentHashMap<>();
    private final Map<String, List<BayBooking>> bookings = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();

    private final ChangeLog changes;

    public CapacityService(Database db, Clock clock, ChangeLog changes) {
        this.db = db;
        this.clock = clock;
        this.changes = changes;
    }

    /**
     * (Re)loads the whole view from the database: at start-up and when another instance changed data.
     * Readers never see a half-loaded view: each map gets its new entries before stale ones go.
     */
    public synchronized void reloadAll() {
        db.query(c -> {
            replace(sites, CapacityRepository.loadSites(c, null));
            Set<String> r = CapacityRepository.loadRegions(c);
            regions.addAll(r);
            regions.retainAll(r);
            Map<String, Map<String, StockLevel>> stock = new java.util.HashMap<>();
            for (StockLevel st : CapacityRepository.loadStock(c, null, null)) {
                stock.computeIfAbsent(st.site(), k -> new ConcurrentHashMap<>()).put(st.sku(), st);
            }
            replace(stockBySite, stock);
            Map<String, Map<String, Lane>> lanes = new java.util.HashMap<>();
            for (Lane l : CapacityRepository.loadLanes(c, null, null)) {
                lanes.computeIfAbsent(l.region(), k -> new ConcurrentHashMap<>()).put(l.site(), l);
            }
            replace(lanesByRegion, lanes);
            Map<String, Map<String, ServiceOffer>> services = new java.util.HashMap<>();
            for (ServiceOffer o : CapacityRepository.loadServices(c, null, null)) {
                services.computeIfAbsent(o.site(), k -> new ConcurrentHashMap<>()).put(o.type(), o);
            }
            replace(servicesBySite, services);
            Map<String, NavigableMap<LocalDate, Integer>> load = new java.util.HashMap<>();
            CapacityRepository.loadDayLoad(c, null, LocalDate.now(clock).minusDays(2))
                    .forEach((site, days) -> load.put(site, new ConcurrentSkipListMap<>(days)));
            replace(dayLoad, load);
            Map<String, List<BayBooking>> booked = new java.util.HashMap<>();
            CapacityRepository.loadBookings(c, null, null, clock.instant().minusSeconds(86400))
                    .forEach((k, v) -> booked.put(k, List.copyOf(v)));
            replace(bookings, booked);
            version.incrementAndGet();
            return null;
        });
    }

    private static <V> void replace(Map<String, V> live, Map<String, V> fresh) {
        live.putAll(fresh);
        live.keySet().retainAll(fresh.keySet());
    }

    /** Changes whenever capacity or master data change (here); open promises are re-checked then. */
    public long version() {
        return version.get();
    }

    // ---- reads (in-memory) -------------------------------------------------------------------

    public Site site(String code) {
        return code == null ? null : sites.get(code);
    }

    public Collection<Site> sites() {
        List<Site> list = new ArrayList<>(sites.values());
        list.sort(Comparator.comparing(Site::code));
        return list;
    }

    public boolean regionExists(String code) {
        return code != null && regions.contains(code);
    }

    public StockLevel stock(String site, String sku) {
        Map<String, StockLevel> m = stockBySite.get(site);
        return m == null ? null : m.get(sku);
    }

    public Collection<StockLevel> stockAt(String site) {
        return stockBySite.getOrDefault(site, Map.of()).values();
    }

    public boolean skuKnown(String sku) {
        for (Map<String, StockLevel> m : stockBySite.values()) {
            if (m.containsKey(sku)) return true;
        }
        return false;
    }

    public Lane lane(String site, String region) {
        Map<String, Lane> m = lanesByRegion.get(region);
        return m == null ? null : m.get(site);
    }

    /** Sites with a configured lane to the region. */
    public Collection<Lane> lanesTo(String region) {
        return lanesByRegion.getOrDefault(region, Map.of()).values();
    }

    public ServiceOffer service(String site, String type) {
        Map<String, ServiceOffer> m = servicesBySite.get(site);
        return m == null ? null : m.get(type);
    }

    public Collection<ServiceOffer> servicesAt(String site) {
        return servicesBySite.getOrDefault(site, Map.of()).values();
    }

    public boolean serviceTypeKnown(String type) {
        for (Map<String, ServiceOffer> m : servicesBySite.values()) {
            if (m.containsKey(type)) return true;
        }
        return false;
    }

    /** Orders already taken at the site per local day (days without orders are absent). */
    public NavigableMap<LocalDate, Integer> ordersTaken(String site) {
        NavigableMap<LocalDate, Integer> m = dayLoad.get(site);
        return m == null ? java.util.Collections.emptyNavigableMap() : m;
    }

    public List<BayBooking> bookings(String site, String type) {
        return bookings.getOrDefault(site + "/" + type, List.of());
    }

    // ---- writes (database first, then the view) -----------------------------------------------

    public Site putSite(Site site) {
        db.inTransaction(c -> {
            CapacityRepository.upsertSite(c, site, clock.instant());
            changes.record(c, ChangeLog.Kind.CAPACITY);
            return null;
        });
        refreshSite(site.code());
        return sites.get(site.code());
    }

    public StockLevel putStock(String site, String sku, int onHand, List<Inbound> inbound) {
        requireSite(site);
        db.inTransaction(c -> {
            CapacityRepository.upsertStock(c, site, sku, onHand, inbound, clock.instant());
            changes.record(c, ChangeLog.Kind.CAPACITY);
            return null;
        });
        return refreshStock(site, sku);
    }

    public Lane putLane(String site, String region, Integer transitDays) {
        requireSite(site);
        db.inTransaction(c -> {
            CapacityRepository.ensureRegion(c, region, clock.instant());
            CapacityRepository.upsertLane(c, site, region, transitDays, clock.instant());
            changes.record(c, ChangeLog.Kind.CAPACITY);
            return null;
        });
        regions.add(region);
        return refreshLane(site, region);
    }

    public ServiceOffer putService(ServiceOffer offer) {
        requireSite(offer.site());
        db.inTransaction(c -> {
            CapacityRepository.upsertService(c, offer, clock.instant());
            changes.record(c, ChangeLog.Kind.CAPACITY);
            return null;
        });
        return refreshService(offer.site(), offer.type());
    }

    /** Inside a caller's transaction (history import): creates unknown sites and regions as "not configured". */
    public boolean ensureSite(Connection c, String code, ZoneId zone) throws SQLException {
        return CapacityRepository.insertUnconfiguredSite(c, code, zone, clock.instant());
    }

    public boolean ensureRegion(Connection c, String code) throws SQLException {
        return CapacityRepository.ensureRegion(c, code, clock.instant());
    }

    /** After a caller's transaction committed new sites/regions. */
    public void refreshSitesAndRegions(Collection<String> siteCodes, Collection<String> regionCodes) {
        for (String s : siteCodes) refreshSite(s);
        regions.addAll(regionCodes);
    }

    public synchronized void refreshDayLoad(String site) {
        db.query(c -> {
            TreeMap<LocalDate, Integer> load = CapacityRepository.loadDayLoad(c, site, LocalDate.now(clock).minusDays(2))
                    .getOrDefault(site, new TreeMap<>());
            dayLoad.put(site, new ConcurrentSkipListMap<>(load));
            version.incrementAndGet();
            return null;
        });
    }

    public synchronized void refreshBookings(String site, String type) {
        db.query(c -> {
            List<BayBooking> b = CapacityRepository.loadBookings(c, site, type, clock.instant().minusSeconds(86400))
                    .getOrDefault(site + "/" + type, List.of());
            bookings.put(site + "/" + type, List.copyOf(b));
            version.incrementAndGet();
            return null;
        });
    }

    public synchronized StockLevel refreshStock(String site, String sku) {
        List<StockLevel> s = db.query(c -> CapacityRepository.loadStock(c, site, sku));
        if (s.isEmpty()) {
            Map<String, StockLevel> m = stockBySite.get(site);
            if (m != null) m.remove(sku);
            return null;
        }
        cacheStock(s.get(0));
        return s.get(0);
    }

    private void refreshSite(String code) {
        Site s = db.query(c -> CapacityRepository.loadSites(c, code)).get(code);
        if (s != null) sites.put(code, s);
        version.incrementAndGet();
    }

    private Lane refreshLane(String site, String region) {
        List<Lane> l = db.query(c -> CapacityRepository.loadLanes(c, site, region));
        l.forEach(this::cacheLane);
        return l.isEmpty() ? null : l.get(0);
    }

    private ServiceOffer refreshService(String site, String type) {
        List<ServiceOffer> o = db.query(c -> CapacityRepository.loadServices(c, site, type));
        o.forEach(this::cacheService);
        return o.isEmpty() ? null : o.get(0);
    }

    private void cacheStock(StockLevel st) {
        version.incrementAndGet();
        stockBySite.computeIfAbsent(st.site(), k -> new ConcurrentHashMap<>()).put(st.sku(), st);
    }

    private void cacheLane(Lane l) {
        version.incrementAndGet();
        lanesByRegion.computeIfAbsent(l.region(), k -> new ConcurrentHashMap<>()).put(l.site(), l);
    }

    private void cacheService(ServiceOffer o) {
        version.incrementAndGet();
        servicesBySite.computeIfAbsent(o.site(), k -> new ConcurrentHashMap<>()).put(o.type(), o);
    }

    private void requireSite(String code) {
        if (!sites.containsKey(code)) {
            throw ProblemException.notFound("Site '" + code + "' does not exist; create it with PUT /api/v1/sites/" + code);
        }
    }

    public Instant now() {
        return clock.instant();
    }
}
