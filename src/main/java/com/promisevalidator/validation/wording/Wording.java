package com.promisevalidator.validation.wording;

import com.promisevalidator.rules.model.MessageTemplate;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.promisevalidator.performance.model.SourceWords;
import com.promisevalidator.validation.facts.Finding;
import com.promisevalidator.validation.facts.Reason;

/**
 * Writes sentences in one language from templates: a pure function of (templates, language, today,
 * key, values). A template is text with placeholders {@code {name}} or {@code {name,format}}:
 * <ul>
 * <li>{@code {x}}: the value as it is (a number with decimals with the language's decimal separator: "12.5"; "12,5");</li>
 * <li>{@code {x,number}}: a number with the language's digit grouping ("2,057"; "2.057");</li>
 * <li>{@code {x,pct}}: a chance 0..1 as a percentage ("90%", "92.5%", "99.9%": one decimal near the ends or when given in tenths);</li>
 * <li>{@code {x,chance}}: an estimated chance, as {@code pct} says it, except that one rounding to 100% (or to 0% while above 0)
 * is "more than 99.9%" ("less than 0.1%"), the {@code chance.above} and {@code chance.below} templates: an estimate from past
 * performance is never a certainty for a rep to repeat, nor a precision of thousandths (the page says it so too);</li>
 * <li>{@code {x,day}}: an ISO date as a day ("Fri Dec 4"), with the year when it is not this year;</li>
 * <li>{@code {x,time}}: an ISO date-time as a day and time ("Fri Dec 4 09:30"), labelled with its offset when it has one
 * ("Fri Dec 4 09:30 (UTC-3)": the site's time, whatever zone the reader is in);</li>
 * <li>{@code {x,plural,one,other}}: a grouped count with its noun ("1 day", "2,057 orders"); a value with decimals keeps them
 * ("33.5 minutes"; "33,5 minutos"), never rounded below what it says;</li>
 * <li>{@code {x,minutes}}: service minutes as {@code plural} says them, with the language's {@code unit.minute(s)}; from two
 * hours on also in hours, from a day on in days and hours, rounded up ("5,600 minutes (3 days and 22 hours)"): a job of days said
 * in minutes alone is hard to read to a customer, and what is said aloud must never promise less than the minutes.</li>
 * </ul>
 * A missing value prints as "?" (a template may name evidence a finding does not carry).
 */
public final class Wording {

    private final Messages messages;
    private final Locale locale;
    private final LocalDate today;
    private final DateTimeFormatter day;
    private final DateTimeFormatter dayWithYear;
    private final DateTimeFormatter time;
    private final DateTimeFormatter timeWithYear;
    private final DecimalFormatSymbols symbols;
    /**
     * Days as worded, by the evidence value (a date or its text): the same few hundred days within the horizon are worded
     * on every answer, and parsing and formatting them was half of the wording's time. Bounded: cleared when full.
     */
    private final Map<Object, String> days = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int DAYS_KEPT = 4096;

    public Wording(Messages messages, LocalDate today) {
        this.messages = messages;
        this.locale = messages.locale();
        this.today = today;
        this.day = DateTimeFormatter.ofPattern(messages.template("format.day"), locale);
        this.dayWithYear = DateTimeFormatter.ofPattern(messages.template("format.dayWithYear"), locale);
        this.time = DateTimeFormatter.ofPattern(messages.template("format.time"), locale);
        this.timeWithYear = DateTimeFormatter.ofPattern(messages.template("format.timeWithYear"), locale);
        this.symbols = DecimalFormatSymbols.getInstance(locale);
    }

