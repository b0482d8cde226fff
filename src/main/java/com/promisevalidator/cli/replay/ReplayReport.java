package com.promisevalidator.cli.replay;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The replay's result: per target, the service's {@code recommended} beside the seller's own quotes and a
 * plain lane quantile on the same judged orders, the orders left without a promise and why, the figures
 * per calendar period (warm-up periods included, marked), and the reliability table (target → kept).
 */
public record ReplayReport(String csv, String url, String step, boolean openOrders, boolean openOnce, LocalDate judgeFrom, String unit,
                           int rowsRead, Map<String, Integer> linesSkipped, int steps, int rowsImported, int rowsRefused,
                           Map<String, Integer> refusedWhy, List<TargetReport> targets, List<ReliabilityPoint> reliability,
                           long seconds) {

    /** {@code sellerAll}, {@code plainAll}: on every judged order, whether the service answered it or not. */
    public record TargetReport(double target, int judged, Tally.Figures recommended, Tally.Figures seller, Tally.Figures plain,
                               Tally.Figures sellerAll, Tally.Figures plainAll, int withoutPromise, Map<String, Integer> withoutPromiseWhy, List<PeriodRow> periods) {
    }

    /** One calendar month (day): orders, kept rate and mean promised of each way; {@code judged} false = warm-up. */
    public record PeriodRow(String period, boolean judged, int n, double recommendedKept, double recommendedMean,
                            double sellerKept, double sellerMean, double plainKept, double plainMean) {
    }

    public record ReliabilityPoint(double target, int n, double kept, double meanPromised, int withoutPromise) {
    }

    static ReplayReport of(ReplayOptions o, WalkForward.StepSize size, HistoryFile.Parsed parsed, int steps, int imported,
                           int refused, Map<String, Integer> refusedWhy, Map<Double, Replay.TargetTally> tallies, String unit,
                           long seconds) {
        List<TargetReport> targets = new ArrayList<>();
        for (double t : o.targets()) {
            Replay.TargetTally tt = tallies.get(t);
            int without = tt.withoutPromise.values().stream().mapToInt(Integer::intValue).sum();
            targets.add(new TargetReport(t, tt.judged, tt.recommended.figures(Replay.MIN_PERIOD_ORDERS),
                    tt.seller.figures(Replay.MIN_PERIOD_ORDERS), tt.plain.figures(Replay.MIN_PERIOD_ORDERS),
                    tt.sellerJudged.figures(Replay.MIN_PERIOD_ORDERS), tt.plainJudged.figures(Replay.MIN_PERIOD_ORDERS), without,
                    tt.withoutPromise, periods(tt, o.judgeFrom(), size)));
        }
        List<ReliabilityPoint> reliability = new ArrayList<>();
        for (Map.Entry<Double, Replay.TargetTally> e : tallies.entrySet()) {
            Tally.Figures f = e.getValue().recommended.figures(Replay.MIN_PERIOD_ORDERS);
            reliability.add(new ReliabilityPoint(e.getKey(), f.n(), f.keptRate(), f.meanPromised(),
                    e.getValue().withoutPromise.values().stream().mapToInt(Integer::intValue).sum()));
        }
        return new ReplayReport(o.csv().toString(), o.url().toString(), size.name().toLowerCase(Locale.ROOT), o.openOrders(), o.openOnce(),
                o.judgeFrom(), unit, parsed.rows().size(), parsed.skipped(), steps, imported, refused, refusedWhy, targets,
                reliability, seconds);
    }

    private static List<PeriodRow> periods(Replay.TargetTally tt, LocalDate judgeFrom, WalkForward.StepSize size) {
        TreeSet<String> keys = new TreeSet<>(tt.recommendedAll.periods().keySet());
        String from = judgeFrom == null ? "" : size == WalkForward.StepSize.WEEK ? judgeFrom.toString().substring(0, 7) : judgeFrom.toString();
        List<PeriodRow> rows = new ArrayList<>();
        for (String k : keys) {
            double[] r = tt.recommendedAll.periods().get(k);
            double[] s = tt.sellerAll.periods().getOrDefault(k, new double[3]);
            double[] p = tt.plainAll.periods().getOrDefault(k, new double[3]);
            rows.add(new PeriodRow(k, k.compareTo(from) >= 0, (int) r[0], r[1] / r[0], r[2] / r[0],
                    s[1] / s[0], s[2] / s[0], p[1] / p[0], p[2] / p[0]));
        }
        return rows;
    }

    public JsonNode toJson(ObjectMapper json) {
        return json.copy().findAndRegisterModules().disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .valueToTree(this);
    }

    public String markdown() {
        StringBuilder b = new StringBuilder();
        String u = unit;
        b.append("# Replay of ").append(csv).append("\n\n");
        b.append(String.format(Locale.ROOT, "Service %s, %s steps (%d), open orders %s, judged from %s; %d rows read",
                url, step, steps, !openOrders ? "not fed" : openOnce ? "fed once and on completion (a changes-only export; asOf = step start)" : "fed (asOf = step start)", judgeFrom == null ? "the start" : judgeFrom, rowsRead));
        if (!linesSkipped.isEmpty()) b.append(", lines skipped: ").append(linesSkipped);
        b.append(String.format(Locale.ROOT, "; %d rows imported", rowsImported));
        if (rowsRefused > 0) b.append(", ").append(rowsRefused).append(" refused by the import: ").append(refusedWhy);
        b.append(String.format(Locale.ROOT, "; %d s.%n%n", seconds));
        b.append(String.format(Locale.ROOT, "Worst %s among those with at least %d judged orders. Seller and plain quantile on the same orders the service answered.%n%n",
                "week".equals(step) ? "month" : "day", Replay.MIN_PERIOD_ORDERS));
        b.append("| target | way | orders | kept | mean promised ").append(u).append(" | worst ").append("week".equals(step) ? "month" : "day").append(" |\n");
        b.append("|---|---|---|---|---|---|\n");
        for (TargetReport t : targets) {
            row(b, t.target(), "service `recommended`", t.recommended());
            row(b, t.target(), "seller's quotes", t.seller());
            row(b, t.target(), "plain lane P" + pct(t.target()) + " (lane → site → global)", t.plain());
            if (t.withoutPromise() > 0) {
                row(b, t.target(), "seller's quotes, all judged orders", t.sellerAll());
                row(b, t.target(), "plain lane P" + pct(t.target()) + ", all judged orders", t.plainAll());
            }
        }
        b.append('\n');
        for (TargetReport t : targets) {
            b.append(String.format(Locale.ROOT, "At %s: %d judged orders, %d left without a promise%s%n", fmt(t.target()), t.judged(),
                    t.withoutPromise(), t.withoutPromise() == 0 ? "." : ":"));
            t.withoutPromiseWhy().forEach((why, n) -> b.append("- ").append(n).append(" × ").append(why).append('\n'));
        }
        b.append("\n## Reliability (judged orders)\n\n| target | orders | kept | mean promised ").append(u).append(" | without promise |\n|---|---|---|---|---|\n");
        for (ReliabilityPoint p : reliability) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %d |%n", fmt(p.target()), p.n(), pctOf(p.kept()), mean(p.meanPromised()), p.withoutPromise()));
        }
        for (TargetReport t : targets) {
            b.append(String.format(Locale.ROOT, "%n## Per %s at %s (warm-up periods in italics)%n%n", "week".equals(step) ? "month" : "day", fmt(t.target())));
            b.append("| period | orders | service kept | service ").append(u).append(" | seller kept | seller ").append(u)
                    .append(" | plain kept | plain ").append(u).append(" |\n|---|---|---|---|---|---|---|---|\n");
            for (PeriodRow p : t.periods()) {
                String name = p.judged() ? p.period() : "_" + p.period() + "_";
                b.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s |%n", name, p.n(), pctOf(p.recommendedKept()),
                        mean(p.recommendedMean()), pctOf(p.sellerKept()), mean(p.sellerMean()), pctOf(p.plainKept()), mean(p.plainMean())));
            }
        }
        return b.toString();
    }

    private static void row(StringBuilder b, double target, String way, Tally.Figures f) {
        b.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s |%n", fmt(target), way, f.n(), pctOf(f.keptRate()),
                mean(f.meanPromised()), f.worstPeriod() == null ? "–" : f.worstPeriod() + " " + pctOf(f.worstKeptRate()) + " (" + f.worstPeriodOrders() + ")"));
    }

    static String fmt(double target) {
        return new java.math.BigDecimal(Double.toString(target)).stripTrailingZeros().toPlainString();
    }

    private static String pct(double target) {
        return new java.math.BigDecimal(Double.toString(target * 100)).stripTrailingZeros().toPlainString();
    }

    /** A mean promised, "–" where there was nothing to average (a warm-up month no plain quantile answered). */
    private static String mean(double m) {
        return Double.isNaN(m) ? "–" : String.format(Locale.ROOT, "%.1f", m);
    }

    private static String pctOf(double rate) {
        return Double.isNaN(rate) ? "–" : String.format(Locale.ROOT, "%.3f", rate);
    }
}
