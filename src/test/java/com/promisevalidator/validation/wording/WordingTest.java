package com.promisevalidator.validation.wording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.promisevalidator.performance.model.SourceWords;
import com.promisevalidator.validation.facts.Finding;
import com.promisevalidator.validation.facts.Reason;
import com.promisevalidator.validation.facts.ReasonCode;

/** The wording writer on its own: templates, formats, languages, fallbacks. No rules, no Quarkus. */
class WordingTest {

    static final Path RULES = Path.of("rules");
    static final LocalDate TODAY = LocalDate.of(2026, 12, 2);
    static final ReasonWriter SHIPPED = new ReasonWriter(RULES);

    private static Wording english() {
        return SHIPPED.english(TODAY);
    }

    private static Wording portuguese() {
        return SHIPPED.wording(List.of(Locale.forLanguageTag("pt-BR")), TODAY);
    }

    /** Probe P5 M4: a site that had not slowed was told "work everywhere has been slower"; the memory is the type's, across sites. */
    @Test
    void aServicesShortMemorySaysWhichJobsSlowed() {
        assertEquals("WASH jobs, taken across all sites, have been slower than usual lately, so this counts the recent jobs most "
                + "(a 7-day memory instead of the usual one).",
                english().say("SERVICE_DURATION.recentMemory", Map.of("serviceType", "WASH", "recentMemoryDays", 7)));
    }

    /** Probe P6 L4: "(1 orders)". */
    @Test
    void aDayOfOneOrderSaysOrder() {
        assertEquals("SP is fully booked on Mon Dec 7 (1 order); the next day with room is Tue Dec 8.", english().say("DAY_FULL",
                Map.of("site", "SP", "fullDay", LocalDate.of(2026, 12, 7), "dailyCapacity", 1, "dispatch", LocalDate.of(2026, 12, 8))));
    }

    /** Probe P5 M2: "56 minutes is kept 90% of the time" beside "does not hold" (0.896 against a target of 0.90). */
    @Test
    void aChanceUnderTheTargetNeverReadsAsTheTarget() {
        Wording w = english();
        assertEquals("89.6%", w.pct(0.896, 0.9));
        assertEquals("89.9%", w.pct(0.89999, 0.9));
        assertEquals("85%", w.pct(0.85, 0.9), "well under it: whole percents as before");
        assertEquals("90%", w.pct(0.9, 0.9));
        assertEquals("90%", w.pct(0.9004, 0.9), "at or over it: as before");
        assertEquals("92%", w.pct(0.9248, 0.925), "92% already reads under 92.5%");
        assertEquals("89,9%", portuguese().pct(0.8996, 0.9));
        assertEquals("CUT at SALON took up to 57 minutes 90% of the time (441 jobs); 56 minutes is kept 89.6% of the time; "
                + "57 minutes is kept 91%.", w.say("SERVICE_DURATION.history.notKept", Map.of("source", "CUT at SALON", "site", "SALON",
                        "historyMinutesAtTarget", 57, "target", 0.9, "sampleSize", 441, "askedMinutes", 56, "confidenceAsked", 0.896,
                        "minutesAtTarget", 57, "confidenceAtRealistic", 0.9123)));
    }

    @Test
    void chancesKeepADecimalOnlyNearTheEnds() {
        Wording w = english();
        assertEquals("12%", w.pct(0.12));
        assertEquals("90%", w.pct(0.9));
        assertEquals("99.6%", w.pct(0.9961));
        assertEquals("0.6%", w.pct(0.006));
        assertEquals("0%", w.pct(0));
        assertEquals("100%", w.pct(1));
        assertEquals("92.5%", w.pct(0.925), "a target given in tenths as given, not 93%");
        assertEquals("92,5%", portuguese().pct(0.925));
        assertEquals("92%", w.pct(0.9234), "a chance the service worked out keeps whole percents");
        assertEquals("99.99%", w.pct(0.9999), "never 100.0% for what is not certain");
        assertEquals("99.999%", w.pct(0.999999));
        assertEquals("0.01%", w.pct(0.0001));
        assertEquals("0.001%", w.pct(0.000001), "never 0.0% for what can happen");
        assertEquals("192.7%", w.pct(1.927), "a factor over 100% in tenths keeps one decimal (probe svc: it read 192.700%)");
        assertEquals("99,9%", portuguese().pct(0.999)); // the language's decimal comma
    }

    @Test
    void countsHaveGroupingAndPlurals() {
        Messages m = Messages.read(Locale.ENGLISH, "format.day=d\nformat.dayWithYear=d y\nformat.time=d\nformat.timeWithYear=d\n"
                + "n={n,plural,order,orders}\n", null);
        Wording w = new Wording(m, TODAY);
        assertEquals("1 order", w.say("n", Map.of("n", 1)));
        assertEquals("0 orders", w.say("n", Map.of("n", 0L)));
        assertEquals("2,057 orders", w.say("n", Map.of("n", 2057L)));
        assertEquals("1,000,000 orders", w.say("n", Map.of("n", 1_000_000)));
    }

    /** Probe svc L10: "took up to 1133 minutes …; quote 1,133 minutes" in one sentence, and "1 minutes is kept". */
    @Test
    void minutesInSentencesAreWrittenOneWay() {
        Map<String, Object> v = Map.of("source", "TRANSMISSION at BER", "historyMinutesAtTarget", 1133, "target", 0.9, "sampleSize", 59,
                "askedMinutes", 1, "confidenceAsked", 0.001, "minutesAtTarget", 1133.5, "confidenceAtRealistic", 0.9);
        assertEquals("TRANSMISSION at BER took up to 1,133 minutes (18 hours and 53 minutes) 90% of the time (59 jobs); 1 minute is kept "
                + "0.1% of the time; 1,133.5 minutes (18 hours and 54 minutes) is kept 90%.", english().say("SERVICE_DURATION.history.notKept", v));
        assertTrue(portuguese().say("SERVICE_DURATION.history.notKept", v).contains("1.133 minutos"), portuguese().say("SERVICE_DURATION.history.notKept", v));
    }

