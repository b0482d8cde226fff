package com.promisevalidator.cli.replay;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Black-box calibration replay: drives a running service over HTTP only, walking a history CSV forward
 * step by step (see {@link WalkForward}). At each step it imports what an export taken then would hold
 * ({@code ?asOf=} the step's start), then asks the best promise ({@code promisedBy} / {@code promisedMinutes}
 * omitted, at each target) for every order placed in the step, and judges it against what happened, beside
 * the seller's own quote and a {@link PlainQuantile} learnt from the same exports.
 *
 * <pre>java -cp 'target/quarkus-app/app/*:target/quarkus-app/lib/main/*' com.promisevalidator.cli.replay.Replay --csv h.csv --key K</pre>
 */
public final class Replay {

    /** A worst month (day) is taken among periods with at least this many judged orders. */
    public static final int MIN_PERIOD_ORDERS = 30;
    private static final Pattern LINE = Pattern.compile("line (\\d+)");

    private Replay() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        ReplayOptions options;
        try {
            options = ReplayOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        ReplayReport report = run(options, System.err);
        System.out.println(report.markdown());
        System.out.println("Written to " + options.out().toAbsolutePath());
    }

    /** What one target tallies: the service's recommendations, the seller's quotes and the plain quantile, judged and all. */
    static final class TargetTally {
        final Tally recommended = new Tally(), seller = new Tally(), plain = new Tally();
        final Tally recommendedAll = new Tally(), sellerAll = new Tally(), plainAll = new Tally();
        /** The seller and the plain quantile on every judged order with an outcome, answered or not. */
        final Tally sellerJudged = new Tally(), plainJudged = new Tally();
        final Map<String, Integer> withoutPromise = new TreeMap<>();
        int judged;
    }

    public static ReplayReport run(ReplayOptions o) throws IOException, InterruptedException {
        return run(o, null);
    }

