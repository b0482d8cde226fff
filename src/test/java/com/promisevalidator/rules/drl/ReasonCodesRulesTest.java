package com.promisevalidator.rules.drl;

import static com.promisevalidator.TestDates.day;
import static com.promisevalidator.TestDates.say;
import static com.promisevalidator.rules.drl.RuleHarness.delivery;
import static com.promisevalidator.rules.drl.RuleHarness.fire;
import static com.promisevalidator.rules.drl.RuleHarness.history;
import static com.promisevalidator.rules.drl.RuleHarness.inbound;
import static com.promisevalidator.rules.drl.RuleHarness.local;
import static com.promisevalidator.rules.drl.RuleHarness.reasons;
import static com.promisevalidator.rules.drl.RuleHarness.service;
import static com.promisevalidator.rules.drl.RuleHarness.stock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

import com.promisevalidator.performance.model.Mastery;
import com.promisevalidator.rules.model.RuleFile;
import com.promisevalidator.rules.service.RuleCompiler;
import com.promisevalidator.validation.facts.DeliveryPlan;
import com.promisevalidator.validation.facts.Notes;
import com.promisevalidator.validation.facts.Reason;
import com.promisevalidator.validation.facts.ReasonCode;
import com.promisevalidator.validation.facts.ServicePlan;
import com.promisevalidator.validation.facts.TrackRecord;
import com.promisevalidator.validation.service.RulePhases;

/**
 * Every reason code the shipped rules give, each from a rule evaluated on its own facts (no database,
 * no Quarkus), with its rule, severity and evidence; and the worked example of rules/README.md.
 */
class ReasonCodesRulesTest {

    /** Codes given outside the rules: by the evaluator (no site, nothing feasible) and the at-risk re-check. */
    static final Set<ReasonCode> NOT_FROM_RULES = EnumSet.of(ReasonCode.NO_SITE, ReasonCode.NOTHING_FEASIBLE, ReasonCode.STOCK_SHORT);

