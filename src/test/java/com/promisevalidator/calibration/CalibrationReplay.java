package com.promisevalidator.calibration;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.promisevalidator.capacity.service.CapacityService;
import com.promisevalidator.history.model.HistoryRow;
import com.promisevalidator.history.service.HistoryCsv;
import com.promisevalidator.history.service.HistoryService;
import com.promisevalidator.rules.service.RuleBaseHolder;
import com.promisevalidator.validation.model.QuoteRequest;
import com.promisevalidator.validation.model.ValidationResponse;
import com.promisevalidator.validation.service.ValidationService;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Time-ordered calibration replay (a measurement, not a unit test; skipped unless asked for):
 * for each month, the history whose outcome was known before the month starts is imported, then
 * the best promise is asked for every order placed that month, and compared with what happened.
 *
 * <pre>./mvnw test -Dtest=CalibrationReplay -Dcalibration.csv=../shared/data/olist-dev/history.csv</pre>
 *
 * Writes target/calibration/report.md and prints it.
 */
@QuarkusTest
@TestProfile(CalibrationProfile.class)
@EnabledIfSystemProperty(named = "calibration.csv", matches = ".+")
class CalibrationReplay {

    static final double[] TARGETS = {0.5, 0.6, 0.7, 0.8, 0.9, 0.95};

    @Inject HistoryService history;
    @Inject ValidationService validation;
    @Inject RuleBaseHolder rules;
    @Inject CapacityService capacity;

    /** Per month and target: orders asked, kept, sum of promised days; plus the source's own quotes. */
    static final class Tally {
        int n, kept, olistKept, olistN;
        long days, olistDays;
    }

    @Test
    void replay() throws IOException {
        Path csv = Path.of(System.getProperty("calibration.csv"));
        List<HistoryRow> rows;
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            rows = new ArrayList<>(HistoryCsv.parse(r));
        }
        rows.removeIf(r -> r.kind() != HistoryRow.Kind.DELIVERY || r.completedAt() == null);
        rows.sort(Comparator.comparing(HistoryRow::orderedAt));
        List<HistoryRow> byCompletion = new ArrayList<>(rows);
        byCompletion.sort(Comparator.comparing(HistoryRow::completedAt));

        Map<YearMonth, List<HistoryRow>> months = new TreeMap<>();
        for (HistoryRow r : rows) months.computeIfAbsent(YearMonth.from(r.orderedAt()), k -> new ArrayList<>()).add(r);