    /** The same, telling {@code progress} (when not null) of each period reached. */
    public static ReplayReport run(ReplayOptions o, java.io.PrintStream progress) throws IOException, InterruptedException {
        long began = System.nanoTime();
        HistoryFile.Parsed parsed = HistoryFile.read(o.csv());
        List<HistoryRecord> rows = parsed.rows();
        boolean services = !rows.isEmpty() && rows.stream().allMatch(HistoryRecord::isService);
        WalkForward.StepSize size = o.step() != null ? o.step() : services ? WalkForward.StepSize.DAY : WalkForward.StepSize.WEEK;
        List<WalkForward.Step> steps = WalkForward.slice(rows, size, o.openOrders(), o.openOnce());
        ServiceClient client = new ServiceClient(o.url(), o.key());
        TreeSet<Double> asked = new TreeSet<>(o.targets());
        asked.addAll(o.reliability());
        Map<Double, TargetTally> tallies = new TreeMap<>();
        for (double t : asked) tallies.put(t, new TargetTally());
        PlainQuantile plain = new PlainQuantile();
        Map<String, Integer> refused = new TreeMap<>();
        int[] imported = new int[2];
        Set<String> declared = new HashSet<>();
        Set<String> sitesKnown = new HashSet<>();
        Files.createDirectories(o.out());
        try (BufferedWriter w = Files.newBufferedWriter(o.out().resolve("results.csv"), StandardCharsets.UTF_8);
             CSVPrinter results = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build())) {
            results.printRecord("reference", "kind", "site", "region", "serviceType", "orderedAt", "period", "judged", "target",
                    "actual", "answer", "recommended", "recommendedKept", "seller", "sellerKept", "plain", "plainLevel", "plainKept");
            String shown = "";
            for (WalkForward.Step step : steps) {
                String period = size == WalkForward.StepSize.WEEK ? step.start().toString().substring(0, 7) : step.start().toString().substring(0, 10);
                if (progress != null && !period.equals(shown)) {
                    progress.printf("%s: %d rows imported, %d s%n", period, imported[0], (System.nanoTime() - began) / 1_000_000_000L);
                    shown = period;
                }
                try {
                    importStep(client, step, refused, imported);
                } catch (PastTheServiceClock late) {
                    // rows dated later than now (a typo, a planned job) end the walk, not the report (probe svc L12)
                    int left = 0;
                    for (int i = steps.indexOf(step); i < steps.size(); i++) left += steps.get(i).orders().size();
                    refused.merge("ordered after the service's clock: not replayed", left, Integer::sum);
                    imported[1] += left;
                    if (progress != null) progress.printf("stopped before %s: %s%n", period, late.getMessage());
                    break;
                }
                for (HistoryRecord r : step.completed()) plain.learn(r);
                if (o.declareServices()) {
                    declareSites(client, step, sitesKnown);
                    declareServices(client, step, declared);
                }
                for (double t : asked) {
                    for (int from = 0; from < step.orders().size(); from += o.batch()) {
                        List<HistoryRecord> chunk = step.orders().subList(from, Math.min(step.orders().size(), from + o.batch()));
                        ArrayNode quotes = client.json().createArrayNode();
                        for (HistoryRecord r : chunk) quotes.add(quote(client, r, t));
                        ArrayNode answers = client.validateBatch(quotes);
                        for (int i = 0; i < chunk.size(); i++) {
                            judge(chunk.get(i), t, answers.get(i), plain, tallies.get(t), size, o.judgeFrom(), results);
                        }
                    }
                }
            }
        }
        ReplayReport report = ReplayReport.of(o, size, parsed, steps.size(), imported[0], imported[1], refused, tallies,
                services ? "minutes" : "days", (System.nanoTime() - began) / 1_000_000_000L);
        Files.writeString(o.out().resolve("report.md"), report.markdown());
        client.json().writerWithDefaultPrettyPrinter().writeValue(o.out().resolve("report.json").toFile(), report.toJson(client.json()));
        ReliabilityPlot.write(report, o.out().resolve("reliability.png"));
        return report;
    }

    /** A step that begins after the service's clock: an export cannot be taken then, so the walk ends before it. */
    static final class PastTheServiceClock extends IOException {
        PastTheServiceClock(WalkForward.Step step) {
            super("the step of " + step.start() + " lies after the service's clock");
        }
    }

    private static boolean hasField(JsonNode problem, String field) {
        for (JsonNode e : problem.path("errors")) if (field.equals(e.path("field").asText())) return true;
        return false;
    }

    /**
     * Imports the step's export as of its start. A row the service refuses (named by its line) is left
     * out and counted, and the rest imported; a refusal that names no line stops the replay
     * ({@link PastTheServiceClock} when it is the export's time: the step lies after the service's clock).
     */
    static void importStep(ServiceClient client, WalkForward.Step step, Map<String, Integer> refused, int[] counts)
            throws IOException, InterruptedException {
        List<HistoryRecord> export = new ArrayList<>(step.export());
        while (!export.isEmpty()) {
            try {
                JsonNode res = client.importCsv(HistoryFile.toCsv(export), step.start());
                counts[0] += res.path("imported").asInt() + res.path("outcomesAdded").asInt();
                return;
            } catch (ServiceClient.Failure f) {
                Set<Integer> bad = new HashSet<>();
                for (JsonNode e : f.problem.path("errors")) {
                    Matcher m = LINE.matcher(e.path("field").asText());
                    if (m.matches() && Integer.parseInt(m.group(1)) >= 2) {
                        bad.add(Integer.parseInt(m.group(1)) - 2);
                        refused.merge(firstClause(e.path("message").asText()), 1, Integer::sum);
                    }
                }
                if (f.status == 400 && bad.isEmpty() && hasField(f.problem, "asOf")) throw new PastTheServiceClock(step);
                if (f.status != 400 || bad.isEmpty()) throw f;
                List<HistoryRecord> kept = new ArrayList<>();
                for (int i = 0; i < export.size(); i++) if (!bad.contains(i)) kept.add(export.get(i));
                counts[1] += export.size() - kept.size();
                export = kept;
            }
        }
    }

    /**
     * Declares a site before the first quote from it when no imported row named it yet, as a site the import would
     * create (a CRM knows its own warehouses and garages; the service then answers from its fallbacks, not a 422).
     */
    static void declareSites(ServiceClient client, WalkForward.Step step, Set<String> known) throws IOException, InterruptedException {
        for (HistoryRecord r : step.export()) known.add(r.site());
        for (HistoryRecord r : step.orders()) {
            if (known.contains(r.site())) continue;
            try {
                client.putSite(r.site(), r.orderedAt().getOffset().getId());
                known.add(r.site());
            } catch (ServiceClient.Failure f) {
                if (f.status / 100 != 4) throw f;
                known.add(r.site()); // refused (e.g. not a site code): its quotes get the service's own answer
            }
        }
    }

    /**
     * Declares each site's service type before its first quote (see {@link ReplayOptions#declareServices}); a
     * declaration the service refuses (its site not imported yet) is tried again at the next step.
     */
    static void declareServices(ServiceClient client, WalkForward.Step step, Set<String> declared)
            throws IOException, InterruptedException {
        for (HistoryRecord r : step.orders()) {
            if (!r.isService() || declared.contains(r.site() + "\t" + r.serviceType())) continue;
            int standard = r.promisedMinutes() == null ? 30 : (int) Math.max(1, Math.min(1440, Math.ceil(r.promisedMinutes())));
            try {
                client.putService(r.site(), r.serviceType(), 1000, "00:00-24:00", standard);
                declared.add(r.site() + "\t" + r.serviceType());
            } catch (ServiceClient.Failure f) {
                if (f.status / 100 != 4) throw f;
            }
        }
    }

    /** The reason of a refused row without its values, so that refusals group. */
    private static String firstClause(String message) {
        String m = message.replaceAll("'[^']*'", "'…'").replaceAll("\\d[\\d:.T+-]*", "N");
        return m.length() > 120 ? m.substring(0, 120) + "…" : m;
    }

    /** The best-promise quote of one order: no promisedBy / promisedMinutes, the real purchase (start) time. */
    static ObjectNode quote(ServiceClient client, HistoryRecord r, double target) {
        ObjectNode q = client.json().createObjectNode();
        q.put("type", r.kind().name());
        q.put("quoteId", r.reference());
        if (r.rep() != null) q.put("rep", r.rep());
        q.put("site", r.site());
        if (r.isService()) {
            q.put("serviceType", r.serviceType());
            q.put("startAt", r.orderedAt().toString());
        } else {
            q.put("region", r.region());
            q.put("orderedAt", r.orderedAt().toString());
        }
        q.put("confidence", target);
        return q;
    }

    static void judge(HistoryRecord r, double target, JsonNode answer, PlainQuantile plain, TargetTally tally,
                      WalkForward.StepSize size, LocalDate judgeFrom, CSVPrinter out) throws IOException {
        boolean judged = r.hasOutcome() && (judgeFrom == null || !r.orderDay().isBefore(judgeFrom));
        String period = WalkForward.period(r, size);
        Double actual = r.outcome();
        Double recommended = recommended(r, answer);
        String why = recommended == null ? withoutPromise(answer) : "";
        Double seller = r.sellerPromise();
        PlainQuantile.Estimate p = plain.promise(r, target);
        if (judged) {
            tally.judged++;
            if (recommended == null) tally.withoutPromise.merge(why, 1, Integer::sum);
        }
        if (judged) {
            Tally ignored = new Tally();
            if (seller != null) add(true, tally.sellerJudged, ignored, period, actual, seller);
            if (p != null) add(true, tally.plainJudged, ignored, period, actual, p.promise());
        }
        if (actual != null && recommended != null) {
            // the seller and the plain quantile are judged on the same orders the service answered
            add(judged, tally.recommended, tally.recommendedAll, period, actual, recommended);
            if (seller != null) add(judged, tally.seller, tally.sellerAll, period, actual, seller);
            if (p != null) add(judged, tally.plain, tally.plainAll, period, actual, p.promise());
        }
        out.printRecord(r.reference(), r.kind(), r.site(), nz(r.region()), nz(r.serviceType()), r.orderedAt(), period, judged, target,
                num(actual), recommended == null ? why : answer.path("verdict").asText(), num(recommended), kept(actual, recommended),
                num(seller), kept(actual, seller), p == null ? "" : num(p.promise()), p == null ? "" : p.level(),
                kept(actual, p == null ? null : p.promise()));
    }

    private static void add(boolean judged, Tally onJudged, Tally onAll, String period, double actual, double promised) {
        boolean kept = HistoryRecord.kept(actual, promised);
        onAll.add(period, kept, promised);
        if (judged) onJudged.add(period, kept, promised);
    }

    /** The recommended promise in the order's unit (days after the order day, or minutes); null when none. */
    static Double recommended(HistoryRecord r, JsonNode answer) {
        if (!answer.hasNonNull("verdict") || "REJECTED".equals(answer.path("verdict").asText())) return null;
        JsonNode rec = answer.path("recommended");
        if (r.isService()) return rec.hasNonNull("promisedMinutes") ? rec.get("promisedMinutes").asDouble() : null;
        if (!rec.hasNonNull("promisedBy")) return null;
        return (double) (LocalDate.parse(rec.get("promisedBy").asText()).toEpochDay() - r.orderDay().toEpochDay());
    }

    /** Why an order got no promise: the problem's status, field and title, or REJECTED with its reason codes. */
    static String withoutPromise(JsonNode answer) {
        if (!answer.hasNonNull("verdict")) {
            JsonNode err = answer.path("errors").path(0);
            String field = err.isMissingNode() ? "" : " " + err.path("field").asText().replaceAll("^quotes\\[\\d+\\]\\.", "");
            return answer.path("status").asText() + field + ": " + answer.path("title").asText();
        }
        Set<String> codes = new TreeSet<>();
        for (JsonNode reason : answer.path("reasons")) {
            if (!"INFO".equalsIgnoreCase(reason.path("severity").asText())) codes.add(reason.path("code").asText());
        }
        return answer.path("verdict").asText() + (codes.isEmpty() ? " without recommended" : " " + String.join("+", codes));
    }

    private static Object nz(Object v) {
        return v == null ? "" : v;
    }

    private static String num(Double v) {
        if (v == null) return "";
        return v == Math.rint(v) ? String.valueOf(v.longValue()) : String.valueOf(v);
    }

    private static String kept(Double actual, Double promised) {
        return actual == null || promised == null ? "" : String.valueOf(HistoryRecord.kept(actual, promised));
    }
}
