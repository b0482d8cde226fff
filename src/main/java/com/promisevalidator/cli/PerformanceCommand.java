package com.promisevalidator.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Kept rates and mastery scores, as GET /api/v1/performance gives them. */
@Command(name = "performance", mixinStandardHelpOptions = true, description = "Show kept rate, count and mastery score by rep, site, lane or service type.")
final class PerformanceCommand implements Callable<Integer> {

    enum By { rep, site, lane, serviceType }

    @Mixin Connection conn;

    @Option(names = "--by", defaultValue = "site", description = "Group by: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    By by;

    @Option(names = "--from", paramLabel = "DATE", description = "From this date.")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Up to this date.")
    String to;

    @Override
    public Integer call() {
        conn.answer(conn.api().get("/api/v1/performance", Api.query("by", by.name(), "from", from, "to", to)), Summaries::performance);
        return 0;
    }
}
