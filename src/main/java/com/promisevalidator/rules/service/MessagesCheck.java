package com.promisevalidator.rules.service;

import com.promisevalidator.rules.model.MessageTemplate;
import com.promisevalidator.rules.model.RuleProblem;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * A messages file checked as part of its rule set (check and reload), so a broken one is refused with the rest rather than
 * set aside at run time: every template must parse, every date format too, and a placeholder must name evidence its reason
 * code carries (one it lacks would show "?" to the customer).
 */
public final class MessagesCheck {

    /** The built-in English the service ships (its placeholder names are known to every file). */
    private static final String BUILT_IN = "/wording/messages.properties";

    /** A messages file's name: messages.properties, messages_pt.properties, messages_pt_BR.properties. */
    public static final String NAME = "messages(_[A-Za-z]{2,3}([_-][A-Za-z0-9]+)?)?\\.properties";

    /** Something wrong in a messages file: its line (null when unknown), the key and what is wrong. */
    public record Problem(Integer line, String key, String message) {
    }

    /** The evidence each reason code carries (Finding), beyond the names the built-in templates of its code use. */
    private static final Map<String, Set<String>> EVIDENCE = Map.ofEntries(
            Map.entry("CUTOFF_PASSED", Set.of("site", "cutoff", "orderDay", "dispatch")),
            Map.entry("SITE_CLOSED", Set.of("site", "closedDay", "dispatch")),
            Map.entry("DAY_FULL", Set.of("site", "fullDay", "dailyCapacity", "taken", "dispatch")),
            Map.entry("WAITS_FOR_INBOUND", Set.of("site", "sku", "needed", "availableNow", "onHand", "alreadyPromised", "readyDay")),
            Map.entry("LINE_SHORT", Set.of("site", "sku", "needed", "availableNow", "inbound", "stocked")),
            Map.entry("IN_STOCK", Set.of("site", "lines")),
            Map.entry("SPLIT_OFFERED", Set.of("site", "firstBy", "restBy")),
            Map.entry("LEAD_TIME", Set.of("lane", "source", "fromHistory", "sampleSize", "effectiveSampleSize", "leadDaysAtTarget",
                    "historyDaysAtTarget", "target", "dispatch", "earliest", "confidenceAtEarliest", "askedBy", "confidenceAsked", "bufferDays", "recentMemoryDays",
                    "recentPace", "change",
                    "planningDays", "planningConfidence", "movedBackFrom", "noArrivalDays", "arrivalsAt", "days")),
            Map.entry("OPEN_ORDERS_AGEING", Set.of("lane", "source", "openOrders", "openLongerThan", "oldestOpenDays", "allOpen",
                    "leadDaysWithoutOpen", "leadDaysAtTarget", "target", "earliest")),
            Map.entry("BUFFER_ADDED", Set.of("site", "days", "bufferDays", "earliest", "confidenceAtEarliest")),
            Map.entry("SERVICE_DURATION", Set.of("site", "serviceType", "source", "fromHistory", "sampleSize", "minutesAtTarget",
                    "historyMinutesAtTarget", "standardMinutes", "target", "askedMinutes", "confidenceAsked", "confidenceAtRealistic", "bufferMinutes",
                    "recentMemoryDays", "timeOfWeek", "timeOfWeekFactor", "standardTurnsOut", "standardJobs", "standardServices",
                    // dayMinutes: read by the dayTooShort variants of messages files written before 2026-12-07 (never chosen now)
                    "change", "planChange", "from", "to", "dayMinutes")),
            // minutes, confidence: the promise and its chance, as messages files written before 2026-12-07 name them
            Map.entry("LONGER_THAN_OPENING_HOURS", Set.of("site", "serviceType", "minutesAtTarget", "target", "opens", "closes", "minutes",
                    "confidence")),
            Map.entry("START_PASSED", Set.of("site", "asked", "now")),
            Map.entry("NO_FREE_BAY", Set.of("site", "asked", "open", "endsAfterClosing", "closes", "busyBays", "bays", "minutes", "start",
                    "slotMinutes")),
            Map.entry("BAYS_NOT_SET", Set.of("site", "serviceType", "start", "opens", "closes")),
            Map.entry("BAY_FREE", Set.of("site", "bays", "start", "minutes")),
            Map.entry("REGION_UNKNOWN", Set.of("region", "didYouMean", "source")),
            Map.entry("REP_RECORD", Set.of("rep", "promises", "kept", "keptRate", "masteryScore")),
            Map.entry("NO_SITE", Set.of("region")),
            Map.entry("NOTHING_FEASIBLE", Set.of("horizonDays", "sitesChecked", "serviceType")));

    /** The built-in English, read once (empty when it cannot be read: its own tests check it). */
    private static final Properties BUILT_IN_TEXT = builtIn();

    /** Placeholder names by group (see {@link #group}): the evidence above and what the built-in English uses. */
    private static final Map<String, Set<String>> KNOWN = known();

    /** Every key the built-in English has: the keys the service words sentences from (empty when it cannot be read). */
    private static final Set<String> BUILT_IN_KEYS = Set.copyOf(BUILT_IN_TEXT.stringPropertyNames());

    /** The longest date format (format.*): the shipped ones are under 40 characters. */
    static final int MAX_FORMAT_LENGTH = 100;

    private MessagesCheck() {
    }

