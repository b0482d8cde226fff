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
        assertTrue(refused.err().contains("--dates dmy") && !refused.err().contains("?dates"), "the CLI's option, not the query's (docs2 F6): " + refused.err());
        Run r = run("test-key-ops", "history", "import", "--dates", "dmy", file.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("1 row read, 1 imported"), r.out());
    }

    @Test
    void missingFileExits5SayingNoSuchFileWithThePathOnce() {
        String path = tmp.resolve("nope.csv").toString();
        Run r = run("test-key-ops", "history", "import", path);
        assertEquals(CliFailure.BAD_FILE, r.exit());
        assertEquals("promise: cannot read " + path + ": no such file", r.err().strip());
        Run params = run("test-key-ops", "rules", "backtest", "--parameters", path, "--from", date(-1), "--to", date(1));
        assertEquals(CliFailure.BAD_FILE, params.exit());
        assertEquals("promise: cannot read " + path + ": no such file", params.err().strip());
    }

    @Test
    void skipBadCountsEveryDataRowReadAndTheRefusedOnes() throws IOException {
        Path file = csv("skip.csv", delivery("CLI-SK1-" + TAG, -40, -33, -36), "DELIVERY,CLI-SK2-" + TAG + ",X,Y,,,not-a-time,,,,,1",
                "DELIVERY,CLI-SK3-" + TAG + ",X,Y,,,also-not-a-time,,,,,1");
        Run r = run("test-key-ops", "history", "import", "--skip-bad", file.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("skip.csv: 3 rows read, 1 imported,") && r.out().contains(", 2 refused"), r.out());
        assertTrue(r.out().contains("refused line 3: ") && r.out().contains("refused line 4: "), r.out());
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
        assertTrue(outliers.out().contains("held out of the statistics") && !outliers.out().contains("{"), outliers.out());
        Run json = run("test-key-ops", "history", "outliers", "--json");
        assertTrue(json.out().trim().startsWith("["), json.out());
    }

    @Test
    void rulesStatusAndCheckOfTheShippedSet() {
        Run status = run("test-key-ops", "rules", "status");
        assertEquals(0, status.exit(), status.err());
        assertTrue(status.out().startsWith("version ") && status.out().contains(", loaded at "), status.out());
        for (String line : List.of("files: ", "scenarios: ", " run, 0 failed", "last failed reload: none", "runtime failures: 0", "warnings: ")) {
            assertTrue(status.out().contains(line), line + " in " + status.out());
        }
        assertTrue(!status.out().contains("{") && !status.out().contains("\"version\""), "no JSON without --json: " + status.out());
        Run json = run("test-key-ops", "rules", "status", "--json");
        assertEquals(0, json.exit(), json.err());
        assertTrue(json.out().contains("\"version\"") && json.out().contains("\"lastError\""), json.out());
        Run check = run("test-key-ops", "rules", "check", "rules");
        assertEquals(0, check.exit(), check.out() + check.err());
        assertTrue(check.out().contains("ok: version "), check.out());
    }

    @Test
    void rulesBacktestOfACandidateParametersFile() throws IOException {
        Path params = tmp.resolve("parameters.yaml");
        Files.writeString(params, "target-confidence: 0.8\n");
        Run r = run("test-key-ops", "rules", "backtest", "--parameters", params.toString(), "--from", date(-1), "--to", date(1), "--examples", "2", "--json");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("\"compared\"") && r.out().contains("\"recommendedMoved\""), r.out());
        Run none = run("test-key-ops", "rules", "backtest", "--from", date(-1), "--to", date(1));
        assertEquals(CliFailure.BAD_USAGE, none.exit(), "no candidate given (docs2 F5: it was 5, an unreadable file)");
    }

    /** A warehouse of its own with one lane, and two quotes on it decided today (admin key). */
    private static List<String> twoDecisionsOnALaneOfItsOwn(String dc, String region) {
        io.restassured.RestAssured.given().header("X-API-Key", "test-key-admin").contentType("application/json").body("""
                {"name":"CLI DC","timeZone":"America/Sao_Paulo","cutoff":"14:00",
                 "workingDays":["MON","TUE","WED","THU","FRI"],"dailyCapacity":{"orders":100}}""").put("/api/v1/sites/" + dc)
                .then().statusCode(200);
        io.restassured.RestAssured.given().header("X-API-Key", "test-key-admin").contentType("application/json").body("{\"transitDays\":3}")
                .put("/api/v1/sites/" + dc + "/lanes/" + region).then().statusCode(200);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ids.add(io.restassured.RestAssured.given().header("X-API-Key", "test-key-admin").contentType("application/json").body("""
                    {"type":"DELIVERY","site":"%s","region":"%s","orderedAt":"%s"}""".formatted(dc, region, at(0, "10:00")))
                    .post("/api/v1/promises/validate").then().statusCode(200).extract().path("decisionId"));
        }
        return ids;
    }

    @Test
    void rulesBacktestSummarisesWhatMovedAndShowsExamplesOneLineEach() throws IOException {
        String dc = "CBT-" + TAG, region = "CBR-" + TAG;
        List<String> ids = twoDecisionsOnALaneOfItsOwn(dc, region);
        Path params = tmp.resolve("parameters.yaml");
        Files.writeString(params, Files.readString(Path.of("rules/parameters.yaml")).replace("lanes: {}", "lanes: {\"" + dc + "->" + region + "\": 1}"));
        Run r = run("test-key-ops", "rules", "backtest", "--parameters", params.toString(), "--from", date(-1), "--to", date(1));
        assertEquals(0, r.exit(), r.out() + r.err());
        String out = r.out();
        assertTrue(out.startsWith("backtest ") && out.contains(" decisions compared in "), out);
        assertTrue(out.contains("verdicts changed: ") && out.matches("(?s).*recommended moved: [1-9]\\d* later, .*"), out);
        assertTrue(out.matches("(?s).*\\n  by days: (.*, )?\\+1 [1-9].*"), "the day histogram: " + out);
        assertTrue(out.contains("kept rate") && out.contains("mean promised") && out.contains("by reason code:") && out.contains("LEAD_TIME"), out);
        assertTrue(out.contains(ids.get(0)) || out.contains(ids.get(1)) || out.contains("changed, for example"), out);
        for (String line : out.split("\n")) {
            if (line.contains(dc + "→" + region)) assertTrue(line.contains(" -> "), "an example is one line, both answers: " + line);
        }
        assertTrue(!out.contains("{") && out.split("\n").length < 40, "a summary, not the JSON: " + out);
    }

    @Test
    void decisionsListIsOneLinePerDecisionAndTheNextPageCommand() {
        String dc = "CDL-" + TAG, region = "CDR-" + TAG;
        List<String> ids = twoDecisionsOnALaneOfItsOwn(dc, region);
        Run r = run("test-key-ops", "decisions", "list", "--site", dc, "--limit", "1");
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(2, lines.length, r.out());
        assertTrue(lines[0].contains(ids.get(1)) && lines[0].contains(dc + "→" + region)
                        && lines[0].matches(".* by \\d{4}-\\d{2}-\\d{2} at " + dc + ".*"), // the year of the date, not of today (late December)
                "time, id, verdict, lane, recommended: " + lines[0]);
        assertTrue(lines[0].matches("\\S+  \\S+  (APPROVED|ALTERNATIVE|REJECTED) .*"), lines[0]);
        assertTrue(lines[1].startsWith("next page: promise decisions list ") && lines[1].contains("--offset 1") && lines[1].contains("--site " + dc)
                && lines[1].contains("--to "), lines[1]);
        Run next = run("test-key-ops", ("decisions list " + lines[1].substring("next page: promise decisions list ".length())).split(" "));
        assertEquals(0, next.exit(), next.err());
        assertTrue(next.out().contains(ids.get(0)) && !next.out().contains(ids.get(1)), "the printed command gives the next page: " + next.out());
        Run json = run("test-key-ops", "decisions", "list", "--site", dc, "--limit", "1", "--json");
        assertTrue(json.out().contains("\"decisions\"") && json.out().contains("\"next\""), json.out());
    }

    @Test
    void performanceIsATableOfKeptRateScoreAndLateness() throws IOException {
        String site = "CLP-" + TAG;
        Path file = csv("perf.csv", delivery("CLI-P1-" + TAG, -40, -33, -36).replace(",CLI-" + TAG + ",", "," + site + ","),
                delivery("CLI-P2-" + TAG, -40, -33, -30).replace(",CLI-" + TAG + ",", "," + site + ","));
        assertEquals(0, run("test-key-ops", "history", "import", file.toString()).exit());
        Run r = run("test-key-admin", "performance", "--by", "site");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().matches("(?s)by site, all dates\\nkey +n +kept rate +score +average lateness\\n.*"), r.out());
        String row = r.out().lines().filter(l -> l.startsWith(site + " ")).findFirst().orElseThrow(() -> new AssertionError(r.out()));
        assertTrue(row.matches(site + " +2\\* +50\\.0% +\\d+\\.\\d +3\\.0 days late"), "key, n (small sample), kept rate, score, lateness: " + row);
        assertTrue(r.out().contains("* fewer than 30 promises"), r.out());
    }

    @Test
    void rulesCheckPrintsAFailedScenarioAsRulesTestDoes() throws IOException {
        Path dir = failingCopy("check-failing");
        Run r = run("test-key-ops", "rules", "check", dir.toString());
        assertEquals(CliFailure.CHECK_FAILED, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("FAIL tests/") && r.out().contains("verdict: expected REJECTED, got "), r.out());
        assertTrue(!r.out().contains("{\"file\""), "no raw JSON: " + r.out());
    }

    @Test
    void aBadParameterIsLocatedWithoutAMissingColumn() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("badparam"));
        for (Path f : Files.list(Path.of("rules")).toList()) {
            if (Files.isRegularFile(f)) Files.copy(f, dir.resolve(f.getFileName()));
        }
        Files.writeString(dir.resolve("parameters.yaml"), Files.readString(dir.resolve("parameters.yaml")).replace("target-confidence: 0.90", "target-confidence: 7"));
        Run r = run("test-key-ops", "rules", "check", dir.toString());
        assertEquals(CliFailure.CHECK_FAILED, r.exit(), r.out() + r.err());
        // file:line:column, as a rule file's problem is located (the value 7 starts at column 20); never a '?' column
        assertTrue(r.out().matches("(?s)(.*\\n)?parameters\\.yaml:7:20: .*"), "file:line:column: " + r.out());
        assertTrue(!r.out().contains(":?"), r.out());
    }

    @Test
    void rulesShadowStartShowStop() throws IOException {
        Path params = tmp.resolve("parameters.yaml");
        Files.writeString(params, "target-confidence: 0.8\n");
        // the shipped directory as it is (its tests/ scenarios included) with other parameters
        Run start = run("test-key-ops", "rules", "shadow", "start", "rules", "--parameters", params.toString());
        assertEquals(0, start.exit(), start.out() + start.err());
        assertTrue(start.out().startsWith("shadow: candidate ") && start.out().contains(", running since "), start.out());
        assertTrue(start.out().contains("quotes: 0 seen, 0 compared, 0 dropped") && start.out().contains("verdicts changed: 0"), start.out());
        Run show = run("test-key-ops", "rules", "shadow", "show");
        assertEquals(0, show.exit(), show.err());
        assertTrue(show.out().contains("quotes: ") && show.out().contains("recommended moved: ") && !show.out().contains("{"), show.out());
        Run showJson = run("test-key-ops", "rules", "shadow", "show", "--json");
        assertTrue(showJson.out().contains("\"seen\"") && showJson.out().contains("\"compared\""), showJson.out());
        Run stop = run("test-key-ops", "rules", "shadow", "stop");
        assertEquals(0, stop.exit(), stop.err());
        assertTrue(stop.out().contains(", stopped at "), stop.out());
        Run gone = run("test-key-ops", "rules", "shadow", "show");
        assertEquals(CliFailure.REFUSED, gone.exit());
        assertTrue(gone.err().contains("404") && gone.err().contains("start one with: promise rules shadow start DIR"), gone.err());
        assertTrue(!gone.err().contains("PUT"), "a CLI user is told the command, not the HTTP call: " + gone.err());
        Run nothing = run("test-key-ops", "rules", "shadow", "start");
        assertEquals(CliFailure.BAD_USAGE, nothing.exit(), "no candidate given");
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

    /** The shipped rules with every expected verdict of their scenarios turned into a wrong one. */
    private Path failingCopy(String name) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve(name));
        for (Path f : Files.list(Path.of("rules")).toList()) {
            if (Files.isRegularFile(f)) Files.copy(f, dir.resolve(f.getFileName()));
        }
        Path tests = Files.createDirectory(dir.resolve("tests"));
        for (Path f : Files.list(Path.of("rules/tests")).toList()) {
            Files.writeString(tests.resolve(f.getFileName()), Files.readString(f).replace("verdict: APPROVED", "verdict: REJECTED")
                    .replace("verdict: ALTERNATIVE", "verdict: REJECTED"));
        }
        return dir;
    }

    @Test
    void aFailingScenarioExits4() throws IOException {
        Path dir = failingCopy("failing");
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
        Run perf = run("test-key-admin", "performance", "--by", "site", "--json");
        assertEquals(0, perf.exit(), perf.err());
        assertTrue(perf.out().contains("\"groups\""), perf.out());
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
