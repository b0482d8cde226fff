package com.promisevalidator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The summaries on answers a test service rarely gives: a failed reload, run-time failures, outcomes known, service promises. */
class SummariesTest {

    private static String print(String json, BiConsumer<JsonNode, PrintWriter> summary) throws Exception {
        StringWriter out = new StringWriter();
        PrintWriter w = new PrintWriter(out);
        summary.accept(Api.JSON.readTree(json.replace('\'', '"')), w);
        w.flush();
        return out.toString();
    }

    @Test
    void rulesStatusNamesTheFailedReloadTheRuntimeFailuresAndEachFailedScenario() throws Exception {
        String out = print("""
                {'version':'abc123','files':['stock.drl','parameters.yaml'],'loadedAt':'2026-12-06T15:24:01Z',
                 'parameters':{'target-confidence':0.9},
                 'scenarios':{'run':31,'failed':1,'failures':[{'file':'tests/stock.yaml','scenario':'Short line','covers':[],'passed':false,
                   'mismatches':[{'field':'verdict','expected':'REJECTED','actual':'APPROVED'}],'error':null}]},
                 'warnings':[{'file':'stock.drl','line':12,'column':null,'message':'no scenario covers rule x'}],
                 'lastError':{'file':'parameters.yaml','line':7,'column':null,'message':'target-confidence: must be a chance','key':'target-confidence','at':'2026-12-06T15:30:00Z'},
                 'runtimeFailures':{'count':2,'last':{'version':'abc123','rule':'Stock','message':'NullPointerException','at':'2026-12-06T15:31:00Z'}}}""",
                Summaries::rulesStatus);
        assertTrue(out.startsWith("version abc123, loaded at 2026-12-06T15:24:01Z\nfiles: stock.drl, parameters.yaml\n"), out);
        assertTrue(out.contains("scenarios: 31 run, 1 failed\n  FAIL tests/stock.yaml: Short line; verdict: expected REJECTED, got APPROVED\n"), out);
        assertTrue(out.contains("last failed reload, at 2026-12-06T15:30:00Z: parameters.yaml:7: target-confidence: must be a chance"), out);
        assertTrue(out.contains("runtime failures: 2; last at 2026-12-06T15:31:00Z: rule \"Stock\" of version abc123: NullPointerException"), out);
        assertTrue(out.contains("warnings: 1\n  stock.drl:12: no scenario covers rule x"), out);
    }

    @Test
    void backtestCountsMovesOutcomesAndReasonCodesPerVersion() throws Exception {
        String side = "{'version':'%s','verdicts':{'APPROVED':%d,'ALTERNATIVE':%d},'reasonCodes':{'LEAD_TIME':10,'DAY_FULL':%d},'failed':0,"
                + "'outcomes':{'known':8,'kept':%d,'keptRate':%s,'meanPromisedDays':%s,'meanPromisedMinutes':null}}";
        String out = print("{'from':'2026-12-01T00:00:00Z','to':'2026-12-08T00:00:00Z','compared':10,"
                + "'verdictsChanged':{'total':2,'byChange':{'APPROVED->ALTERNATIVE':2}},"
                + "'recommendedMoved':{'earlier':1,'later':3,'unmoved':6,'siteChanged':0,'appeared':0,'disappeared':0,'byDays':{'-1':1,'+1':2,'+2':1},'byMinutes':{}},"
                + "'active':" + side.formatted("A1", 9, 1, 0, 6, "0.75", "5.25") + ",'candidate':" + side.formatted("C2", 7, 3, 2, 8, "1.0", "6.5") + ","
                + "'examples':[{'decisionId':'d-1','quoteId':null,'type':'SERVICE','site':'G1','region':null,'serviceType':'OIL','evaluatedAt':'2026-12-02T10:00:00Z',"
                + "'active':{'verdict':'APPROVED','recommended':{'startAt':'2026-12-03T11:00:00-03:00','promisedMinutes':48,'site':'G1','confidence':0.9},'codes':['SERVICE_DURATION']},"
                + "'candidate':{'verdict':'ALTERNATIVE','recommended':{'startAt':'2026-12-03T11:00:00-03:00','promisedMinutes':63,'site':'G1','confidence':0.9},'codes':['SERVICE_DURATION','BAY_BUSY']}}],"
                + "'skipped':{'withoutFacts':3,'unreadable':0},'fidelity':{'recordedUnderActiveVersion':10,'sameAnswerAsRecorded':10},'elapsedMs':1234}",
                (r, w) -> Summaries.backtest(r, 5, w));
        assertTrue(out.startsWith("backtest 2026-12-01T00:00:00Z to 2026-12-08T00:00:00Z: 10 decisions compared in 1.2 s (candidate C2 against active A1)\n"), out);
        assertTrue(out.contains("skipped: 3 without recorded facts, 0 unreadable"), out);
        assertTrue(out.contains("verdicts changed: 2 (APPROVED->ALTERNATIVE 2)"), out);
        assertTrue(out.contains("recommended moved: 3 later, 1 earlier, 6 unmoved;") && out.contains("  by days: -1 1, +1 2, +2 1\n"), out);
        assertTrue(out.matches("(?s).*\\nkept rate +75\\.0% of 8 +100\\.0% of 8\\n.*"), out);
        assertTrue(out.matches("(?s).*\\nmean promised +5\\.3 days +6\\.5 days\\n.*"), out);
        assertTrue(out.matches("(?s).*\\n  DAY_FULL +0 +2\\n.*"), out);
        assertTrue(out.contains("  2026-12-02T10:00:00Z d-1 G1 OIL: APPROVED 2026-12-03T11:00:00-03:00, 48 min at G1 -> "
                + "ALTERNATIVE 2026-12-03T11:00:00-03:00, 63 min at G1; +BAY_BUSY\n"), out);
    }