    /**
     * Days of the week by their names ("SATURDAY", "SUNDAY") as the language lists them in a clause ({@code weekday.SATURDAY}:
     * "Saturdays", "aos sábados"; the day's own name when it has none), the last two joined by {@code weekday.join}:
     * "Saturdays or Sundays", "aos sábados nem aos domingos".
     */
    private String weekdays(List<?> names) {
        List<String> out = new ArrayList<>();
        for (Object n : names) {
            String said = messages.templateOrNull("weekday." + n);
            if (said == null) {
                try {
                    said = java.time.DayOfWeek.valueOf(String.valueOf(n)).getDisplayName(java.time.format.TextStyle.FULL, locale);
                } catch (IllegalArgumentException e) {
                    said = String.valueOf(n);
                }
            }
            out.add(said);
        }
        if (out.size() < 2) return String.join("", out);
        String join = messages.templateOrNull("weekday.join");
        return String.join(", ", out.subList(0, out.size() - 1)) + " " + (join == null ? "or" : join) + " " + out.get(out.size() - 1);
    }

    public Locale locale() {
        return locale;
    }

    /**
     * A finding as the answer shows it: one sentence a rep can read to a customer. What else the estimate rests on is said
     * in clauses after its own (joined by semicolons, its code's templates written as clauses): a short memory (evidence
     * {@value #RECENT}, {@code .recentMemory}), a recent pace ({@value #PACE}, {@code .recentPace.faster|slower}), ops' buffer ({@code .buffer}), the band of the week ({@code .timeOfWeek…}) and
     * how standard times turned out ({@code .standard…}), when the language has them.
     */
    public Reason reason(String rule, Finding f) {
        List<String> clauses = new ArrayList<>();
        if (f.evidence().get(RECENT) != null && f.code() != null) {
            String recent = f.code().name() + ".recentMemory";
            if (messages.templateOrNull(recent) != null) clauses.add(say(recent, f.evidence()));
        }
        // said once it makes a difference a rep can feel (as a standard's share is): "about 1% faster" is noise said aloud
        if (f.evidence().get(PACE) instanceof Number pace && f.code() != null && Math.abs(1 - pace.doubleValue()) >= SAID_FROM) {
            String key = f.code().name() + ".recentPace." + (pace.doubleValue() < 1 ? "faster" : "slower");
            if (messages.templateOrNull(key) != null) {
                Map<String, Object> v = new java.util.HashMap<>(f.evidence());
                v.put("change", Math.abs(1 - pace.doubleValue()));
                clauses.add(say(key, v));
            }
        }
        if ((f.evidence().get("bufferDays") != null || f.evidence().get("bufferMinutes") != null) && f.code() != null) {
            String buffer = f.code().name() + ".buffer"; // ops' margin, said apart from what history says
            if (messages.templateOrNull(buffer) != null) clauses.add(say(buffer, f.evidence()));
        }
        if (f.evidence().get("movedBackFrom") != null && f.evidence().get("noArrivalDays") instanceof List<?> days && f.code() != null) {
            String key = f.code().name() + ".noArrivals"; // why the promise is earlier than the days history took
            if (messages.templateOrNull(key) != null) {
                Map<String, Object> v = new java.util.HashMap<>(f.evidence());
                v.put("days", weekdays(days));
                clauses.add(say(key, v));
            }
        }
        if (f.evidence().get(TIME_OF_WEEK) instanceof String band && f.evidence().get(TIME_OF_WEEK_FACTOR) instanceof Number factor
                && f.code() != null) {
            String said = timeOfWeek(f.code().name(), band, factor.doubleValue(), f.evidence());
            if (said != null) clauses.add(said);
        }
        Double plan = planShare(f.evidence());
        if (f.evidence().get(STANDARD) instanceof Number ratio && f.code() != null && Math.abs(ratio.doubleValue() - 1) >= SAID_FROM
                && plan != null && Math.abs(plan - 1) >= SAID_FROM && (plan > 1) == (ratio.doubleValue() > 1)) {
            String key = f.code().name() + ".standard." + (ratio.doubleValue() > 1 ? "longer" : "shorter");
            if (messages.templateOrNull(key) != null) {
                Map<String, Object> v = new java.util.HashMap<>(f.evidence());
                v.put("change", Math.abs(ratio.doubleValue() - 1));
                // how far the plan itself moved: with few services to go by it follows the standard more than their jobs
                v.put("planChange", Math.abs(plan - 1));
                clauses.add(say(key, v));
            }
        }
        // a lane whose deliveries arrive the day they leave: "arrived the same day", not "took up to 0 days" (probe dlv L3)
        String key = f.evidence().get("historyDaysAtTarget") instanceof Number d && d.intValue() == 0
                && messages.templateOrNull(f.key() + ".sameDay") != null ? f.key() + ".sameDay" : own(f);
        StringBuilder sentence = new StringBuilder(clauses.isEmpty() ? say(key, f.evidence()) : say(key, f.evidence(), true));
        for (int i = 0; i < clauses.size(); i++) {
            String c = clauses.get(i);
            // each clause but the last without its full stop: one sentence, not two or three (probe P11)
            sentence.append("; ").append(i < clauses.size() - 1 && c.endsWith(".") ? c.substring(0, c.length() - 1) : c);
        }
        return new Reason(f.code(), rule, f.severity(), sentence.toString(), f.evidence());
    }