    /**
     * Probe kinds: a repair of days was said as "5,600 minutes" only. Minutes stay what the answer's numbers are; from two
     * hours they are also said in hours, from a day in days and hours, rounded up so the words never promise less.
     */
    @Test
    void aJobOfHoursOrDaysIsAlsoSaidInHoursOrDays() {
        Map<String, Object> v = Map.of("source", "BOARD_REPAIR at GARAGE-1", "historyMinutesAtTarget", 5600, "target", 0.9, "sampleSize", 40,
                "minutesAtTarget", 5600);
        assertEquals("BOARD_REPAIR at GARAGE-1 took up to 5,600 minutes (3 days and 22 hours) 90% of the time (40 jobs); "
                + "quote 5,600 minutes (3 days and 22 hours).", english().say("SERVICE_DURATION.history.best", v));
        assertTrue(portuguese().say("SERVICE_DURATION.history.best", v).endsWith("5.600 minutos (3 dias e 22 horas)."),
                portuguese().say("SERVICE_DURATION.history.best", v));
        Wording w = english();
        assertEquals("A bay is free at Mon Dec 7 07:00 for 119.5 minutes.", w.say("BAY_FREE", Map.of("start", "2026-12-07T07:00", "minutes", 119.5)),
                "under two hours, minutes alone");
        assertEquals("A bay is free at Mon Dec 7 07:00 for 120 minutes (2 hours).", w.say("BAY_FREE", Map.of("start", "2026-12-07T07:00", "minutes", 120)));
        assertEquals("A bay is free at Mon Dec 7 07:00 for 130.2 minutes (2 hours and 11 minutes).",
                w.say("BAY_FREE", Map.of("start", "2026-12-07T07:00", "minutes", 130.2)), "rounded up, never less");
        assertEquals("A bay is free at Mon Dec 7 07:00 for 1,440 minutes (1 day).", w.say("BAY_FREE", Map.of("start", "2026-12-07T07:00", "minutes", 1440)));
        assertEquals("A bay is free at Mon Dec 7 07:00 for 1,441 minutes (1 day and 1 hour).",
                w.say("BAY_FREE", Map.of("start", "2026-12-07T07:00", "minutes", 1441)));
        assertEquals("A bay is free at Mon Dec 7 07:00 for 2,870 minutes (2 days).", w.say("BAY_FREE", Map.of("start", "2026-12-07T07:00", "minutes", 2870)),
                "47 hours 50 minutes rounds up to two whole days");
        // a messages file of before the units (an old rules directory) says them in the built-in English words
        Messages old = Messages.read(Locale.ENGLISH, "format.day=d\nformat.dayWithYear=d y\nformat.time=d\nformat.timeWithYear=d\n"
                + "n={n,minutes}\n", null);
        assertEquals("3 minutes", new Wording(old, TODAY).say("n", Map.of("n", 3)));
        assertEquals("150 minutes (2 hours and 30 minutes)", new Wording(old, TODAY).say("n", Map.of("n", 150)));
    }

    /** Probes P13 M1 / P14 M1: "took up to 33.5 minutes …; quote 33 minutes": the count said aloud undercut the recommended 33.5. */
    @Test
    void aCountWithDecimalsKeepsThemAndNeverReadsLess() {
        Map<String, Object> v = Map.of("source", "WASH at P13G", "historyMinutesAtTarget", 33.5, "target", 0.9, "sampleSize", 30,
                "minutesAtTarget", 33.5);
        assertEquals("WASH at P13G took up to 33.5 minutes 90% of the time (30 jobs); quote 33.5 minutes.",
                english().say("SERVICE_DURATION.history.best", v));
        assertTrue(portuguese().say("SERVICE_DURATION.history.best", v).endsWith("prometa 33,5 minutos."),
                portuguese().say("SERVICE_DURATION.history.best", v));
        assertTrue(english().say("SERVICE_DURATION.planning.best", Map.of("serviceType", "WASH", "site", "P13G", "standardMinutes", 39,
                "minutesAtTarget", new java.math.BigDecimal("39.25"))).endsWith("quote 39.25 minutes."));
        Messages m = Messages.read(Locale.ENGLISH, "format.day=d\nformat.dayWithYear=d y\nformat.time=d\nformat.timeWithYear=d\n"
                + "n={n,plural,minute,minutes}\n", null);
        Wording w = new Wording(m, TODAY);
        assertEquals("1 minute", w.say("n", Map.of("n", 1.0)), "a whole value with a decimal point is still one");
        assertEquals("0.5 minutes", w.say("n", Map.of("n", 0.5)));
        assertEquals("1.5 minutes", w.say("n", Map.of("n", "1.5")), "read back from source words");
        assertEquals("2,057.25 minutes", w.say("n", Map.of("n", 2057.25)));
        assertEquals("1 minute", w.say("n", Map.of("n", "1")));
        assertEquals("NaN minutes", w.say("n", Map.of("n", Double.NaN)), "not a count: said as it is, never a failed answer");
    }

    @Test
    void datesShowTheYearOnlyWhenItIsNotThisYear() {
        Wording w = english();
        assertEquals("Ship from SP: delivered by Fri Dec 4.",
                w.say("alternative.OTHER_SITE.delivery", Map.of("site", "SP", "promisedBy", "2026-12-04")));
        assertEquals("Ship from SP: delivered by Fri Jan 1, 2027.",
                w.say("alternative.OTHER_SITE.delivery", Map.of("site", "SP", "promisedBy", LocalDate.of(2027, 1, 1))));
        assertEquals("A bay is free at Thu Dec 31, 2026 09:30 (UTC-3) for 20 minutes.",
                SHIPPED.english(LocalDate.of(2027, 1, 5)).say("BAY_FREE", Map.of("start", "2026-12-31T09:30:00-03:00", "minutes", 20)));
    }

    @Test
    void aTimeWithAnOffsetIsLabelledWithItInEveryLanguage() {
        // evidence carries the site's local time with its offset: the sentence names the zone, so a rep whose device is in
        // Lisbon does not read the garage's 07:00 as their own
        Map<String, Object> v = Map.of("start", "2026-12-07T07:00:00-03:00", "minutes", 47);
        assertEquals("A bay is free at Mon Dec 7 07:00 (UTC-3) for 47 minutes.", english().say("BAY_FREE", v));
        assertTrue(portuguese().say("BAY_FREE", v).contains("07:00 (UTC-3)"), portuguese().say("BAY_FREE", v));
        assertEquals("A bay is free at Mon Dec 7 07:00 (UTC) for 47 minutes.",
                english().say("BAY_FREE", Map.of("start", java.time.OffsetDateTime.parse("2026-12-07T07:00:00Z"), "minutes", 47)));
        assertEquals("UTC+5:30", Wording.utc(java.time.ZoneOffset.ofHoursMinutes(5, 30)));
        assertEquals("UTC+1", Wording.utc(java.time.ZoneOffset.ofHours(1)));
        // a local time without an offset is said as it is
        assertEquals("A bay is free at Mon Dec 7 07:00 for 47 minutes.", english().say("BAY_FREE", Map.of("start", "2026-12-07T07:00", "minutes", 47)));
    }

