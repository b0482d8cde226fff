package com.promisevalidator.rules.drl;

import static com.promisevalidator.TestDates.day;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

import com.promisevalidator.capacity.model.BayBooking;
import com.promisevalidator.capacity.model.Inbound;
import com.promisevalidator.capacity.model.ServiceOffer;
import com.promisevalidator.capacity.model.Site;
import com.promisevalidator.capacity.model.SiteCalendar;
import com.promisevalidator.capacity.model.StockLevel;
import com.promisevalidator.performance.model.Distribution;
import com.promisevalidator.rules.model.RuleFile;
import com.promisevalidator.rules.service.RuleCompiler;
import com.promisevalidator.validation.facts.BaySchedule;
import com.promisevalidator.validation.facts.DailyCapacity;
import com.promisevalidator.validation.facts.DeliveryPlan;
import com.promisevalidator.validation.facts.LineStock;
import com.promisevalidator.validation.facts.Notes;
import com.promisevalidator.validation.facts.Reason;
import com.promisevalidator.validation.facts.ServicePlan;
import com.promisevalidator.validation.service.RulePhases;
import com.promisevalidator.validation.wording.ReasonWriter;
import com.promisevalidator.validation.wording.Wording;

/**
 * Compiles the real rule files in the top-level {@code rules/} directory once and fires them on
 * hand-built facts, the way ValidationService does (fresh session per evaluation, firing limit),
 * without Quarkus. Plus small builders for sites, distributions and plans.
 */
final class RuleHarness {

    static final Path RULES_DIR = Path.of("rules");
    static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    static final String SITE = "SP1";
    static final String REGION = "RJ";
    static final int MAX_FIRINGS = 10_000;

    static final KieBase KIE_BASE = compile();
    /** The shipped English wording, with the test anchor day as today (dates in another year show it). */
    static final Wording ENGLISH = new ReasonWriter(RULES_DIR).english(com.promisevalidator.TestClock.anchorDay());

    private RuleHarness() {
    }

