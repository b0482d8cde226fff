package com.promisevalidator.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

import com.promisevalidator.cli.replay.Replay;
import com.promisevalidator.cli.replay.ReplayOptions;
import com.promisevalidator.cli.replay.ReplayReport;
import com.promisevalidator.cli.replay.WalkForward;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Calibration: walk a history file forward through a running service over HTTP and judge its promises (docs/calibration.md). */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay a history CSV through a running service, week by week (day by day for service minutes):",
                "import what had completed (and, with --open-orders, what was still open, as of the step's start),",
                "ask the best promise for each new order, and report kept rate, mean promise, worst month or day,",
                "orders left without a promise, beside the seller's quotes and a plain lane quantile.",
                "Use a service of its own with an empty database (src/calibration/replay.sh starts one)."})
final class ReplayCommand implements Callable<Integer> {

    @Mixin Connection conn;

    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The history export (README \"History import\" format).")
    Path csv;

    @Option(names = "--targets", split = ",", defaultValue = "0.90,0.925", description = "Target confidences judged (default ${DEFAULT-VALUE}).")
    List<Double> targets;

    @Option(names = "--judge-from", paramLabel = "DATE", description = "Only orders placed from this date count in the figures; earlier ones warm up.")
    LocalDate judgeFrom;

    @Option(names = "--step", description = "week or day (default: week for deliveries, day for services).")
    WalkForward.StepSize step;

    @Option(names = "--open-orders", description = "Also import the orders still open at each step, as of its start, as a live export would send them.")
    boolean openOrders;

    @Option(names = "--open-once", description = "With --open-orders: list an open order in one export only, the first after it was "
            + "placed, and again when it completes (a 'changes only' export).")
    boolean openOnce;

    @Option(names = "--out", defaultValue = "target/replay", description = "Where report.json, results.csv and the reliability plot go (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--reliability", split = ",", defaultValue = "0.5,0.6,0.7,0.8,0.9,0.95", description = "Targets of the reliability table and plot.")
    List<Double> reliability;

    @Option(names = "--batch", defaultValue = "200", description = "Quotes per validate-batch call, 1-1000 (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--declare-services", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Declare a service type before its first quote (the import does not); default on.")
    boolean declareServices;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!Files.isReadable(csv)) throw new CliFailure(CliFailure.BAD_FILE, "cannot read " + csv + ": " + (Files.exists(csv) ? "permission denied" : "no such file"));
        if (batch < 1 || batch > 1000) throw new CliFailure(CliFailure.BAD_USAGE, "--batch must be between 1 and 1000");
        for (double t : targets) if (!(t > 0 && t < 1)) throw new CliFailure(CliFailure.BAD_USAGE, "--targets: " + t + " is not between 0 and 1");
        if (conn.key == null || conn.key.isBlank()) throw new CliFailure(CliFailure.REFUSED, "--key (or PROMISE_API_KEY) is required: an ops or admin key");
        System.setProperty("java.awt.headless", "true");
        ReplayOptions o = new ReplayOptions(URI.create(conn.url), conn.key, csv, targets, judgeFrom, step, openOrders || openOnce, out,
                reliability, batch, declareServices, openOnce);
        PrintStream progress = System.err;
        ReplayReport report;
        try {
            report = Replay.run(o, progress);
        } catch (java.net.ConnectException e) {
            throw new CliFailure(CliFailure.UNREACHABLE, "cannot reach the service at " + conn.url + " (is it running?)");
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new CliFailure(CliFailure.REFUSED, e.getMessage());
        }
        if (conn.json) conn.print(report.toJson(Api.JSON));
        else conn.out().println(report.markdown());
        conn.out().println("written to " + out.toAbsolutePath());
        conn.out().flush();
        return 0;
    }
}