    /**
     * The finding's key, but a service estimate's ({@code SERVICE_DURATION.estimate.*}, 2026-12-07) in a messages file
     * written before it (an ops rules directory kept over an upgrade) is the file's own "took up to" sentence, in its own
     * language and words, rather than the built-in English one.
     */
    private String own(Finding f) {
        String key = f.key();
        if (!f.variant().startsWith("estimate.") || messages.hasOwn(key)) return key;
        String before = f.code().name() + ".history." + f.variant().substring("estimate.".length());
        return messages.hasOwn(before) ? before : key;
    }

    /**
     * An at-risk reason of an open promise as a sentence: its code's {@code atRisk.<code>} template, or the variant its
     * evidence calls for ({@link #atRiskVariant}) when there is one, so the sentence reads true for 0 and 1 as for many.
     */
    public String atRisk(String code, Map<String, ?> evidence) {
        String key = "atRisk." + code;
        String variant = atRiskVariant(code, evidence);
        return say(variant != null && messages.templateOrNull(key + "." + variant) != null ? key + "." + variant : key, evidence);
    }

    /**
     * DAY_FULL's variant {@code zero}: the site dispatches no orders a day at all; {@code none}: no working day up to the
     * promised date has room; NO_FREE_BAY's {@code none}: no bays.
     * STOCK_SHORT's variants: {@code none} when nothing is there by the dispatch day (then none of the promise is covered);
     * {@code all} when promises dispatched earlier need all there is (none of the promise is covered); {@code first} when
     * no earlier promise takes any (part of the promise is covered). Else (part is covered, earlier promises take some) none.
     */
    static String atRiskVariant(String code, Map<String, ?> evidence) {
        // DAY_FULL: no day with room before the promised date; NO_FREE_BAY: no bay left at all
        if ("DAY_FULL".equals(code)) {
            // a capacity lowered to 0: no order leaves at all ("0 orders committed before this one fill" read false)
            if (evidence.get("dailyCapacity") instanceof Number capacity && capacity.longValue() <= 0) return "zero";
            return evidence.get("leavesOn") == null ? "none" : null;
        }
        if ("NO_FREE_BAY".equals(code)) return evidence.get("bays") instanceof Number bays && bays.longValue() <= 0 ? "none" : null;
        if (!"STOCK_SHORT".equals(code) || !(evidence.get("available") instanceof Number available)
                || !(evidence.get("quantity") instanceof Number quantity) || !(evidence.get("short") instanceof Number shortBy)) return null;
        if (available.longValue() <= 0) return "none";
        if (shortBy.longValue() >= quantity.longValue()) return "all";
        return evidence.get("promisedBefore") instanceof Number before && before.longValue() == 0 ? "first" : null;
    }

