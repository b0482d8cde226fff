package com.promisevalidator.history.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import com.promisevalidator.common.Codes;
import com.promisevalidator.common.FieldError;
import com.promisevalidator.common.Limits;
import com.promisevalidator.common.Minutes;
import com.promisevalidator.common.ProblemException;
import com.promisevalidator.history.model.HistoryRow;
import com.promisevalidator.history.model.ImportResult;

/**
 * Parses and checks the history CSV; any bad row rejects the whole file, naming every bad line.
 *
 * <p>Real exports differ: a UTF-8 byte order mark, {@code ;} or tab as separator (given as a
 * {@code sep} hint, else read off the header row), decimal commas ({@code 41,9}) when the
 * separator is not a comma, CRLF line ends, blanks around values and empty lines are all accepted.
 * Minutes may have decimals (kept to the hundredth); exponents, NaN and infinities are refused.
 * Header names match without regard to case, blanks, {@code _} or {@code -} ({@code Ordered At},
 * {@code ordered_at}); only {@code reference}, {@code site} and {@code orderedAt} must be there (a missing
 * or empty {@code kind} is read off the row: SERVICE when it names a serviceType), others left out are empty and
 * columns of other names are ignored (and named in the answer). Times may have a space for the {@code T},
 * an offset without a colon ({@code +0000}) or none at all: then they are the site's local time (UTC for
 * a site not known yet unless the import names a zone for new sites). A delivery's
 * times may be dates only (its start; a completion dated the order's own day is the order's time: lead 0 days);
 * a service's start needs its time of day. A service row with a
 * {@code completedAt} and no {@code actualMinutes} took the minutes between its start and that time; with both, they must
 * agree within 1 minute plus 1% and {@code actualMinutes} counts.
 *
 * <p>Numeric dates as spreadsheets write them ({@code 04/03/2025 10:15}, {@code 4.3.2025}, {@code 04-03-2025 10:15:00})
 * are read only with a {@code dates} hint saying their order ({@link Dates}): {@code 04/03/2025} is 4 March day-first and
 * 3 April month-first, and is never guessed, not even when another row's {@code 13/03/2025} could only be day-first
 * (the reason then names the hint). Read, they are ISO times like any other (the site's zone, clock changes).
 */
public final class HistoryCsv {