    @Test
    void decimalsInPortugueseSentencesTakeTheDecimalComma() {
        Finding f = Finding.of(ReasonCode.SERVICE_DURATION, Reason.Severity.WARNING, "history.notKept", "site", "GARAGE-1",
                "serviceType", "OIL_CHANGE", "historyMinutesAtTarget", 47, "minutesAtTarget", 47, "target", 0.9, "sampleSize", 2375L,
                "askedMinutes", new java.math.BigDecimal("12.5"), "confidenceAsked", 0.006, "confidenceAtRealistic", 0.9);
        String pt = portuguese().reason("x", f).message();
        assertTrue(pt.contains("12,5 minutos se cumprem em 0,6% das vezes"), pt);
        assertFalse(pt.contains("12.5"), pt);
        assertTrue(english().reason("x", f).message().contains("12.5 minutes is kept 0.6% of the time"), english().reason("x", f).message());

        Finding rec = Finding.of(ReasonCode.REP_RECORD, Reason.Severity.INFO, "service", "rep", "bob", "promises", 2375L, "kept", 1200L,
                "keptRate", 0.505, "masteryScore", 5.0);
        String said = portuguese().reason("x", rec).message();
        assertTrue(said.contains("(2.375 promessas; nota de domínio 5,0/10)"), said);
        assertTrue(english().reason("x", rec).message().contains("(2,375 promises; mastery score 5.0/10)"), english().reason("x", rec).message());
        assertTrue(portuguese().say("BAY_FREE", Map.of("start", "2026-12-07T07:00:00-03:00", "minutes", 12.25)).contains("por 12,25 minutos"));
    }

    @Test
    void aLeadTimeFindingReadsAsToday() {
        Finding f = Finding.of(ReasonCode.LEAD_TIME, Reason.Severity.INFO, "history.kept", "source", "SP→RJ deliveries",
                "leadDaysAtTarget", 7, "historyDaysAtTarget", 7, "target", 0.9, "sampleSize", 2057L, "askedBy", "2026-12-14", "confidenceAsked", 0.999);
        Reason r = english().reason("Lead time from past performance", f);
        assertEquals(ReasonCode.LEAD_TIME, r.code());
        assertEquals("Lead time from past performance", r.rule());
        assertEquals(Reason.Severity.INFO, r.severity());
        assertEquals("SP→RJ deliveries took up to 7 days 90% of the time (2,057 orders); Mon Dec 14 is kept 99.9% of the time.",
                r.message());
        assertEquals(f.evidence(), r.evidence());
        assertEquals("As entregas SP→RJ levaram até 7 dias em 90% das vezes (2.057 pedidos); seg., 14 de dez. se cumpre em 99,9% das vezes.",
                portuguese().reason("x", f).message());
    }

    /**
     * An estimate at the ends is not read aloud as a certainty, nor to the thousandth: "99.999%" stood in the reason beside
     * the page's "more than 99.9%" for the same chance. A chance of exactly 0 (a date before the order can leave) stays 0%.
     */
    @Test
    void anEstimatedChanceAtTheEndsIsMoreThanOrLessThan() {
        Map<String, Object> asked = new java.util.HashMap<>(Map.of("source", "SP→RJ deliveries", "leadDaysAtTarget", 7,
                "historyDaysAtTarget", 7, "target", 0.9, "sampleSize", 2057L, "askedBy", "2026-12-21"));
        asked.put("confidenceAsked", 0.9999999999999997);
        assertEquals("SP→RJ deliveries took up to 7 days 90% of the time (2,057 orders); Mon Dec 21 is kept more than 99.9% of the time.",
                english().say("LEAD_TIME.history.kept", asked));
        assertTrue(portuguese().say("LEAD_TIME.history.kept", asked).endsWith("se cumpre em mais de 99,9% das vezes."),
                portuguese().say("LEAD_TIME.history.kept", asked));
        asked.put("confidenceAsked", 1.0);
        assertTrue(english().say("LEAD_TIME.history.kept", asked).endsWith("is kept more than 99.9% of the time."));
        asked.put("confidenceAsked", 0.9994);
        assertTrue(english().say("LEAD_TIME.history.kept", asked).endsWith("is kept 99.9% of the time."), "under the edge: as pct says it");

        Map<String, Object> service = new java.util.HashMap<>(Map.of("source", "CUT at SALON", "site", "SALON", "historyMinutesAtTarget", 57,
                "target", 0.9, "sampleSize", 441, "askedMinutes", 10, "minutesAtTarget", 57, "confidenceAtRealistic", 0.9123));
        service.put("confidenceAsked", 0.00001);
        assertTrue(english().say("SERVICE_DURATION.history.notKept", service).contains("10 minutes is kept less than 0.1% of the time"),
                english().say("SERVICE_DURATION.history.notKept", service));
        service.put("confidenceAsked", 0.0);
        assertTrue(english().say("SERVICE_DURATION.history.notKept", service).contains("10 minutes is kept 0% of the time"));
        // pct keeps its digits where a figure is not an estimate (a rep's record, a change)
        assertEquals("99.999%", english().pct(0.99999));
    }

    /** Probe dlv L3: a same-day lane read "AKL→AUCK deliveries took up to 0 days 90% of the time". */
    @Test
    void aSameDayLaneSaysSo() {
        Finding f = Finding.of(ReasonCode.LEAD_TIME, Reason.Severity.INFO, "history.best", "source", "AKL→AUCK deliveries",
                "leadDaysAtTarget", 0, "historyDaysAtTarget", 0, "target", 0.9, "sampleSize", 60L, "earliest", "2026-12-04");
        assertEquals("AKL→AUCK deliveries arrived the same day 90% of the time (60 orders); the earliest date that holds is Fri Dec 4.",
                english().reason("x", f).message());
        assertTrue(portuguese().reason("x", f).message().contains("chegaram no mesmo dia"), portuguese().reason("x", f).message());
    }

