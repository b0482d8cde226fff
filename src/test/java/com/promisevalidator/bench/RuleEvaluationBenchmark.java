package com.promisevalidator.bench;

import static com.promisevalidator.TestDates.day;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import com.promisevalidator.TestClock;
import com.promisevalidator.capacity.model.Inbound;
import com.promisevalidator.capacity.model.Site;
import com.promisevalidator.capacity.model.SiteCalendar;
import com.promisevalidator.capacity.model.StockLevel;
import com.promisevalidator.performance.model.Distribution;
import com.promisevalidator.performance.model.Histogram;
import com.promisevalidator.rules.model.RuleFile;
import com.promisevalidator.rules.service.RuleCompiler;
import com.promisevalidator.validation.facts.DailyCapacity;
import com.promisevalidator.validation.facts.DeliveryPlan;
import com.promisevalidator.validation.facts.LineStock;

/**
 * One rule evaluation of a 3-line delivery quote with all default rules: build the facts, open a
 * session, insert, fire, dispose (what ValidationService does per quote). {@code sites} = how many
 * candidate sites are planned (1: the asked site only; 3: plus two other sites for alternatives).
 * Run with src/bench/rules-bench.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RuleEvaluationBenchmark {

    @Param({"1", "3"})
    int sites;

    KieBase kieBase;
    org.kie.api.runtime.KieSessionsPool pool;

    @Param({"false", "true"})
    boolean pooled;
    SiteCalendar calendar;
    Distribution lead;
    List<StockLevel> stock;
    TreeMap<LocalDate, Integer> taken = new TreeMap<>();
    Instant orderedAt = day(1).atTime(10, 0).atOffset(TestClock.OFFSET).toInstant(); // Wed 10:00 in São Paulo

    @Setup
    public void setup() throws IOException {
        // as in the service (INFO): without this the plain-JVM log manager lets Drools format TRACE messages
        org.jboss.logmanager.Logger.getLogger("").setLevel(java.util.logging.Level.INFO);
        List<RuleFile> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("rules"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".drl")).sorted().toList()) {
                files.add(new RuleFile(p.getFileName().toString(), Files.readString(p)));
            }
        }
        RuleCompiler.Result r = new RuleCompiler().compile(files);
        if (!r.ok()) throw new IllegalStateException("rules do not compile: " + r.errors());
        kieBase = r.ruleSet().kieBase();
        pool = kieBase.newKieSessionsPool(4);
        calendar = new SiteCalendar(new Site("SP", "SP", ZoneId.of("America/Sao_Paulo"), LocalTime.of(14, 0),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Set.of(day(24)), 400, true));
        Histogram h = new Histogram();
        for (int v = 2; v < 30; v++) h.add(v, 40 - v, 40 - v, 40 - v);
        lead = new Distribution(h.cdf(32), h.n(), h.effectiveN(), "SP→RJ deliveries", true);
        stock = List.of(
                new StockLevel("SP", "SKU-1", 40, 5, List.of(new Inbound(100, day(7)))),
                new StockLevel("SP", "SKU-2", 500, 0, List.of()),
                new StockLevel("SP", "SKU-3", 10, 0, List.of(new Inbound(50, day(10)))));
        taken.put(day(2), 400); // one full day
    }

    @Benchmark
    public Object evaluateThreeLineQuote() {
        List<Object> facts = new ArrayList<>(4 * sites);
        DeliveryPlan first = null;
        for (int s = 0; s < sites; s++) {
            String code = s == 0 ? "SP" : "SP" + s;
            LocalDate day = calendar.orderDay(orderedAt);
            List<LineStock> lines = List.of(
                    new LineStock(code, "SKU-1", 60, stock.get(0), day),
                    new LineStock(code, "SKU-2", 5, stock.get(1), day),
                    new LineStock(code, "SKU-3", 8, stock.get(2), day));
            DeliveryPlan plan = new DeliveryPlan(code, "RJ", s == 0, calendar, new DailyCapacity(400, taken), lead, orderedAt,
                    day(9), 0.9, 120, lines);
            if (first == null) first = plan;
            facts.add(plan);
            facts.addAll(lines);
        }
        KieSession session = pooled ? pool.newKieSession() : kieBase.newKieSession();
        try {
            com.promisevalidator.validation.service.RulePhases.fire(session, facts, 10_000); // the phases, as the service fires them
        } finally {
            session.dispose();
        }
        if (!first.isEstimated()) throw new IllegalStateException("the lead-time rule did not run");
        return first.getEarliest();
    }
}
