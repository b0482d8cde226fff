package com.promisevalidator.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The replay's pure parts: reading exports, walk-forward slicing, the plain quantile and the tallies. */
class ReplayPartsTest {

    private static final ZoneOffset BRT = ZoneOffset.ofHours(-3);
    private static final LocalDate MONDAY = LocalDate.of(2024, 3, 4);

    private static HistoryRecord delivery(String ref, int orderDay, int hour, Integer leadDays) {
        OffsetDateTime ordered = MONDAY.plusDays(orderDay).atTime(hour, 0).atOffset(BRT);
        return new HistoryRecord(HistoryRecord.Kind.DELIVERY, ref, "SP", "RJ", null, null, ordered,
                ordered.toLocalDate().plusDays(10), leadDays == null ? null : ordered.plusDays(leadDays), null, null, 1);
    }

    @Test
    void readsBomSemicolonsAndDecimalCommas() {
        String csv = "\uFEFFkind;reference;site;region;serviceType;rep;orderedAt;promisedBy;completedAt;promisedMinutes;actualMinutes;quantity\n"
                + "SERVICE;S-1;G1;;WASH;;2024-03-04T10:00:00-03:00;;;30;41,9;\n"
                + "DELIVERY;D-1;SP;RJ;;;2024-03-04T10:00:00-03:00;2024-03-14;2024-03-08T12:00:00-03:00;;;2\n"
                + "DELIVERY;D-2;SP;;;;2024-03-04T10:00:00-03:00;;;;;\n"
                + "DELIVERY;D-1;SP;RJ;;;2024-03-04T10:00:00-03:00;;;;;\n";
        HistoryFile.Parsed p = HistoryFile.parse(csv);
        assertEquals(2, p.rows().size());
        assertEquals(41.9, p.rows().get(0).actualMinutes(), 1e-9);
        assertEquals(4.0, p.rows().get(1).outcome());
        assertEquals(10.0, p.rows().get(1).sellerPromise());
        assertEquals(Map.of("delivery row without region", 1, "duplicate reference", 1), p.skipped());
        // written back for the import: commas, decimal points, open rows without outcome
        String out = HistoryFile.toCsv(List.of(p.rows().get(0), p.rows().get(1).open()));
        assertTrue(out.startsWith(String.join(",", HistoryFile.COLUMNS) + "\n"), out);
        assertTrue(out.contains(",WASH,,2024-03-04T10:00-03:00,,,30,41.9,"), out);
        assertTrue(out.contains("D-1,SP,RJ,,,2024-03-04T10:00-03:00,2024-03-14,,,,2"), out);
    }

    /** Minutes with thousands grouped where they cannot be misread are read as the import reads them (a repair of days). */
    @Test
    void readsGroupedThousandsAsTheImportDoes() {
        String csv = "kind,reference,site,region,serviceType,rep,orderedAt,promisedBy,completedAt,promisedMinutes,actualMinutes,quantity\n"
                + "SERVICE,S-1,G1,,REPAIR,,2024-03-04T10:00:00-03:00,,,\"4,800.0\",\"5,600.5\",\n";
        HistoryFile.Parsed p = HistoryFile.parse(csv);
        assertEquals(Map.of(), p.skipped());
        assertEquals(5600.5, p.rows().get(0).actualMinutes(), 1e-9);
        assertEquals(4800.0, p.rows().get(0).sellerPromise(), 1e-9);
    }

    /**
     * Probe svc L12: what the import reads, the replay read wrongly or not at all: Excel's sep= line (a stack trace), offsets
     * after a space (every row skipped), ";;;;" lines (counted as rows of no kind). A row later than the service's clock
     * ends the walk, not the report (ReplayEndToEndTest).
     */
    @Test
    void readsMessyExportsAsTheImportDoesAndLeavesOutWhatHasNotHappened() {
        String csv = "sep=;\nkind;reference;site;region;serviceType;rep;orderedAt;promisedBy;completedAt;promisedMinutes;actualMinutes;quantity\n"
                + "SERVICE;S-1;G1;;WASH;;2025-01-06 11:05:00 -0600;;;30;41,9;\n"
                + ";;;;;;;;;;;\n"
                + "SERVICE;S-2;G1;;WASH;;2027-01-06 11:05:00 -0600;;;30;20;\n"
                + "DELIVERY;D-1;SP;RJ;;;2026-11-30T10:00:00-03:00;2026-12-10;2026-12-09T10:00:00-03:00;;;1\n";
        HistoryFile.Parsed p = HistoryFile.parse(csv);
        assertEquals(List.of("S-1", "S-2", "D-1"), p.rows().stream().map(HistoryRecord::reference).toList(), p.skipped().toString());
        assertEquals(java.time.ZoneOffset.ofHours(-6), p.rows().get(0).orderedAt().getOffset());
        assertEquals(41.9, p.rows().get(0).actualMinutes(), 1e-9);
        assertEquals(Map.of(), p.skipped());
    }