    public static final List<String> COLUMNS = List.of("kind", "reference", "site", "region", "serviceType", "rep",
            "orderedAt", "promisedBy", "completedAt", "promisedMinutes", "actualMinutes", "quantity");
    /**
     * References {@code GET /api/v1/history/{reference}} could not read back: the path's dot segments, and the words the
     * API uses under /api/v1/history/ (HistoryResource's own paths, which win over {@code {reference}}).
     */
    public static final java.util.Set<String> UNREADABLE_REFERENCES = java.util.Set.of(".", "..", "import", "outliers", "rebuild-statistics");
    /** The columns a file must have; the others may be left out (empty on every row). */
    static final List<String> REQUIRED = List.of("reference", "site", "orderedAt");
    /** Local date-time with an optional offset: {@code +03:00}, {@code +0300}, {@code +03} or {@code Z}. */
    private static final DateTimeFormatter STAMP = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter(Locale.ROOT).withResolverStyle(java.time.format.ResolverStyle.STRICT); // 02-30 is refused, not read as 02-28
    private static final Pattern DATE_ONLY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** Bad lines listed in one answer (all of them, short of a pathological file); the count is always given. */
    private static final int MAX_REPORTED = 10_000;
    /** A plain decimal: digits, optionally a point and more digits (no exponent, no NaN, no sign). */
    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d+)?");
    /**
     * A quoted decimal comma in a comma-separated file ({@code "41,9"}, as a spreadsheet in a comma-decimal locale
     * writes it): one or two digits after the comma cannot be a thousands group, so it is a decimal.
     */
    private static final Pattern QUOTED_DECIMAL_COMMA = Pattern.compile("-?\\d+,\\d{1,2}");
    private static final String SEPARATORS = ",;\t|";
    /**
     * A numeric date: day and month (one or two digits, in either order), a four-digit year, one separator of
     * {@code / . -} used twice; optionally a space and {@code H:mm} or {@code H:mm:ss}, and an offset as ISO writes it.
     */
    private static final Pattern NUMERIC_DATE = Pattern.compile(
            "(\\d{1,2})([/.\\-])(\\d{1,2})\\2(\\d{4})(?:[ T]+(\\d{1,2})(:\\d{2}(?::\\d{2})?) ?([zZ]|[+-]\\d{2}(?::?\\d{2})?)?)?");
    /** A value that starts as a numeric date (what follows may be anything): refused naming the hint or the form. */
    /** A numeric date with a two-digit year ({@code 04/03/25}), refused saying so. */
    private static final Pattern SHORT_YEAR = Pattern.compile("\\d{1,2}([/.\\-])\\d{1,2}\\1\\d{2}(?!\\d)([ T].*)?");
    private static final Pattern NUMERIC_START = Pattern.compile("(\\d{1,2})([/.\\-])(\\d{1,2})\\2(\\d{4})(?!\\d).*");

    /** The order of day and month in numeric dates ({@code ?dates=dmy} or {@code mdy}). */
    public enum Dates {
        /** Day first: 04/03/2025 is 4 March (Brazil, Europe). */
        DMY("day-first"),
        /** Month first: 04/03/2025 is 3 April (US). */
        MDY("month-first");

        final String words;

        Dates(String words) {
            this.words = words;
        }
    }

    /** A time column's value: as written, its ISO-8601 spelling (a numeric date rewritten by the hint), or why it cannot be read. */
    record Written(String raw, String iso, String problem) {
        static Written of(String raw, Dates order) {
            if (raw == null || raw.isEmpty()) return new Written(raw, raw, null);
            java.util.regex.Matcher m = NUMERIC_DATE.matcher(raw);
            if (!m.matches()) {
                java.util.regex.Matcher start = NUMERIC_START.matcher(raw);
                if (!start.matches()) {
                    // 04/03/25: whether 25 is 1925 or 2025 is not guessed, whatever the hint
                    return SHORT_YEAR.matcher(raw).matches()
                            ? new Written(raw, raw, "has a two-digit year: write the year in full (04/03/2025)") : new Written(raw, raw, null);
                }
                return new Written(raw, raw, order == null ? unhinted(Integer.parseInt(start.group(1)), Integer.parseInt(start.group(3)))
                        : "is not a " + order.words + " date or time (" + (order == Dates.DMY ? "d/M/yyyy" : "M/d/yyyy")
                        + ", with / . or -, optionally followed by a space and HH:mm or HH:mm:ss and an offset)");
            }
            int first = Integer.parseInt(m.group(1)), second = Integer.parseInt(m.group(3)), year = Integer.parseInt(m.group(4));
            if (order == null) {
                // a date neither way round (31/02/2025) is said so at once, not sent to a hint that would refuse it again
                if (!isDate(year, second, first) && !isDate(year, first, second)) {
                    return new Written(raw, raw, "is no date, read day-first or month-first");
                }
                return new Written(raw, raw, unhinted(first, second));
            }
            int day = order == Dates.DMY ? first : second, month = order == Dates.DMY ? second : first;
            String not = "is not a " + order.words + " date (?dates=" + order.name().toLowerCase(Locale.ROOT) + "): ";
            if (month < 1 || month > 12) return new Written(raw, raw, not + "there is no month " + month);
            LocalDate date;
            try {
                date = LocalDate.of(year, month, day);
            } catch (java.time.DateTimeException e) { // strict: 31/02 is refused, not read as 28/02 or 03/03
                return new Written(raw, raw, not + java.time.Month.of(month).getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH)
                        + " " + year + " has no day " + day);
            }
            if (m.group(5) == null) return new Written(raw, date.toString(), null);
            int hourOfDay = Integer.parseInt(m.group(5));
            String[] minSec = m.group(6).substring(1).split(":");
            if (hourOfDay > 23 || Integer.parseInt(minSec[0]) > 59 || minSec.length > 1 && Integer.parseInt(minSec[1]) > 59) {
                return new Written(raw, raw, not + "there is no time of day " + m.group(5) + m.group(6) + " (00:00 to 23:59:59)");
            }
            String hour = m.group(5).length() == 1 ? "0" + m.group(5) : m.group(5);
            return new Written(raw, date + "T" + hour + m.group(6) + (m.group(7) == null ? "" : m.group(7)), null);
        }

        private static boolean isDate(int year, int month, int day) {
            if (month < 1 || month > 12 || day < 1) return false;
            return day <= java.time.YearMonth.of(year, month).lengthOfMonth();
        }

        /** The hint a date that reads either way is given: the file's answer does not say it again after such a line. */
        static final String EITHER_ORDER = "add ?dates=dmy or ?dates=mdy";

        /** Why a numeric date is not read without a hint, naming the hint (the one it can only be, when only one fits). */
        private static String unhinted(int first, int second) {
            int only = onlyWay(first, second);
            if (only > 0) return "can only be day-first, but the order of day and month is not guessed: add ?dates=dmy";
            if (only < 0) return "can only be month-first, but the order of day and month is not guessed: add ?dates=mdy";
            return "is day-first or month-first? " + EITHER_ORDER + " (ISO-8601 times need no hint: 2025-09-01 10:00)";
        }

        /** Only day-first (+1), only month-first (-1), either or neither (0). */
        int only() {
            java.util.regex.Matcher m = raw == null ? null : NUMERIC_START.matcher(raw);
            if (m == null || !m.matches()) return 0;
            return onlyWay(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(3)));
        }

        /** Whether two leading numbers can only be day then month (+1), only month then day (-1), or either or neither (0). */
        private static int onlyWay(int first, int second) {
            return first > 12 && second >= 1 && second <= 12 ? 1 : second > 12 && first >= 1 && first <= 12 ? -1 : 0;
        }
    }

    /** A message ended with a full stop, so a sentence can follow it. */
    private static String sentence(String message) {
        return message == null || message.endsWith(".") ? message : message + ".";
    }

    /** What a file's numeric dates refused for want of a hint suggest: lines that can only be day-first, only month-first, any. */
    private static final class Unhinted {
        int any;
        long dayFirstLine;
        String dayFirst;
        long monthFirstLine;
        String monthFirst;

        void saw(Written w, long line) {
            if (w.problem() == null || !w.problem().contains("?dates=")) return;
            any++;
            int only = w.only();
            if (only > 0 && dayFirst == null) {
                dayFirst = w.raw();
                dayFirstLine = line;
            } else if (only < 0 && monthFirst == null) {
                monthFirst = w.raw();
                monthFirstLine = line;
            }
        }

        /**
         * A sentence for the file's answer, or "" when it has no such dates, or when all it could say (either order) is what the
         * first refused line's own reason already says ({@code first}): the answer's detail said it twice.
         */
        String advice(String first) {
            if (any == 0) return "";
            if (dayFirst != null && monthFirst == null) {
                return " Its numeric dates read only day-first (line " + dayFirstLine + ": '" + dayFirst + "'): import it with ?dates=dmy.";
            }
            if (monthFirst != null && dayFirst == null) {
                return " Its numeric dates read only month-first (line " + monthFirstLine + ": '" + monthFirst + "'): import it with ?dates=mdy.";
            }
            if (first != null && first.contains(Written.EITHER_ORDER)) return "";
            return " Its numeric dates need their order: import it with ?dates=dmy (day-first) or ?dates=mdy (month-first).";
        }
    }

    /** A parsed row with its line in the file (the header is line 1). */
    public record Numbered(long line, HistoryRow row) {
    }

    /**
     * The rows of a file, the header's columns that were not read (other names) and the contract's it lacks, and with {@code skipBad} the lines
     * refused (line and reason, at most {@value #MAX_REPORTED} listed) and how many; {@code repeated}: lines that repeat an
     * earlier line of the file exactly (same reference, same values), left out as duplicates.
     */
    public record Parsed(List<Numbered> rows, List<String> ignoredColumns, List<String> missingColumns, List<ImportResult.Refused> refused,
                         int refusedCount, int repeated) {
    }

    /**
     * Where each known column is in the header; names compared by {@link #key}. A name given twice (after that
     * comparison) is a 400, as is a header without the {@link #REQUIRED} columns.
     */
    record Columns(Map<String, Integer> at, List<String> ignored) {
        /** The contract's columns the header does not name (read as empty in every row). */
        List<String> missing() {
            return COLUMNS.stream().filter(c -> !at.containsKey(c)).toList();
        }

        static String key(String name) {
            return headerKey(name);
        }

        static Columns of(List<String> header) {
            Map<String, String> known = new HashMap<>();
            for (String c : COLUMNS) known.put(key(c), c);
            Map<String, Integer> at = new HashMap<>();
            List<String> ignored = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i) == null ? "" : header.get(i).strip();
                String col = known.get(key(name));
                if (col == null) {
                    if (!name.isEmpty()) ignored.add(name);
                } else if (at.putIfAbsent(col, i) != null) {
                    throw ProblemException.badRequest("line 1: the header row names column " + col + " twice",
                            List.of(new FieldError("line 1", "column " + col + " is named twice")));
                }
            }
            List<String> missing = REQUIRED.stream().filter(c -> !at.containsKey(c)).toList();
            if (!missing.isEmpty()) {
                throw ProblemException.badRequest("line 1: the header row lacks column(s) " + String.join(", ", missing)
                        + "; expected " + String.join(",", COLUMNS) + " (" + String.join(", ", REQUIRED) + " required)",
                        List.of(new FieldError("line 1", "missing column(s) " + missing)));
            }
            return new Columns(at, List.copyOf(ignored));
        }

        boolean has(String col) {
            return at.containsKey(col);
        }

        /** The column's value on a row, "" when the file has no such column. */
        String get(CSVRecord r, String col) {
            Integer i = at.get(col);
            return i == null || i >= r.size() ? "" : r.get(i);
        }
    }

    private HistoryCsv() {
    }

    /** The minutes from a service's start to its end, to the hundredth (half up), as its minutes are kept. */
    public static double minutesBetween(OffsetDateTime start, OffsetDateTime end) {
        return BigDecimal.valueOf(java.time.Duration.between(start, end).toMillis())
                .divide(BigDecimal.valueOf(60_000), Minutes.SCALE, RoundingMode.HALF_UP).doubleValue();
    }

    /** A header name as columns are matched: without case, blanks, '_', '-' or '.' ("Ordered At" is orderedAt). */
    public static String headerKey(String name) {
        return name.replaceAll("[\\s_\\-.]", "").toLowerCase(Locale.ROOT);
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
     * The order of day and month named by a {@code dates} hint: {@code dmy} or {@code mdy} (any case); null when not
     * given. A bad hint is a 400 naming {@code dates}.
     */
    public static Dates dates(String hint) {
        if (hint == null || hint.isBlank()) return null;
        return switch (hint.trim().toLowerCase(Locale.ROOT)) {
            case "dmy" -> Dates.DMY;
            case "mdy" -> Dates.MDY;
            default -> throw ProblemException.badRequest("dates", "must be dmy (day-first: 04/03/2025 is 4 March) or mdy "
                    + "(month-first: 3 April), not '" + hint + "'");
        };
    }

    /**
     * @param sep the separator, or null to read it off the header row (the one of {@code , ; tab |}
     *            that occurs most often there)
     */
    public static List<Numbered> parse(Reader raw, Character sep, Function<HistoryRow, List<FieldError>> check) {
        return read(raw, sep, site -> ZoneOffset.UTC, check, false).rows();
    }

    public static Parsed read(Reader raw, Character sep, Function<String, ZoneId> zoneOf, Function<HistoryRow, List<FieldError>> check,
                              boolean skipBad) {
        return read(raw, sep, null, zoneOf, check, skipBad);
    }

    /**
     * @param dates   the order of day and month in numeric dates ({@code 04/03/2025}), or null: such dates are refused
     * @param zoneOf  the time zone of a site, for times written without an offset (UTC when it gives null)
     * @param skipBad false: any bad row refuses the file (a 400 listing every bad line); true: bad rows are left out
     *                and listed, the good ones returned (a bad header is a 400 either way)
     */
    public static Parsed read(Reader raw, Character sep, Dates dates, Function<String, ZoneId> zoneOf,
                              Function<HistoryRow, List<FieldError>> check, boolean skipBad) {
        Unhinted unhinted = new Unhinted();
        List<Numbered> rows = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        List<ImportResult.Refused> refused = new ArrayList<>(); // the same lines, as the answer lists them with badRows=skip
        int badRows = 0, repeated = 0;
        Columns columns;
        try (BufferedReader in = new BufferedReader(raw, 65_536)) {
            skipByteOrderMark(in);
            Character declared = excelSeparatorLine(in);
            long offset = declared == null ? 0 : 1; // the parser counts from the line after it; lines are reported as in the file
            char delimiter = sep != null ? sep : declared != null ? declared : sniff(in);
            boolean decimalComma = delimiter != ',';
            CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setTrim(true)
                    .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).build();
            CSVParser parser = CSVParser.parse(in, format);
            var records = parser.iterator();
            if (!records.hasNext()) {
                throw ProblemException.badRequest("line 1: the file is empty; a header row is required", List.of(new FieldError("line 1", "no header row")));
            }
            List<String> header = records.next().toList();
            columns = Columns.of(header);
            Map<String, Numbered> seen = new HashMap<>();
            boolean commaDecimals = false;
            Map<Long, String> dotThousands = new java.util.LinkedHashMap<>();
            while (records.hasNext()) {
                CSVRecord r = records.next();
                long line = parser.getCurrentLineNumber() + offset;
                if (blank(r)) continue; // a line of separators or blanks only (e.g. trailing lines of a spreadsheet export)
                if (decimalComma) {
                    // minutes such as "1.234" where the file writes decimals with a comma: a thousands dot, or a decimal point?
                    for (String col : List.of("promisedMinutes", "actualMinutes")) {
                        String v = opt(r, columns, col);
                        if (v == null) continue;
                        if (v.indexOf(',') >= 0) commaDecimals = true;
                        else if (DOT_THOUSANDS.matcher(v).matches()) {
                            dotThousands.putIfAbsent(line, col + " '" + v + "' is ambiguous: this file writes decimals with a comma, so the dot"
                                    + " may group thousands; write " + v.replace(".", "") + " for that many minutes, or " + v.replace('.', ',')
                                    + " for a decimal");
                        }
                    }
                }
                List<String> problems = new ArrayList<>();
                HistoryRow row = toRow(r, columns, header.size(), problems, decimalComma, zoneOf, dates,
                        dates != null ? w -> { } : w -> unhinted.saw(w, line));
                Numbered first = row == null ? null : seen.putIfAbsent(row.reference(), new Numbered(line, row));
                if (first != null && first.row().equals(row)) {
                    repeated++; // the same line twice (an export's join, a copy pasted twice): one row, the other a duplicate
                    continue;
                }
                if (first != null) {
                    problems.add("reference '" + row.reference() + "' appears twice in this file, with other values than on line " + first.line());
                }
                if (row != null) {
                    for (FieldError e : check.apply(row)) problems.add(e.field() + " " + e.message());
                }
                if (!problems.isEmpty()) {
                    badRows++;
                    if (errors.size() < MAX_REPORTED) {
                        String reason = String.join("; ", problems);
                        errors.add(new FieldError("line " + line, reason));
                        refused.add(new ImportResult.Refused(line, reason));
                    }
                } else {
                    rows.add(new Numbered(line, row));
                }
            }
            if (commaDecimals && !dotThousands.isEmpty()) {
                // the file's decimals are commas: "1.234" is read as no number rather than as a thousandth of 1,234 (probe svc M8)
                for (Map.Entry<Long, String> d : dotThousands.entrySet()) {
                    boolean wasGood = rows.removeIf(n -> n.line() == d.getKey());
                    if (!wasGood) continue; // refused already, for this or another reason
                    badRows++;
                    if (errors.size() < MAX_REPORTED) {
                        String reason = d.getValue();
                        errors.add(new FieldError("line " + d.getKey(), reason));
                        refused.add(new ImportResult.Refused(d.getKey(), reason));
                    }
                }
                errors.sort(java.util.Comparator.comparingLong(e -> Long.parseLong(e.field().substring("line ".length()))));
                refused.sort(java.util.Comparator.comparingLong(ImportResult.Refused::line));
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw unreadable(e);
        }
        if (!errors.isEmpty() && !skipBad) {
            throw ProblemException.badRequest(badRows + " bad row(s); nothing was imported."
                    + (badRows > errors.size() ? " The first " + errors.size() + " are listed." : "")
                    + " First: " + errors.get(0).field() + ": " + sentence(errors.get(0).message()) + unhinted.advice(errors.get(0).message()), errors);
        }
        return new Parsed(rows, columns.ignored(), columns.missing(), List.copyOf(refused), badRows, repeated);
    }

    /** The parser's complaint in the file's words: its line when it names one, no class names. */
    static ProblemException unreadable(Exception e) {
        Throwable root = e instanceof java.io.UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
        String msg = String.valueOf(root.getMessage()).replaceAll("\\b(?:org|java|com)\\.[A-Za-z0-9_.$]+:\\s*", "");
        java.util.regex.Matcher at = java.util.regex.Pattern.compile("\\((?:start ?)?line (\\d+)\\)\\s*").matcher(msg);
        if (!at.find()) return ProblemException.badRequest("The CSV could not be read: " + msg, List.of(new FieldError("body", msg)));
        String where = "line " + at.group(1);
        String what = msg.contains("EOF reached before encapsulated token finished")
                ? "a quoted field opened here is never closed (a \" is missing), so the rest of the file would be one field"
                : at.replaceFirst("").strip();
        return ProblemException.badRequest(where + ": " + what + "; nothing was imported", List.of(new FieldError(where, what)));
    }

    /** Skips a UTF-8 byte order mark (Excel writes one), which would otherwise stick to the first column's name. */
    private static void skipByteOrderMark(BufferedReader in) throws IOException {
        in.mark(1);
        if (in.read() != '\uFEFF') in.reset();
    }

    /**
     * Excel's separator line ({@code sep=;} before the header, as Excel writes and reads it where the list separator is not a
     * comma): consumed, its separator returned; null (nothing consumed) when line 1 is not one. A {@code ?sep=} hint still wins.
     */
    private static Character excelSeparatorLine(BufferedReader in) throws IOException {
        in.mark(16);
        char[] head = new char[12];
        int n = 0;
        for (int c = in.read(); c != -1 && n < head.length; c = in.read()) {
            head[n++] = (char) c;
            if (c == '\n') break;
        }
        Character named = excelSeparator(new String(head, 0, n));
        in.reset();
        if (named != null) in.readLine(); // to the end of the line, whichever line end it has
        return named;
    }

    /** The separator Excel's {@code sep=;} line names (a file's first line, with or without its line end); null when it is not one. */
    public static Character excelSeparator(String firstLine) {
        java.util.regex.Matcher m = EXCEL_SEP.matcher(firstLine);
        return m.matches() && SEPARATORS.indexOf(m.group(1).charAt(0)) >= 0 ? m.group(1).charAt(0) : null;
    }

    private static final java.util.regex.Pattern EXCEL_SEP = java.util.regex.Pattern.compile("(?i)\"?sep=([,;|\t])\"?\r?(?:\n|$)");

    /** The longest header row read to find the separator: a header names a dozen columns, so a longer line 1 is not one. */
    static final int MAX_HEADER = 65_536;

    /** The separator the header row uses: the candidate that occurs most often in it (a comma on a tie or none). */
    private static char sniff(BufferedReader in) throws IOException {
        in.mark(MAX_HEADER + 1); // reading past the mark's limit would lose it (reset fails with "Mark invalid")
        StringBuilder header = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n' && c != '\r'; c = in.read()) {
            if (header.length() == MAX_HEADER) {
                String why = "is longer than " + String.format(java.util.Locale.ROOT, "%,d", MAX_HEADER) + " characters, too long for a "
                        + "header row (expected " + String.join(",", COLUMNS) + ")";
                throw ProblemException.badRequest("line 1 " + why + "; nothing was imported", List.of(new FieldError("line 1", why)));
            }
            header.append((char) c);
        }
        in.reset();
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

    private static HistoryRow toRow(CSVRecord r, Columns cols, int expected, List<String> problems, boolean decimalComma,
                                    Function<String, ZoneId> zoneOf, Dates dates, java.util.function.Consumer<Written> seen) {
        if (r.size() != expected) {
            problems.add("expected " + expected + " columns, found " + r.size()
                    + (r.size() > expected && !decimalComma ? " (a decimal comma needs another separator: ?sep=;)" : ""));
            return null;
        }
        // in NFC as well: GET /api/v1/history/{reference} reads its path in NFC (NfcRequestUris)
        String reference = Codes.nfc(required(r, cols, "reference", problems, 200));
        // codes in one Unicode spelling (NFC): a decomposed SALÃO-2 is the site SALÃO-2, not a second one (Codes)
        String site = Codes.nfc(required(r, cols, "site", problems, 64));
        String region = Codes.nfc(opt(r, cols, "region"));
        String type = Codes.nfc(opt(r, cols, "serviceType"));
        // a rep is an identity someone prints: control characters (a terminal escape, a stray line break, C1 codes from a
        // mis-decoded export) become spaces rather than refusing the row, and with it the whole import (probe P12 L6)
        String rep = withoutControls(Codes.nfc(opt(r, cols, "rep")));
        HistoryRow.Kind kind = null;
        String k = cols.get(r, "kind");
        if (!cols.has("kind") || k.isBlank()) {
            kind = type != null ? HistoryRow.Kind.SERVICE : HistoryRow.Kind.DELIVERY; // no such column or value: the row says
        } else {
            try {
                kind = HistoryRow.Kind.valueOf(k.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("kind '" + k + "' must be DELIVERY or SERVICE");
            }
        }
        ZoneId zone = site == null ? ZoneOffset.UTC : zoneOf.apply(site);
        if (zone == null) zone = ZoneOffset.UTC;
        boolean dateOnly = kind != HistoryRow.Kind.SERVICE; // a kind that is not known is reported on its own
        // numeric dates in their ISO spelling (with the hint), so that all below reads them as ISO times
        Map<String, Written> times = new HashMap<>();
        for (String col : List.of("orderedAt", "promisedBy", "completedAt")) {
            Written w = Written.of(cols.get(r, col), dates);
            seen.accept(w);
            times.put(col, w);
        }
        OffsetDateTime orderedAt = timestamp(times.get("orderedAt"), "orderedAt", problems, zone, dateOnly);
        if (orderedAt == null && cols.get(r, "orderedAt").isEmpty()) problems.add("orderedAt is required");
        LocalDate promisedBy = date(times.get("promisedBy"), "promisedBy", problems);
        OffsetDateTime completedAt = timestamp(times.get("completedAt"), "completedAt", problems, zone, dateOnly);
        boolean completedDay = completedAt != null && DATE_ONLY.matcher(times.get("completedAt").iso()).matches();
        if (completedDay && orderedAt != null && completedAt.isBefore(orderedAt)
                && completedAt.toLocalDate().equals(orderedAt.atZoneSameInstant(zone).toLocalDate())) {
            // a date alone means "delivered that day": on the order's own day it is the order's time, not 00:00 before it,
            // so the lead time is 0 days (and it cannot lie after now or the export's asOf, as the day's end could)
            completedAt = orderedAt.atZoneSameInstant(zone).toOffsetDateTime();
        }
        Double promisedMinutes = minutes(r, cols, "promisedMinutes", problems, false, decimalComma);
        Double actualMinutes = minutes(r, cols, "actualMinutes", problems, true, decimalComma);
        Integer quantity = integer(r, cols, "quantity", problems, 0, decimalComma);
        if (kind == HistoryRow.Kind.SERVICE && orderedAt != null && completedAt != null && !completedAt.isBefore(orderedAt)) {
            double between = minutesBetween(orderedAt, completedAt);
            if (actualMinutes == null) {
                actualMinutes = between; // a job log: start and end, no minutes; checked as given ones
            } else if (Math.abs(between - actualMinutes) > 1 + 0.01 * Math.max(between, actualMinutes)) {
                // both given and they contradict: either could be the typo, so neither is counted; agreeing, actualMinutes counts
                problems.add("completedAt is " + Minutes.decimal(between).toPlainString() + " minutes after the start but actualMinutes is "
                        + Minutes.decimal(actualMinutes).toPlainString() + " (they may differ by at most 1 minute plus 1%)");
            }
        }
        if (kind == HistoryRow.Kind.DELIVERY && region == null) problems.add("region is required for a DELIVERY row");
        if (kind == HistoryRow.Kind.SERVICE && type == null) problems.add("serviceType is required for a SERVICE row");
        textLimit(problems, "reference", reference, Limits.QUOTE_ID);
        if (reference != null && UNREADABLE_REFERENCES.contains(reference)) {
            problems.add("reference '" + reference + "' cannot be a reference: GET /api/v1/history/" + reference
                    + " could not read it back (not '.', '..' or a word the history API uses: import, outliers, rebuild-statistics)");
        }
        textLimit(problems, "site", site, Limits.CODE);
        textLimit(problems, "region", region, Limits.CODE);
        textLimit(problems, "serviceType", type, Limits.CODE);
        textLimit(problems, "rep", rep, Limits.REP);
        code(problems, "site", site);
        code(problems, "region", region);
        code(problems, "serviceType", type);
        if (orderedAt != null && !Limits.dateInRange(orderedAt.toLocalDate())) problems.add("orderedAt " + Limits.dateRangeMessage());
        if (completedAt != null && !Limits.dateInRange(completedAt.toLocalDate())) problems.add("completedAt " + Limits.dateRangeMessage());
        if (!Limits.dateInRange(promisedBy)) problems.add("promisedBy " + Limits.dateRangeMessage());
        if (promisedMinutes != null && promisedMinutes > Limits.MAX_PROMISED_MINUTES) problems.add("promisedMinutes must be at most " + Limits.MAX_PROMISED_MINUTES);
        if (actualMinutes != null && actualMinutes > Limits.MAX_ACTUAL_MINUTES) problems.add("actualMinutes must be at most " + Limits.MAX_ACTUAL_MINUTES);
        if (quantity != null && quantity > Limits.MAX_UNITS) problems.add("quantity must be at most " + Limits.MAX_UNITS);
        if (orderedAt != null && completedAt != null && completedAt.isBefore(orderedAt)) {
            // a local time in the hour the clocks go back (or the skipped one) can make a sound row look reversed: say so
            List<String> dst = new ArrayList<>();
            for (String col : List.of("orderedAt", "completedAt")) {
                String why = clockChange(times.get(col).iso(), zone);
                if (why != null) dst.add(col + " " + why);
            }
            problems.add("completedAt is before orderedAt" + (completedDay ? " (" + completedAt.toLocalDate() + " is before the order's day "
                    + orderedAt.atZoneSameInstant(zone).toLocalDate() + ")" : "")
                    + (dst.isEmpty() ? "" : ": " + String.join("; ", dst) + "; give the times an offset"));
        }
        if (!problems.isEmpty()) return null;
        return new HistoryRow(kind, reference, site, region, type, rep, orderedAt, promisedBy, completedAt,
                promisedMinutes, actualMinutes, quantity);
    }

    private static void textLimit(List<String> problems, String col, String value, int max) {
        String p = Limits.textProblem(value, max);
        if (p != null && !problems.contains(col + " " + p)) problems.add(col + " " + p);
    }

    /**
     * A site, region or service type must be a code the master-data API can address ({@code PUT /api/v1/sites/{code}}),
     * or the import would create one ops can never configure; one already refused for its length is not named twice.
     */
    private static void code(List<String> problems, String col, String value) {
        String why = Limits.notACode(value);
        if (why != null) problems.add(col + " " + why + " (no spaces, '/' or other signs): the master-data API could not address it");
    }

    /** Thousands grouped with commas before a decimal point (1,041.5), with dots before a decimal comma (1.041,5), or with spaces. */
    private static final Pattern GROUPED_POINT = Pattern.compile("-?\\d{1,3}(,\\d{3})+\\.\\d+");
    private static final Pattern GROUPED_COMMA = Pattern.compile("-?\\d{1,3}(\\.\\d{3})+,\\d+");
    private static final Pattern GROUPED_SPACE = Pattern.compile("-?\\d{1,3}([ \\u00A0\\u202F]\\d{3})+([.,]\\d+)?");

    /**
     * A number whose thousands are grouped in a way that cannot be misread, as a plain decimal ({@code 1,041.5} and
     * {@code 1.041,5} and {@code 1 041,5}: 1041.5): both separators are there, or the groups are spaces (as spreadsheets in
     * French or Portuguese write them, often with a no-break space). Null for anything else, which is read as before (a
     * lone {@code 1,234} or {@code 1.234} stays ambiguous).
     */
    public static String ungrouped(String v) {
        if (GROUPED_POINT.matcher(v).matches()) return v.replace(",", "");
        if (GROUPED_COMMA.matcher(v).matches()) return v.replace(".", "").replace(',', '.');
        if (GROUPED_SPACE.matcher(v).matches()) return v.replaceAll("[ \\u00A0\\u202F]", "").replace(',', '.');
        return null;
    }

    /**
     * A number of an export as a decimal with a point, for the checks that follow to read: thousands grouped as
     * {@link #ungrouped} reads them, else a decimal comma where the file writes them ({@code decimalComma}) or a field quotes
     * one ({@code "41,9"}), else as written. The import and the replay read minutes the same way through it.
     */
    public static String decimalText(String v, boolean decimalComma) {
        String grouped = ungrouped(v);
        if (grouped != null) return grouped;
        return decimalComma || QUOTED_DECIMAL_COMMA.matcher(v).matches() ? v.replace(',', '.') : v;
    }

    /** A whole number grouped with a thousands dot, as a comma-decimal spreadsheet writes it: 1.234, 12.500. */
    private static final java.util.regex.Pattern DOT_THOUSANDS = java.util.regex.Pattern.compile("\\d{1,3}(\\.\\d{3})+");

    private static String opt(CSVRecord r, Columns cols, String col) {
        String v = cols.get(r, col);
        return v == null || v.isEmpty() ? null : v;
    }

    private static String required(CSVRecord r, Columns cols, String col, List<String> problems, int max) {
        String v = opt(r, cols, col);
        if (v == null) problems.add(col + " is required");
        else if (v.length() > max) problems.add(col + " is longer than " + max + " characters");
        return v;
    }

    /**
     * An ISO-8601 time ({@code T} or a space between date and time); without an offset it is local time in
     * {@code zone}; a date alone is its start there when {@code dateAllowed}.
     */
    public static OffsetDateTime stamp(String v, ZoneId zone, boolean dateAllowed) {
        if (DATE_ONLY.matcher(v).matches()) {
            if (!dateAllowed) throw new DateTimeParseException("a date without a time of day", v, 0);
            return LocalDate.parse(v).atStartOfDay(zone).toOffsetDateTime();
        }
        TemporalAccessor t = STAMP.parse(withT(v));
        LocalDateTime local = LocalDateTime.from(t);
        return t.isSupported(ChronoField.OFFSET_SECONDS) ? local.atOffset(ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS)))
                : local.atZone(zone).toOffsetDateTime();
    }

    private static String withT(String v) {
        String t = v.length() > 10 && v.charAt(10) == ' ' ? v.substring(0, 10) + 'T' + v.substring(11).strip() : v;
        // an offset written after a space, as many logs and Rails write it: 2025-03-04 10:15:00 -0300
        Matcher spaced = SPACED_OFFSET.matcher(t);
        return spaced.matches() ? spaced.group(1) + spaced.group(2) : t;
    }

    private static final Pattern SPACED_OFFSET = Pattern.compile("(.*T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?) ([zZ]|[+-]\\d{2}(?::?\\d{2})?)");

    /**
     * Why a time written without an offset is not one instant in {@code zone}, or null: it lies in the hour the clocks go
     * back (read as the earlier of the two) or in the hour they skip (read as that much later).
     */
    static String clockChange(String v, ZoneId zone) {
        if (v == null || v.isEmpty() || DATE_ONLY.matcher(v).matches()) return null;
        try {
            TemporalAccessor t = STAMP.parse(withT(v));
            if (t.isSupported(ChronoField.OFFSET_SECONDS)) return null;
            LocalDateTime local = LocalDateTime.from(t);
            var change = zone.getRules().getTransition(local);
            if (change == null) return null;
            String when = local.toLocalTime() + (change.isOverlap() ? " is ambiguous" : " does not exist") + " in " + zone.getId() + " on " + local.toLocalDate();
            return change.isOverlap() ? when + " (clocks go back; read as the earlier one, " + change.getOffsetBefore() + ")"
                    : when + " (clocks go forward; read as " + local.plus(change.getDuration()).toLocalTime() + ")";
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static OffsetDateTime timestamp(Written w, String col, List<String> problems, ZoneId zone, boolean dateAllowed) {
        String v = w.raw();
        if (v == null || v.isEmpty()) return null;
        if (w.problem() != null) {
            problems.add(col + " '" + v + "' " + w.problem());
            return null;
        }
        try {
            return stamp(w.iso(), zone, dateAllowed);
        } catch (DateTimeParseException e) {
            problems.add(col + " '" + v + "' is not " + (dateAllowed ? "an ISO-8601 date or time (e.g. 2025-09-01T10:00:00-03:00, 2025-09-01 10:00 or 2025-09-01)"
                    : DATE_ONLY.matcher(w.iso()).matches() ? "a time of day: a service's start needs one (e.g. " + w.iso() + "T10:00:00-03:00)"
                    : "an ISO-8601 time (e.g. 2025-09-01T10:00:00-03:00 or 2025-09-01 10:00)"));
            return null;
        } catch (java.time.DateTimeException e) { // e.g. an offset beyond 18 hours
            problems.add(col + " '" + v + "' is not a valid time: " + e.getMessage());
            return null;
        }
    }

    /** A date, or a time whose date (as written) it is: exports often write {@code 2017-11-28 00:00:00}. */
    private static LocalDate date(Written w, String col, List<String> problems) {
        String v = w.raw();
        if (v == null || v.isEmpty()) return null;
        if (w.problem() != null) {
            problems.add(col + " '" + v + "' " + w.problem());
            return null;
        }
        String iso = w.iso();
        try {
            return DATE_ONLY.matcher(iso).matches() ? LocalDate.parse(iso) : stamp(iso, ZoneOffset.UTC, false).toLocalDate();
        } catch (java.time.DateTimeException e) {
            problems.add(col + " '" + v + "' is not a date YYYY-MM-DD");
            return null;
        }
    }

    /**
     * Minutes with decimals ({@code 41.9}, or {@code 41,9} when the separator is not a comma or the field is quoted; thousands
     * grouped as {@link #ungrouped} reads them), rounded to the hundredth; promised minutes must be above zero, actual ones at least zero.
     */
    private static Double minutes(CSVRecord r, Columns cols, String col, List<String> problems, boolean zeroAllowed, boolean decimalComma) {
        String v = opt(r, cols, col);
        if (v == null) return null;
        String s = decimalText(v, decimalComma);
        if (s.startsWith("-") && DECIMAL.matcher(s.substring(1)).matches()) {
            problems.add(col + " '" + v + "' must not be negative");
            return null;
        }
        if (!DECIMAL.matcher(s).matches()) {
            problems.add(col + " '" + v + "' is not a number of minutes (digits with an optional decimal "
                    + (decimalComma ? "point or comma" : "point, or a comma in a quoted field") + ", e.g. 41.9)");
            return null;
        }
        BigDecimal d = new BigDecimal(s).setScale(Minutes.SCALE, RoundingMode.HALF_UP);
        if (d.signum() == 0 && !zeroAllowed) {
            problems.add(col + " must be more than 0");
            return null;
        }
        return d.doubleValue();
    }

    /**
     * A whole number; {@code 5.0} (or {@code 5,0} when the separator is not a comma) is 5, as spreadsheets and data
     * frames write a count column that has gaps; {@code 5.5} is refused.
     */
    private static Integer integer(CSVRecord r, Columns cols, String col, List<String> problems, int min, boolean decimalComma) {
        String v = opt(r, cols, col);
        if (v == null) return null;
        String s = decimalComma || QUOTED_DECIMAL_COMMA.matcher(v).matches() ? v.replace(',', '.') : v;
        try {
            // plain ASCII digits with an optional sign (Integer.parseInt would take other scripts' digits too)
            String unsigned = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
            if (!DECIMAL.matcher(unsigned).matches()) throw new NumberFormatException(v);
            int i = new BigDecimal(s).intValueExact(); // ArithmeticException (a fraction, or too large) is the refusal below
            if (i < min) {
                problems.add(col + " must be at least " + min);
                return null;
            }
            return i;
        } catch (NumberFormatException | ArithmeticException e) {
            problems.add(col + " '" + v + "' is not a whole number");
            return null;
        }
    }

    /**
     * The text with each run of control characters made one space and text-direction controls left out (they reorder what
     * the next reader sees), trimmed; null when nothing else is left.
     */
    static String withoutControls(String text) {
        if (text == null || text.chars().noneMatch(c -> Character.isISOControl(c) || com.promisevalidator.common.Limits.bidiControl((char) c))) {
            return text;
        }
        String cleaned = text.replaceAll("[\\u202A-\\u202E\\u2066-\\u2069]+", "").replaceAll("\\p{Cc}+", " ").strip();
        return cleaned.isEmpty() ? null : cleaned;
    }
}
