package com.promisevalidator.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** History: import exports, correct single rows (delete, replace, confirm outliers). */
@Command(name = "history", mixinStandardHelpOptions = true, description = "Import and correct the history the statistics learn from.",
        subcommands = {HistoryCommands.Import.class, HistoryCommands.Delete.class, HistoryCommands.Confirm.class,
                HistoryCommands.Outliers.class})
final class HistoryCommands {

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Import a history CSV (README \"History import\" for the columns). Idempotent by reference;",
                    "rows refused are listed with their line and reason, and nothing of the file is half-applied",
                    "(with --skip-bad the good rows are imported and the bad ones listed)."})
    static final class Import implements Callable<Integer> {
        @Mixin Connection conn;

        @Parameters(paramLabel = "FILE", description = "The CSV export (UTF-8, UTF-16 with a BOM or Windows-1252; ',' ';' tab or '|' separated).")
        Path file;

        @Option(names = "--replace", description = "Replace rows whose reference is already known (corrections).")
        boolean replace;

        @Option(names = "--as-of", paramLabel = "TIME", description = "When the export was taken (ISO-8601 with offset); its open rows were open then. Default now.")
        String asOf;

        @Option(names = "--sep", paramLabel = "CHAR", description = "The separator, when the header does not make it clear.")
        String sep;

        @Option(names = "--dates", paramLabel = "ORDER", description = "dmy or mdy: the order of day and month in numeric dates (04/03/2025 10:15); without it they are refused.")
        String dates;

        @Option(names = "--time-zone", paramLabel = "ZONE", description = "The time zone of the sites the file creates (e.g. America/Sao_Paulo): their times written without an offset, and their calendars.")
        String timeZone;

        @Option(names = "--skip-bad", description = "Import the good rows and list the bad ones (default: any bad row refuses the file).")
        boolean skipBad;

        @Option(names = "--progress", negatable = true, description = "Draw an upload progress bar (default: on a terminal).")
        Boolean progress;

        @Override
        public Integer call() {
            long size = size(file);
            Progress bar = new Progress(System.err, progress != null ? progress : Progress.onTerminal(), "uploading " + file.getFileName(), size);
            HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(() -> bar.counting(open(file))), size);
            JsonNode r;
            try {
                r = conn.api().post("/api/v1/history/import",
                        Api.query("replace", replace ? "true" : null, "asOf", asOf, "sep", sep, "badRows", skipBad ? "skip" : null, "timeZone", timeZone, "dates", dates), "text/csv", body);
            } catch (CliFailure f) {
                if (f.exitCode != CliFailure.REFUSED) throw f;
                String why = inCliWords(f.getMessage());
                throw new CliFailure(f.exitCode, skipBad || !why.contains("bad row") ? why : why + "\n(--skip-bad imports the good rows and lists the bad ones)", f.status);
            }
            bar.done();
            if (conn.json) {
                conn.print(r);
                return 0;
            }
            // the service's "rows" are the rows it took; the refused ones were read too
            int refused = r.path("refusedRows").asInt();
            conn.out().printf("%s: %s read, %d imported, %d outcomes added, %d already known, %d replaced, %d open too old%s%n",
                    file.getFileName(), Summaries.count(r.path("rows").asInt() + refused, "row"), r.path("imported").asInt(),
                    r.path("outcomesAdded").asInt(), r.path("duplicates").asInt(), r.path("replaced").asInt(), r.path("openTooOld").asInt(),
                    refused > 0 ? ", " + refused + " refused" : "");
            if (!"UTF-8".equals(r.path("encoding").asText("UTF-8"))) conn.out().println("read as " + r.path("encoding").asText());
            if (r.path("ignoredColumns").size() > 0) conn.out().println("columns not read: " + join(r.path("ignoredColumns")));
            if (r.path("missingColumns").size() > 0) conn.out().println("columns missing (empty in every row): " + join(r.path("missingColumns")));
            if (r.path("sitesCreated").size() > 0) conn.out().println("sites created: " + join(r.path("sitesCreated")));
            if (r.path("regionsCreated").size() > 0) conn.out().println("regions created: " + join(r.path("regionsCreated")));
            for (JsonNode x : r.path("refused")) {
                conn.out().printf("refused line %s: %s%n", x.path("line").asText(), inCliWords(x.path("reason").asText()));
            }
            if (r.path("refusedRows").asInt() > r.path("refused").size()) {
                conn.out().printf("... %d rows refused in all%n", r.path("refusedRows").asInt());
            }
            for (JsonNode o : r.path("outliers")) {
                conn.out().printf("outlier %s (line %s): %s %s, %s%n", o.path("reference").asText(), o.path("line").asText("?"),
                        o.path("value").asText(), o.path("unit").asText(), o.path("why").asText());
            }
            if (r.path("outliersReleased").size() > 0) {
                conn.out().println("held out earlier, now counted (judged again with this file): " + join(r.path("outliersReleased")));
            }
            conn.out().flush();
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Remove one history row; the statistics follow at once.")
    static final class Delete implements Callable<Integer> {
        @Mixin Connection conn;

        @Parameters(paramLabel = "REFERENCE", description = "The row's reference.")
        String reference;

        @Override
        public Integer call() {
            conn.api().delete("/api/v1/history/" + Paths.segment(reference));
            conn.out().println("deleted " + reference);
            conn.out().flush();
            return 0;
        }
    }

    @Command(name = "confirm", mixinStandardHelpOptions = true, description = "Confirm a row flagged as an outlier: it counts in the statistics from now on.")
    static final class Confirm implements Callable<Integer> {
        @Mixin Connection conn;

        @Parameters(paramLabel = "REFERENCE", description = "The outlier's reference.")
        String reference;

        @Override
        public Integer call() {
            JsonNode r = conn.api().postJson("/api/v1/history/" + Paths.segment(reference) + "/confirm", java.util.Map.of());
            if (conn.json) conn.print(r);
            else conn.out().println("confirmed " + reference);
            conn.out().flush();
            return 0;
        }
    }

    @Command(name = "outliers", mixinStandardHelpOptions = true, description = "List the rows held out of the statistics as outliers.")
    static final class Outliers implements Callable<Integer> {
        @Mixin Connection conn;

        @Option(names = "--limit", defaultValue = "100", description = "At most this many (default ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            conn.answer(conn.api().get("/api/v1/history/outliers", Api.query("limit", String.valueOf(limit))),
                    (rows, out) -> Summaries.outliers(rows, limit, out));
            return 0;
        }
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw CliFailure.unreadable(file, e);
        }
    }

    static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw CliFailure.unreadable(file, e);
        }
    }

    private static String join(JsonNode array) {
        StringBuilder b = new StringBuilder();
        for (JsonNode n : array) b.append(b.length() == 0 ? "" : ", ").append(n.asText());
        return b.toString();
    }

    private HistoryCommands() {
    }

    /** The service's hints name its query options ("add ?dates=dmy"); a CLI user is told the option instead (docs2 F6). */
    static String inCliWords(String serviceWords) {
        return serviceWords.replace("?dates=dmy", "--dates dmy").replace("?dates=mdy", "--dates mdy").replace("?sep=;", "--sep ';'")
                .replace("?replace=true", "--replace");
    }
}
