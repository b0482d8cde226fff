package com.promisevalidator.history.service;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import com.promisevalidator.common.FieldError;
import com.promisevalidator.common.Limits;
import com.promisevalidator.common.ProblemException;
import com.promisevalidator.history.model.HistoryRow;

/** Parses and checks the history CSV; any bad row rejects the whole file, naming every bad line. */
public final class HistoryCsv {

    public static final List<String> COLUMNS = List.of("kind", "reference", "site", "region", "serviceType", "rep",
            "orderedAt", "promisedBy", "completedAt", "promisedMinutes", "actualMinutes", "quantity");
    /** Bad lines listed in one answer (all of them, short of a pathological file); the count is always given. */
    private static final int MAX_REPORTED = 10_000;

    /** A parsed row with its line in the file (the header is line 1). */
    public record Numbered(long line, HistoryRow row) {
    }

    private HistoryCsv() {
    }

    public static List<HistoryRow> parse(Reader in) {
        return parse(in, r -> List.of()).stream().map(Numbered::row).toList();
    }

    /**
     * Parses every row and runs {@code check} (plausibility against "now") on each well-formed one;
     * refuses the file with every bad line listed.
     */
    public static List<Numbered> parse(Reader in, Function<HistoryRow, List<FieldError>> check) {
        List<Numbered> rows = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        int badRows = 0;
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).build();
        try (CSVParser parser = CSVParser.parse(in, format)) {
            List<String> header = parser.getHeaderNames();
            List<String> missing = COLUMNS.stream().filter(c -> !header.contains(c)).toList();
            if (!missing.isEmpty()) {
                throw ProblemException.badRequest("line 1: the header row lacks column(s) " + String.join(", ", missing)
                        + "; expected " + String.join(",", COLUMNS), List.of(new FieldError("line 1", "missing column(s) " + missing)));
            }
            Set<String> seen = new HashSet<>();
            for (CSVRecord r : parser) {
                long line = parser.getCurrentLineNumber();
                List<String> problems = new ArrayList<>();
                HistoryRow row = toRow(r, problems);
                if (row != null && !seen.add(row.reference())) {
                    problems.add("reference '" + row.reference() + "' appears twice in this file");
                }
                if (row != null) {
                    for (FieldError e : check.apply(row)) problems.add(e.field() + " " + e.message());
                }
                if (!problems.isEmpty()) {
                    badRows++;
                    if (errors.size() < MAX_REPORTED) errors.add(new FieldError("line " + line, String.join("; ", problems)));
                } else {
                    rows.add(new Numbered(line, row));
                }
            }
        } catch (IllegalArgumentException e) { // e.g. an empty or repeated column name in the header row
            throw ProblemException.badRequest("line 1: the header row is not valid: " + e.getMessage(),
                    List.of(new FieldError("line 1", e.getMessage())));
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw ProblemException.badRequest("The CSV could not be read: " + e.getMessage(), List.of(new FieldError("body", e.getMessage())));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(badRows + " bad row(s); nothing was imported."
                    + (badRows > errors.size() ? " The first " + errors.size() + " are listed." : "")
                    + " First: " + errors.get(0).field() + ": " + errors.get(0).message(), errors);
        }
        return rows;
    }

    private static HistoryRow toRow(CSVRecord r, List<String> problems) {
        if (!r.isConsistent()) {
            problems.add("expected " + r.getParser().getHeaderNames().size() + " columns, found " + r.size());
            return null;
        }
        HistoryRow.Kind kind = null;
        String k = r.get("kind");
        try {
            kind = HistoryRow.Kind.valueOf(k.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("kind '" + k + "' must be DELIVERY or SERVICE");
        }
        String reference = required(r, "reference", problems, 200);
        String site = required(r, "site", problems, 64);
        String region = opt(r, "region");
        String type = opt(r, "serviceType");
        String rep = opt(r, "rep");
        OffsetDateTime orderedAt = timestamp(r, "orderedAt", problems);
        if (orderedAt == null && r.get("orderedAt").isEmpty()) problems.add("orderedAt is required");
        LocalDate promisedBy = date(r, "promisedBy", problems);
        OffsetDateTime completedAt = timestamp(r, "completedAt", problems);
        Integer promisedMinutes = integer(r, "promisedMinutes", problems, 1);
        Integer actualMinutes = integer(r, "actualMinutes", problems, 0);
        Integer quantity = integer(r, "quantity", problems, 0);
        if (kind == HistoryRow.Kind.DELIVERY && region == null) problems.add("region is required for a DELIVERY row");
        if (kind == HistoryRow.Kind.SERVICE && type == null) problems.add("serviceType is required for a SERVICE row");
        textLimit(problems, "reference", reference, Limits.QUOTE_ID);
        textLimit(problems, "site", site, Limits.CODE);
        textLimit(problems, "region", region, Limits.CODE);
        textLimit(problems, "serviceType", type, Limits.CODE);
        textLimit(problems, "rep", rep, Limits.REP);
        if (orderedAt != null && !Limits.dateInRange(orderedAt.toLocalDate())) problems.add("orderedAt " + Limits.dateRangeMessage());
        if (completedAt != null && !Limits.dateInRange(completedAt.toLocalDate())) problems.add("completedAt " + Limits.dateRangeMessage());
        if (!Limits.dateInRange(promisedBy)) problems.add("promisedBy " + Limits.dateRangeMessage());
        if (promisedMinutes != null && promisedMinutes > Limits.MAX_PROMISED_MINUTES) problems.add("promisedMinutes must be at most " + Limits.MAX_PROMISED_MINUTES);
        if (actualMinutes != null && actualMinutes > Limits.MAX_ACTUAL_MINUTES) problems.add("actualMinutes must be at most " + Limits.MAX_ACTUAL_MINUTES);
        if (quantity != null && quantity > Limits.MAX_UNITS) problems.add("quantity must be at most " + Limits.MAX_UNITS);
        if (orderedAt != null && completedAt != null && completedAt.isBefore(orderedAt)) {
            problems.add("completedAt is before orderedAt");
        }
        if (!problems.isEmpty()) return null;
        return new HistoryRow(kind, reference, site, region, type, rep, orderedAt, promisedBy, completedAt,
                promisedMinutes, actualMinutes, quantity);
    }

    private static void textLimit(List<String> problems, String col, String value, int max) {
        String p = Limits.textProblem(value, max);
        if (p != null && !problems.contains(col + " " + p)) problems.add(col + " " + p);
    }

    private static String opt(CSVRecord r, String col) {
        String v = r.get(col);
        return v == null || v.isEmpty() ? null : v;
    }

    private static String required(CSVRecord r, String col, List<String> problems, int max) {
        String v = opt(r, col);
        if (v == null) problems.add(col + " is required");
        else if (v.length() > max) problems.add(col + " is longer than " + max + " characters");
        return v;
    }

    private static OffsetDateTime timestamp(CSVRecord r, String col, List<String> problems) {
        String v = opt(r, col);
        if (v == null) return null;
        try {
            return OffsetDateTime.parse(v);
        } catch (DateTimeParseException e) {
            problems.add(col + " '" + v + "' is not an ISO-8601 timestamp with offset");
            return null;
        }
    }

    private static LocalDate date(CSVRecord r, String col, List<String> problems) {
        String v = opt(r, col);
        if (v == null) return null;
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            problems.add(col + " '" + v + "' is not a date YYYY-MM-DD");
            return null;
        }
    }

    private static Integer integer(CSVRecord r, String col, List<String> problems, int min) {
        String v = opt(r, col);
        if (v == null) return null;
        try {
            int i = Integer.parseInt(v);
            if (i < min) {
                problems.add(col + " must be at least " + min);
                return null;
            }
            return i;
        } catch (NumberFormatException e) {
            problems.add(col + " '" + v + "' is not a whole number");
            return null;
        }
    }
}