    @Test
    void shadowShowsFailuresByRuleAndAtMostAFewExamples() throws Exception {
        StringBuilder examples = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            examples.append(i == 0 ? "" : ",").append("{'decisionId':'d-").append(i).append("','type':'DELIVERY','site':'SP','region':'RJ',"
                    + "'evaluatedAt':'2026-12-02T10:00:00Z','active':{'verdict':'APPROVED','recommended':{'promisedBy':'2026-12-10','site':'SP'},'codes':[]},"
                    + "'candidate':{'verdict':'APPROVED','recommended':{'promisedBy':'2026-12-11','site':'SP'},'codes':[]}}");
        }
        String out = print("{'version':'C2','activeVersion':'A1','started':'2026-12-06T15:00:00Z','running':true,'seen':12,'compared':10,'dropped':0,"
                + "'failed':2,'pending':0,'failedByRule':{'Stock':2},'liveVersions':{'A1':12},'verdictsChanged':{'total':0,'byChange':{}},"
                + "'recommendedMoved':{'later':7,'earlier':0,'unmoved':3,'byDays':{'+1':7},'byMinutes':{}},"
                + "'active':{'version':'A1','verdicts':{'APPROVED':10},'reasonCodes':{}},'candidate':{'version':'C2','verdicts':{'APPROVED':10},'reasonCodes':{}},"
                + "'examples':[" + examples + "],'sampled':[]}", Summaries::shadow);
        assertTrue(out.startsWith("shadow: candidate C2 beside active A1, running since 2026-12-06T15:00:00Z\n"
                + "quotes: 12 seen, 10 compared, 0 dropped (queue full), 2 failed, 0 pending\ncandidate failed at: Stock 2\n"), out);
        assertTrue(out.contains("changed, for example (5 of 7; all with --json):\n"), out);
        assertEquals(5, out.lines().filter(l -> l.contains(" SP→RJ: APPROVED by 2026-12-10 at SP -> APPROVED by 2026-12-11 at SP")).count(), out);
        assertTrue(!out.contains("kept rate"), "a shadow run knows no outcomes: " + out);
    }

    @Test
    void aServiceDecisionAndARecheckReadOnOneLineEach() throws Exception {
        String out = print("{'decisions':[{'decisionId':'d-9','kind':'COMMIT_RECHECK','evaluatedAt':'2026-12-06T15:00:00Z','rep':'bob','verdict':'ALTERNATIVE',"
                + "'request':{'type':'SERVICE','site':'G1','serviceType':'OIL'},'answer':{'recommended':{'startAt':'2026-12-08T11:00:00-03:00','promisedMinutes':48,'site':'G1'}}},"
                + "{'decisionId':'d-8','kind':'VALIDATE','evaluatedAt':'2026-12-06T14:00:00Z','rep':'alice','verdict':'REJECTED',"
                + "'request':{'type':'DELIVERY','region':'RJ'},'answer':{}}],'limit':2,'offset':0,"
                + "'next':'/api/v1/decisions?code=DAY_FULL&offset=2&limit=2&to=2026-12-06T15%3A00%3A00.000001Z'}", Summaries::decisions);
        String[] lines = out.split("\n");
        assertEquals(3, lines.length, out);
        assertTrue(lines[0].matches("2026-12-06T15:00:00Z  d-9  ALTERNATIVE bob +G1 OIL +2026-12-08T11:00:00-03:00, 48 min at G1  \\(COMMIT_RECHECK\\)"), lines[0]);
        assertTrue(lines[1].matches("2026-12-06T14:00:00Z  d-8  REJECTED +alice +any→RJ +-"), lines[1]);
        assertEquals("next page: promise decisions list --code DAY_FULL --offset 2 --limit 2 --to 2026-12-06T15:00:00.000001Z", lines[2]);
    }

    @Test
    void performanceShowsMinutesOverForServices() throws Exception {
        String out = print("{'by':'serviceType','from':'2026-11-01','to':null,'groups':[{'key':'G1→OIL','mastery':{'n':720,'kept':0,'keptRate':0.0,'score':1.0},"
                + "'averageDaysLate':null,'averageMinutesOver':26.94}]}", Summaries::performance);
        assertTrue(out.startsWith("by serviceType, ordered from 2026-11-01 to now\n"), out);
        assertTrue(out.matches("(?s).*\nG1→OIL +720 +0\\.0% +1\\.0  26\\.9 min over\n.*"), out);
        assertTrue(!out.contains("fewer than"), out);
    }
}
