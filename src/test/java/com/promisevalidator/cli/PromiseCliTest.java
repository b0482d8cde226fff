package com.promisevalidator.cli;

import static com.promisevalidator.TestDates.at;
import static com.promisevalidator.TestDates.date;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import picocli.CommandLine;

/** Each CLI command against the test service, in process: its output, and a failure with its exit code and message. */
@QuarkusTest
class PromiseCliTest {

    private static final String HEADER = "kind,reference,site,region,serviceType,rep,orderedAt,promisedBy,completedAt,promisedMinutes,actualMinutes,quantity";
    private static final String TAG = UUID.randomUUID().toString().substring(0, 8);

    @TestHTTPResource("/")
    URL url;

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
    }

    private Run run(String key, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        boolean local = args.length > 1 && args[0].equals("rules") && args[1].equals("test");
        if (args.length > 0 && !args[args.length - 1].equals("--help") && !local) {
            all.add("--url=" + url.toString());
            if (key != null) all.add("--key=" + key);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = PromiseCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private Path csv(String name, String... rows) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, HEADER + "\n" + String.join("\n", rows) + "\n");
        return f;
    }

    private static String delivery(String ref, int orderedDay, int promisedDay, int completedDay) {
        return "DELIVERY," + ref + ",CLI-" + TAG + ",CLR-" + TAG + ",,," + at(orderedDay, "10:00") + "," + date(promisedDay) + ","
                + (completedDay == 0 ? "" : at(completedDay, "15:00")) + ",,,1";
    }

    @Test
    void historyImportPrintsCountsAndCreatedSites() throws IOException {
        // a site of its own: the other tests create CLI-<tag>
        Path file = csv("ok.csv", delivery("CLI-1-" + TAG, -40, -33, -36).replace(",CLI-" + TAG + ",", ",CLN-" + TAG + ","),
                delivery("CLI-2-" + TAG, -39, -32, -35).replace(",CLI-" + TAG + ",", ",CLN-" + TAG + ","));
        Run r = run("test-key-ops", "history", "import", file.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("2 rows read, 2 imported"), r.out());
        assertTrue(r.out().contains("sites created: CLN-" + TAG), r.out());
    }

    @Test
    void historyImportOfABadRowFailsWithItsLineAndExitCode1() throws IOException {
        Path file = csv("bad.csv", delivery("CLI-3-" + TAG, -40, -33, -36), "DELIVERY,CLI-4-" + TAG + ",X,Y,,,not-a-time,,,,,1");
        Run r = run("test-key-ops", "history", "import", file.toString());
        assertEquals(CliFailure.REFUSED, r.exit());
        assertTrue(r.err().contains("400") && r.err().contains("line 3"), r.err());
        assertTrue(!r.err().contains("Exception"), "no Java in the message: " + r.err());
    }

    @Test
    void historyImportReadsDayFirstDatesWithDatesDmy() throws IOException {
        java.time.format.DateTimeFormatter dmy = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy");
        String ref = "CLI-DMY-" + TAG;
        Path file = csv("dmy.csv", "DELIVERY," + ref + ",CLI-" + TAG + ",CLR-" + TAG + ",,," + com.promisevalidator.TestDates.day(-40).format(dmy)
                + " 10:00-03:00," + com.promisevalidator.TestDates.day(-33).format(dmy) + "," + com.promisevalidator.TestDates.day(-36).format(dmy) + " 15:00-03:00,,,1");
        Run refused = run("test-key-ops", "history", "import", file.toString());
        assertEquals(CliFailure.REFUSED, refused.exit());
        assertTrue(refused.err().contains("?dates=dmy"), refused.err());
        Run r = run("test-key-ops", "history", "import", "--dates", "dmy", file.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("1 rows read, 1 imported"), r.out());
    }

    @Test
    void missingFileExits5() {
        Run r = run("test-key-ops", "history", "import", tmp.resolve("nope.csv").toString());
        assertEquals(CliFailure.BAD_FILE, r.exit());
        assertTrue(r.err().contains("cannot read"), r.err());
    }

    @Test
    void deleteAndConfirmAndOutliers() throws IOException {
        String ref = "CLI-5-" + TAG;
        assertEquals(0, run("test-key-ops", "history", "import", csv("d.csv", delivery(ref, -40, -33, -36)).toString()).exit());
        Run deleted = run("test-key-ops", "history", "delete", ref);
        assertEquals(0, deleted.exit(), deleted.err());
        assertTrue(deleted.out().contains("deleted " + ref));
        Run again = run("test-key-ops", "history", "delete", ref);
        assertEquals(CliFailure.REFUSED, again.exit());
        assertTrue(again.err().contains("404"), again.err());
        Run outliers = run("test-key-ops", "history", "outliers");
        assertEquals(0, outliers.exit(), outliers.err());
        assertTrue(outliers.out().trim().startsWith("["), outliers.out());
    }

    @Test
    void rulesStatusAndCheckOfTheShippedSet() {
        Run status = run("test-key-ops", "rules", "status");
        assertEquals(0, status.exit(), status.err());
        assertTrue(status.out().contains("\"version\""), status.out());
        Run check = run("test-key-ops", "rules", "check", "rules");
        assertEquals(0, check.exit(), check.out() + check.err());
        assertTrue(check.out().contains("ok: version "), check.out());
    }

    @Test
    void rulesBacktestOfACandidateParametersFile() throws IOException {
        Path params = tmp.resolve("parameters.yaml");
        Files.writeString(params, "target-confidence: 0.8\n");
        Run r = run("test-key-ops", "rules", "backtest", "--parameters", params.toString(), "--from", date(-1), "--to", date(1), "--examples", "2");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("\"compared\"") && r.out().contains("\"recommendedMoved\""), r.out());
        Run none = run("test-key-ops", "rules", "backtest", "--from", date(-1), "--to", date(1));
        assertEquals(CliFailure.BAD_FILE, none.exit(), "no candidate given");
    }

    @Test
    void rulesShadowStartShowStop() throws IOException {
        Path params = tmp.resolve("parameters.yaml");
        Files.writeString(params, "target-confidence: 0.8\n");
        // the shipped directory as it is (its tests/ scenarios included) with other parameters
        Run start = run("test-key-ops", "rules", "shadow", "start", "rules", "--parameters", params.toString());
        assertEquals(0, start.exit(), start.out() + start.err());
        assertTrue(start.out().contains("\"running\" : true"), start.out());
        Run show = run("test-key-ops", "rules", "shadow", "show");
        assertEquals(0, show.exit(), show.err());
        assertTrue(show.out().contains("\"seen\"") && show.out().contains("\"compared\""), show.out());
        Run stop = run("test-key-ops", "rules", "shadow", "stop");
        assertEquals(0, stop.exit(), stop.err());
        assertTrue(stop.out().contains("\"running\" : false"), stop.out());
        Run gone = run("test-key-ops", "rules", "shadow", "show");
        assertEquals(CliFailure.REFUSED, gone.exit());
        assertTrue(gone.err().contains("404"), gone.err());
        Run nothing = run("test-key-ops", "rules", "shadow", "start");
        assertEquals(CliFailure.BAD_FILE, nothing.exit(), "no candidate given");
    }

    @Test
    void aBrokenCandidateFailsTheCheckWithExit4AndItsLine() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("broken"));
        Files.writeString(dir.resolve("broken.drl"), "package rules;\nrule \"x\"\nwhen\n  this is not drl\nthen\nend\n");
        Run r = run("test-key-ops", "rules", "check", dir.toString());
        assertEquals(CliFailure.CHECK_FAILED, r.exit());
        assertTrue(r.out().contains("broken.drl:"), r.out());
        assertTrue(r.err().contains("does not pass the check"), r.err());
    }

    @Test
    void scenarioTestsOfTheShippedRulesPassLocally() {
        Run r = run(null, "rules", "test", "rules");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains(" 0 failed"), r.out());
    }

    @Test
    void aFailingScenarioExits4() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("failing"));
        for (Path f : Files.list(Path.of("rules")).toList()) {
            if (Files.isRegularFile(f)) Files.copy(f, dir.resolve(f.getFileName()));
        }
        Path tests = Files.createDirectory(dir.resolve("tests"));
        for (Path f : Files.list(Path.of("rules/tests")).toList()) {
            // every expected verdict turned into a wrong one
            Files.writeString(tests.resolve(f.getFileName()), Files.readString(f).replace("verdict: APPROVED", "verdict: REJECTED")
                    .replace("verdict: ALTERNATIVE", "verdict: REJECTED"));
        }
        Run r = run(null, "rules", "test", dir.toString());
        assertEquals(CliFailure.CHECK_FAILED, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("scenario tests of"), r.err());
    }

    @Test
    void replayRefusesWhatItCannotUse() {
        Run missing = run("test-key-ops", "replay", "--csv", tmp.resolve("none.csv").toString());
        assertEquals(CliFailure.BAD_FILE, missing.exit());
        assertTrue(missing.err().contains("cannot read"), missing.err());
        Run badStep = run("test-key-ops", "replay", "--csv", "x.csv", "--step", "month");
        assertEquals(2, badStep.exit());
        assertTrue(badStep.err().contains("--step"), badStep.err());
    }

    @Test
    void performanceAndDecisions() {
        Run perf = run("test-key-admin", "performance", "--by", "site");
        assertEquals(0, perf.exit(), perf.err());
        assertTrue(perf.out().contains("{"), perf.out());
        Run bad = run("test-key-admin", "performance", "--by", "planet");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--by"), bad.err());
        Run list = run("test-key-ops", "decisions", "list", "--limit", "2");
        assertEquals(0, list.exit(), list.err());
        Run missing = run("test-key-ops", "decisions", "show", UUID.randomUUID().toString());
        assertEquals(CliFailure.REFUSED, missing.exit());
        assertTrue(missing.err().contains("404"), missing.err());
    }

    @Test
    void withoutAKeyTheRefusalSaysWhatToDo() {
        Run r = run(null, "rules", "status");
        assertEquals(CliFailure.REFUSED, r.exit());
        assertTrue(r.err().contains("401") && r.err().contains("PROMISE_API_KEY"), r.err());
        Run rep = run("test-key-alice", "rules", "status");
        assertEquals(CliFailure.REFUSED, rep.exit());
        assertTrue(rep.err().contains("403"), rep.err());
    }

    @Test
    void anUnreachableServiceExits3() {
        StringWriter err = new StringWriter();
        CommandLine cl = PromiseCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        int exit = cl.execute("rules", "status", "--url=http://127.0.0.1:1", "--key=k");
        assertEquals(CliFailure.UNREACHABLE, exit);
        assertTrue(err.toString().contains("cannot reach the service"), err.toString());
    }

    @Test
    void everyCommandHasHelp() {
        List<List<String>> commands = new ArrayList<>();
        collect(PromiseCli.commandLine(), new ArrayList<>(), commands);
        assertTrue(commands.size() >= 12, "commands: " + commands);
        for (List<String> path : commands) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            Run r = run(null, args.toArray(String[]::new));
            assertEquals(0, r.exit(), path + ": " + r.err());
            assertTrue(r.out().contains("Usage: promise"), path + ": " + r.out());
        }
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> into) {
        into.add(path);
        for (var e : cl.getSubcommands().entrySet()) {
            if (e.getKey().equals("help") || !e.getValue().getCommandName().equals(e.getKey())) continue; // aliases once
            List<String> sub = new ArrayList<>(path);
            sub.add(e.getKey());
            collect(e.getValue(), sub, into);
        }
    }
}