    /** Evidence key: how standard times have turned out (finished minutes over standard minutes, the median). */
    public static final String STANDARD = "standardTurnsOut";

    /**
     * The plan from a standard as a share of the standard itself (before any buffer); null without both. A share learnt on
     * a few services barely moves it, and then there is nothing to explain ({@link #SAID_FROM}).
     */
    private static Double planShare(Map<String, Object> evidence) {
        if (!(evidence.get("minutesAtTarget") instanceof Number at) || !(evidence.get("standardMinutes") instanceof Number standard)
                || standard.doubleValue() <= 0) return null;
        double buffer = evidence.get("bufferMinutes") instanceof Number b ? b.doubleValue() : 0;
        return (at.doubleValue() - buffer) / standard.doubleValue();
    }

    /** Evidence key: the short half-life an estimate was weighed with because work everywhere slowed down. */
    public static final String RECENT = "recentMemoryDays";
    /** Evidence: how much slower (above 1) or faster deliveries everywhere have gone lately, allowed for ({@code .recentPace.…}). */
    public static final String PACE = "recentPace";
    /** Evidence keys: the band of the week an estimate was made for ("friday 12-15"; older facts: "weekday 12-15") and how much longer work takes then. */
    public static final String TIME_OF_WEEK = "timeOfWeek", TIME_OF_WEEK_FACTOR = "timeOfWeekFactor";
    /** Evidence key: what the time-of-week effect rests on, "site" (mostly the site's own jobs) or "all" (mostly jobs at all sites). */
    public static final String TIME_OF_WEEK_FROM = "timeOfWeekFrom";
    /** The smallest time-of-week change (a share) the answer puts into words. */
    static final double SAID_FROM = 0.05;

    /** Days of the week as a band of the week names them ("friday 12-15"), Monday first. */
    private static final String[] DAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

    /**
     * The time-of-week clause: its code's {@code .timeOfWeek.<day>.<longer|shorter>} template (from a change of 5 %) with the
     * band's hours ({@code from}, {@code to}: "12:00"), the change ({@code change}, a share) and what it rests on ({@code where}:
     * its {@code .timeOfWeek.from.site} or {@code .from.all} template); null without a template. A day
     * without its own template ({@code monday} … {@code sunday}) is said with its {@code weekday} or {@code weekend} one, and a
     * recorded band of older facts ("weekday 12-15") with that.
     */
    private String timeOfWeek(String code, String band, double factor, Map<String, Object> evidence) {
        String[] p = band.split("[ -]");
        // a few per cent is within a job's usual spread: not worth a sentence read to a customer (the evidence keeps it)
        if (p.length != 3 || Math.abs(factor - 1) < SAID_FROM) return null;
        String way = factor > 1 ? "longer" : "shorter", key = code + ".timeOfWeek." + p[0] + "." + way;
        if (messages.templateOrNull(key) == null) {
            // a day's band ("friday 12-15") in a messages file that words only weekday and weekend bands
            int day = java.util.List.of(DAYS).indexOf(p[0]);
            if (day < 0) return null;
            key = code + ".timeOfWeek." + (day >= 5 ? "weekend" : "weekday") + "." + way;
            if (messages.templateOrNull(key) == null) return null;
        }
        Map<String, Object> v = new java.util.HashMap<>();
        v.put("from", String.format("%02d:00", Integer.parseInt(p[1])));
        v.put("to", String.format("%02d:00", Integer.parseInt(p[2]) % 24));
        v.put("change", Math.abs(factor - 1));
        // what the effect rests on: the site's own jobs, or (mostly) jobs at all sites; never "here" for a pooled one (probe P11)
        String where = code + ".timeOfWeek.from." + ("site".equals(evidence.get(TIME_OF_WEEK_FROM)) ? "site" : "all");
        v.put("where", messages.templateOrNull(where) == null ? "" : say(where, evidence));
        return say(key, v);
    }