    @Test
    void whatAnEstimateRestsOnIsSaidInTheAnswersLanguage() {
        for (String[] c : new String[][] {
                {"all deliveries", "All deliveries took", "As entregas de todos os centros levaram"},
                {"deliveries from SP", "Deliveries from SP took", "As entregas de SP levaram"},
                {"deliveries to RJ", "Deliveries to RJ took", "As entregas para RJ levaram"},
                {"SP→RJ deliveries", "SP→RJ deliveries took", "As entregas SP→RJ levaram"},
                {"words a test made up", "Words a test made up took", "Words a test made up levaram"}}) {
            Finding f = Finding.of(ReasonCode.LEAD_TIME, Reason.Severity.INFO, "history.best", "source", c[0], "leadDaysAtTarget", 3, "historyDaysAtTarget", 3,
                    "target", 0.9, "sampleSize", 40L, "earliest", "2026-12-14");
            assertTrue(english().reason("x", f).message().startsWith(c[1]), english().reason("x", f).message());
            assertTrue(portuguese().reason("x", f).message().startsWith(c[2]), portuguese().reason("x", f).message());
            assertEquals(c[0], f.evidence().get("source"), "the evidence keeps the service's own words");
        }
        // a thin service leaning on its type everywhere, in either language (probe api L4)
        Finding thin = Finding.of(ReasonCode.SERVICE_DURATION, Reason.Severity.INFO, "history.best", "source", "OIL at P24 together with OIL at all sites",
                "historyMinutesAtTarget", 42, "minutesAtTarget", 42, "target", 0.9, "sampleSize", 1L);
        assertTrue(english().reason("x", thin).message().startsWith("OIL at P24 together with OIL at all sites took up to 42 minutes"),
                english().reason("x", thin).message());
        assertTrue(portuguese().reason("x", thin).message().startsWith("OIL em P24 junto com OIL em todos os centros"), portuguese().reason("x", thin).message());
        Finding planned = Finding.of(ReasonCode.LEAD_TIME, Reason.Severity.INFO, "planning.best", "source", "the SP→RJ planning value",
                "leadDaysAtTarget", 2, "historyDaysAtTarget", 2, "target", 0.9, "earliest", "2026-12-14");
        assertTrue(english().reason("x", planned).message().startsWith("With no delivery history yet, the SP→RJ planning value plans 2 days"),
                english().reason("x", planned).message());
        assertTrue(portuguese().reason("x", planned).message().startsWith("Sem histórico de entregas ainda, o valor planejado de SP→RJ prevê 2 dias"),
                portuguese().reason("x", planned).message());
        Finding both = Finding.of(ReasonCode.LEAD_TIME, Reason.Severity.INFO, "planned.best", "source", SourceWords.lanePlanned("SP", "ZZT", 9),
                "leadDaysAtTarget", 9, "historyDaysAtTarget", 9, "target", 0.9, "sampleSize", 3L, "earliest", "2026-12-14");
        assertTrue(english().reason("x", both).message().startsWith("Going by SP→ZZT deliveries and the lane's planning value of 9 days, deliveries "
                + "take up to 9 days 90% of the time (3 orders on the lane); "), english().reason("x", both).message());
        assertTrue(portuguese().reason("x", both).message().startsWith("Segundo as entregas SP→ZZT e o valor planejado da rota, de 9 dias, as entregas "
                + "levam até 9 dias em 90% das vezes (3 pedidos na rota); "), portuguese().reason("x", both).message());
        Map<String, Object> risk = Map.of("confidence", 0.4, "promisedBy", "2026-12-14", "target", 0.9, "source", SourceWords.lanePlanned("SP", "ZZT", 1));
        assertTrue(english().atRisk("LEAD_TIME", risk).contains("going by SP→ZZT deliveries and the lane's planning value of 1 day, the chance"),
                english().atRisk("LEAD_TIME", risk));
        assertTrue(portuguese().atRisk("LEAD_TIME", risk).contains(" segundo as entregas SP→ZZT e o valor planejado da rota, de 1 dia (meta 90%)"),
                portuguese().atRisk("LEAD_TIME", risk));
        Finding beyond = Finding.of(ReasonCode.LEAD_TIME, Reason.Severity.INFO, "planningBeyond.best", "source", "the SP→ZZ1 planning value",
                "leadDaysAtTarget", 12, "historyDaysAtTarget", 12, "planningDays", 9, "planningConfidence", 0.9, "target", 0.95, "earliest", "2026-12-14");
        assertTrue(english().reason("x", beyond).message().startsWith("With no delivery history yet, the SP→ZZ1 planning value is 9 days (kept 90% of the "
                + "time); 95% needs 12 days, as other lanes' slower deliveries go; the earliest date that holds is "), english().reason("x", beyond).message());
        assertTrue(portuguese().reason("x", beyond).message().startsWith("Sem histórico de entregas ainda, o valor planejado de SP→ZZ1 é de 9 dias "
                + "(cumprido em 90% das vezes); 95% pede 12 dias, como vão as entregas mais lentas de outras rotas; "), portuguese().reason("x", beyond).message());
        assertEquals(new SourceWords.Parsed("serviceAt", java.util.Map.of("serviceType", "OIL_CHANGE", "site", "GARAGE-1")),
                SourceWords.parse(SourceWords.serviceAt("OIL_CHANGE", "GARAGE-1")));
        assertEquals(new SourceWords.Parsed("standard", java.util.Map.of("minutes", "30")), SourceWords.parse(SourceWords.standardMinutes(30)));
    }

    @Test
    void anOpsBufferIsSaidApartFromWhatHistorySays() {
        Finding f = Finding.of(ReasonCode.LEAD_TIME, Reason.Severity.INFO, "history.best", "lane", "SP→RJ", "source", "SP→RJ deliveries",
                "leadDaysAtTarget", 8, "historyDaysAtTarget", 6, "target", 0.9, "sampleSize", 2057L, "earliest", "2026-12-14", "bufferDays", 2);
        assertEquals("SP→RJ deliveries took up to 6 days 90% of the time (2,057 orders); the earliest date that holds is Mon Dec 14; "
                + "ops add 2 days to this on SP→RJ.", english().reason("x", f).message());
    }

    @Test
    void aLaneSlowerThanTheHorizonSaysItsLastDayIsAGamble() {
        Finding f = Finding.of(ReasonCode.LEAD_TIME, Reason.Severity.WARNING, "history.pastHorizon", "source", "SP→RJ deliveries",
                "leadDaysAtTarget", 7, "historyDaysAtTarget", 7, "target", 0.9, "sampleSize", 2057L, "earliest", "2026-12-14",
                "confidenceAtEarliest", 0.27);
        assertEquals("SP→RJ deliveries took up to 7 days 90% of the time (2,057 orders), longer than we plan ahead: Mon Dec 14, the last "
                + "day planned for, is kept only 27% of the time.", english().reason("x", f).message());
    }

    /** An SP→RJ lead time of {@code days} (12 days: the short memory's and the pace's examples), with {@code extra} evidence. */
    private static Finding spToRj(int days, Object... extra) {
        Object[] base = {"source", "SP→RJ deliveries", "leadDaysAtTarget", days, "historyDaysAtTarget", days, "target", 0.9,
                "sampleSize", 2057L, "earliest", "2026-12-14"};
        return Finding.of(ReasonCode.LEAD_TIME, Reason.Severity.INFO, "history.best", concat(base, extra));
    }

    @Test
    void anEstimateOnAShortMemorySaysSoInTheSameSentence() {
        Finding f = spToRj(12, "recentMemoryDays", 7);
        assertEquals("SP→RJ deliveries took up to 12 days 90% of the time (2,057 orders); the earliest date that holds is Mon Dec 14; "
                + "deliveries everywhere have been slower than usual lately, so this counts the recent orders most (a 7-day memory "
                + "instead of the usual one).", english().reason("x", f).message());
        assertTrue(portuguese().reason("x", f).message().endsWith("(memória de 7 dias em vez da habitual)."),
                portuguese().reason("x", f).message());
        assertFalse(english().reason("x", spToRj(7)).message().contains("memory"));
    }