    private static Reason code(Notes notes, ReasonCode code, String rule, Reason.Severity severity) {
        Reason r = reasons(notes).stream().filter(x -> x.code() == code).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + RuleHarness.describe(notes)));
        assertEquals(rule, r.rule());
        assertEquals(severity, r.severity(), r.message());
        assertFalse(r.message().contains("?") || r.message().equals(code.name()), "worded from its evidence: " + r.message());
        return r;
    }

    @Test
    @DisplayName("CUTOFF_PASSED, SITE_CLOSED, LEAD_TIME: Friday after cut-off ships Monday")
    void cutoffClosedLeadTime() {
        DeliveryPlan p = delivery().orderedAt(local(3, "15:00")).fire();
        assertEquals(day(6), p.getDispatch());
        assertEquals(RuleHarness.format(day(4)), code(p.getNotes(), ReasonCode.CUTOFF_PASSED, "Order after cut-off starts tomorrow",
                Reason.Severity.INFO).evidence().get("dispatch"));
        assertEquals(RuleHarness.format(day(6)), code(p.getNotes(), ReasonCode.SITE_CLOSED, "No dispatch on a closed day",
                Reason.Severity.INFO).evidence().get("dispatch"));
        Reason lead = code(p.getNotes(), ReasonCode.LEAD_TIME, "Lead time from past performance", Reason.Severity.INFO);
        assertEquals(2, lead.evidence().get("leadDaysAtTarget"));
        assertTrue(lead.message().endsWith("the earliest date that holds is " + say(8) + "."), lead.message());
    }

    @Test
    @DisplayName("DAY_FULL: a full day moves to the next day with room")
    void dayFull() {
        DeliveryPlan p = delivery().dailyLimit(5).taken(day(0), 5).fire();
        assertEquals(day(1), p.getDispatch());
        Reason r = code(p.getNotes(), ReasonCode.DAY_FULL, "Full day moves to the next day with room", Reason.Severity.WARNING);
        assertEquals(5, r.evidence().get("taken"));
    }

    @Test
    @DisplayName("WAITS_FOR_INBOUND, SPLIT_OFFERED: part on the shelf now, the rest arrives Thursday")
    void waitsAndSplit() {
        DeliveryPlan p = delivery().line("SKU-1", 10, stock("SKU-1", 6, 0, inbound(10, day(2)))).fire();
        code(p.getNotes(), ReasonCode.WAITS_FOR_INBOUND, "Short line waits for inbound", Reason.Severity.WARNING);
        Reason split = code(p.getNotes(), ReasonCode.SPLIT_OFFERED, "Offer a split delivery", Reason.Severity.INFO);
        assertEquals("SP1 can ship what is in stock now, delivered by " + say(2) + ", and the rest by " + say(4) + ".", split.message());
        assertEquals(1, p.getNotes().alternatives().size());
    }

    @Test
    @DisplayName("LINE_SHORT and IN_STOCK")
    void lineShortAndInStock() {
        DeliveryPlan none = delivery().line("SKU-1", 10, stock("SKU-1", 9, 0)).fire();
        assertEquals(0, code(none.getNotes(), ReasonCode.LINE_SHORT, "Line cannot be covered", Reason.Severity.ERROR).evidence().get("inbound"));
        DeliveryPlan all = delivery().line("SKU-1", 10, stock("SKU-1", 10, 0)).fire();
        code(all.getNotes(), ReasonCode.IN_STOCK, "All lines in stock", Reason.Severity.INFO);
    }

    @Test
    @DisplayName("SERVICE_DURATION, BAY_FREE, START_PASSED, NO_FREE_BAY, LONGER_THAN_OPENING_HOURS, REP_RECORD, BAYS_NOT_SET")
    void services() {
        ServicePlan free = service().takes(40).build();
        fire(free, new TrackRecord("bob", Mastery.of(20, 19, 1.0)));
        code(free.getNotes(), ReasonCode.SERVICE_DURATION, "Service duration from past performance", Reason.Severity.INFO);
        code(free.getNotes(), ReasonCode.BAY_FREE, "Bay free at the asked time", Reason.Severity.INFO);
        code(free.getNotes(), ReasonCode.REP_RECORD, "Rep track record", Reason.Severity.INFO);
        ServicePlan early = service().takes(40).askedStart(local(3, "07:00")).fire();
        Reason r = code(early.getNotes(), ReasonCode.NO_FREE_BAY, "No free bay: start later", Reason.Severity.WARNING);
        assertEquals(false, r.evidence().get("open"));
        ServicePlan passed = service().takes(40).askedStart(local(3, "10:00")).answeredAt(local(3, "12:00")).fire();
        Reason p = code(passed.getNotes(), ReasonCode.START_PASSED, "Start has passed", Reason.Severity.WARNING);
        assertEquals(day(3) + "T12:00:00-03:00", p.evidence().get("now"));
        ServicePlan longJob = service().takes(700).askedStart(local(3, "08:00")).fire();
        code(longJob.getNotes(), ReasonCode.LONGER_THAN_OPENING_HOURS, "Job longer than the opening hours", Reason.Severity.INFO);
        ServicePlan notSetUp = service().notSetUp().takes(40).fire();
        Reason n = code(notSetUp.getNotes(), ReasonCode.BAYS_NOT_SET, "Bays not set for this service", Reason.Severity.WARNING);
        assertEquals("SP1", n.evidence().get("site"));
    }

    @Test
    @DisplayName("REGION_UNKNOWN: a new region like a known one names it")
    void regionUnknown() {
        DeliveryPlan p = delivery().regionLike("RJ").fire();
        Reason r = code(p.getNotes(), ReasonCode.REGION_UNKNOWN, "Region not known, but like a known one", Reason.Severity.WARNING);
        assertEquals("RJ", r.evidence().get("didYouMean"));
    }

    @Test
    @DisplayName("LEAD_TIME is a WARNING when the asked date is missed")
    void leadTimeMissed() {
        DeliveryPlan p = delivery().leadTime(history("SP1→RJ deliveries", 412, 0.0, 0.10, 0.50, 0.92, 1.0)).askedBy(day(1)).fire();
        Reason r = code(p.getNotes(), ReasonCode.LEAD_TIME, "Lead time from past performance", Reason.Severity.WARNING);
        assertEquals("SP1→RJ deliveries took up to 3 days 90% of the time (412 orders); " + say(1) + " is kept 10% of the time; "
                + say(3) + " is kept 92%.", r.message());
    }

    @Test
    @DisplayName("OPEN_ORDERS_AGEING: open orders past the lane's lead time moved the promise later")
    void openOrdersAgeing() {
        double[] finished = new double[8];
        for (int v = 3; v < 8; v++) finished[v] = (v - 2) / 5.0; // 3-7 days
        double[] withOpen = new double[20];
        for (int v = 3; v < 20; v++) withOpen[v] = v < 8 ? finished[v] * 0.85 : v < 16 ? 0.85 : 1.0;
        var without = new com.promisevalidator.performance.model.Distribution(finished, 300, 300, "SP1→RJ deliveries", true);
        var ageing = new com.promisevalidator.performance.model.Ageing(30, new java.util.TreeMap<>(java.util.Map.of(15, 30L)), without);
        var lead = new com.promisevalidator.performance.model.Distribution(withOpen, 300, 330, "SP1→RJ deliveries", true, 1, 0, ageing);
        DeliveryPlan p = delivery().leadTime(lead).fire();
        Reason r = code(p.getNotes(), ReasonCode.OPEN_ORDERS_AGEING, "Open orders ageing past the lane's lead time", Reason.Severity.WARNING);
        assertEquals(30L, ((Number) r.evidence().get("openOrders")).longValue());
        assertEquals(7, r.evidence().get("leadDaysWithoutOpen"));
        assertEquals(16, r.evidence().get("leadDaysAtTarget"));
        assertTrue(r.message().startsWith("Still open after more than 7 days: 30 orders among SP1→RJ deliveries (the oldest 15 days)"), r.message());
        // no delivery took 16 days yet: the lead time's own sentence says the figure counts the orders still on the way
        Reason leadTime = code(p.getNotes(), ReasonCode.LEAD_TIME, "Lead time from past performance", Reason.Severity.INFO);
        assertTrue(leadTime.message().startsWith("SP1→RJ deliveries, counting the orders still on the way, come to up to 16 days 90% of the "
                + "time (300 orders delivered)"), leadTime.message());
        // a lane without finished orders of its own leans on its region: the open orders counted are the region's, and said so
        var regionWithout = new com.promisevalidator.performance.model.Distribution(finished, 300, 300, "deliveries to RJ", true);
        var regionLead = new com.promisevalidator.performance.model.Distribution(withOpen, 300, 330, "deliveries to RJ", true, 1, 0,
                new com.promisevalidator.performance.model.Ageing(30, new java.util.TreeMap<>(java.util.Map.of(15, 30L)), regionWithout));
        Reason region = code(delivery().leadTime(regionLead).fire().getNotes(), ReasonCode.OPEN_ORDERS_AGEING,
                "Open orders ageing past the lane's lead time", Reason.Severity.WARNING);
        assertTrue(region.message().contains("30 orders among deliveries to RJ"), region.message());
        // the same lane with nothing open past its lead time says nothing of the kind, and its deliveries "took" what they took
        DeliveryPlan calm = delivery().leadTime(without).fire();
        assertTrue(code(calm.getNotes(), ReasonCode.LEAD_TIME, "Lead time from past performance", Reason.Severity.INFO).message()
                .startsWith("SP1→RJ deliveries took up to 7 days"));
        assertTrue(reasons(calm.getNotes()).stream().noneMatch(x -> x.code() == ReasonCode.OPEN_ORDERS_AGEING));
    }

    @Test
    @DisplayName("A lead time past the horizon promises the horizon's last day with its lower chance, never REJECTED")
    void statisticPastTheHorizonIsNoDeadEnd() {
        double[] longTail = new double[200];
        for (int v = 2; v < 200; v++) longTail[v] = v < 150 ? 0.5 : 1.0;
        DeliveryPlan p = delivery().leadTime(history("SP1→RJ deliveries", 3, longTail)).fire();
        assertTrue(p.isFeasible(), "a statistic never makes a plan infeasible");
        assertEquals(p.getHorizonEnd(), p.getEarliest());
        assertEquals(0.5, p.getConfidenceAtEarliest(), 1e-9);
        Reason r = code(p.getNotes(), ReasonCode.LEAD_TIME, "Lead time from past performance", Reason.Severity.WARNING);
        assertTrue(r.message().contains("the last day planned for, is kept only 50% of the time"), r.message());
    }

    // ---- the worked example of rules/README.md ---------------------------------------------------

    /** The example rule exactly as rules/README.md shows it (the first drl block naming Friday). */
    static String workedExampleText() throws IOException {
        String readme = Files.readString(Path.of("rules/README.md"), StandardCharsets.UTF_8);
        int at = readme.indexOf("```drl\n// Protects: an order placed on a Friday after 16:00");
        assertTrue(at >= 0, "rules/README.md shows the worked example");
        int from = readme.indexOf('\n', at) + 1;
        return readme.substring(from, readme.indexOf("```", from));
    }

    @Test
    @DisplayName("BUFFER_ADDED: the README's worked example adds one day to Friday orders after 16:00, and to no others")
    void workedExample() throws IOException {
        List<RuleFile> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(RuleHarness.RULES_DIR)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".drl")).sorted().toList()) {
                files.add(new RuleFile(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8)));
            }
        }
        String example = "package rules;\nimport com.promisevalidator.validation.facts.DeliveryPlan;\nimport java.time.DayOfWeek;\n\n" + workedExampleText();
        files.add(new RuleFile("friday-buffer.drl", example));
        // the record-style conditions the guide shows compile too
        files.add(new RuleFile("guide-snippets.drl", String.join("\n", "package rules;",
                "import com.promisevalidator.validation.facts.*;",
                "// Protects: (guide snippet)",
                "rule \"Guide snippet\"", "ruleflow-group \"evidence\"", "when",
                "    $r : TrackRecord( mastery().keptRate() < 0.8 )",
                "    $p : DeliveryPlan( asked, leadTime.fromHistory(), leadTime.n() > 0, capacity.limit != null )",
                "then", "end", "")));
        RuleCompiler.Result result = new RuleCompiler().compile(files);
        assertTrue(result.ok(), () -> "the worked example compiles and passes the gate: " + result.errors() + result.violations());
        KieBase kb = result.ruleSet().kieBase();

        DeliveryPlan late = fireOn(kb, delivery().orderedAt(local(3, "16:30")).build()); // Friday 16:30 -> Mon dispatch, +2, +1
        assertEquals(day(6), late.getDispatch());
        assertEquals(day(9), late.getEarliest());
        Reason r = code(late.getNotes(), ReasonCode.BUFFER_ADDED, "Friday late orders get one extra day", Reason.Severity.INFO);
        assertEquals("SP1 adds 1 day to this promise; the earliest date that holds is " + say(9) + ".", r.message());

        DeliveryPlan earlier = fireOn(kb, delivery().orderedAt(local(3, "15:59")).build());
        assertEquals(day(8), earlier.getEarliest());
        DeliveryPlan thursday = fireOn(kb, delivery().orderedAt(local(2, "17:00")).build());
        assertEquals(day(5), thursday.getEarliest());
        assertTrue(reasons(thursday.getNotes()).stream().noneMatch(x -> x.code() == ReasonCode.BUFFER_ADDED));
    }

    private static DeliveryPlan fireOn(KieBase kb, DeliveryPlan p) {
        KieSession s = kb.newKieSession();
        try {
            List<Object> facts = new ArrayList<>(List.of(p));
            facts.addAll(p.getLines());
            assertTrue(RulePhases.fire(s, facts, 1000) < 1000);
            return p;
        } finally {
            s.dispose();
        }
    }

    @Test
    @DisplayName("every reason code a rule can give is asserted by a test of this class")
    void everyRuleCodeHasATest() throws IOException {
        String source = Files.readString(Path.of("src/test/java/com/promisevalidator/rules/drl/ReasonCodesRulesTest.java"));
        Set<ReasonCode> missing = EnumSet.complementOf(EnumSet.copyOf(NOT_FROM_RULES));
        missing.removeIf(c -> source.contains("Notes(), ReasonCode." + c.name() + ","));
        assertEquals(Set.of(), missing, "reason codes no rule test asserts");
    }
}
