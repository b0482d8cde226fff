package com.promisevalidator.cli.replay;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a replay is asked to do. {@code step} null: weeks for a history with delivery rows, days for one
 * of service rows only. {@code reliability}: the extra targets asked for the reliability table and plot.
 * {@code declareServices}: master data a CRM would know. Before the first quote of a site's service type the replay
 * declares it (unbounded bays, open all day, the seller's quote of that first order as the planning standard
 * minutes), and before the first quote from a site no imported row named yet, the site (open every day, no capacity,
 * in its orders' offset); false leaves the service's master data alone.
 */
public record ReplayOptions(URI url, String key, Path csv, List<Double> targets, LocalDate judgeFrom,
                            WalkForward.StepSize step, boolean openOrders, Path out, List<Double> reliability, int batch,
                            boolean declareServices, boolean openOnce) {

    /** Open orders, if fed, listed again at every step (a full export), as before {@code openOnce} existed. */
    public ReplayOptions(URI url, String key, Path csv, List<Double> targets, LocalDate judgeFrom, WalkForward.StepSize step,
                         boolean openOrders, Path out, List<Double> reliability, int batch, boolean declareServices) {
        this(url, key, csv, targets, judgeFrom, step, openOrders, out, reliability, batch, declareServices, false);
    }

    public static final List<Double> RELIABILITY = List.of(0.5, 0.6, 0.7, 0.8, 0.9, 0.95);

    public static final String USAGE = """
            replay --csv history.csv [--url http://localhost:8080] [--key KEY (default: env PROMISE_API_KEY)]
                   [--targets 0.90,0.925] [--judge-from 2017-07-01] [--step week|day] [--open-orders true|false|delta]
                   [--out target/replay] [--reliability 0.5,0.6,0.7,0.8,0.9,0.95] [--batch 200]
                   [--declare-services true|false]""";

    /** Reads {@code --name value} or {@code --name=value} pairs; env supplies the key when --key is absent. */
    public static ReplayOptions parse(String[] args, Map<String, String> env) {
        Map<String, String> o = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) throw new IllegalArgumentException("unexpected argument '" + a + "'\n" + USAGE);
            int eq = a.indexOf('=');
            if (eq > 0) o.put(a.substring(2, eq), a.substring(eq + 1));
            else if (i + 1 < args.length) o.put(a.substring(2), args[++i]);
            else throw new IllegalArgumentException(a + " needs a value\n" + USAGE);
        }
        for (String k : o.keySet()) {
            if (!List.of("url", "key", "csv", "targets", "judge-from", "step", "open-orders", "out", "reliability", "batch", "declare-services").contains(k)) {
                throw new IllegalArgumentException("unknown option --" + k + "\n" + USAGE);
            }
        }
        if (!o.containsKey("csv")) throw new IllegalArgumentException("--csv is required\n" + USAGE);
        String key = o.getOrDefault("key", env.get("PROMISE_API_KEY"));
        if (key == null || key.isBlank()) throw new IllegalArgumentException("--key (or env PROMISE_API_KEY) is required\n" + USAGE);
        String step = o.get("step");
        // delta: an open order is exported once, when it opens, and again when it completes ("changes only" exports)
        String open = o.getOrDefault("open-orders", "false");
        boolean delta = open.equals("delta");
        int batch = Integer.parseInt(o.getOrDefault("batch", "200"));
        if (batch < 1 || batch > 1000) throw new IllegalArgumentException("--batch must be between 1 and 1000");
        return new ReplayOptions(URI.create(o.getOrDefault("url", "http://localhost:8080")), key, Path.of(o.get("csv")),
                targets(o.getOrDefault("targets", "0.90,0.925"), "--targets"),
                o.containsKey("judge-from") ? LocalDate.parse(o.get("judge-from")) : null,
                step == null ? null : WalkForward.StepSize.valueOf(step.toUpperCase(Locale.ROOT)),
                delta || flag(open, "--open-orders"), Path.of(o.getOrDefault("out", "target/replay")),
                o.containsKey("reliability") ? targets(o.get("reliability"), "--reliability") : RELIABILITY, batch,
                flag(o.getOrDefault("declare-services", "true"), "--declare-services"), delta);
    }

    private static boolean flag(String v, String option) {
        if (!v.equals("true") && !v.equals("false")) throw new IllegalArgumentException(option + " must be true or false");
        return Boolean.parseBoolean(v);
    }

    static List<Double> targets(String text, String option) {
        List<Double> out = new ArrayList<>();
        for (String t : text.split(",")) {
            if (t.isBlank()) continue;
            double d = Double.parseDouble(t.trim());
            if (!(d > 0 && d < 1)) throw new IllegalArgumentException(option + ": " + t + " is not between 0 and 1");
            out.add(d);
        }
        if (out.isEmpty()) throw new IllegalArgumentException(option + " names no target");
        return out;
    }
}
