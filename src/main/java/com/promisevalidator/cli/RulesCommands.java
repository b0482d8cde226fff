package com.promisevalidator.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Rules: what is active, check a candidate, backtest it on recorded decisions, run it in shadow. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "Check, backtest and shadow-run rule sets (rules/README.md).",
        subcommands = {RulesCommands.Status.class, RulesCommands.Check.class, RulesCommands.Test.class, RulesCommands.Backtest.class,
                RulesCommands.Shadow.class})
final class RulesCommands {

    @Command(name = "status", mixinStandardHelpOptions = true, description = "The active rule set: version, files, parameters, last failed reload.")
    static final class Status implements Callable<Integer> {
        @Mixin Connection conn;

        @Override
        public Integer call() {
            conn.answer(conn.api().get("/api/v1/rules", Map.of()), Summaries::rulesStatus);
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Compile and policy-check a candidate rules directory on the service; nothing is activated. Exit 4 when it fails.")
    static final class Check implements Callable<Integer> {
        @Mixin Connection conn;

        @Parameters(paramLabel = "DIR", defaultValue = "rules", description = "The candidate rules directory (default ${DEFAULT-VALUE}).")
        Path dir;

        @Override
        public Integer call() {
            JsonNode r = conn.api().postJson("/api/v1/rules/check", Map.of("files", RuleFiles.read(dir)));
            if (conn.json) conn.print(r);
            boolean ok = r.path("ok").asBoolean();
            if (!conn.json) {
                for (String kind : new String[] {"errors", "violations"}) {
                    for (JsonNode e : r.path(kind)) {
                        // a failing scenario is also among the errors: said once, with the failures below
                        if (e.path("file").asText().startsWith("tests/")) continue;
                        conn.out().println(Summaries.location(e) + ": " + e.path("message").asText());
                    }
                }
                JsonNode scenarios = r.path("scenarios");
                for (JsonNode f : scenarios.path("failures")) conn.out().println(Summaries.scenario(f));
                if (scenarios.isObject()) conn.out().println(scenarios.path("run").asInt() + " scenarios, " + scenarios.path("failed").asInt() + " failed");
                for (JsonNode w : r.path("warnings")) conn.out().println("warning: " + Summaries.location(w) + ": " + w.path("message").asText());
                conn.out().println(ok ? "ok: version " + r.path("version").asText() : "not ok");
                conn.out().flush();
            }
            if (!ok) throw new CliFailure(CliFailure.CHECK_FAILED, dir + " does not pass the check");
            return 0;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = {"Run a rules directory's scenario tests (tests/*.yaml) locally: no service, no database.",
                    "One line per scenario; exit 4 when one fails or the rules do not compile."})
    static final class Test implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "DIR", defaultValue = "rules", description = "The rules directory (default ${DEFAULT-VALUE}).")
        Path dir;

        @Override
        public Integer call() throws java.io.IOException {
            if (!java.nio.file.Files.isDirectory(dir)) throw new CliFailure(CliFailure.BAD_FILE, dir + " is not a directory of rule files");
            ScenarioMain.Outcome outcome = ScenarioMain.run(dir);
            java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
            int exit = ScenarioMain.report(outcome, dir, new java.io.PrintStream(text, true, java.nio.charset.StandardCharsets.UTF_8));
            spec.commandLine().getOut().print(text.toString(java.nio.charset.StandardCharsets.UTF_8));
            spec.commandLine().getOut().flush();
            if (exit != 0) throw new CliFailure(CliFailure.CHECK_FAILED, "scenario tests of " + dir + " failed");
            return 0;
        }
    }

    @Command(name = "backtest", mixinStandardHelpOptions = true,
            description = {"Replay the recorded decisions of a period through a candidate and the active rule set,",
                    "on the facts they met, and report what would have changed."})
    static final class Backtest implements Callable<Integer> {
        @Mixin Connection conn;

        @Option(names = "--from", required = true, paramLabel = "TIME", description = "Start of the period (ISO-8601 date or time).")
        String from;

        @Option(names = "--to", required = true, paramLabel = "TIME", description = "End of the period (ISO-8601 date or time).")
        String to;

        @Option(names = "--rules", paramLabel = "DIR", description = "Candidate rule files (replace or add to the active set's).")
        Path rules;

        @Option(names = "--parameters", paramLabel = "FILE", description = "A candidate parameters.yaml.")
        Path parameters;

        @Option(names = "--examples", defaultValue = "5", description = "How many changed decisions to show, one line each (default ${DEFAULT-VALUE}).")
        int examples;

        @Override
        public Integer call() {
            if (rules == null && parameters == null) throw new CliFailure(CliFailure.BAD_USAGE, "give --rules DIR and/or --parameters FILE");
            Map<String, Object> body = new LinkedHashMap<>();
            if (rules != null) body.put("files", RuleFiles.read(rules));
            if (parameters != null) body.put("parameters", RuleFiles.text(parameters));
            body.put("from", from);
            body.put("to", to);
            body.put("examples", examples);
            conn.answer(conn.api().postJson("/api/v1/rules/backtest", body), (r, out) -> Summaries.backtest(r, examples, out));
            return 0;
        }
    }

    @Command(name = "shadow", mixinStandardHelpOptions = true,
            description = "Run a candidate beside the live rules on every quote, off the request path, and compare.",
            subcommands = {Shadow.Start.class, Shadow.Show.class, Shadow.Stop.class})
    static final class Shadow {

        @Command(name = "start", mixinStandardHelpOptions = true, description = {"Start (or replace) the shadow candidate: every live quote is also answered by it, off the request path.",
                "Each replica runs its own shadow."})
        static final class Start implements Callable<Integer> {
            @Mixin Connection conn;

            @Parameters(paramLabel = "DIR", arity = "0..1", description = "Candidate rule files (replace or add to the active set's).")
            Path dir;

            @Option(names = "--parameters", paramLabel = "FILE", description = "A candidate parameters.yaml.")
            Path parameters;

            @Override
            public Integer call() {
                if (dir == null && parameters == null) throw new CliFailure(CliFailure.BAD_USAGE, "give a rules DIR and/or --parameters FILE");
                Map<String, Object> body = new LinkedHashMap<>();
                if (dir != null) body.put("files", RuleFiles.read(dir));
                if (parameters != null) body.put("parameters", RuleFiles.text(parameters));
                conn.answer(conn.api().putJson("/api/v1/rules/shadow", body), Summaries::shadow);
                return 0;
            }
        }

        @Command(name = "show", aliases = "status", mixinStandardHelpOptions = true, description = "The running comparison.")
        static final class Show implements Callable<Integer> {
            @Mixin Connection conn;

            @Override
            public Integer call() {
                conn.answer(notRunning(() -> conn.api().get("/api/v1/rules/shadow", Map.of())), Summaries::shadow);
                return 0;
            }
        }

        @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the shadow run; prints its final comparison.")
        static final class Stop implements Callable<Integer> {
            @Mixin Connection conn;

            @Override
            public Integer call() {
                conn.answer(notRunning(() -> conn.api().delete("/api/v1/rules/shadow")), Summaries::shadow);
                return 0;
            }
        }
    }

    /** The service's 404 "no shadow run" names its HTTP call; a CLI user is told the command instead. */
    private static JsonNode notRunning(java.util.function.Supplier<JsonNode> call) {
        try {
            return call.get();
        } catch (CliFailure f) {
            if (f.status != 404) throw f;
            throw new CliFailure(f.exitCode, "no candidate runs in shadow on this instance (404); start one with: promise rules shadow start DIR", 404);
        }
    }

    private RulesCommands() {
    }
}
