package com.promisevalidator.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.promisevalidator.rules.model.RuleProblem;
import com.promisevalidator.rules.model.ScenarioResult;
import com.promisevalidator.scenario.service.ScenarioRunner;

/**
 * Runs a rules directory's scenario tests from the command line, without the service or a database:
 * {@code java -cp 'target/quarkus-app/lib/boot/*:target/quarkus-app/lib/main/*:target/quarkus-app/app/*' com.promisevalidator.cli.ScenarioMain rules/}.
 * Prints one line per scenario; exit code 0 when all pass, 1 when one fails or the rules do not compile, 2 on bad usage.
 */
public final class ScenarioMain {

    private ScenarioMain() {
    }

    /** The outcome of a run: the scenarios' results and the problems that kept the rules from compiling. */
    public record Outcome(List<ScenarioResult> results, List<RuleProblem> problems) {
        public boolean ok() {
            return problems.isEmpty() && !results.isEmpty() && results.stream().allMatch(ScenarioResult::passed);
        }
    }

    /** Compiles the rules of {@code rulesDir} and runs its tests/*.yaml. */
    public static Outcome run(Path rulesDir) throws IOException {
        ScenarioRunner.Loaded loaded = ScenarioRunner.load(rulesDir);
        if (loaded.ruleSet() == null) return new Outcome(List.of(), loaded.problems());
        return new Outcome(new ScenarioRunner().run(loaded.ruleSet(), loaded.scenarioFiles()), List.of());
    }

    /** Prints the outcome; returns the exit code. */
    static int report(Outcome o, Path dir, PrintStream out) {
        for (RuleProblem p : o.problems()) {
            out.println("ERROR " + p.file() + (p.line() == null ? "" : ":" + p.line()) + ": " + p.message());
        }
        for (ScenarioResult r : o.results()) out.println(r.describe());
        long failed = o.results().stream().filter(r -> !r.passed()).count();
        if (o.problems().isEmpty() && o.results().isEmpty()) out.println("no scenarios in " + dir.resolve("tests"));
        out.println(o.results().size() + " scenarios, " + failed + " failed");
        return o.ok() ? 0 : 1;
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager"); // before the rule engine logs
        if (args.length != 1 || !Files.isDirectory(Path.of(args[0]))) {
            System.err.println("usage: ScenarioMain <rules directory>");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        System.exit(report(run(dir), dir, System.out));
    }
}
