package com.promisevalidator.cli.replay;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a history CSV in the import format (its encoding as the import reads it: a byte order mark, else UTF-8, else
 * Windows-1252; ',' ';' tab or '|' separator read off the header, decimal commas, header names as the import matches
 * them: without regard to case, blanks, '_' or '-'; no kind column: SERVICE where a serviceType is given) and writes rows back in the plain comma format for
 * {@code POST /api/v1/history/import}. Rows the replay cannot use are skipped and counted by reason.
 */
public final class HistoryFile {

    public static final List<String> COLUMNS = List.of("kind", "reference", "site", "region", "serviceType", "rep",
            "orderedAt", "promisedBy", "completedAt", "promisedMinutes", "actualMinutes", "quantity");

    /** The usable rows, and the skipped lines counted by reason. */
    public record Parsed(List<HistoryRecord> rows, Map<String, Integer> skipped) {
    }

    private HistoryFile() {
    }

    public static Parsed read(Path csv) throws IOException {
        return parse(com.promisevalidator.history.service.ExportText.decode(Files.readAllBytes(csv), null).text());
    }

    /**
     * The rows of an export as the service's import reads them (a {@code sep=} line, offsets after a space); rows with
     * nothing in them ({@code ;;;;}) are blank lines.
     */
    public static Parsed parse(String text) {
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        int nl = text.indexOf('\n');
        Character hinted = com.promisevalidator.history.service.HistoryCsv.excelSeparator(nl < 0 ? text : text.substring(0, nl));
        if (hinted != null) { // Excel's separator line, before the header
            text = nl < 0 ? "" : text.substring(nl + 1);
            nl = text.indexOf('\n');
        }
        char sep = hinted != null ? hinted : separator(nl < 0 ? text : text.substring(0, nl));
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(sep).setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setIgnoreSurroundingSpaces(true).setTrim(true).build();
        List<HistoryRecord> rows = new ArrayList<>();
        Map<String, Integer> skipped = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        try (Reader in = new StringReader(text); var parser = format.parse(in)) {
            Map<String, String> names = new TreeMap<>(java.util.Comparator.comparing(com.promisevalidator.history.service.HistoryCsv::headerKey));
            for (String h : parser.getHeaderNames()) names.putIfAbsent(h.trim(), h);
            for (String c : List.of("reference", "orderedAt")) {
                if (!names.containsKey(c)) throw new IllegalArgumentException("the CSV has no column '" + c + "'; expected " + COLUMNS);
            }
            for (CSVRecord r : parser) {
                if (r.stream().allMatch(v -> v == null || v.isBlank())) continue; // ";;;;": a blank line
                try {
                    HistoryRecord row = row(r, names, sep != ',');
                    if (!seen.add(row.reference())) throw new IllegalArgumentException("duplicate reference");
                    rows.add(row);
                } catch (IllegalArgumentException | java.time.DateTimeException e) {
                    skipped.merge(reasonOf(e), 1, Integer::sum);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Parsed(rows, skipped);
    }

    private static String reasonOf(RuntimeException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e instanceof java.time.DateTimeException ? "unreadable time or date" : m;
    }

    static char separator(String header) {
        char best = ',';
        long bestCount = header.chars().filter(c -> c == ',').count();
        for (char c : new char[] {';', '\t', '|'}) {
            long n = header.chars().filter(x -> x == c).count();
            if (n > bestCount) {
                best = c;
                bestCount = n;
            }
        }
        return best;
    }

    private static HistoryRecord row(CSVRecord r, Map<String, String> names, boolean decimalComma) {
        String kindText = names.containsKey("kind") ? get(r, names, "kind") : get(r, names, "serviceType") != null ? "SERVICE" : "DELIVERY";
        HistoryRecord.Kind kind;
        try {
            kind = HistoryRecord.Kind.valueOf(kindText == null ? "" : kindText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kind is neither DELIVERY nor SERVICE");
        }
        String reference = required(r, names, "reference");
        String site = required(r, names, "site");
        OffsetDateTime ordered = time(required(r, names, "orderedAt"));
        String region = get(r, names, "region");
        String serviceType = get(r, names, "serviceType");
        if (kind == HistoryRecord.Kind.DELIVERY && region == null) throw new IllegalArgumentException("delivery row without region");
        if (kind == HistoryRecord.Kind.SERVICE && serviceType == null) throw new IllegalArgumentException("service row without serviceType");
        String promisedBy = get(r, names, "promisedBy");
        String completed = get(r, names, "completedAt");
        Double actual = number(get(r, names, "actualMinutes"), decimalComma);
        OffsetDateTime completedAt = completed == null ? null : time(completed);
        if (completedAt != null && completedAt.isBefore(ordered)) throw new IllegalArgumentException("completedAt before orderedAt");
        if (actual != null && actual < 0) throw new IllegalArgumentException("negative actualMinutes");
        if (kind == HistoryRecord.Kind.SERVICE && actual == null && completedAt != null) {
            actual = com.promisevalidator.history.service.HistoryCsv.minutesBetween(ordered, completedAt); // a job log, read as the import reads it
        }
        String quantity = get(r, names, "quantity");
        return new HistoryRecord(kind, reference, site, region, serviceType, get(r, names, "rep"), ordered,
                promisedBy == null ? null : LocalDate.parse(promisedBy.length() > 10 ? promisedBy.substring(0, 10) : promisedBy),
                completedAt, number(get(r, names, "promisedMinutes"), decimalComma), actual,
                quantity == null ? null : (int) Math.round(number(quantity, decimalComma)));
    }

    private static String get(CSVRecord r, Map<String, String> names, String column) {
        String name = names.get(column);
        if (name == null || !r.isSet(name)) return null;
        String v = r.get(name).trim();
        return v.isEmpty() ? null : v;
    }

    private static String required(CSVRecord r, Map<String, String> names, String column) {
        String v = get(r, names, column);
        if (v == null) throw new IllegalArgumentException("no " + column);
        return v;
    }

    /**
     * A time as the import reads one (T or a space, an offset after a space: "2025-01-06 11:05:00 -0600"); without an
     * offset it is read as UTC here (the replay knows no site's zone); a bare date is its start.
     */
    static OffsetDateTime time(String text) {
        return com.promisevalidator.history.service.HistoryCsv.stamp(text, ZoneOffset.UTC, true);
    }

    static Double number(String text, boolean decimalComma) {
        if (text == null) return null;
        // as the import reads it: grouped thousands (5,600.5), a decimal comma of the file or of a quoted "41,9"
        String t = com.promisevalidator.history.service.HistoryCsv.decimalText(text, decimalComma);
        try {
            double d = Double.parseDouble(t);
            if (!Double.isFinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unreadable number");
        }
    }

    /** The rows as an import body: comma-separated, header first, decimals with a point. */
    public static String toCsv(List<HistoryRecord> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build())) {
            p.printRecord(COLUMNS);
            for (HistoryRecord r : rows) {
                p.printRecord(r.kind(), r.reference(), r.site(), nz(r.region()), nz(r.serviceType()), nz(r.rep()), r.orderedAt(),
                        nz(r.promisedBy()), nz(r.completedAt()), minutes(r.promisedMinutes()), minutes(r.actualMinutes()),
                        nz(r.quantity()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Object nz(Object v) {
        return v == null ? "" : v;
    }

    /** At most two decimals (the import keeps minutes to the hundredth). */
    private static String minutes(Double m) {
        if (m == null) return "";
        return new java.math.BigDecimal(m).setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