    /** Probe later H2: a promise stretched by deliveries' recent pace says so, in the same sentence, either way. */
    @Test
    void anEstimateStretchedByTheRecentPaceSaysSo() {
        assertEquals("SP→RJ deliveries took up to 12 days 90% of the time (2,057 orders); the earliest date that holds is Mon Dec 14; "
                + "deliveries everywhere have been going about 20% faster lately than the orders this counts, and this promise allows "
                + "for it.", english().reason("x", spToRj(12, "recentPace", 0.8)).message());
        Finding slower = spToRj(12, "recentPace", 1.15);
        assertTrue(english().reason("x", slower).message().contains("about 15% slower lately"), english().reason("x", slower).message());
        assertTrue(portuguese().reason("x", slower).message().contains("cerca de 15% mais lentas"), portuguese().reason("x", slower).message());
        assertFalse(english().reason("x", spToRj(12, "recentPace", 0.98)).message().contains("faster"), "2% is not said aloud");
    }

    /**
     * Probe P11: a service reason became two or three sentences ("…91%. WASH jobs, taken across all sites, have been slower…
     * Jobs started on Tuesdays…"); PRODUCT.md: reasons[].message is one plain sentence a rep can read to a customer.
     */
    @Test
    void noReasonOfVariedAnswersHasMoreThanOneSentence() {
        Object[] extras = {"recentMemoryDays", 7, "bufferMinutes", 5, "timeOfWeek", "tuesday 9-12", "timeOfWeekFactor", 0.893,
                "timeOfWeekFrom", "site", "standardTurnsOut", 1.27, "standardJobs", 4210L, "standardServices", 36};
        List<Finding> answers = new java.util.ArrayList<>();
        for (String verdict : List.of("history.best", "history.kept", "history.notKept", "planning.best", "planning.notKept")) {
            Object[] base = {"site", "BER", "serviceType", "WASH", "source", "WASH at BER", "minutesAtTarget", 26, "historyMinutesAtTarget", 21,
                    "standardMinutes", 12, "target", 0.9, "sampleSize", 330L, "askedMinutes", 15, "confidenceAsked", 0.55,
                    "confidenceAtRealistic", 0.91};
            answers.add(Finding.of(ReasonCode.SERVICE_DURATION, Reason.Severity.INFO, verdict, concat(base, extras)));
            answers.add(Finding.of(ReasonCode.SERVICE_DURATION, Reason.Severity.INFO, verdict, concat(base, new Object[] {"recentMemoryDays", 7,
                    "timeOfWeek", "weekend 12-15", "timeOfWeekFactor", 1.2})));
        }
        for (String verdict : List.of("history.best", "history.notKept", "planned.best", "planned.pastHorizon", "ageing.kept",
                "planning.notKept", "planningBeyond.best")) {
            answers.add(Finding.of(ReasonCode.LEAD_TIME, Reason.Severity.INFO, verdict, "lane", "SP→MG", "source",
                    verdict.startsWith("planned") ? SourceWords.lanePlanned("SP", "MG", 3) : "SP→MG deliveries", "leadDaysAtTarget", 14,
                    "historyDaysAtTarget", 12, "planningDays", 3, "planningConfidence", 0.6, "target", 0.9, "sampleSize", 360L,
                    "earliest", "2026-12-14", "askedBy", "2026-12-10", "confidenceAsked", 0.4, "confidenceAtEarliest", 0.91,
                    "recentMemoryDays", 7, "bufferDays", 2));
        }
        // a full stop then more words, save after an abbreviated month ("14 de dez. se cumpre")
        java.util.regex.Pattern twoSentences = java.util.regex.Pattern.compile("(?<! de \\p{L}{3})[.!?]\\s");
        for (Wording w : List.of(english(), portuguese())) {
            for (Finding f : answers) {
                String m = w.reason("x", f).message();
                assertTrue(m.endsWith(".") && !twoSentences.matcher(m).find() && !m.contains(".;") || m.contains("dez.;"), m);
            }
        }
        // everything is still said, in one sentence
        assertEquals("WASH at BER took up to 21 minutes 90% of the time (330 jobs); 15 minutes is kept 55% of the time; 26 minutes is kept 91%; "
                + "WASH jobs, taken across all sites, have been slower than usual lately, so this counts the recent jobs most (a 7-day memory "
                + "instead of the usual one); ops add 5 minutes to this for WASH; jobs started on Tuesdays between 09:00 and 12:00 take about "
                + "10.7% less time than at other times (going by BER's own jobs), and this allows for it; services have taken about 27% "
                + "longer than their standard times (4,210 jobs of 36 services at all sites), and this plan allows 75% more than the standard.",
                english().reason("x", answers.get(4)).message());
        // an abbreviated date before a clause keeps its dot (Portuguese "dez."), and the clause follows it
        assertTrue(portuguese().reason("x", answers.get(10)).message().contains(" de dez.; as entregas em geral"),
                portuguese().reason("x", answers.get(10)).message());
    }

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void aServiceEstimateForABusyBandOfTheWeekSaysSo() {
        Finding f = Finding.of(ReasonCode.SERVICE_DURATION, Reason.Severity.INFO, "history.best", "site", "GARAGE-1",
                "serviceType", "OIL_CHANGE", "minutesAtTarget", 47, "historyMinutesAtTarget", 47, "target", 0.9, "sampleSize", 720L,
                "timeOfWeek", "weekday 12-15", "timeOfWeekFactor", 1.12);
        assertTrue(english().reason("x", f).message().endsWith("; jobs started on weekdays between 12:00 and 15:00 take about 12% longer "
                + "than at other times (going by jobs at all sites), and this allows for it."), english().reason("x", f).message());
        assertTrue(portuguese().reason("x", f).message().endsWith("; os serviços iniciados em dias úteis entre 12:00 e 15:00 levam cerca de "
                + "12% mais tempo do que nos outros horários (segundo os serviços de todos os centros), e esta estimativa já leva isso em conta."),
                portuguese().reason("x", f).message());
        Finding quiet = Finding.of(ReasonCode.SERVICE_DURATION, Reason.Severity.INFO, "history.best", "site", "GARAGE-1",
                "serviceType", "OIL_CHANGE", "minutesAtTarget", 40, "historyMinutesAtTarget", 40, "target", 0.9, "sampleSize", 720L,
                "timeOfWeek", "weekend 21-24", "timeOfWeekFactor", 0.9);
        assertTrue(english().reason("x", quiet).message().endsWith("; jobs started at weekends between 21:00 and 00:00 take about 10% less "
                + "time than at other times (going by jobs at all sites), and this allows for it."), english().reason("x", quiet).message());
        // a day's own band ("friday 12-15") is said with its day
        Finding friday = Finding.of(ReasonCode.SERVICE_DURATION, Reason.Severity.INFO, "history.best", "site", "GARAGE-1",
                "serviceType", "OIL_CHANGE", "minutesAtTarget", 47, "historyMinutesAtTarget", 47, "target", 0.9, "sampleSize", 720L,
                "timeOfWeek", "friday 12-15", "timeOfWeekFactor", 1.15, "timeOfWeekFrom", "site");
        assertTrue(english().reason("x", friday).message().endsWith("; jobs started on Fridays between 12:00 and 15:00 take about 15% longer "
                + "than at other times (going by GARAGE-1's own jobs), and this allows for it."), english().reason("x", friday).message());
        assertTrue(portuguese().reason("x", friday).message().endsWith("; os serviços iniciados às sextas-feiras entre 12:00 e 15:00 levam cerca de "
                + "15% mais tempo do que nos outros horários (segundo os serviços do próprio GARAGE-1), e esta estimativa já leva isso em conta."),
                portuguese().reason("x", friday).message());
        assertFalse(english().reason("x", f).message().contains("here"), "a pooled effect is never said to be this site's (probe P11)");
        Finding slight = Finding.of(ReasonCode.SERVICE_DURATION, Reason.Severity.INFO, "history.best", "site", "GARAGE-1",
                "serviceType", "OIL_CHANGE", "minutesAtTarget", 47, "historyMinutesAtTarget", 47, "target", 0.9, "sampleSize", 720L,
                "timeOfWeek", "weekday 12-15", "timeOfWeekFactor", 0.991);
        assertFalse(english().reason("x", slight).message().contains("jobs started"), "1 % is within a job's usual spread: no sentence");
    }