    /** What is wrong with a messages file (empty: it may be activated). {@code language}: "en" for messages.properties. */
    public static List<Problem> check(String text, Locale locale) {
        List<Problem> out = new ArrayList<>();
        Properties p = new Properties();
        try {
            p.load(new StringReader(text == null ? "" : text));
        } catch (IOException | IllegalArgumentException e) {
            out.add(new Problem(null, null, "not a properties file: " + e.getMessage()));
            return out;
        }
        for (String k : p.stringPropertyNames().stream().sorted().toList()) {
            String v = p.getProperty(k);
            Integer line = lineOf(text, k);
            try {
                if (k.startsWith("format.")) {
                    // 'p' repeated pads to as many characters: format.day=ppp…pd (5,000,000 p) hung every quote showing a date
                    if (v.length() > MAX_FORMAT_LENGTH) {
                        out.add(new Problem(line, k, k + ": a date format of more than " + MAX_FORMAT_LENGTH + " characters is not "
                                + "allowed: a pad ('ppp…') as wide as it is long builds a string that size for every date shown, "
                                + "which can hang the quotes"));
                        continue;
                    }
                    java.time.format.DateTimeFormatter.ofPattern(v, locale);
                    continue;
                }
                List<MessageTemplate.Part> parts = MessageTemplate.parse(v);
                Set<String> known = KNOWN.get(group(k));
                if (known == null) continue; // a key of no known code (a rule's own finding): its evidence is not known here
                for (MessageTemplate.Part part : parts) {
                    if (part.name() != null && !known.contains(part.name())) {
                        out.add(new Problem(line, k, k + ": {" + part.name() + "} is not in the evidence of " + group(k)
                                + " (it would show '?'); it has: " + String.join(", ", known.stream().sorted().toList())));
                    }
                }
            } catch (IllegalArgumentException e) {
                out.add(new Problem(line, k, k + ": " + e.getMessage()));
            }
        }
        return out;
    }

    /**
     * Keys of a messages file no sentence is worded from: a key of a group the service words (a reason code, "weekday",
     * "format", …) that the built-in English does not have is a misspelling ("LEAD_TIME.histroy"), and its sentence would
     * silently stay in English (probe ops L2). Warnings, not errors: a file written for another build may carry a key this
     * one no longer reads, and must not refuse the rule set on an upgrade. Keys of a group the service does not word (a
     * rule's own finding) are the rules' business.
     */
    public static List<RuleProblem> unreadKeys(String file, String text) {
        List<RuleProblem> out = new ArrayList<>();
        if (BUILT_IN_KEYS.isEmpty() || text == null) return out;
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            return out; // a broken file is the check's error, not a warning
        }
        Set<String> groups = new HashSet<>();
        for (String k : BUILT_IN_KEYS) groups.add(group(k));
        for (String k : p.stringPropertyNames().stream().sorted().toList()) {
            if (BUILT_IN_KEYS.contains(k) || !groups.contains(group(k))) continue;
            String near = nearest(k);
            out.add(new RuleProblem(file, lineOf(text, k), null, k + ": no sentence is worded from "
                    + "this key, so it changes nothing" + (near == null ? "" : "; did you mean " + near + "?"), k));
        }
        return out;
    }

    /** The built-in key closest to {@code key} by edit distance, when it is close (a few letters off); else null. */
    private static String nearest(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : BUILT_IN_KEYS) {
            if (!group(k).equals(group(key))) continue;
            int d = distance(k.toLowerCase(Locale.ROOT), key.toLowerCase(Locale.ROOT));
            if (d < bestDistance || d == bestDistance && k.compareTo(best) < 0) {
                best = k;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(2, key.length() / 4) ? best : null;
    }

    /** Levenshtein distance (keys are short: a plain table). */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static Properties builtIn() {
        Properties p = new Properties();
        try (InputStream in = MessagesCheck.class.getResourceAsStream(BUILT_IN)) {
            if (in != null) p.load(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            p.clear(); // without it only the evidence above is known, and no key is said to be unread
        }
        return p;
    }

    /** The code a key words: CUTOFF_PASSED for CUTOFF_PASSED.none; atRisk.LEAD_TIME; alternative.OTHER_SITE; source. */
    private static String group(String key) {
        String[] s = key.split("\\.");
        return (s[0].equals("atRisk") || s[0].equals("alternative")) && s.length > 1 ? s[0] + "." + s[1] : s[0];
    }

    /** The 1-based line where {@code key} is defined (the first such line); null when it cannot be found. */
    private static Integer lineOf(String text, String key) {
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].stripLeading();
            if (l.startsWith(key) && (l.length() == key.length() || "=: \t".indexOf(l.charAt(key.length())) >= 0)) return i + 1;
        }
        return null;
    }

    private static Map<String, Set<String>> known() {
        Map<String, Set<String>> m = new HashMap<>();
        EVIDENCE.forEach((k, v) -> m.put(k, new HashSet<>(v)));
        for (String k : BUILT_IN_TEXT.stringPropertyNames()) {
            if (k.startsWith("format.")) continue;
            try {
                for (MessageTemplate.Part part : MessageTemplate.parse(BUILT_IN_TEXT.getProperty(k))) {
                    if (part.name() != null) m.computeIfAbsent(group(k), g -> new HashSet<>()).add(part.name());
                }
            } catch (IllegalArgumentException e) {
                // the built-in wording is checked by its own tests; a template it cannot read adds no names
            }
        }
        Map<String, Set<String>> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, Set.copyOf(v)));
        return Map.copyOf(out);
    }
}
