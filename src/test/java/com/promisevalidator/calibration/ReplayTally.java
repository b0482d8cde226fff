package com.promisevalidator.calibration;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.promisevalidator.history.model.HistoryRow;
import com.promisevalidator.history.service.HistoryCsv;

/**
 * Bookkeeping shared by the calibration replays: per target and month, how many recommended
 * promises were kept and how long they were, beside the source's own quotes on the same orders.
 */
final class ReplayTally {

    static final double[] TARGETS = {0.5, 0.6, 0.7, 0.8, 0.9, 0.95};

    int n, kept, sourceN, sourceKept;
    long days, sourceDays;

    /** Counts one recommended promise against what happened. */
    void count(LocalDate orderDay, LocalDate delivered, LocalDate promised, LocalDate sourcePromised) {
        n++;
        if (!delivered.isAfter(promised)) kept++;
        days += ChronoUnit.DAYS.between(orderDay, promised);
        if (sourcePromised != null) {
            sourceN++;
            if (!delivered.isAfter(sourcePromised)) sourceKept++;
            sourceDays += ChronoUnit.DAYS.between(orderDay, sourcePromised);
        }
    }

    static ReplayTally of(Map<Double, Map<YearMonth, ReplayTally>> tallies, double target, YearMonth month) {
        return tallies.computeIfAbsent(target, k -> new TreeMap<>()).computeIfAbsent(month, k -> new ReplayTally());
    }

    static ReplayTally sum(Iterable<ReplayTally> ts) {
        ReplayTally s = new ReplayTally();
        for (ReplayTally t : ts) {
            s.n += t.n;
            s.kept += t.kept;
            s.days += t.days;
            s.sourceN += t.sourceN;
            s.sourceKept += t.sourceKept;
            s.sourceDays += t.sourceDays;
        }
        return s;
    }

    /** Delivered orders of a history CSV in the import format. */
    static List<HistoryRow> deliveries(Path csv) throws IOException {
        List<HistoryRow> rows;
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            rows = new ArrayList<>(HistoryCsv.parse(r));
        }
        rows.removeIf(r -> r.kind() != HistoryRow.Kind.DELIVERY || r.completedAt() == null);
        return rows;
    }

    /** The markdown tables: every target overall, then each month at {@code monthlyTarget}. */
    static String tables(Map<Double, Map<YearMonth, ReplayTally>> tallies, double monthlyTarget) {
        StringBuilder sb = new StringBuilder("| target | orders | kept rate of `recommended` | mean promised days | "
                + "source's quotes kept | source's mean promised days |\n|---|---|---|---|---|---|\n");
        for (var e : tallies.entrySet()) {
            sb.append(String.format(Locale.ROOT, "| %.2f | %s%n", e.getKey(), sum(e.getValue().values()).row()));
        }
        sb.append(String.format(Locale.ROOT, "%nPer month at target %.2f:%n%n", monthlyTarget))
                .append("| month | orders | kept rate | mean promised days | source kept | source days |\n|---|---|---|---|---|---|\n");
        for (var m : tallies.get(monthlyTarget).entrySet()) {
            if (m.getValue().n > 0) sb.append("| ").append(m.getKey()).append(" | ").append(m.getValue().row()).append('\n');
        }
        return sb.toString();
    }

    String row() {
        return String.format(Locale.ROOT, "%d | %.1f%% | %.1f | %.1f%% | %.1f |", n, 100.0 * kept / Math.max(1, n),
                (double) days / Math.max(1, n), 100.0 * sourceKept / Math.max(1, sourceN), (double) sourceDays / Math.max(1, sourceN));
    }

    /** target,orders,kept_rate lines for the reliability plot. */
    static String reliability(Map<Double, Map<YearMonth, ReplayTally>> tallies) {
        StringBuilder sb = new StringBuilder("target,orders,kept_rate\n");
        for (var e : tallies.entrySet()) {
            ReplayTally all = sum(e.getValue().values());
            sb.append(String.format(Locale.ROOT, "%.2f,%d,%.4f%n", e.getKey(), all.n, (double) all.kept / Math.max(1, all.n)));
        }
        return sb.toString();
    }
}