    /** The sentence of {@code key} with {@code values}; the key itself when no template has it. */
    public String say(String key, Map<String, ?> values) {
        return say(key, values, false);
    }

    /** The same, with {@code open} the template's own full stop left off (more clauses follow). */
    private String say(String key, Map<String, ?> values, boolean open) {
        String t = messages.templateOrNull(key);
        if (t == null) return key;
        if (open && t.endsWith(".")) t = t.substring(0, t.length() - 1);
        StringBuilder out = new StringBuilder(t.length() + 32);
        for (MessageTemplate.Part p : messages.parts(t)) {
            if (p.name() == null) {
                // an abbreviated value ("dez.") before the sentence's own full stop: one stop, not two
                boolean doubled = p.text().startsWith(".") && !p.text().startsWith("..") && out.length() > 0 && out.charAt(out.length() - 1) == '.';
                out.append(doubled ? p.text().substring(1) : p.text());
            } else if (SOURCE.equals(p.name()) && p.format().isEmpty() && values.get(p.name()) instanceof String words) {
                String said = source(words);
                // a sentence that opens with what it rests on starts with a capital ("Deliveries from SP took…")
                out.append(out.length() == 0 && !said.isEmpty() ? Character.toUpperCase(said.charAt(0)) + said.substring(1) : said);
            } else {
                out.append(format(values.get(p.name()), p, values.get("target")));
            }
        }
        return out.toString();
    }

    /** Evidence key of what an estimate rests on, in the service's words ({@link SourceWords}). */
    static final String SOURCE = "source";

    /** What an estimate rests on, in this language: its kind's {@code source.<kind>} template, else the words as they are. */
    private String source(String words) {
        SourceWords.Parsed parsed = SourceWords.parse(words);
        if (parsed == null) return words;
        String key = "source." + parsed.kind();
        return messages.templateOrNull(key) == null ? words : say(key, parsed.values());
    }

    private String format(Object v, MessageTemplate.Part p, Object target) {
        if (v == null) return "?";
        switch (p.format()) {
            case "": return plain(v);
            case "number": return grouped(v);
            case "pct": return target instanceof Number t && !"target".equals(p.name())
                    ? pct(((Number) v).doubleValue(), t.doubleValue()) : pct(((Number) v).doubleValue());
            case "chance": {
                double c = ((Number) v).doubleValue();
                boolean above = c >= 1 - CHANCE_EDGE, below = c > 0 && c < CHANCE_EDGE;
                String bound = above ? "chance.above" : below ? "chance.below" : null;
                // "more than 99.9%" / "less than 0.1%": the nearest tenth of a per cent the chance is beyond
                if (bound != null && messages.templateOrNull(bound) != null) return say(bound, Map.of("chance", above ? 0.999 : 0.001));
                return target instanceof Number t ? pct(c, t.doubleValue()) : pct(c);
            }
            case "day": {
                String worded = days.get(v);
                if (worded == null) {
                    LocalDate d = v instanceof LocalDate l ? l : LocalDate.parse(v.toString());
                    worded = (d.getYear() == today.getYear() ? day : dayWithYear).format(d);
                    if (days.size() >= DAYS_KEPT) days.clear();
                    days.put(v, worded);
                }
                return worded;
            }
            case "time": {
                // the local time it names (evidence carries the site's, with its offset: 2026-12-07T08:00-03:00), labelled with
                // that offset, so a reader in another zone cannot take it for their own clock's: "Mon Dec 7 08:00 (UTC-3)"
                java.time.temporal.TemporalAccessor a = v instanceof LocalDateTime || v instanceof OffsetDateTime ? (java.time.temporal.TemporalAccessor) v
                        : java.time.format.DateTimeFormatter.ISO_DATE_TIME.parseBest(v.toString(), OffsetDateTime::from, LocalDateTime::from);
                LocalDateTime t = a instanceof OffsetDateTime o ? o.toLocalDateTime() : (LocalDateTime) a;
                String said = (t.getYear() == today.getYear() ? time : timeWithYear).format(t);
                return a instanceof OffsetDateTime o ? said + " (" + utc(o.getOffset()) + ")" : said;
            }
            case "plural": {
                // a number, or one read back from source words ("9"); minutes may have decimals, and a count said aloud must
                // never be less than the value ("quote 33 minutes" for 33.5 undercut the promise): decimals are kept, in the
                // language's way ("33.5 minutes", "33,5 minutos"), with the plural noun
                if (v instanceof Double d && !Double.isFinite(d)) return plain(v) + " " + p.other(); // not a count: as it is
                java.math.BigDecimal n = v instanceof java.math.BigDecimal b ? b
                        : v instanceof Double || v instanceof Float ? java.math.BigDecimal.valueOf(((Number) v).doubleValue())
                        : v instanceof Number num ? java.math.BigDecimal.valueOf(num.longValue()) : new java.math.BigDecimal(v.toString().trim());
                if (n.signum() == 0 || n.stripTrailingZeros().scale() <= 0) {
                    long whole = n.longValue();
                    return grouped(whole) + " " + (whole == 1 ? p.one() : p.other());
                }
                return decimal(n.stripTrailingZeros()) + " " + p.other();
            }
            case "minutes": {
                String count = format(v, new MessageTemplate.Part(null, p.name(), "plural", unit("minute"), unit("minutes")), target);
                String words = v instanceof Number n ? inHoursAndDays(n.doubleValue()) : null;
                return words == null ? count : count + " (" + words + ")";
            }
            default: throw new IllegalStateException("unknown format " + p.format()); // refused when the file is read
        }
    }

