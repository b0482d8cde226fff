package com.promisevalidator.cli;

import java.io.PrintWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.promisevalidator.performance.model.Mastery;
import com.promisevalidator.rules.model.ScenarioResult;

/**
 * The human summaries the commands print without --json: what ops look for in the service's answer, a line or a
 * table row each; the full answer stays one --json away.
 */
final class Summaries {

    /** Changed decisions shown one line each; the rest with --json. */
    static final int EXAMPLES = 5;

    private static final ObjectReader SCENARIO = Api.JSON.readerFor(ScenarioResult.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Summaries() {
    }

    // ---- rules status -----------------------------------------------------------------------------

    static void rulesStatus(JsonNode r, PrintWriter out) {
        if (r.path("version").isNull() || r.path("version").isMissingNode()) {
            out.println("no rule set is active");
        } else {
            out.println("version " + r.path("version").asText() + ", loaded at " + text(r.path("loadedAt")));
        }
        out.println("files: " + join(r.path("files")));
        if (r.path("parameters").has("target-confidence")) {
            out.println("target confidence: " + r.path("parameters").path("target-confidence").asText());
        }
        JsonNode s = r.path("scenarios");
        if (s.isObject()) {
            out.println("scenarios: " + s.path("run").asInt() + " run, " + s.path("failed").asInt() + " failed");
            for (JsonNode f : s.path("failures")) out.println("  " + scenario(f));
        }
        JsonNode e = r.path("lastError");
        if (e.isObject()) {
            out.println("last failed reload, at " + text(e.path("at")) + ": " + location(e) + ": " + e.path("message").asText()
                    + " (the rules in force are the version above)");
        } else {
            out.println("last failed reload: none");
        }
        JsonNode rt = r.path("runtimeFailures");
        long count = rt.path("count").asLong();
        JsonNode last = rt.path("last");
        out.println("runtime failures: " + count + (last.isObject() ? "; last at " + text(last.path("at")) + ": rule \""
                + last.path("rule").asText() + "\" of version " + last.path("version").asText() + ": " + last.path("message").asText() : ""));
        JsonNode w = r.path("warnings");
        out.println("warnings: " + (w.size() == 0 ? "none" : w.size()));
        for (JsonNode x : w) out.println("  " + location(x) + ": " + x.path("message").asText());
    }

    /** "FAIL tests/stock.yaml: Short line: verdict: expected REJECTED, got APPROVED", as {@code rules test} prints it. */
    static String scenario(JsonNode failure) {
        try {
            ScenarioResult r = SCENARIO.readValue(failure);
            return r.describe();
        } catch (java.io.IOException | RuntimeException e) {
            return "FAIL " + failure; // a shape this CLI does not know: as the service said it
        }
    }

    /** "file:line:column", each part only when known. */
    static String location(JsonNode p) {
        StringBuilder b = new StringBuilder(p.hasNonNull("file") ? p.get("file").asText() : "rules");
        if (p.hasNonNull("line")) {
            b.append(':').append(p.get("line").asText());
            if (p.hasNonNull("column")) b.append(':').append(p.get("column").asText());
        }
        return b.toString();
    }

    // ---- backtest and shadow -----------------------------------------------------------------------

    /** {@code examples}: how many changed decisions to show (the service sends at most that many). */
    static void backtest(JsonNode r, int examples, PrintWriter out) {
        out.printf("backtest %s to %s: %s compared in %.1f s (candidate %s against active %s)%n", text(r.path("from")), text(r.path("to")),
                count(r.path("compared").asLong(), "decision"), r.path("elapsedMs").asLong() / 1000.0,
                r.path("candidate").path("version").asText("?"), r.path("active").path("version").asText("?"));
        JsonNode skipped = r.path("skipped");
        long withoutFacts = skipped.path("withoutFacts").asLong(), unreadable = skipped.path("unreadable").asLong();
        if (withoutFacts + unreadable > 0) {
            out.printf("skipped: %d without recorded facts, %d unreadable%n", withoutFacts, unreadable);
        }
        JsonNode fidelity = r.path("fidelity");
        if (fidelity.path("recordedUnderActiveVersion").asLong() > 0) {
            out.printf("fidelity: %d of %d decisions recorded under the active version answered again as recorded%n",
                    fidelity.path("sameAnswerAsRecorded").asLong(), fidelity.path("recordedUnderActiveVersion").asLong());
        }
        comparison(r, true, out);
        examples(r.path("examples"), null, examples, out);
    }

    static void shadow(JsonNode r, PrintWriter out) {
        boolean running = r.path("running").asBoolean();
        out.printf("shadow: candidate %s beside active %s, %s%n", r.path("version").asText("?"), r.path("activeVersion").asText("?"),
                running ? "running since " + text(r.path("started")) : "stopped at " + text(r.path("stopped")) + " (started " + text(r.path("started")) + ")");
        out.printf("quotes: %d seen, %d compared, %d dropped (queue full), %d failed, %d pending%n", r.path("seen").asLong(),
                r.path("compared").asLong(), r.path("dropped").asLong(), r.path("failed").asLong(), r.path("pending").asLong());
        if (r.path("failedByRule").size() > 0) out.println("candidate failed at: " + counts(r.path("failedByRule")));
        if (r.path("liveVersions").size() > 1) out.println("live answers by version: " + counts(r.path("liveVersions")));
        comparison(r, false, out);
        examples(r.path("examples"), r.path("sampled"), EXAMPLES, out);
        JsonNode replaced = r.path("replaced");
        if (replaced.isObject()) {
            out.printf("replaced the previous run (candidate %s): %s compared, %d verdicts changed, %d recommended moved; its final counts with --json%n",
                    replaced.path("version").asText("?"), replaced.path("compared").asText(), replaced.path("verdictsChanged").path("total").asLong(),
                    replaced.path("recommendedMoved").path("earlier").asLong() + replaced.path("recommendedMoved").path("later").asLong());
        }
    }

    /** The counts backtest and shadow share ({@code Comparison}); {@code outcomes}: the kept rates (a backtest's). */
    private static void comparison(JsonNode r, boolean outcomes, PrintWriter out) {
        JsonNode v = r.path("verdictsChanged");
        out.println("verdicts changed: " + v.path("total").asLong() + (v.path("byChange").size() > 0 ? " (" + counts(v.path("byChange")) + ")" : ""));
        JsonNode m = r.path("recommendedMoved");
        out.printf("recommended moved: %d later, %d earlier, %d unmoved; site changed %d, appeared %d, gone %d%n", m.path("later").asLong(),
                m.path("earlier").asLong(), m.path("unmoved").asLong(), m.path("siteChanged").asLong(), m.path("appeared").asLong(),
                m.path("disappeared").asLong());
        if (m.path("byDays").size() > 0) out.println("  by days: " + counts(m.path("byDays")));
        if (m.path("byMinutes").size() > 0) out.println("  by minutes: " + counts(m.path("byMinutes")));
        JsonNode a = r.path("active"), c = r.path("candidate");
        row(out, "", "active", "candidate");
        row(out, "version", a.path("version").asText(), c.path("version").asText());
        for (String verdict : union(a.path("verdicts"), c.path("verdicts"))) {
            row(out, verdict, a.path("verdicts").path(verdict).asText("0"), c.path("verdicts").path(verdict).asText("0"));
        }
        if (a.path("failed").asLong() + c.path("failed").asLong() > 0) row(out, "rules failed", a.path("failed").asText(), c.path("failed").asText());
        if (outcomes) {
            row(out, "kept rate", kept(a.path("outcomes")), kept(c.path("outcomes")));
            row(out, "mean promised", promised(a.path("outcomes")), promised(c.path("outcomes")));
        }
        Set<String> codes = union(a.path("reasonCodes"), c.path("reasonCodes"));
        if (!codes.isEmpty()) out.println("by reason code:");
        for (String code : codes) {
            row(out, "  " + code, a.path("reasonCodes").path(code).asText("0"), c.path("reasonCodes").path(code).asText("0"));
        }
    }

    private static void examples(JsonNode first, JsonNode sampled, int max, PrintWriter out) {
        List<JsonNode> all = new ArrayList<>();
        first.forEach(all::add);
        if (sampled != null) sampled.forEach(all::add);
        if (all.isEmpty()) return;
        int shown = Math.min(all.size(), max);
        out.println("changed, for example" + (shown < all.size() ? " (" + shown + " of " + all.size() + "; all with --json)" : "") + ":");
        for (JsonNode e : all.subList(0, shown)) {
            out.printf("  %s %s %s: %s -> %s%s%n", text(e.path("evaluatedAt")), e.path("decisionId").asText(), what(e),
                    side(e.path("active")), side(e.path("candidate")), codesChanged(e.path("active").path("codes"), e.path("candidate").path("codes")));
        }
    }

    private static String side(JsonNode s) {
        return s.path("verdict").asText("?") + (s.path("recommended").isObject() ? " " + promise(s.path("recommended")) : "");
    }

    private static String codesChanged(JsonNode a, JsonNode c) {
        Set<String> before = set(a), after = set(c);
        StringBuilder b = new StringBuilder();
        for (String x : after) if (!before.contains(x)) b.append(" +").append(x);
        for (String x : before) if (!after.contains(x)) b.append(" -").append(x);
        return b.length() == 0 ? "" : ";" + b;
    }

    private static String kept(JsonNode o) {
        if (o.path("known").asLong() == 0) return "- (no outcome known)";
        return percent(o.path("keptRate")) + " of " + o.path("known").asLong();
    }

    private static String promised(JsonNode o) {
        if (o.hasNonNull("meanPromisedDays")) return String.format(Locale.ROOT, "%.1f days", o.get("meanPromisedDays").asDouble());
        if (o.hasNonNull("meanPromisedMinutes")) return String.format(Locale.ROOT, "%.1f min", o.get("meanPromisedMinutes").asDouble());
        return "-";
    }

    private static void row(PrintWriter out, String label, String a, String c) {
        out.println(String.format(Locale.ROOT, "%-26s %-22s %s", label, a, c).stripTrailing());
    }

    // ---- decisions, performance, outliers ----------------------------------------------------------

    static void decisions(JsonNode page, PrintWriter out) {
        JsonNode list = page.path("decisions");
        if (list.size() == 0) out.println("no decisions" + (page.path("offset").asInt() > 0 ? " from offset " + page.path("offset").asInt() : ""));
        for (JsonNode d : list) {
            JsonNode rec = d.path("answer").path("recommended");
            String kind = d.path("kind").asText();
            out.println(String.format(Locale.ROOT, "%s  %s  %-11s %-10s %-24s %s%s", text(d.path("evaluatedAt")), d.path("decisionId").asText(),
                    d.path("verdict").asText("-"), d.path("rep").asText(d.path("request").path("rep").asText("-")), what(d.path("request")),
                    rec.isObject() ? promise(rec) : "-", "VALIDATE".equals(kind) ? "" : "  (" + kind + ")").stripTrailing());
        }
        String next = page.path("next").asText(null);
        if (next != null) out.println("next page: promise decisions list " + options(next));
        else if (list.size() > 0) out.println("(last page)");
    }

    /** A next-page link's query as this CLI's options: "--offset 20 --limit 20 --to 2026-…". */
    static String options(String link) {
        int q = link.indexOf('?');
        if (q < 0) return "";
        StringBuilder b = new StringBuilder();
        for (String pair : link.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) continue;
            String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            b.append(b.length() == 0 ? "" : " ").append("--").append(pair, 0, eq).append(' ').append(value.matches("[\\w:.+\\-]+") ? value : "'" + value + "'");
        }
        return b.toString();
    }