    @Test
    void aStandardWithDecimalsIsSaidWithThemInEachLanguage() {
        Finding f = Finding.of(ReasonCode.SERVICE_DURATION, Reason.Severity.INFO, "history.best", "site", "GARAGE-1",
                "serviceType", "OIL_CHANGE", "source", com.promisevalidator.performance.model.SourceWords.serviceLeaning("OIL_CHANGE", "GARAGE-1", com.promisevalidator.performance.model.SourceWords.standardMinutes(12.5)),
                "fromHistory", true, "sampleSize", 3L, "minutesAtTarget", new java.math.BigDecimal("14.5"),
                "historyMinutesAtTarget", new java.math.BigDecimal("14.5"), "standardMinutes", new java.math.BigDecimal("12.5"), "target", 0.9);
        assertTrue(english().reason("x", f).message().contains("the standard 12.5 minutes"), english().reason("x", f).message());
        assertTrue(portuguese().reason("x", f).message().contains("o padrão de 12,5 minutos"), portuguese().reason("x", f).message());
    }

    @Test
    void aPlanFromAStandardReadAsStandardsTurnOutSaysSo() {
        Finding f = Finding.of(ReasonCode.SERVICE_DURATION, Reason.Severity.INFO, "planning.best", "site", "GARAGE-1",
                "serviceType", "BRAKES", "minutesAtTarget", 80, "historyMinutesAtTarget", 80, "standardMinutes", 60, "target", 0.9, "standardTurnsOut", 1.27,
                "standardJobs", 4210L, "standardServices", 36);
        assertTrue(english().reason("x", f).message().endsWith("; services have taken about 27% longer than their standard times "
                + "(4,210 jobs of 36 services at all sites), and this plan allows 33% more than the standard."), english().reason("x", f).message());
        assertTrue(portuguese().reason("x", f).message().contains("cerca de 27% mais tempo do que os tempos padrão (4.210 serviços de 36 ofertas"),
                portuguese().reason("x", f).message());
        Finding padded = Finding.of(ReasonCode.SERVICE_DURATION, Reason.Severity.INFO, "planning.best", "site", "GARAGE-1",
                "serviceType", "BRAKES", "minutesAtTarget", 50, "historyMinutesAtTarget", 50, "standardMinutes", 60, "target", 0.9, "standardTurnsOut", 0.8,
                "standardJobs", 1L, "standardServices", 1);
        assertTrue(english().reason("x", padded).message().endsWith("; services have taken about 20% less time than their standard times "
                + "(1 job of 1 service at all sites), and this plan allows 17% less than the standard."), english().reason("x", padded).message());
        Finding asPlanned = Finding.of(ReasonCode.SERVICE_DURATION, Reason.Severity.INFO, "planning.best", "site", "GARAGE-1",
                "serviceType", "BRAKES", "minutesAtTarget", 60, "historyMinutesAtTarget", 60, "standardMinutes", 60, "target", 0.9, "standardTurnsOut", 1.02,
                "standardJobs", 900L, "standardServices", 40);
        assertFalse(english().reason("x", asPlanned).message().contains("standard times"), "2 % is as planned: no sentence");
        Finding unmoved = Finding.of(ReasonCode.SERVICE_DURATION, Reason.Severity.INFO, "planning.best", "site", "GARAGE-1",
                "serviceType", "BRAKES", "minutesAtTarget", 61, "historyMinutesAtTarget", 61, "standardMinutes", 60, "target", 0.9, "standardTurnsOut", 3.3,
                "standardJobs", 900L, "standardServices", 1);
        assertFalse(english().reason("x", unmoved).message().contains("standard times"),
                "one service's standards barely moved the plan: nothing to explain");
        // services took 3.3 times their standard, but three services barely moved this plan (21 of 20 minutes): it says
        // what the plan allows, not that it allows for all of it
        Finding little = Finding.of(ReasonCode.SERVICE_DURATION, Reason.Severity.INFO, "planning.best", "site", "PD1",
                "serviceType", "NIGHT", "minutesAtTarget", 21, "historyMinutesAtTarget", 21, "standardMinutes", 20, "target", 0.9, "standardTurnsOut", 3.3,
                "standardJobs", 903L, "standardServices", 3);
        assertTrue(english().reason("x", little).message().endsWith("(903 jobs of 3 services at all sites), and this plan allows 5% more than the standard."),
                english().reason("x", little).message());
        // a plan that moved against the way standards turned out (a high quantile of faster jobs) is not explained by them
        Finding against = Finding.of(ReasonCode.SERVICE_DURATION, Reason.Severity.INFO, "planning.best", "site", "PD1",
                "serviceType", "NIGHT", "minutesAtTarget", 24, "historyMinutesAtTarget", 24, "standardMinutes", 20, "target", 0.9, "standardTurnsOut", 0.8,
                "standardJobs", 903L, "standardServices", 3);
        assertFalse(english().reason("x", against).message().contains("standard times"), english().reason("x", against).message());
    }

    @Test
    void theBestLanguageOfAcceptLanguageWithAFileWinsElseEnglish() {
        assertEquals(List.of(Locale.forLanguageTag("fr"), Locale.forLanguageTag("pt-BR"), Locale.forLanguageTag("en")),
                ReasonWriter.languages("en;q=0.5, pt-BR;q=0.8, fr"));
        assertEquals("pt", SHIPPED.wording(ReasonWriter.languages("fr, pt-BR;q=0.8, en;q=0.5"), TODAY).locale().getLanguage());
        assertEquals("en", SHIPPED.wording(ReasonWriter.languages("fr"), TODAY).locale().getLanguage());
        assertEquals("en", SHIPPED.wording(ReasonWriter.languages("en, pt"), TODAY).locale().getLanguage());
        assertEquals(List.of(), ReasonWriter.languages("!!not a header;q=x"));
        assertEquals(List.of(), ReasonWriter.languages(null));
    }