    /** The language's word for a unit ({@code unit.day}, {@code unit.hours}, …), the English one when its file has none. */
    private String unit(String key) {
        String said = messages.templateOrNull("unit." + key);
        return said != null ? said : key.equals("join") ? "and" : key;
    }

    /** Minutes worth saying in hours ("2 hours and 5 minutes", from 120) or days ("3 days and 22 hours", from 1,440, hours rounded up); null below. */
    private String inHoursAndDays(double minutes) {
        if (!Double.isFinite(minutes) || minutes < 120) return null;
        long whole = (long) Math.ceil(minutes - 1e-9); // never less than the minutes said: 130.2 is "2 hours and 11 minutes"
        String and = " " + unit("join") + " ";
        if (whole < 1440) return counted(whole / 60, "hour") + (whole % 60 == 0 ? "" : and + counted(whole % 60, "minute"));
        long hours = (whole + 59) / 60;
        return counted(hours / 24, "day") + (hours % 24 == 0 ? "" : and + counted(hours % 24, "hour"));
    }

    private String counted(long n, String unit) {
        return grouped(n) + " " + unit(n == 1 ? unit : unit + "s");
    }

    /** An offset as a short label: "UTC-3", "UTC+5:30", "UTC". */
    public static String utc(java.time.ZoneOffset offset) {
        int secs = offset.getTotalSeconds();
        if (secs == 0) return "UTC";
        int abs = Math.abs(secs), h = abs / 3600, m = abs / 60 % 60;
        return "UTC" + (secs < 0 ? "-" : "+") + h + (m == 0 ? "" : String.format(":%02d", m));
    }

    /**
     * A value as it is, but a number with decimals in the language's way ("12.5", "5.0"; in Portuguese "12,5", "5,0"), as
     * the percentages beside it are: the digits are the value's own, only the decimal separator is the language's.
     */
    private String plain(Object v) {
        if (v instanceof Double || v instanceof Float || v instanceof java.math.BigDecimal) {
            String digits = v instanceof java.math.BigDecimal b ? b.toPlainString()
                    : Double.isFinite(((Number) v).doubleValue()) ? java.math.BigDecimal.valueOf(((Number) v).doubleValue()).toPlainString()
                    : v.toString();
            if (v instanceof Double d && Double.isFinite(d) && d == Math.rint(d) && !digits.contains(".")) digits = digits + ".0"; // 5.0 stays 5.0
            return digits.replace('.', symbols.getDecimalSeparator());
        }
        return v.toString();
    }

