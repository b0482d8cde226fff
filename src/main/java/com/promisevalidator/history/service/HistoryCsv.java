package com.promisevalidator.history.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import com.promisevalidator.common.FieldError;
import com.promisevalidator.common.Limits;
import com.promisevalidator.common.Minutes;
import com.promisevalidator.common.ProblemException;
import com.promisevalidator.history.model.HistoryRow;

/**
 * Parses and checks the history CSV; any bad row rejects the whole file, naming every bad line.
 *
 * <p>Real exports differ: a UTF-8 byte order mark, {@code ;} or tab as separator (given as a
 * {@code sep} hint, else read off the header row), decimal commas ({@code 41,9}) when the
 * separator is not a comma, CRLF line ends, blanks around values and empty lines are all accepted.
 * Minutes may have decimals (kept to the hundredth); exponents, NaN and infinities are refused.
 */
public final class HistoryCsv {

    public static final List<String> COLUMNS = List.of("kind", "reference", "site", "region", "serviceType", "rep",
            "orderedAt", "promisedBy", "completedAt", "promisedMinutes", "actualMinutes", "quantity");
    /** Bad lines listed in one answer (all of them, short of a pathological file); the count is always given. */
    private static final int MAX_REPORTED = 10_000;
    /** A plain decimal: digits, optionally a point and more digits (no exponent, no NaN, no sign). */
    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d+)?");
    private static final String SEPARATORS = ",;\t|";

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
        return parse(in, null, check);
    }

    /**
     * The separator named by a {@code sep} hint: one of {@code , ; | tab} (also spelt "comma",
     * "semicolon", "tab", "pipe", or {@code \t}); null when not given. A bad hint is a 400.
     */
    public static Character separator(String hint) {
        if (hint == null || hint.isEmpty()) return null;
        String h = hint.trim().toLowerCase(Locale.ROOT);
        char c = switch (h) {
            case "comma" -> ',';
            case "semicolon" -> ';';
            case "tab", "\\t" -> '\t';
            case "pipe" -> '|';
            default -> hint.length() == 1 ? hint.charAt(0) : 0;
        };
        if (c == 0 || SEPARATORS.indexOf(c) < 0) {
            throw ProblemException.badRequest("sep", "must be one of , ; | or tab (got '" + hint + "')");
        }
        return c;
    }

    /**
     * @param sep the separator, or null to read it off the header row (the one of {@code , ; tab |}
     *            that occurs most often there)
     */
    public static List<Numbered> parse(Reader raw, Character sep, Function<HistoryRow, List<FieldError>> check) {
        List<Numbered> rows = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        int badRows = 0;
        try (BufferedReader in = new BufferedReader(raw, 65_536)) {
            skipByteOrderMark(in);
            char delimiter = sep != null ? sep : sniff(in);
            boolean decimalComma = delimiter != ',';
            CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true).setTrim(true)
                    .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).build();
            CSVParser parser = CSVParser.parse(in, format);
            List<String> header = parser.getHeaderNames();
            List<String> missing = COLUMNS.stream().filter(c -> !header.contains(c)).toList();
            if (!missing.isEmpty()) {
                throw ProblemException.badRequest("line 1: the header row lacks column(s) " + String.join(", ", missing)
                        + "; expected " + String.join(",", COLUMNS), List.of(new FieldError("line 1", "missing column(s) " + missing)));
            }
            Set<String> seen = new HashSet<>();
            for (CSVRecord r : parser) {
                long line = parser.getCurrentLineNumber();
                if (blank(r)) continue; // a line of separators or blanks only (e.g. trailing lines of a spreadsheet export)
                List<String> problems = new ArrayList<>();
                HistoryRow row = toRow(r, problems, decimalComma);
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

    /** Skips a UTF-8 byte order mark (Excel writes one), which would otherwise stick to the first column's name. */
    private static void skipByteOrderMark(BufferedReader in) throws IOException {
        in.mark(1);
        if (in.read() != '\uFEFF') in.reset();
    }

    /** The separator the header row uses: the candidate that occurs most often in it (a comma on a tie or none). */
    private static char sniff(BufferedReader in) throws IOException {
        in.mark(65_536);
        String header = in.readLine();
        in.reset();
        if (header == null) return ',';
        char best = ',';
        long most = 0;
        for (char c : SEPARATORS.toCharArray()) {
            long n = header.chars().filter(x -> x == c).count();
            if (n > most) {
                most = n;
                best = c;
            }
        }
        return best;
    }

    private static boolean blank(CSVRecord r) {
        for (String v : r) if (v != null && !v.isBlank()) return false;
        return true;
    }

    private static HistoryRow toRow(CSVRecord r, List<String> problems, boolean decimalComma) {
        if (!r.isConsistent()) {
            int expected = r.getParser().getHeaderNames().size();
            problems.add("expected " + expected + " columns, found " + r.size()
                    + (r.size() > expected && !decimalComma ? " (a decimal comma needs another separator: ?sep=;)" : ""));
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
        Double promisedMinutes = minutes(r, "promisedMinutes", problems, false, decimalComma);
        Double actualMinutes = minutes(r, "actualMinutes", problems, true, decimalComma);
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

    /**
     * Minutes with decimals ({@code 41.9}, or {@code 41,9} when the separator is not a comma),
     * rounded to the hundredth; promised minutes must be above zero, actual ones at least zero.
     */
    private static Double minutes(CSVRecord r, String col, List<String> problems, boolean zeroAllowed, boolean decimalComma) {
        String v = opt(r, col);
        if (v == null) return null;
        String s = decimalComma ? v.replace(',', '.') : v;
        if (s.startsWith("-") && DECIMAL.matcher(s.substring(1)).matches()) {
            problems.add(col + " '" + v + "' must not be negative");
            return null;
        }
        if (!DECIMAL.matcher(s).matches()) {
            problems.add(col + " '" + v + "' is not a number of minutes (digits with an optional decimal "
                    + (decimalComma ? "point or comma" : "point") + ", e.g. 41.9)");
            return null;
        }
        BigDecimal d = new BigDecimal(s).setScale(Minutes.SCALE, RoundingMode.HALF_UP);
        if (d.signum() == 0 && !zeroAllowed) {
            problems.add(col + " must be more than 0");
            return null;
        }
        return d.doubleValue();
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