    private static Map<String, Object> short_(int available, int promisedBefore, int quantity, int shortBy) {
        return Map.of("site", "SP", "sku", "SKU-1", "dispatchDay", "2026-12-09", "available", available,
                "promisedBefore", promisedBefore, "quantity", quantity, "short", shortBy, "target", 0.9);
    }

    /** A stock shortage reads true for none and for one as for many (probe H1-5): no "6 of them" of 0, no "1 … units are". */
    @Test
    void aStockShortageReadsTrueForNoneAndForOne() {
        Wording w = english();
        assertEquals("At risk: SP has none of SKU-1 by Wed Dec 9, so this promise's 1 unit is not covered (target 90%).",
                w.atRisk("STOCK_SHORT", short_(0, 6, 1, 1)));
        assertEquals("At risk: SP has none of SKU-1 by Wed Dec 9, so this promise's 7 units are not covered (target 90%).",
                w.atRisk("STOCK_SHORT", short_(0, 0, 7, 7)));
        assertEquals("At risk: SP has only 5 SKU-1 by Wed Dec 9 and promises dispatched earlier need 6, so this promise's 1 unit is not covered (target 90%).",
                w.atRisk("STOCK_SHORT", short_(5, 6, 1, 1)));
        assertEquals("At risk: SP has only 15 SKU-1 by Wed Dec 9 and promises dispatched earlier take 10 of them; "
                + "of the 10 units this promise needs, 5 are not covered (target 90%).", w.atRisk("STOCK_SHORT", short_(15, 10, 10, 5)));
        assertEquals("At risk: SP has only 1 SKU-1 by Wed Dec 9; of the 2 units this promise needs, 1 is not covered (target 90%).",
                w.atRisk("STOCK_SHORT", short_(1, 0, 2, 1)));
        Wording pt = portuguese();
        assertEquals("Em risco: SP não tem nenhum SKU-1 até qua., 9 de dez., então 1 unidade desta promessa não está coberta (meta 90%).",
                pt.atRisk("STOCK_SHORT", short_(0, 6, 1, 1)));
        assertEquals("Em risco: SP tem só 15 SKU-1 até qua., 9 de dez. e promessas expedidas antes levam 10 deles; "
                + "das 10 unidades desta promessa, 5 não estão cobertas (meta 90%).", pt.atRisk("STOCK_SHORT", short_(15, 10, 10, 5)));
        // another code is worded by its one template, as say() does
        Map<String, Object> lead = Map.of("confidence", 0.5, "promisedBy", "2026-12-09", "source", "SP→RJ deliveries", "target", 0.9);
        assertEquals(w.say("atRisk.LEAD_TIME", lead), w.atRisk("LEAD_TIME", lead));
        // probe P14 M4: "…by Mon Dec 14 from SP→RJ deliveries and the lane's planning value…" read as where it ships from
        Map<String, Object> planned = Map.of("confidence", 0.567, "promisedBy", "2026-12-14",
                "source", "SP→RJ deliveries and the lane's planning value of 6 days", "target", 0.9);
        assertEquals("At risk: going by SP→RJ deliveries and the lane's planning value of 6 days, the chance of delivery by Mon Dec 14"
                + " is now 56.7% (target 90%).", w.atRisk("LEAD_TIME", planned));
    }

    /** Probe P11: capacity lowered below what is committed; with no day or no bay left the sentence says so, not "on ?". */
    @Test
    void capacityLoweredReadsTrueWithAndWithoutRoomLeft() {
        Map<String, Object> full = new java.util.HashMap<>(Map.of("site", "SP", "dispatchDay", "2026-12-07", "dailyCapacity", 1,
                "committedBefore", 5, "leavesOn", "2026-12-08", "promisedBy", "2026-12-14", "confidence", 0.4, "target", 0.9));
        assertEquals("At risk: SP now dispatches 1 order a day and 5 orders committed before this one fill Mon Dec 7, so it leaves on "
                + "Tue Dec 8 at the earliest: 40% chance of delivery by Mon Dec 14 (target 90%).", english().atRisk("DAY_FULL", full));
        full.remove("leavesOn");
        assertEquals("At risk: SP now dispatches 1 order a day, 5 orders committed before this one fill Mon Dec 7 and no working day "
                + "up to Mon Dec 14 has room left (target 90%).", english().atRisk("DAY_FULL", full));
        Map<String, Object> bay = new java.util.HashMap<>(Map.of("site", "BER", "serviceType", "WASH", "start", "2026-12-07T10:00:00+01:00",
                "bays", 2, "busyBays", 2, "target", 0.9));
        assertEquals("At risk: BER now has 2 bays for WASH, taken at Mon Dec 7 10:00 (UTC+1) by 2 jobs booked before this one, so it "
                + "cannot start then (target 90%).", english().atRisk("NO_FREE_BAY", bay));
        bay.put("bays", 0);
        assertEquals("At risk: BER now has no bay for WASH, so this job cannot start at Mon Dec 7 10:00 (UTC+1) (target 90%).",
                english().atRisk("NO_FREE_BAY", bay));
        assertTrue(portuguese().atRisk("NO_FREE_BAY", bay).startsWith("Em risco: BER agora não tem nenhum box para WASH"),
                portuguese().atRisk("NO_FREE_BAY", bay));
    }

    /** Probe P13 L7: "0 orders committed before this one fill Thu Dec 10" for a capacity lowered to 0; "1 job … take them". */
    @Test
    void capacityLoweredToNothingOrByOneReadsTrue() {
        Map<String, Object> one = new java.util.HashMap<>(Map.of("site", "SP", "dispatchDay", "2026-12-07", "dailyCapacity", 1,
                "committedBefore", 1, "leavesOn", "2026-12-08", "promisedBy", "2026-12-14", "confidence", 0.4, "target", 0.9));
        assertTrue(english().atRisk("DAY_FULL", one).contains("1 order committed before this one fills Mon Dec 7, so"), english().atRisk("DAY_FULL", one));
        assertTrue(portuguese().atRisk("DAY_FULL", one).contains("1 pedido firmado antes deste ocupa "), portuguese().atRisk("DAY_FULL", one));
        Map<String, Object> zero = new java.util.HashMap<>(Map.of("site", "P13A", "dispatchDay", "2026-12-10", "dailyCapacity", 0,
                "taken", 1, "committedBefore", 0, "promisedBy", "2026-12-12", "target", 0.9));
        assertEquals("At risk: P13A now dispatches no orders, so no working day up to Sat Dec 12 has room for this one (target 90%).",
                english().atRisk("DAY_FULL", zero));
        assertEquals("Em risco: P13A agora não expede nenhum pedido, então nenhum dia útil até sáb., 12 de dez. tem vaga para este (meta 90%).",
                portuguese().atRisk("DAY_FULL", zero));
        Map<String, Object> bay = Map.of("site", "BER", "serviceType", "WASH", "start", "2026-12-07T10:00:00+01:00", "bays", 1,
                "busyBays", 1, "target", 0.9);
        assertEquals("At risk: BER now has 1 bay for WASH, taken at Mon Dec 7 10:00 (UTC+1) by 1 job booked before this one, so it "
                + "cannot start then (target 90%).", english().atRisk("NO_FREE_BAY", bay));
        assertTrue(portuguese().atRisk("NO_FREE_BAY", bay).contains("1 box para WASH, sem vaga em "), portuguese().atRisk("NO_FREE_BAY", bay));
    }