    /** A number with decimals, all of its own digits, grouped and with the language's separators: "2,057.25"; "2.057,25". */
    private String decimal(java.math.BigDecimal n) {
        DecimalFormat f = new DecimalFormat("#,##0.#", symbols); // not thread-safe: one per use
        f.setMaximumFractionDigits(Math.max(1, n.scale()));
        return f.format(n);
    }

    /** Digits grouped by the language's separator; whole numbers without a formatter (this runs on every answer). */
    private String grouped(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            long n = ((Number) v).longValue();
            String digits = Long.toString(Math.abs(n));
            StringBuilder sb = new StringBuilder(digits.length() + 4);
            if (n < 0) sb.append('-');
            for (int i = 0; i < digits.length(); i++) {
                if (i > 0 && (digits.length() - i) % 3 == 0) sb.append(symbols.getGroupingSeparator());
                sb.append(digits.charAt(i));
            }
            return sb.toString();
        }
        NumberFormat f = new DecimalFormat("#,##0.##", symbols); // not thread-safe: one per use
        return f.format(v);
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    /** Half a tenth of a per cent: a chance this close to 1 (or to 0) would read as 100.0% (0.0%) at one decimal. */
    static final double CHANCE_EDGE = 0.0005;

    /**
     * "12%"; keeps one decimal near the ends so 99.6% does not read as certainty, and a value given in tenths (a target of
     * 0.925) as it was given: "92.5%", not "93%".
     */
    String pct(double p) {
        double v = p * 100;
        boolean inTenths = Math.abs(v * 10 - Math.rint(v * 10)) < 1e-6 && Math.abs(v - Math.rint(v)) > 1e-6;
        if (v > 99 && v < 100 || v > 0 && v < 1 || inTenths) {
            // as many decimals as it takes (up to three) not to read as 100% or 0% when it is neither: 99.99%, 0.01%
            int digits = 1;
            while (digits < 3 && (v < 100 && round(v, digits) >= 100 || round(v, digits) <= 0)) digits++;
            java.math.BigDecimal exact = java.math.BigDecimal.valueOf(v);
            java.math.BigDecimal shown = exact.setScale(digits, java.math.RoundingMode.HALF_UP);
            if (shown.compareTo(java.math.BigDecimal.valueOf(100)) >= 0) shown = exact.setScale(digits, java.math.RoundingMode.DOWN);
            if (shown.signum() <= 0) shown = exact.setScale(digits, java.math.RoundingMode.UP);
            return shown.toPlainString().replace('.', symbols.getDecimalSeparator()) + "%";
        }
        return Math.round(v) + "%";
    }

    /**
     * A chance beside the target it is judged against: below the target it never reads as the target or more (0.896 beside
     * a target of 0.90 is "89.6%", not "90%", which would contradict the answer's "does not hold").
     */
    String pct(double p, double target) {
        String shown = pct(p);
        // (at the target within float rounding, as the quantile itself tolerates, is at it)
        if (p >= target - 1e-9 || Math.round(p * 100) < Math.round(target * 1000) / 10.0) return shown;
        // cut, not rounded, to a tenth: never more than p, so under the target whatever its digits
        java.math.BigDecimal below = java.math.BigDecimal.valueOf(p * 100).setScale(1, java.math.RoundingMode.DOWN);
        return below.toPlainString().replace('.', symbols.getDecimalSeparator()) + "%";
    }

    // ---- templates ----------------------------------------------------------------------------

    /** The parts of a template (its syntax is the messages files', see MessageTemplate). */
    static List<MessageTemplate.Part> parse(String t) {
        return MessageTemplate.parse(t);
    }
}
