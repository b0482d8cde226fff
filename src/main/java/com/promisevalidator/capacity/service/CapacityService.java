package com.promisevalidator.capacity.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.inject.Singleton;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

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
 *
 * <p>Other instances sharing the database write too. Their changes arrive as change-log scopes
 * ({@link #applyForeign}), and a request naming a site, region, SKU, lane or service the view does
 * not hold looks it up in the database first ({@code find*}): another instance may have created it a
 * moment ago. A code found nowhere is remembered as missing for {@link #MISS_TTL} (or until the next
 * change), so a flood of unknown codes costs the database one look-up per code, not one per request.
 * Every database refresh of the view holds this object's lock, so an older read never overwrites a
 * newer one.
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
    private final AtomicLong version = new AtomicLong();

    /**
     * How long a code the database did not have is answered from memory as unknown (unless a change
     * announced by another instance names it first). Keys are the change scopes below, plus
     * "region", "sku" and "servicetype" keys for codes looked for anywhere.
     */
    static final Duration MISS_TTL = Duration.ofSeconds(1);
    private final Cache<String, Boolean> misses = Caffeine.newBuilder().expireAfterWrite(MISS_TTL).maximumSize(100_000).build();
    private final AtomicLong lookups = new AtomicLong();

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
        misses.invalidateAll();
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

    /**
     * The site from the view, else as the caller's transaction sees it (not kept: that transaction may
     * yet roll back). For work inside a transaction, which must not wait for the view's lock.
     */
    public Site site(Connection c, String code) throws SQLException {
        Site s = site(code);
        return s != null || code == null ? s : CapacityRepository.loadSites(c, code).get(code);
    }

    public Collection<Site> sites() {
        List<Site> list = new ArrayList<>(sites.values());
        list.sort(Comparator.comparing(Site::code));
        return list;
    }

    /** Every known region code, sorted. */
    public List<String> regions() {
        List<String> out = new ArrayList<>(regions);
        out.sort(null);
        return out;
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

    /** Sites with a configured lane to some region. */
    public java.util.Set<String> sitesWithLanes() {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (Map<String, Lane> m : lanesByRegion.values()) out.addAll(m.keySet());
        return out;
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

    // ---- reads that fall back to the database (codes a request names) -------------------------

    /** The site, from the view or else the database (with its stock, lanes and services); null if it does not exist. */
    public Site findSite(String code) {
        return code == null ? null : readThrough(siteChange(code), () -> sites.get(code), c -> loadSite(c, code));
    }

    public boolean findRegion(String code) {
        return code != null && readThrough("region\t" + code, () -> regions.contains(code) ? Boolean.TRUE : null, c -> {
            if (!CapacityRepository.regionExists(c, code)) return;
            regions.add(code);
            for (Lane l : CapacityRepository.loadLanes(c, null, code)) if (sites.containsKey(l.site())) cacheLane(l);
        }) != null;
    }

    /** Whether any site stocks the SKU. */
    public boolean findSku(String sku) {
        return sku != null && readThrough("sku\t" + sku, () -> skuKnown(sku) ? Boolean.TRUE : null, c -> {
            for (StockLevel st : CapacityRepository.loadStock(c, null, sku)) if (sites.containsKey(st.site())) cacheStock(st);
        }) != null;
    }

    /** The stock of a SKU at a site the view holds. */
    public StockLevel findStock(String site, String sku) {
        return sku == null || site(site) == null ? null : readThrough(stockChange(site, sku), () -> stock(site, sku),
                c -> CapacityRepository.loadStock(c, site, sku).forEach(this::cacheStock));
    }

    /** The lane from a site the view holds. */
    public Lane findLane(String site, String region) {
        return region == null || site(site) == null ? null : readThrough(laneChange(site, region), () -> lane(site, region), c -> {
            for (Lane l : CapacityRepository.loadLanes(c, site, region)) {
                regions.add(region);
                cacheLane(l);
            }
        });
    }

    /** The service offered at a site the view holds. */
    public ServiceOffer findService(String site, String type) {
        return type == null || site(site) == null ? null : readThrough(serviceChange(site, type), () -> service(site, type),
                c -> CapacityRepository.loadServices(c, site, type).forEach(this::cacheService));
    }

    /** Whether any site offers the service type. */
    public boolean findServiceType(String type) {
        return type != null && readThrough("servicetype\t" + type, () -> serviceTypeKnown(type) ? Boolean.TRUE : null, c -> {
            for (ServiceOffer o : CapacityRepository.loadServices(c, null, type)) if (sites.containsKey(o.site())) cacheService(o);
        }) != null;
    }

    /** Database look-ups made for codes the view did not hold (an operations figure). */
    public long readThroughLookups() {
        return lookups.get();
    }

    /**
     * The view's answer; on a miss not recently looked up, one look-up under the lock (which also lets
     * concurrent misses of one code share it), then the view's answer again.
     */
    private <T> T readThrough(String missKey, Supplier<T> inView, Load load) {
        T v = inView.get();
        if (v != null || misses.getIfPresent(missKey) != null) return v;
        synchronized (this) {
            v = inView.get();
            if (v != null || misses.getIfPresent(missKey) != null) return v;
            lookups.incrementAndGet();
            db.query(c -> {
                load.run(c);
                return null;
            });
            v = inView.get();
            if (v == null) misses.put(missKey, Boolean.TRUE);
            return v;
        }
    }

    @FunctionalInterface
    private interface Load {
        void run(Connection c) throws SQLException;
    }

    /** One site and everything under it; the site itself goes in last, so a reader who sees it sees its data. */
    private Void loadSite(Connection c, String code) throws SQLException {
        Site s = CapacityRepository.loadSites(c, code).get(code);
        if (s == null) return null;
        Map<String, StockLevel> stock = new ConcurrentHashMap<>();
        for (StockLevel st : CapacityRepository.loadStock(c, code, null)) stock.put(st.sku(), st);
        stockBySite.put(code, stock);
        Map<String, ServiceOffer> services = new ConcurrentHashMap<>();
        for (ServiceOffer o : CapacityRepository.loadServices(c, code, null)) services.put(o.type(), o);
        servicesBySite.put(code, services);
        dayLoad.put(code, new ConcurrentSkipListMap<>(CapacityRepository.loadDayLoad(c, code, LocalDate.now(clock).minusDays(2))
                .getOrDefault(code, new TreeMap<>())));
        CapacityRepository.loadBookings(c, code, null, clock.instant().minusSeconds(86400)).forEach((k, v) -> bookings.put(k, List.copyOf(v)));
        sites.put(code, s);
        for (Lane l : CapacityRepository.loadLanes(c, code, null)) { // last: a lane makes the site a candidate for quotes without one
            regions.add(l.region());
            cacheLane(l);
        }
        version.incrementAndGet();
        return null;
    }

    // ---- changes made by other instances --------------------------------------------------------

    /** Change-log scopes naming what changed (see {@link com.promisevalidator.db.ChangeLog}); tab-separated parts. */
    public static String siteChange(String site) {
        return "site\t" + site;
    }

    public static String stockChange(String site, String sku) {
        return "stock\t" + site + "\t" + sku;
    }

    public static String laneChange(String site, String region) {
        return "lane\t" + site + "\t" + region;
    }

    public static String serviceChange(String site, String type) {
        return "service\t" + site + "\t" + type;
    }

    public static String dayLoadChange(String site) {
        return "day\t" + site;
    }

    public static String bookingsChange(String site, String type) {
        return "bays\t" + site + "\t" + type;
    }

    /** Refreshes the rows another instance changed; anything not understood reloads it all. */
    public synchronized void applyForeign(Collection<String> scopes) {
        for (String scope : scopes) {
            String[] p = scope.split("\t", -1);
            int parts = switch (p[0]) {
                case "site", "day" -> 2;
                case "stock", "lane", "service", "bays" -> 3;
                default -> -1;
            };
            if (parts != p.length) {
                reloadAll();
                return;
            }
            String site = p[1];
            if (!sites.containsKey(site)) { // new here: take the site with all it has
                misses.invalidateAll(); // its stock, lanes and services may have been missed a moment ago
                db.query(c -> loadSite(c, site));
                continue;
            }
            misses.invalidate(scope); // the scope is also the key its row was missed under
            switch (p[0]) {
                case "site" -> refreshSite(site);
                case "stock" -> {
                    misses.invalidate("sku\t" + p[2]);
                    refreshStock(site, p[2]);
                }
                case "lane" -> {
                    misses.invalidate("region\t" + p[2]);
                    refreshLane(site, p[2]);
                }
                case "service" -> {
                    misses.invalidate("servicetype\t" + p[2]);
                    refreshService(site, p[2]);
                }
                case "day" -> refreshDayLoad(site);
                default -> refreshBookings(site, p[2]);
            }
        }
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
            changes.record(c, ChangeLog.Kind.CAPACITY, List.of(siteChange(site.code())));
            return null;
        });
        refreshSite(site.code());
        return sites.get(site.code());
    }

    public StockLevel putStock(String site, String sku, int onHand, List<Inbound> inbound) {
        requireSite(site);
        db.inTransaction(c -> {
            CapacityRepository.upsertStock(c, site, sku, onHand, inbound, clock.instant());
            changes.record(c, ChangeLog.Kind.CAPACITY, List.of(stockChange(site, sku)));
            return null;
        });
        return refreshStock(site, sku);
    }

    public Lane putLane(String site, String region, Integer transitDays) {
        requireSite(site);
        db.inTransaction(c -> {
            CapacityRepository.ensureRegion(c, region, clock.instant());
            CapacityRepository.upsertLane(c, site, region, transitDays, clock.instant());
            changes.record(c, ChangeLog.Kind.CAPACITY, List.of(laneChange(site, region)));
            return null;
        });
        regions.add(region);
        return refreshLane(site, region);
    }

    public ServiceOffer putService(ServiceOffer offer) {
        requireSite(offer.site());
        db.inTransaction(c -> {
            CapacityRepository.upsertService(c, offer, clock.instant());
            changes.record(c, ChangeLog.Kind.CAPACITY, List.of(serviceChange(offer.site(), offer.type())));
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

    private synchronized void refreshSite(String code) {
        Site s = db.query(c -> CapacityRepository.loadSites(c, code)).get(code);
        if (s != null) sites.put(code, s);
        version.incrementAndGet();
    }

    private synchronized Lane refreshLane(String site, String region) {
        List<Lane> l = db.query(c -> CapacityRepository.loadLanes(c, site, region));
        if (!l.isEmpty()) regions.add(region);
        l.forEach(this::cacheLane);
        return l.isEmpty() ? null : l.get(0);
    }

    private synchronized ServiceOffer refreshService(String site, String type) {
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
        if (findSite(code) == null) {
            throw ProblemException.notFound("Site '" + code + "' does not exist; create it with PUT /api/v1/sites/" + code);
        }
    }

    public Instant now() {
        return clock.instant();
    }
}
