package com.promisevalidator.scenario.service;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.promisevalidator.capacity.model.BayBooking;
import com.promisevalidator.capacity.model.Lane;
import com.promisevalidator.capacity.model.ServiceOffer;
import com.promisevalidator.capacity.model.Site;
import com.promisevalidator.capacity.model.StockLevel;
import com.promisevalidator.capacity.service.DayNames;
import com.promisevalidator.performance.model.Blend;
import com.promisevalidator.performance.model.Distribution;
import com.promisevalidator.performance.model.Histogram;
import com.promisevalidator.performance.model.Mastery;
import com.promisevalidator.performance.model.SourceWords;
import com.promisevalidator.rules.model.Parameters;
import com.promisevalidator.scenario.model.Scenario;
import com.promisevalidator.validation.service.FactSource;

/**
 * The world of one scenario as the evaluator reads it: sites, stock, lanes, services, bookings and
 * statistics built from the YAML, in memory, with no database. History is taken as written, without time
 * decay: a lane's samples are mixed with its planning value weighted as {@code stats.prior-weight}
 * outcomes, as the service mixes a thin lane with what it knows besides (prior-weight 0: the samples alone).
 */
public final class ScenarioFacts implements FactSource {

    static final ZoneId DEFAULT_ZONE = ZoneId.of("America/Sao_Paulo");
    static final LocalTime DEFAULT_CUTOFF = LocalTime.of(14, 0);
    /** Service minutes are held in tenths of a minute, as the service holds them. */
    static final int STEPS_PER_MINUTE = 10;
    /** "300 orders 3-7 days", "40 jobs 25-35 minutes", "12 orders 4 days". */
    static final Pattern SUMMARY = Pattern.compile("\\s*(\\d{1,7})\\s+[A-Za-z]+\\s+(\\d{1,5})(?:\\s*-\\s*(\\d{1,5}))?\\s+[A-Za-z]+\\s*");

    private final TreeMap<String, Site> sites = new TreeMap<>();
    private final Map<String, NavigableMap<LocalDate, Integer>> taken = new TreeMap<>();
    private final Map<String, StockLevel> stock = new TreeMap<>();
    private final TreeMap<String, Lane> lanes = new TreeMap<>();
    private final Map<String, Histogram> laneHistory = new TreeMap<>();
    /** Orders still open on a lane at the scenario's now, by age in days. */
    private final Map<String, Histogram> laneOpen = new TreeMap<>();
    private final Map<String, ServiceOffer> services = new TreeMap<>();
    private final Map<String, List<BayBooking>> bookings = new TreeMap<>();
    private final Map<String, Histogram> serviceHistory = new TreeMap<>();
    private final Map<String, Mastery> reps = new TreeMap<>();

    /** Builds the facts; throws IllegalArgumentException naming the part of the world that cannot be read. */
    public ScenarioFacts(Scenario.World world) {
        if (world == null) return;
        if (world.sites() != null) world.sites().forEach(this::addSite);
        if (world.stock() != null) {
            world.stock().forEach((site, skus) -> {
                if (skus != null) skus.forEach((sku, s) -> stock.put(site + ">" + sku, new StockLevel(site, sku, s.onHand(),
                        s.reserved() == null ? 0 : s.reserved(), s.inbound() == null ? List.of() : List.copyOf(s.inbound()))));
            });
        }
        if (world.lanes() != null) {
            world.lanes().forEach((name, l) -> {
                String[] sr = lane(name);
                lanes.put(sr[0] + ">" + sr[1], new Lane(sr[0], sr[1], l == null ? null : l.transitDays()));
                if (l != null && l.history() != null) laneHistory.put(sr[0] + ">" + sr[1], history(l.history(), 1, "lanes." + name + ".history"));
                if (l != null && l.open() != null) laneOpen.put(sr[0] + ">" + sr[1], history(l.open(), 1, "lanes." + name + ".open"));
            });
        }
        if (world.services() != null) {
            world.services().forEach((site, types) -> {
                if (types != null) types.forEach((type, s) -> addService(site, type, s));
            });
        }
        if (world.reps() != null) {
            world.reps().forEach((rep, r) -> {
                if (r.kept() > r.promises()) throw new IllegalArgumentException("reps." + rep + ": kept is more than promises");
                double late = r.averageLate() == null ? 0 : Math.min(1.0, r.averageLate() / 7.0);
                reps.put(rep, Mastery.of(r.promises(), r.kept(), (r.promises() - r.kept()) * late));
            });
        }
    }