    private static KieBase compile() {
        List<RuleFile> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(RULES_DIR)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".drl")).sorted().toList()) {
                files.add(new RuleFile(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RULES_DIR.toAbsolutePath(), e);
        }
        if (files.size() != 7) {
            throw new IllegalStateException("expected the seven rule files in " + RULES_DIR.toAbsolutePath() + ", found "
                    + files.stream().map(RuleFile::name).toList());
        }
        RuleCompiler.Result result = new RuleCompiler().compile(files);
        if (!result.ok()) {
            throw new IllegalStateException("rules in " + RULES_DIR.toAbsolutePath() + " do not compile: " + result.errors());
        }
        return result.ruleSet().kieBase();
    }

    /** Inserts the facts into a fresh session, fires all rules (bounded) and disposes; returns the number of firings. */
    static int fire(Object... facts) {
        KieSession session = KIE_BASE.newKieSession();
        try {
            int fired = RulePhases.fire(session, Arrays.asList(facts), MAX_FIRINGS);
            if (fired >= MAX_FIRINGS) fail("rules fired " + fired + " times: a rule keeps re-activating itself");
            return fired;
        } finally {
            session.dispose();
        }
    }

    /** Fires a delivery plan together with its line facts, as ValidationService inserts them. */
    static DeliveryPlan fire(DeliveryPlan plan) {
        List<Object> facts = new ArrayList<>();
        facts.add(plan);
        facts.addAll(plan.getLines());
        fire(facts.toArray());
        return plan;
    }

    static ServicePlan fire(ServicePlan plan) {
        fire((Object) plan);
        return plan;
    }

    // ---- time ---------------------------------------------------------------------------------

    /** An instant given as São Paulo local time on a test day, e.g. {@code local(3, "14:00")}: Friday 14:00. */
    static Instant local(int day, String localTime) {
        return LocalDateTime.of(day(day), LocalTime.parse(localTime)).atZone(SAO_PAULO).toInstant();
    }

    // ---- sites --------------------------------------------------------------------------------

    /** Site SP1: São Paulo time, cut-off 14:00, ships MON-FRI, except the given holidays; daily capacity not configured. */
    static Site site(LocalDate... holidays) {
        return site(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), holidays);
    }

    static Site site(Set<DayOfWeek> workingDays, LocalDate... holidays) {
        return new Site(SITE, "São Paulo DC", SAO_PAULO, LocalTime.of(14, 0), workingDays,
                Set.copyOf(Arrays.asList(holidays)), null, true);
    }

    /** The default site with day(24) (a Friday; Christmas day when the tests were written for 2026) as holiday. */
    static Site christmasSite() {
        return site(day(24));
    }

    // ---- distributions ------------------------------------------------------------------------

    /** A history-backed distribution from an explicit cdf (cdf[v] = chance of at most v; 1.0 beyond). */
    static Distribution history(String source, long n, double... cdf) {
        return new Distribution(cdf, n, n, source, true);
    }

    /** One past outcome of {@code value}: the cdf jumps from 0 to 1 at {@code value}. */
    static Distribution oneRow(String source, int value) {
        double[] cdf = new double[value + 1];
        cdf[value] = 1.0;
        return new Distribution(cdf, 1, 1, source, true);
    }

    /**
     * A step cdf over 0..length-1 from (value, cdf) steps given in increasing value order: {@code steps(61, 10, .05, 30, .25)}
     * is 0 below 10, 0.05 from 10, 0.25 from 30 on.
     */
    static double[] steps(int length, double... valueThenCdf) {
        double[] c = new double[length];
        for (int i = 0; i < valueThenCdf.length; i += 2) {
            int from = (int) valueThenCdf[i];
            Arrays.fill(c, from, length, valueThenCdf[i + 1]);
        }
        return c;
    }

    static Distribution planning(int value, double confidence, String source) {
        return Distribution.planning(value, confidence, source);
    }

    // ---- stock --------------------------------------------------------------------------------

    static StockLevel stock(String sku, int onHand, int reserved, Inbound... inbound) {
        return new StockLevel(SITE, sku, onHand, reserved, List.of(inbound));
    }

    static Inbound inbound(int quantity, LocalDate arrives) {
        return new Inbound(quantity, arrives);
    }

    // ---- delivery plans -----------------------------------------------------------------------

    static DeliveryBuilder delivery() {
        return new DeliveryBuilder();
    }

    static final class DeliveryBuilder {
        private Site site = christmasSite();
        private Integer dailyLimit;
        private final TreeMap<LocalDate, Integer> taken = new TreeMap<>();
        private Distribution leadTime = planning(2, 0.95, "the SP1→RJ planning value");
        private Instant orderedAt = local(0, "10:00");
        private LocalDate askedBy;
        private double target = 0.90;
        private int horizonDays = 120;
        private boolean asked = true;
        private boolean anySite;
        private String regionLike;
        private final List<Object[]> lines = new ArrayList<>(); // {sku, quantity, StockLevel or null}

        DeliveryBuilder site(Site s) { this.site = s; return this; }
                DeliveryBuilder orderedAt(Instant i) { this.orderedAt = i; return this; }
        DeliveryBuilder askedBy(LocalDate day) { this.askedBy = day; return this; }
        DeliveryBuilder leadTime(Distribution d) { this.leadTime = d; return this; }
        DeliveryBuilder target(double t) { this.target = t; return this; }
        DeliveryBuilder horizonDays(int d) { this.horizonDays = d; return this; }
        DeliveryBuilder asked(boolean a) { this.asked = a; return this; }
        /** A candidate of a quote naming no site (not asked, but it may give the answer). */
        DeliveryBuilder anySite() { this.asked = false; this.anySite = true; return this; }
        /** The quote's region is new, and this known one equals it ignoring case. */
        DeliveryBuilder regionLike(String known) { this.regionLike = known; return this; }
        DeliveryBuilder dailyLimit(Integer limit) { this.dailyLimit = limit; return this; }
        DeliveryBuilder taken(LocalDate day, int orders) { taken.put(day, orders); return this; }
        DeliveryBuilder line(String sku, int quantity, StockLevel stock) { lines.add(new Object[] {sku, quantity, stock}); return this; }

        DeliveryPlan build() {
            SiteCalendar cal = new SiteCalendar(site);
            LocalDate orderDay = cal.orderDay(orderedAt);
            List<LineStock> ls = new ArrayList<>();
            for (Object[] l : lines) ls.add(new LineStock(site.code(), (String) l[0], (Integer) l[1], (StockLevel) l[2], orderDay));
            return new DeliveryPlan(site.code(), REGION, regionLike, asked, anySite, cal, new DailyCapacity(dailyLimit, taken), leadTime, orderedAt,
                    askedBy, target, horizonDays, ls);
        }

        DeliveryPlan fire() {
            return RuleHarness.fire(build());
        }
    }

    // ---- service plans ------------------------------------------------------------------------

    static ServiceBuilder service() {
        return new ServiceBuilder();
    }

    static final class ServiceBuilder {
        private Site site = christmasSite();
        private String type = "OIL_CHANGE";
        private int bays = 2;
        private LocalTime opens = LocalTime.of(8, 0);
        private LocalTime closes = LocalTime.of(18, 0);
        private int standardMinutes = 30;
        private final List<BayBooking> bookings = new ArrayList<>();
        private Distribution duration = planning(30, 0.90, "the standard 30 minutes");
        private Instant askedStart = local(3, "10:00");
        private Integer askedMinutes;
        private double target = 0.90;
        private int horizonDays = 14;

        ServiceBuilder site(Site s) { this.site = s; return this; }
        ServiceBuilder bays(int b) { this.bays = b; return this; }
        ServiceBuilder hours(String opens, String closes) {
            this.opens = LocalTime.parse(opens);
            this.closes = closes.equals("24:00") ? LocalTime.MAX : LocalTime.parse(closes); // as the API holds 24:00
            return this;
        }
        ServiceBuilder standardMinutes(int m) { this.standardMinutes = m; return this; }
        ServiceBuilder booking(Instant start, Instant end) { bookings.add(new BayBooking(start, end)); return this; }
        ServiceBuilder duration(Distribution d) { this.duration = d; return this; }
        /** A history saying every job takes exactly {@code minutes}. */
        ServiceBuilder takes(int minutes) { this.duration = oneRow("OIL_CHANGE at SP1", minutes); return this; }
        ServiceBuilder askedStart(Instant start) { this.askedStart = start; return this; }
        ServiceBuilder askedMinutes(Integer m) { this.askedMinutes = m; return this; }
        ServiceBuilder target(double t) { this.target = t; return this; }
        ServiceBuilder horizonDays(int d) { this.horizonDays = d; return this; }
        /** When the quote is answered (a start before it has passed); not set: never passed. */
        ServiceBuilder answeredAt(Instant now) { this.now = now; return this; }
        private Instant now;
        /** Not set up by ops: known from the site's history only (no bays, no opening hours). */
        ServiceBuilder notSetUp() { this.notSetUp = true; return this; }
        private boolean notSetUp;

        ServicePlan build() {
            SiteCalendar cal = new SiteCalendar(site);
            ServiceOffer offer = notSetUp ? ServiceOffer.fromHistory(site.code(), type, standardMinutes)
                    : new ServiceOffer(site.code(), type, bays, opens, closes, standardMinutes);
            ServicePlan plan = new ServicePlan(site.code(), type, true, new BaySchedule(offer, cal, bookings), duration, askedStart,
                    askedMinutes, target, horizonDays);
            plan.answeredAt(now);
            return plan;
        }

        ServicePlan fire() {
            return RuleHarness.fire(build());
        }
    }

    // ---- reasons ------------------------------------------------------------------------------

    /** The plan's findings as the answer shows them (in English). */
    static List<Reason> reasons(Notes notes) {
        return notes.findings().stream().map(n -> ENGLISH.reason(n.rule(), n.finding())).toList();
    }

    /** The reason the rule left, asserting its severity and that its message contains every fragment. */
    static Reason assertReason(Notes notes, String rule, Reason.Severity severity, String... fragments) {
        Reason r = reasons(notes).stream().filter(x -> x.rule().equals(rule)).findFirst()
                .orElseGet(() -> fail("no reason from rule \"" + rule + "\"; reasons: " + describe(notes)));
        assertEquals(severity, r.severity(), () -> "severity of \"" + rule + "\": " + r.message());
        for (String f : fragments) {
            assertTrue(r.message().contains(f), () -> "message of \"" + rule + "\" lacks \"" + f + "\": " + r.message());
        }
        return r;
    }

    static void assertNoReason(Notes notes, String rule) {
        assertTrue(reasons(notes).stream().noneMatch(x -> x.rule().equals(rule)),
                () -> "unexpected reason from rule \"" + rule + "\"; reasons: " + describe(notes));
    }

    /** A date as evidence holds it (ISO text). */
    static String format(LocalDate d) {
        return d.toString();
    }

    static String describe(Notes notes) {
        return reasons(notes).stream().map(r -> r.severity() + " " + r.code() + " " + r.rule() + ": " + r.message())
                .collect(Collectors.joining(" | ", "[", "]"));
    }
}