    @Test
    void everyReasonCodeHasEnglishWordingAndPortugueseWordsNoUnknownKey() throws IOException {
        Properties en = load("messages.properties");
        Properties pt = load("messages_pt.properties");
        for (ReasonCode c : ReasonCode.values()) {
            boolean worded = en.stringPropertyNames().stream().anyMatch(k -> k.equals(c.name()) || k.startsWith(c.name() + ".")
                    || k.equals("atRisk." + c.name()));
            assertTrue(worded, "no template for " + c + " in rules/messages.properties");
        }
        Set<String> unknown = new TreeSet<>(pt.stringPropertyNames());
        unknown.removeAll(en.stringPropertyNames());
        assertEquals(Set.of(), unknown, "keys of messages_pt.properties that English does not have");
        Set<String> untranslated = new TreeSet<>(en.stringPropertyNames());
        untranslated.removeAll(pt.stringPropertyNames());
        assertEquals(Set.of(), untranslated, "English keys the Portuguese file lacks");
        assertEquals(List.of(), SHIPPED.problems());
    }

    @Test
    void brokenTemplatesAreRefusedWithTheirKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Messages.read(Locale.ENGLISH, "DAY_FULL={site} is full on {fullDay,weekday}\n", null));
        assertTrue(e.getMessage().startsWith("DAY_FULL: "), e.getMessage());
        assertTrue(e.getMessage().contains("unknown format 'weekday'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Messages.read(Locale.ENGLISH, "X=a {b\n", null));
        assertThrows(IllegalArgumentException.class, () -> Messages.read(Locale.ENGLISH, "X=a } b\n", null));
        assertThrows(IllegalArgumentException.class, () -> Messages.read(Locale.ENGLISH, "X={n,plural,order}\n", null));
        assertThrows(IllegalArgumentException.class, () -> Messages.read(Locale.ENGLISH, "format.day=EEE qqqqqq ppp {\n", null));
    }

    /**
     * A service estimate's sentence ("Going by …", 2026-12-07) from a Portuguese file written before it (an ops rules directory
     * kept over an upgrade): the file's own Portuguese "levou até" sentence, not the built-in English one.
     */
    @Test
    void anEstimateInAFileOfBeforeEstimatesKeepsTheFilesLanguage(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("messages_pt.properties"), "source.serviceEverywhere={serviceType} em todos os centros\n"
                + "SERVICE_DURATION.history.best={source} levou até "
                + "{historyMinutesAtTarget,plural,minuto,minutos}; prometa {minutesAtTarget,plural,minuto,minutos}.\n", StandardCharsets.UTF_8);
        ReasonWriter w = new ReasonWriter(dir);
        Finding estimate = Finding.of(ReasonCode.SERVICE_DURATION, Reason.Severity.INFO, "estimate.best", "site", "SP1", "serviceType", "OIL",
                "source", "OIL at all sites", "sampleSize", 20L, "historyMinutesAtTarget", 40, "minutesAtTarget", 40, "target", 0.9);
        assertEquals("OIL em todos os centros levou até 40 minutos; prometa 40 minutos.",
                w.wording(List.of(Locale.forLanguageTag("pt-BR")), TODAY).reason("r", estimate).message());
        assertTrue(w.english(TODAY).reason("r", estimate).message().startsWith("Going by OIL at all sites (20 jobs), this job takes up to 40"),
                "English has the estimate's own sentence (built in): " + w.english(TODAY).reason("r", estimate).message());
        Files.delete(dir.resolve("messages_pt.properties"));
    }

    @Test
    void opsWordingIsPickedUpAndABrokenFileFallsBackToBuiltInEnglish(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("messages.properties"), "IN_STOCK={site} has it all.\n", StandardCharsets.UTF_8);
        ReasonWriter w = new ReasonWriter(dir);
        Finding inStock = Finding.of(ReasonCode.IN_STOCK, Reason.Severity.INFO, "", "site", "SP", "lines", 2);
        assertEquals("SP has it all.", w.english(TODAY).reason("r", inStock).message());
        // a key the ops file lacks comes from the built-in English
        assertEquals("SP does not stock SKU-9.", w.english(TODAY).say("LINE_SHORT.notStocked", Map.of("site", "SP", "sku", "SKU-9")));

        // broken: the whole file is set aside, the built-in English answers, the problem is reported
        Files.writeString(dir.resolve("messages.properties"), "IN_STOCK={site has it all.\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(dir.resolve("messages.properties"), java.nio.file.attribute.FileTime.fromMillis(1_000));
        w.refresh();
        assertEquals("SP has every line of this order in stock.", w.english(TODAY).reason("r", inStock).message());
        assertEquals(1, w.problems().size());
        assertTrue(w.problems().get(0).startsWith("messages.properties: IN_STOCK: "), w.problems().toString());

        // a second language is a second file; a missing file means English
        Files.writeString(dir.resolve("messages.properties"), "", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("messages_es.properties"), "IN_STOCK={site} tiene todo en stock.\n", StandardCharsets.UTF_8);
        w.refresh();
        assertEquals("SP tiene todo en stock.", w.wording(List.of(Locale.forLanguageTag("es-AR")), TODAY).reason("r", inStock).message());
        Files.delete(dir.resolve("messages.properties"));
        Files.delete(dir.resolve("messages_es.properties"));
        w.refresh();
        assertEquals("SP has every line of this order in stock.",
                w.wording(List.of(Locale.forLanguageTag("es")), TODAY).reason("r", inStock).message());
        assertEquals(List.of(), w.problems());
    }

    @Test
    void anAbbreviatedDateAtTheEndOfASentenceGetsOneFullStop() {
        String s = portuguese().say("CUTOFF_PASSED", Map.of("cutoff", "14:00", "site", "SP", "dispatch", TODAY.plusDays(1)));
        assertTrue(s.endsWith("dez."), s);
        assertFalse(s.contains(".."), s);
    }

    @Test
    void aMissingValueShowsAQuestionMarkAndAnUnknownKeyItself() {
        assertEquals("? has every line of this order in stock.", english().say("IN_STOCK", Map.of()));
        assertEquals("NO_SUCH_KEY", english().say("NO_SUCH_KEY", Map.of()));
    }

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        p.load(new java.io.StringReader(Files.readString(RULES.resolve(name), StandardCharsets.UTF_8)));
        return p;
    }
}