    static void performance(JsonNode r, PrintWriter out) {
        out.println("by " + r.path("by").asText() + (r.hasNonNull("from") || r.hasNonNull("to")
                ? ", ordered from " + r.path("from").asText("the start") + " to " + r.path("to").asText("now") : ", all dates"));
        JsonNode groups = r.path("groups");
        if (groups.size() == 0) {
            out.println("no finished promises on record for this grouping");
            return;
        }
        int width = 3;
        for (JsonNode g : groups) width = Math.max(width, g.path("key").asText().length());
        String format = "%-" + width + "s %7s%1s %10s %6s  %s";
        out.println(String.format(Locale.ROOT, format, "key", "n", "", "kept rate", "score", "average lateness").stripTrailing());
        boolean small = false;
        for (JsonNode g : groups) {
            JsonNode m = g.path("mastery");
            long n = m.path("n").asLong();
            boolean hint = n < Mastery.SMALL_SAMPLE;
            small |= hint;
            out.println(String.format(Locale.ROOT, format, g.path("key").asText(), n, hint ? "*" : "", percent(m.path("keptRate")),
                    m.path("score").asText(), lateness(g)).stripTrailing());
        }
        if (small) out.println("* fewer than " + Mastery.SMALL_SAMPLE + " promises on record: read the score as a hint, not a verdict");
        out.println("score 1-10 from the kept rate and how late the broken ones were (formula with --json)");
    }

