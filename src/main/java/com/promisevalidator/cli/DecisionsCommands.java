package com.promisevalidator.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The decision log: one decision, or a filtered page of them. */
@Command(name = "decisions", mixinStandardHelpOptions = true, description = "Read the decision log.",
        subcommands = {DecisionsCommands.Show.class, DecisionsCommands.List.class})
final class DecisionsCommands {

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One decision: request, facts met, answer, rules version.")
    static final class Show implements Callable<Integer> {
        @Mixin Connection conn;

        @Parameters(paramLabel = "DECISION_ID")
        String id;

        @Override
        public Integer call() {
            conn.print(conn.api().get("/api/v1/decisions/" + Paths.segment(id), Map.of()));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Decisions of a period, filtered, one page.")
    static final class List implements Callable<Integer> {
        @Mixin Connection conn;

        @Option(names = "--from") String from;
        @Option(names = "--to") String to;
        @Option(names = "--verdict", description = "APPROVED, ALTERNATIVE or REJECTED.") String verdict;
        @Option(names = "--code", description = "A reason code, e.g. DAY_FULL.") String code;
        @Option(names = "--site") String site;
        @Option(names = "--rep") String rep;
        @Option(names = "--kind", description = "VALIDATE, BATCH_ITEM or COMMIT_RECHECK.") String kind;
        @Option(names = "--limit", defaultValue = "20") int limit;
        @Option(names = "--offset", defaultValue = "0") int offset;

        @Override
        public Integer call() {
            conn.answer(conn.api().get("/api/v1/decisions", Api.query("from", from, "to", to, "verdict", verdict, "code", code,
                    "site", site, "rep", rep, "kind", kind, "limit", String.valueOf(limit), "offset", String.valueOf(offset))), Summaries::decisions);
            return 0;
        }
    }

    private DecisionsCommands() {
    }
}