    @Test
    void readsHeaderNamesAsTheImportDoesAndWindows1252Files() throws Exception {
        String csv = "Reference,Site,service_type,Ordered At,actual-minutes\nS-1,São Paulo,WASH,2024-03-04 10:00:00,41.5\n";
        java.nio.file.Path f = java.nio.file.Files.createTempFile("replay", ".csv");
        try {
            java.nio.file.Files.write(f, csv.getBytes(java.nio.charset.Charset.forName("windows-1252")));
            HistoryFile.Parsed p = HistoryFile.read(f);
            assertEquals(1, p.rows().size(), p.skipped().toString());
            assertEquals(HistoryRecord.Kind.SERVICE, p.rows().get(0).kind()); // no kind column: it names a serviceType
            assertEquals("São Paulo", p.rows().get(0).site());
            assertEquals(41.5, p.rows().get(0).actualMinutes(), 1e-9);
        } finally {
            java.nio.file.Files.delete(f);
        }
    }

    @Test
    void weeksStartOnMondayAndEachRowIsExportedOnceCompleted() {
        List<HistoryRecord> rows = List.of(delivery("A", 2, 9, 3), delivery("B", 6, 23, 12), delivery("C", 9, 8, null),
                delivery("D", 15, 10, 1));
        List<WalkForward.Step> steps = WalkForward.slice(rows, WalkForward.StepSize.WEEK, false);
        assertEquals(3, steps.size());
        for (WalkForward.Step s : steps) {
            assertEquals(DayOfWeek.MONDAY, s.start().getDayOfWeek());
            assertEquals(s.start().plusWeeks(1), s.end());
            assertTrue(s.open().isEmpty(), "no open rows unless asked");
        }
        assertEquals(List.of("A", "B"), refs(steps.get(0).orders()));
        assertEquals(List.of(), refs(steps.get(0).completed()));
        assertEquals(List.of("A"), refs(steps.get(1).completed()), "A (done on day 5) is known at the second Monday");
        assertEquals(List.of("C"), refs(steps.get(1).orders()));
        assertEquals(List.of(), refs(steps.get(2).completed()), "B (done on day 18) is not known on day 14");
        assertEquals(List.of("D"), refs(steps.get(2).orders()));
    }

    @Test
    void aChangesOnlyExportListsAnOpenOrderOnceThenItsCompletion() {
        // B is ordered on day 6 and done on day 18: open at the second Monday (day 7) and still at the third (day 14)
        List<HistoryRecord> rows = List.of(delivery("A", 2, 9, 3), delivery("B", 6, 23, 12), delivery("C", 9, 8, null),
                delivery("D", 15, 10, 1));
        List<WalkForward.Step> full = WalkForward.slice(rows, WalkForward.StepSize.WEEK, true, false);
        List<WalkForward.Step> once = WalkForward.slice(rows, WalkForward.StepSize.WEEK, true, true);
        assertEquals(List.of("B"), refs(full.get(1).open()), "A was done by then");
        assertEquals(List.of("B", "C"), refs(full.get(2).open()), "a full export lists B again");
        assertEquals(List.of("B"), refs(once.get(1).open()));
        assertEquals(List.of("C"), refs(once.get(2).open()), "B was sent open already; C is new");
        for (int i = 0; i < full.size(); i++) assertEquals(refs(full.get(i).completed()), refs(once.get(i).completed()), "completions alike");
    }