    private void addSite(String code, Scenario.SiteSpec s) {
        Scenario.SiteSpec spec = s == null ? new Scenario.SiteSpec(null, null, null, null, null, null) : s;
        Set<DayOfWeek> days = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        if (spec.workingDays() != null) {
            days = EnumSet.noneOf(DayOfWeek.class);
            for (String d : spec.workingDays()) {
                try {
                    days.add(DayNames.parse(d));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("sites." + code + ".workingDays: " + e.getMessage());
                }
            }
        }
        ZoneId zone;
        try {
            zone = spec.timeZone() == null ? DEFAULT_ZONE : ZoneId.of(spec.timeZone());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("sites." + code + ".timeZone: '" + spec.timeZone() + "' is not a known time zone");
        }
        sites.put(code, new Site(code, code, zone, spec.cutoff() == null ? DEFAULT_CUTOFF : spec.cutoff(), days,
                spec.holidays() == null ? Set.of() : Set.copyOf(spec.holidays()), spec.dailyCapacity(), true));
        taken.put(code, spec.ordersTaken() == null ? new TreeMap<>() : new TreeMap<>(spec.ordersTaken()));
    }

    private void addService(String site, String type, Scenario.ServiceSpec s) {
        String where = "services." + site + "." + type;
        if (Boolean.TRUE.equals(s.notSetUp())) {
            // done at the site before (its history) but not set up by ops: no bays or hours, the median stands in for the standard
            if (s.history() == null) throw new IllegalArgumentException(where + ": a service not set up is known from its history, which is required");
            if (s.bays() != null || s.opens() != null || s.closes() != null || s.standardMinutes() != null || s.bookings() != null) {
                throw new IllegalArgumentException(where + ": a service not set up has no bays, hours, standard minutes or bookings");
            }
            Histogram h = history(s.history(), STEPS_PER_MINUTE, where + ".history");
            serviceHistory.put(site + ">" + type, h);
            int median = (int) Math.ceil(com.promisevalidator.performance.estimate.StandardTimes.median(h) / (double) STEPS_PER_MINUTE);
            services.put(site + ">" + type, ServiceOffer.fromHistory(site, type, Math.max(1, median)));
            bookings.put(site + ">" + type, List.of());
            return;
        }
        if (s.opens() == null || s.closes() == null) throw new IllegalArgumentException(where + ": opens and closes are required");
        if (s.bays() == null || s.bays() < 1) throw new IllegalArgumentException(where + ".bays: at least 1 (required)");
        String min = com.promisevalidator.common.Limits.MIN_STANDARD_MINUTES; // as PUT .../services/{type} bounds it
        if (s.standardMinutes() == null || !(s.standardMinutes() >= Double.parseDouble(min))) {
            throw new IllegalArgumentException(where + ".standardMinutes: at least " + min + " (required)");
        }
        services.put(site + ">" + type, new ServiceOffer(site, type, s.bays(), s.opens(), s.closes(),
                com.promisevalidator.common.Minutes.normalise(s.standardMinutes())));
        List<BayBooking> b = new ArrayList<>();
        if (s.bookings() != null) {
            for (Scenario.Booking x : s.bookings()) {
                if (x.start() == null || x.end() == null) throw new IllegalArgumentException(where + ".bookings: start and end are required");
                b.add(new BayBooking(x.start().toInstant(), x.end().toInstant()));
            }
        }
        bookings.put(site + ">" + type, List.copyOf(b));
        if (s.history() != null) serviceHistory.put(site + ">" + type, history(s.history(), STEPS_PER_MINUTE, where + ".history"));
    }

    /** "SP1->RJ" as {site, region}. */
    static String[] lane(String name) {
        String[] sr = name == null ? new String[0] : name.split("->");
        if (sr.length != 2 || sr[0].isBlank() || sr[1].isBlank()) {
            throw new IllegalArgumentException("lanes: '" + name + "' is not a lane written SITE->REGION");
        }
        return new String[] {sr[0].strip(), sr[1].strip()};
    }

    /**
     * History as a histogram of steps: samples ({@code [3, 4, 5]}, decimals allowed for minutes) or a summary
     * ({@code "300 orders 3-7 days"}: the orders spread evenly over 3..7, the first values taking any remainder).
     */
    static Histogram history(JsonNode node, int perUnit, String where) {
        Histogram h = new Histogram();
        if (node.isArray()) {
            for (JsonNode v : node) {
                if (!v.isNumber() || v.asDouble() < 0) throw new IllegalArgumentException(where + ": samples must be numbers of at least 0, not " + v);
                h.add((int) Math.ceil(v.asDouble() * perUnit - 1e-9), 1, 1, 1);
            }
        } else if (node.isTextual()) {
            Matcher m = SUMMARY.matcher(node.asText());
            if (!m.matches()) {
                throw new IllegalArgumentException(where + ": '" + node.asText() + "' is not a summary like \"300 orders 3-7 days\"");
            }
            int count = Integer.parseInt(m.group(1));
            int from = Integer.parseInt(m.group(2));
            int to = m.group(3) == null ? from : Integer.parseInt(m.group(3));
            if (to < from) throw new IllegalArgumentException(where + ": the range " + from + "-" + to + " runs backwards");
            int values = to - from + 1;
            for (int i = 0; i < values; i++) {
                long n = count / values + (i < count % values ? 1 : 0);
                if (n > 0) h.add((from + i) * perUnit, n, n, n);
            }
        } else {
            throw new IllegalArgumentException(where + ": a list of samples or a summary like \"300 orders 3-7 days\"");
        }
        if (h.isEmpty()) throw new IllegalArgumentException(where + ": no outcomes");
        return h;
    }