        Map<Double, Map<YearMonth, Tally>> tallies = new TreeMap<>();
        int fed = 0, skipped = 0;
        java.util.Set<String> openFed = new java.util.HashSet<>();
        for (Map.Entry<YearMonth, List<HistoryRow>> month : months.entrySet()) {
            OffsetDateTime start = month.getValue().get(0).orderedAt().withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
            // what is known at the start of the month: outcomes that happened before it, and the
            // orders placed before it that are still open (imported without outcome, completed later)
            List<HistoryRow> known = new ArrayList<>();
            while (fed < byCompletion.size() && byCompletion.get(fed).completedAt().isBefore(start)) known.add(byCompletion.get(fed++));
            for (HistoryRow r : rows) {
                if (!r.orderedAt().isBefore(start)) break;
                if (!r.completedAt().isBefore(start) && openFed.add(r.reference())) known.add(withoutOutcome(r));
            }
            if (!known.isEmpty()) history.importRows(known);
            for (HistoryRow r : month.getValue()) {
                if (capacity.site(r.site()) == null || !capacity.regionExists(r.region())) {
                    skipped++;
                    continue;
                }
                ZoneId zone = capacity.site(r.site()).timeZone();
                LocalDate orderDay = r.orderedAt().atZoneSameInstant(zone).toLocalDate();
                LocalDate delivered = r.completedAt().atZoneSameInstant(zone).toLocalDate();
                for (double t : TARGETS) {
                    QuoteRequest q = new QuoteRequest("DELIVERY", r.reference(), r.rep(), null, r.site(), r.region(), null,
                            r.orderedAt(), null, t, null, null, null, null);
                    ValidationResponse resp = validation.evaluate(q, rules.active());
                    Tally tally = tallies.computeIfAbsent(t, k -> new TreeMap<>()).computeIfAbsent(month.getKey(), k -> new Tally());
                    if (resp.recommended() == null) continue;
                    LocalDate promised = resp.recommended().promisedBy();
                    tally.n++;
                    if (!delivered.isAfter(promised)) tally.kept++;
                    tally.days += ChronoUnit.DAYS.between(orderDay, promised);
                    if (r.promisedBy() != null) {
                        tally.olistN++;
                        if (!delivered.isAfter(r.promisedBy())) tally.olistKept++;
                        tally.olistDays += ChronoUnit.DAYS.between(orderDay, r.promisedBy());
                    }
                }
            }
        }
        String report = report(csv, tallies, skipped);
        Path out = Path.of("target", "calibration");
        Files.createDirectories(out);
        Files.writeString(out.resolve("report.md"), report);
        writeReliability(out.resolve("reliability.csv"), tallies);
        System.out.println(report);
        assertTrue(tallies.get(0.9).values().stream().mapToInt(t -> t.n).sum() > 0, "the replay validated no order");
    }

    static HistoryRow withoutOutcome(HistoryRow r) {
        return new HistoryRow(r.kind(), r.reference(), r.site(), r.region(), r.serviceType(), r.rep(), r.orderedAt(),
                r.promisedBy(), null, r.promisedMinutes(), null, r.quantity());
    }

    static String report(Path csv, Map<Double, Map<YearMonth, Tally>> tallies, int skipped) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Calibration replay of ").append(csv.getFileName()).append("\n\n");
        sb.append("| target | orders | kept rate of `recommended` | mean promised days | source's own quotes kept | source's mean promised days |\n");
        sb.append("|---|---|---|---|---|---|\n");
        for (Map.Entry<Double, Map<YearMonth, Tally>> e : tallies.entrySet()) {
            Tally all = sum(e.getValue().values());
            sb.append(String.format(Locale.ROOT, "| %.2f | %d | %.1f%% | %.1f | %.1f%% | %.1f |%n", e.getKey(), all.n,
                    100.0 * all.kept / all.n, (double) all.days / all.n, 100.0 * all.olistKept / Math.max(1, all.olistN),
                    (double) all.olistDays / Math.max(1, all.olistN)));
        }
        sb.append("\nPer month at target 0.90:\n\n| month | orders | kept rate | mean promised days | source kept | source days |\n|---|---|---|---|---|---|\n");
        for (Map.Entry<YearMonth, Tally> m : tallies.get(0.9).entrySet()) {
            Tally t = m.getValue();
            if (t.n == 0) continue;
            sb.append(String.format(Locale.ROOT, "| %s | %d | %.1f%% | %.1f | %.1f%% | %.1f |%n", m.getKey(), t.n, 100.0 * t.kept / t.n,
                    (double) t.days / t.n, 100.0 * t.olistKept / Math.max(1, t.olistN), (double) t.olistDays / Math.max(1, t.olistN)));
        }
        sb.append("\nOrders skipped because their site or region had never been seen before their month: ").append(skipped / TARGETS.length).append('\n');
        return sb.toString();
    }

    static Tally sum(Iterable<Tally> ts) {
        Tally s = new Tally();
        for (Tally t : ts) {
            s.n += t.n;
            s.kept += t.kept;
            s.days += t.days;
            s.olistN += t.olistN;
            s.olistKept += t.olistKept;
            s.olistDays += t.olistDays;
        }
        return s;
    }

    static void writeReliability(Path file, Map<Double, Map<YearMonth, Tally>> tallies) throws IOException {
        StringBuilder sb = new StringBuilder("target,orders,kept_rate\n");
        for (Map.Entry<Double, Map<YearMonth, Tally>> e : tallies.entrySet()) {
            Tally all = sum(e.getValue().values());
            sb.append(String.format(Locale.ROOT, "%.2f,%d,%.4f%n", e.getKey(), all.n, (double) all.kept / all.n));
        }
        Files.writeString(file, sb.toString());
    }
}
