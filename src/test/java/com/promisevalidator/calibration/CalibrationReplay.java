package com.promisevalidator.calibration;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.promisevalidator.capacity.service.CapacityService;
import com.promisevalidator.history.model.HistoryRow;
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

    @Inject HistoryService history;
    @Inject ValidationService validation;
    @Inject RuleBaseHolder rules;
    @Inject CapacityService capacity;

    @Test
    void replay() throws IOException {
        Path csv = Path.of(System.getProperty("calibration.csv"));
        List<HistoryRow> rows = ReplayTally.deliveries(csv);
        rows.sort(Comparator.comparing(HistoryRow::orderedAt));
        List<HistoryRow> byCompletion = new ArrayList<>(rows);
        byCompletion.sort(Comparator.comparing(HistoryRow::completedAt));

        Map<YearMonth, List<HistoryRow>> months = new TreeMap<>();
        for (HistoryRow r : rows) months.computeIfAbsent(YearMonth.from(r.orderedAt()), k -> new ArrayList<>()).add(r);

        Map<Double, Map<YearMonth, ReplayTally>> tallies = new TreeMap<>();
        int fed = 0, skipped = 0;
        for (Map.Entry<YearMonth, List<HistoryRow>> month : months.entrySet()) {
            OffsetDateTime start = month.getValue().get(0).orderedAt().withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
            // what is known at the start of the month: outcomes that happened before it, and the
            // orders placed before it that are still open (an export as of the month's start, completed later)
            List<HistoryRow> known = new ArrayList<>();
            while (fed < byCompletion.size() && byCompletion.get(fed).completedAt().isBefore(start)) known.add(byCompletion.get(fed++));
            // (still-open orders are exported again every month, as of its start: the service re-ages them)
            for (HistoryRow r : rows) {
                if (!r.orderedAt().isBefore(start)) break;
                if (!r.completedAt().isBefore(start)) known.add(withoutOutcome(r));
            }
            if (!known.isEmpty()) history.importRows(known, start.toInstant());
            for (HistoryRow r : month.getValue()) {
                if (capacity.site(r.site()) == null || !capacity.regionExists(r.region())) {
                    skipped++;
                    continue;
                }
                ZoneId zone = capacity.site(r.site()).timeZone();
                LocalDate orderDay = r.orderedAt().atZoneSameInstant(zone).toLocalDate();
                LocalDate delivered = r.completedAt().atZoneSameInstant(zone).toLocalDate();
                for (double t : ReplayTally.TARGETS) {
                    QuoteRequest q = new QuoteRequest("DELIVERY", r.reference(), r.rep(), null, r.site(), r.region(), null,
                            r.orderedAt(), null, t, null, null, null, null);
                    ValidationResponse resp = validation.evaluate(q, rules.active());
                    ReplayTally tally = ReplayTally.of(tallies, t, month.getKey());
                    if (resp.recommended() != null) tally.count(orderDay, delivered, resp.recommended().promisedBy(), r.promisedBy());
                }
            }
        }
        String report = "# Calibration replay of " + csv.getFileName() + "\n\n" + ReplayTally.tables(tallies, 0.9)
                + "\nOrders skipped because their site or region had never been seen before their month: "
                + skipped + "\n";
        Path out = Path.of("target", "calibration");
        Files.createDirectories(out);
        Files.writeString(out.resolve("report.md"), report);
        Files.writeString(out.resolve("reliability.csv"), ReplayTally.reliability(tallies));
        System.out.println(report);
        assertTrue(tallies.get(0.9).values().stream().mapToInt(t -> t.n).sum() > 0, "the replay validated no order");
    }

    static HistoryRow withoutOutcome(HistoryRow r) {
        return new HistoryRow(r.kind(), r.reference(), r.site(), r.region(), r.serviceType(), r.rep(), r.orderedAt(),
                r.promisedBy(), null, r.promisedMinutes(), null, r.quantity());
    }
}