    @Test
    void openOrdersAreExportedOpenAtEachStepUntilCompleted() {
        List<HistoryRecord> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) rows.add(delivery("R" + i, i % 28, 10 + i % 8, i % 3 == 0 ? null : 2 + i % 17));
        List<WalkForward.Step> steps = WalkForward.slice(rows, WalkForward.StepSize.DAY, true);
        Map<String, Integer> completedAt = new HashMap<>(), orderedAt = new HashMap<>();
        Map<String, List<Integer>> openAt = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            WalkForward.Step s = steps.get(i);
            for (HistoryRecord r : s.orders()) {
                assertTrue(!r.orderedAt().isBefore(s.start()) && r.orderedAt().isBefore(s.end()));
                assertNull(orderedAt.put(r.reference(), i));
            }
            for (HistoryRecord r : s.completed()) {
                assertTrue(r.completion().isBefore(s.start().toInstant()), "nothing from the future");
                assertNull(completedAt.put(r.reference(), i), "completed once");
            }
            for (HistoryRecord r : s.open()) {
                assertTrue(r.orderedAt().isBefore(s.start()) && (!r.hasOutcome() || !r.completion().isBefore(s.start().toInstant())));
                openAt.computeIfAbsent(r.reference(), k -> new ArrayList<>()).add(i);
            }
            for (HistoryRecord r : s.export()) {
                if (s.open().stream().anyMatch(o -> o.reference().equals(r.reference()))) assertFalse(r.hasOutcome());
            }
        }
        assertEquals(30, orderedAt.size());
        for (HistoryRecord r : rows) {
            int placed = orderedAt.get(r.reference());
            int until = r.hasOutcome() && completedAt.containsKey(r.reference()) ? completedAt.get(r.reference()) : steps.size();
            assertTrue(until > placed);
            List<Integer> expected = new ArrayList<>();
            for (int i = placed + 1; i < until; i++) expected.add(i);
            assertEquals(expected, openAt.getOrDefault(r.reference(), List.of()), "open at every step from the next one until completed");
        }
    }

    @Test
    void plainQuantileFallsBackFromLaneToSiteToGlobal() {
        PlainQuantile q = new PlainQuantile();
        HistoryRecord order = delivery("X", 0, 10, null);
        assertNull(q.promise(order, 0.9), "nothing known yet");
        for (int i = 1; i <= 10; i++) q.learn(delivery("L" + i, 0, 10, i)); // SP→RJ: 1..10 days
        assertEquals("global", q.promise(order, 0.9).level(), "10 lane rows are under the minimum sample");
        for (int i = 11; i <= PlainQuantile.MIN_SAMPLE; i++) q.learn(delivery("L" + i, 0, 10, i));
        PlainQuantile.Estimate e = q.promise(order, 0.9);
        assertEquals("lane", e.level());
        assertEquals(Math.ceil(0.9 * PlainQuantile.MIN_SAMPLE), e.promise(), "nearest rank of 1..n days");
        HistoryRecord other = new HistoryRecord(HistoryRecord.Kind.DELIVERY, "Y", "SP", "AM", null, null, order.orderedAt(),
                null, null, null, null, 1);
        assertEquals("site", q.promise(other, 0.9).level());
        assertEquals(PlainQuantile.MIN_SAMPLE, q.promise(other, 0.5).n());
    }

    @Test
    void talliesKeepRateMeanAndWorstPeriod() {
        Tally t = new Tally();
        for (int i = 0; i < 40; i++) t.add("2024-01", i % 10 != 0, 10);
        for (int i = 0; i < 40; i++) t.add("2024-02", i % 4 != 0, 20);
        for (int i = 0; i < 5; i++) t.add("2024-03", false, 30); // too few to be the worst month
        Tally.Figures f = t.figures(30);
        assertEquals(85, f.n());
        assertEquals(36 + 30, f.kept());
        assertEquals((400 + 800 + 150) / 85.0, f.meanPromised(), 1e-9);
        assertEquals("2024-02", f.worstPeriod());
        assertEquals(0.75, f.worstKeptRate(), 1e-9);
        assertEquals("2024-03", t.figures(1).worstPeriod());
        assertTrue(HistoryRecord.kept(12.0, 12.0) && !HistoryRecord.kept(12.01, 12.0));
    }

    /** Probe svckinds L1: a clinic's replay by day (6-29 jobs a day) never told a worst period; its worst ISO week is told. */
    @Test
    void daysTooThinForAWorstDayGiveAWorstWeek() {
        Tally t = new Tally();
        for (int d = 0; d < 14; d++) { // Mon 2026-09-28 .. Sun 2026-10-11: 10 jobs a day; the second week keeps fewer
            String day = java.time.LocalDate.of(2026, 9, 28).plusDays(d).toString();
            for (int i = 0; i < 10; i++) t.add(day, d < 7 ? i != 0 : i > 2, 45);
        }
        Tally.Figures f = t.figures(30);
        assertEquals("2026-W41", f.worstPeriod(), "the week of Oct 5");
        assertEquals(0.7, f.worstKeptRate(), 1e-9);
        assertEquals(70, f.worstPeriodOrders());
        assertEquals("2026-10-05", t.figures(10).worstPeriod(), "days with enough jobs are told as days");
    }

    @Test
    void optionsReadFlagsAndTheKeyFromTheEnvironment() {
        ReplayOptions o = ReplayOptions.parse(new String[] {"--csv", "h.csv", "--targets=0.9,0.925", "--step", "day",
                "--open-orders", "true", "--judge-from", "2017-07-01"}, Map.of("PROMISE_API_KEY", "k"));
        assertEquals("k", o.key());
        assertEquals(List.of(0.9, 0.925), o.targets());
        assertEquals(WalkForward.StepSize.DAY, o.step());
        assertTrue(o.openOrders());
        assertEquals(LocalDate.of(2017, 7, 1), o.judgeFrom());
        assertThrowsMessage(() -> ReplayOptions.parse(new String[] {"--csv", "h.csv"}, Map.of()), "--key");
        assertThrowsMessage(() -> ReplayOptions.parse(new String[] {"--csv", "h.csv", "--key", "k", "--targets", "1.5"}, Map.of()), "--targets");
        assertThrowsMessage(() -> ReplayOptions.parse(new String[] {"--csv", "h.csv", "--key", "k", "--bogus", "1"}, Map.of()), "--bogus");
    }

    @Test
    void answersAreReadAsAPromiseOrAReasonForNone() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        HistoryRecord order = delivery("A", 0, 10, 4);
        assertEquals(6.0, Replay.recommended(order, json.readTree(
                "{\"verdict\":\"APPROVED\",\"recommended\":{\"promisedBy\":\"2024-03-10\"}}")));
        var problem = json.readTree("{\"quoteId\":\"A\",\"status\":422,\"title\":\"Unknown reference\","
                + "\"errors\":[{\"field\":\"quotes[3].site\",\"message\":\"x\"}]}");
        assertNull(Replay.recommended(order, problem));
        assertEquals("422 site: Unknown reference", Replay.withoutPromise(problem));
        var rejected = json.readTree("{\"verdict\":\"REJECTED\",\"reasons\":[{\"code\":\"HORIZON\",\"severity\":\"ERROR\"},"
                + "{\"code\":\"LEAD_TIME\",\"severity\":\"INFO\"}]}");
        assertNull(Replay.recommended(order, rejected));
        assertEquals("REJECTED HORIZON", Replay.withoutPromise(rejected));
        HistoryRecord service = new HistoryRecord(HistoryRecord.Kind.SERVICE, "S", "G", null, "WASH", null, order.orderedAt(),
                null, null, 30.0, 41.9, null);
        assertEquals(35.0, Replay.recommended(service, json.readTree(
                "{\"verdict\":\"ALTERNATIVE\",\"recommended\":{\"promisedMinutes\":35}}")));
        assertEquals(41.9, service.outcome());
        assertEquals(30.0, service.sellerPromise());
    }

    private static void assertThrowsMessage(Runnable r, String part) {
        try {
            r.run();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
            return;
        }
        throw new AssertionError("no error naming " + part);
    }

    /** docs2 F6: a warm-up month no plain quantile answered read "NaN" days, and a changes-only replay looked like a full one. */
    @Test
    void aReportSaysNothingToAverageAsADashAndNamesAChangesOnlyReplay() {
        Tally.Figures none = new Tally().figures(30), some = new Tally.Figures(3, 2, 2 / 3.0, 12.5, null, Double.NaN, 0);
        ReplayReport.TargetReport t = new ReplayReport.TargetReport(0.9, 3, some, some, none, some, none, 0, Map.of(),
                List.of(new ReplayReport.PeriodRow("2016-10", false, 3, 2 / 3.0, 12.5, 1.0, 40.0, Double.NaN, Double.NaN)));
        String md = new ReplayReport("h.csv", "http://x", "week", true, true, null, "days", 3, Map.of(), 1, 3, 0, Map.of(),
                List.of(t), List.of(new ReplayReport.ReliabilityPoint(0.9, 3, 2 / 3.0, 12.5, 0)), 1).markdown();
        assertFalse(md.contains("NaN"), md);
        assertTrue(md.contains("| _2016-10_ | 3 | 0.667 | 12.5 | 1.000 | 40.0 | – | – |"), md);
        assertTrue(md.contains("open orders fed once and on completion"), md);
    }

    private static List<String> refs(List<HistoryRecord> rows) {
        return rows.stream().map(HistoryRecord::reference).toList();
    }
}