    // ---- what the evaluator reads -------------------------------------------------------------

    public List<Site> sites() {
        return List.copyOf(sites.values());
    }

    public Site site(String code) {
        return sites.get(code);
    }

    public Lane lane(String site, String region) {
        return lanes.get(site + ">" + region);
    }

    public List<Lane> lanesTo(String region) {
        return lanes.values().stream().filter(l -> l.region().equals(region)).toList();
    }

    public StockLevel stock(String site, String sku) {
        return stock.get(site + ">" + sku);
    }

    public NavigableMap<LocalDate, Integer> ordersTaken(String site) {
        NavigableMap<LocalDate, Integer> m = taken.get(site);
        return m == null ? new TreeMap<>() : m;
    }

    public ServiceOffer service(String site, String type) {
        return services.get(site + ">" + type);
    }

    public List<BayBooking> bookings(String site, String type) {
        return bookings.getOrDefault(site + ">" + type, List.of());
    }

    /** Sites whose history shows deliveries to the region (lanes with history but maybe no planning value). */
    public List<String> sitesWithHistoryTo(String region) {
        List<String> out = new ArrayList<>();
        laneHistory.keySet().forEach(k -> {
            if (k.endsWith(">" + region)) out.add(k.substring(0, k.indexOf('>')));
        });
        return out;
    }

    /** Sites with a lane (the world's only delivery history is its lanes'). */
    @Override
    public List<String> sitesShipping() {
        return lanes.values().stream().map(Lane::site).distinct().sorted().toList();
    }

    /** A new region (no lane to it) that a lane's region equals ignoring case and surrounding spaces: that region. */
    @Override
    public String regionLike(String region) {
        if (region == null || !lanesTo(region).isEmpty()) return null;
        return lanes.values().stream().map(Lane::region).filter(r -> r.strip().equalsIgnoreCase(region.strip())).sorted().findFirst()
                .orElse(null);
    }

    public Mastery repRecord(String rep) {
        Mastery m = reps.get(rep);
        return m == null ? Mastery.of(0, 0, 0) : m;
    }

    public Distribution leadTime(String site, String region, int planningDays, String planningSource, Parameters p) {
        Histogram open = laneOpen.get(site + ">" + region);
        if (open != null) {
            // open orders count as the service counts them: censored at their age, through the same estimator
            String words = SourceWords.lane(site, region);
            return com.promisevalidator.performance.estimate.Hierarchy.estimate(
                    List.of(com.promisevalidator.performance.estimate.Hierarchy.level(words, laneHistory.get(site + ">" + region), open, null, 0)),
                    Distribution.planning(planningDays, p.stats().blend().planningConfidence(), planningSource, 1),
                    p.stats().blend().lostAfter(p.deliveryHorizonDays()), 1, planningDays + 2);
        }
        return mix(laneHistory.get(site + ">" + region), SourceWords.lane(site, region), planningDays, planningSource,
                p.stats().blend(), 1);
    }

    public Distribution serviceMinutes(String site, String type, double standardMinutes, Parameters p) {
        return mix(serviceHistory.get(site + ">" + type), SourceWords.serviceAt(type, site), standardMinutes,
                SourceWords.standardMinutes(standardMinutes), p.stats().blend(), STEPS_PER_MINUTE);
    }

    /** The planning value, with the history (if it has enough outcomes) mixed over it at prior-weight. */
    private static Distribution mix(Histogram h, String source, double planningValue, String planningSource, Blend blend, int perUnit) {
        Distribution planning = Distribution.planning(planningValue, blend.planningConfidence(), planningSource, perUnit);
        if (h == null || h.n() < blend.minEvidence()) return planning;
        int length = Math.max((int) Math.ceil(planningValue * perUnit) + 2, h.maxValue() + 2);
        double[] c = h.cdf(length);
        double w = h.n();
        double k = blend.priorWeight();
        double[] acc = new double[length];
        for (int v = 0; v < length; v++) acc[v] = (w * c[v] + k * planning.cdf(v)) / (w + k);
        return new Distribution(acc, h.n(), w, source, true, perUnit);
    }
}
