package com.promisevalidator.common;

import java.time.LocalDate;

/**
 * Every size and range the API accepts, in one place. Text limits match the database columns
 * (V1..V4 migrations), so a value that passes the edge always fits its column; number limits keep
 * sums far from integer overflow. Checked at the edge (Bean Validation on request records, or the
 * service's field checks), never discovered by the database.
 */
public final class Limits {

    private Limits() {
    }

    /** site.code, region.code, service_type.service_type, lane.region_code. */
    public static final int CODE = 64;
    /**
     * What a site, region or service type code may hold, wherever one comes in (master-data paths, history imports,
     * parameters): letters and digits of any script (an export writes {@code SALÃO-2}), '-', '_' and '.', so it fits a
     * URL path segment and a lane's {@code SITE->REGION} without escaping; never spaces or '/'.
     */
    public static final String CODE_PATTERN = "[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}_.\\-]{0," + (CODE - 1) + "}";
    public static final String CODE_RULE = "must be 1-" + CODE + " letters, digits, '-', '_' or '.', starting with a letter or digit";
    private static final java.util.regex.Pattern CODE_REGEX = java.util.regex.Pattern.compile(CODE_PATTERN);

    /** Whether {@code value} is a code as {@link #CODE_PATTERN} says. */
    public static boolean isCode(String value) {
        return value != null && CODE_REGEX.matcher(value).matches();
    }

    /** stock.sku, promise_line.sku. */
    public static final int SKU = 128;
    /** promise.rep, history.rep, rep_record.rep. */
    public static final int REP = 128;
    /** promise.customer. */
    public static final int CUSTOMER = 200;
    /** promise.quote_id. */
    public static final int QUOTE_ID = 200;
    /** site.name. */
    public static final int SITE_NAME = 200;
    /** site.time_zone. */
    public static final int TIME_ZONE = 64;
    /** decision.id, promise.id. */
    public static final int ID = 40;
    /** An Idempotency-Key as sent (idempotency.idem_key keeps it behind a 17-character caller prefix). */
    public static final int IDEMPOTENCY_KEY = 200;

    /** Units of one line, on hand, one inbound delivery, a day's orders: 100 such values still fit an int. */
    public static final int MAX_UNITS = 10_000_000;
    /** Lines in one quote. */
    public static final int MAX_LINES = 500;
    /** Inbound deliveries of one SKU at one site. */
    public static final int MAX_INBOUND = 100;
    /** Holidays of one site. */
    public static final int MAX_HOLIDAYS = 1000;
    /** A recorded service duration: one year (anything longer is a typing error). */
    public static final int MAX_ACTUAL_MINUTES = 366 * 1440;
    /**
     * A promised service duration: as long as a recorded one. It was a week, the longest history then learnt, but an estimate
     * stretched by its site's or its hours' speed, or raised by an ops buffer, can recommend more, and a promise the service
     * recommended was then refused at validate and at commit (probe svckinds H2). Nothing is sized by a promise's minutes.
     */
    public static final int MAX_PROMISED_MINUTES = MAX_ACTUAL_MINUTES;
    /** Bays of one service type at one site. */
    public static final int MAX_BAYS = 1000;
    /**
     * Standard minutes of a service: a week (a multi-day repair has a standard of days). Bounded below a promise: its planning
     * estimate holds a step per tenth of a minute.
     */
    public static final int MAX_STANDARD_MINUTES = 7 * 1440;
    /** The shortest standard minutes of a service, as text (a bean-validation bound): a tenth, the estimates' step. */
    public static final String MIN_STANDARD_MINUTES = "0.1";
    /** Planning transit days of a lane. */
    public static final int MAX_TRANSIT_DAYS = 365;
    /** Rule files in one candidate set. */
    public static final int MAX_RULE_FILES = 100;
    /** Page size of list endpoints. */
    public static final int MAX_PAGE = 1000;

    /** Dates and times the API accepts: wide enough for any real order, narrow enough for date arithmetic. */
    public static final LocalDate MIN_DATE = LocalDate.of(2000, 1, 1);
    public static final LocalDate MAX_DATE = LocalDate.of(2100, 12, 31);

    /** JSON parser limits: nesting depth, characters of one string (a rule file), digits of one number. */
    public static final int JSON_MAX_DEPTH = 32;
    public static final int JSON_MAX_STRING = 1_000_000;
    public static final int JSON_MAX_NUMBER_DIGITS = 100;

    public static boolean dateInRange(LocalDate d) {
        return d == null || !d.isBefore(MIN_DATE) && !d.isAfter(MAX_DATE);
    }

    public static String dateRangeMessage() {
        return "must lie between " + MIN_DATE + " and " + MAX_DATE;
    }

    /** Adds an error for {@code field} when {@code value} is too long or holds what no column can store. */
    public static void text(java.util.List<FieldError> errors, String field, String value, int max) {
        String problem = textProblem(value, max);
        if (problem != null) errors.add(new FieldError(field, problem));
    }

    /**
     * {@link #text} for a name that identifies someone (a rep, a customer, a quote): no control characters either (C0 and
     * C1: line breaks, tabs, terminal escapes), which would reach whoever prints the names (probe P12 L6).
     */
    public static void name(java.util.List<FieldError> errors, String field, String value, int max) {
        String problem = nameProblem(value, max);
        if (problem != null) errors.add(new FieldError(field, problem));
    }

    /** Why a name is refused ({@link #name}), or null. */
    public static String nameProblem(String value, int max) {
        String problem = textProblem(value, max);
        if (problem != null || value == null) return problem;
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return "must not contain control characters (line breaks, tabs, escapes: U+" + String.format("%04X", (int) value.charAt(i))
                        + " at position " + (i + 1) + ")";
            }
            if (bidiControl(value.charAt(i))) {
                return "must not contain text-direction controls (U+" + String.format("%04X", (int) value.charAt(i)) + " at position "
                        + (i + 1) + "): they reorder what whoever reads the name sees";
            }
        }
        return null;
    }

    /**
     * Text-direction embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): "evil" with an override reads "live"
     * in the next screen that shows it (probe rep L5). Marks (U+200E, U+200F) that only nudge neutral characters stay.
     */
    public static boolean bidiControl(char c) {
        return c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069';
    }

    /** {@link #text} for a code ({@link #CODE_PATTERN}): one the master data and the history import could never hold is refused (blank is absent). */
    public static void code(java.util.List<FieldError> errors, String field, String value) {
        String problem = textProblem(value, CODE);
        if (problem == null) problem = notACode(value);
        if (problem != null) errors.add(new FieldError(field, problem));
    }

    /**
     * Why a value within the text limits is no code ("'R J' must be 1-64 letters…"), or null: a code, blank (absent) or one
     * already refused by {@link #textProblem} (not named twice).
     */
    public static String notACode(String value) {
        if (value == null || value.isBlank() || isCode(value) || textProblem(value, CODE) != null) return null;
        return "'" + value + "' " + CODE_RULE;
    }

    /**
     * Why a text value is refused, or null: longer than {@code max} characters, or holding a NUL
     * (PostgreSQL text cannot store it) or half of a surrogate pair (not a character at all).
     */
    public static String textProblem(String value, int max) {
        if (value == null) return null;
        if (value.length() > max) return "is longer than " + max + " characters";
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) return "must not contain NUL characters";
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains an unpaired surrogate (not valid Unicode text)";
            }
        }
        return null;
    }
}