    private static String lateness(JsonNode g) {
        List<String> parts = new ArrayList<>();
        if (g.hasNonNull("averageDaysLate")) parts.add(String.format(Locale.ROOT, "%.1f days late", g.get("averageDaysLate").asDouble()));
        if (g.hasNonNull("averageMinutesOver")) parts.add(String.format(Locale.ROOT, "%.1f min over", g.get("averageMinutesOver").asDouble()));
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    static void outliers(JsonNode rows, int limit, PrintWriter out) {
        if (rows.size() == 0) {
            out.println("no outliers held out of the statistics");
            return;
        }
        for (JsonNode h : rows) {
            out.printf("%s  %s  ordered %s: %s%n", h.path("reference").asText(), what(h), text(h.path("orderedAt")), h.path("outlier").asText());
        }
        out.println(count(rows.size(), "outlier") + " held out of the statistics" + (rows.size() >= limit ? " (the first " + limit + "; --limit for more)" : "")
                + "; `promise history confirm REF` counts one");
    }

    // ---- words ---------------------------------------------------------------------------------------

    /** "1 row", "3 rows". */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** A quote or history row in a few words: "SP→RJ" (a delivery; "any→RJ" without a site), "GARAGE-1 OIL_CHANGE" (a service). */
    private static String what(JsonNode q) {
        if ("SERVICE".equals(q.path("type").asText(q.path("kind").asText())) || q.hasNonNull("serviceType")) {
            return q.path("site").asText("?") + " " + q.path("serviceType").asText("?");
        }
        return q.path("site").asText("any") + "→" + q.path("region").asText("?");
    }

    /** "by 2026-12-20 at SP", or "2026-12-08T11:00:00-03:00, 48 min at GARAGE-1". */
    private static String promise(JsonNode rec) {
        String at = rec.hasNonNull("site") ? " at " + rec.get("site").asText() : "";
        if (rec.hasNonNull("promisedBy")) return "by " + rec.get("promisedBy").asText() + at;
        if (rec.hasNonNull("startAt")) return rec.get("startAt").asText() + ", " + rec.path("promisedMinutes").asText("?") + " min" + at;
        return "-";
    }

    private static String percent(JsonNode rate) {
        return rate.isNumber() ? String.format(Locale.ROOT, "%.1f%%", rate.asDouble() * 100) : "-";
    }

    private static String text(JsonNode n) {
        return n.isNull() || n.isMissingNode() ? "-" : n.asText();
    }

    /** "APPROVED->REJECTED 4, ALTERNATIVE->REJECTED 1". */
    private static String counts(JsonNode object) {
        List<String> parts = new ArrayList<>();
        object.fields().forEachRemaining(e -> parts.add(e.getKey() + " " + e.getValue().asText()));
        return String.join(", ", parts);
    }

    private static String join(JsonNode array) {
        List<String> parts = new ArrayList<>();
        array.forEach(n -> parts.add(n.asText()));
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    private static Set<String> union(JsonNode a, JsonNode b) {
        Set<String> keys = new LinkedHashSet<>();
        a.fieldNames().forEachRemaining(keys::add);
        b.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static Set<String> set(JsonNode array) {
        Set<String> s = new LinkedHashSet<>();
        array.forEach(n -> s.add(n.asText()));
        return s;
    }
}
