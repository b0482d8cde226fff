package com.promisevalidator.api;

import static com.promisevalidator.TestDates.at;
import static com.promisevalidator.api.ApiTestSupport.CSV_HEADER;
import static com.promisevalidator.api.ApiTestSupport.assertFieldProblem;
import static com.promisevalidator.api.ApiTestSupport.assertProblem;
import static com.promisevalidator.api.ApiTestSupport.createSite;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.postCsv;
import static com.promisevalidator.api.ApiTestSupport.postJson;
import static com.promisevalidator.api.ApiTestSupport.putJson;
import static com.promisevalidator.api.CommitTestSupport.PROMISES;
import static com.promisevalidator.api.CommitTestSupport.committed;
import static com.promisevalidator.api.CommitTestSupport.promise;
import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.promisevalidator.TestClock;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * Service minutes with decimals (a real food-delivery export has 41.9) in import, validate and
 * outcome, and the CSV dialects real exports come in: a BOM, ';' with decimal commas, CRLF, blanks.
 */
@QuarkusTest
class DecimalMinutesApiTest {

    @AfterEach
    void backToTheAnchor() {
        TestClock.reset();
    }

    /** A garage open every day 08:00-18:00 with a standard of 10 minutes (a planning value kept 90 % of the time). */
    private static void garage(String site, String type) {
        createSite(site, """
                {"name":"Decimal garage","timeZone":"America/Sao_Paulo","workingDays":["MON","TUE","WED","THU","FRI","SAT","SUN"]}""");
        putJson("/api/v1/sites/" + site + "/services/" + type, """
                {"bays":4,"openingHours":"08:00-18:00","standardMinutes":10}""").statusCode(200);
    }

    private static ValidatableResponse importCsv(byte[] body, String sep) {
        var spec = given().contentType("text/csv").body(body);
        if (sep != null) spec = spec.queryParam("sep", sep);
        return spec.when().post("/api/v1/history/import").then();
    }

    private static double confidenceOf(String site, String type, String minutes) {
        return postJson("/api/v1/promises/validate", """
                {"type":"SERVICE","rep":"bob","site":"%s","serviceType":"%s","startAt":"%s","promisedMinutes":%s}"""
                .formatted(site, type, at(1, "10:00"), minutes)).statusCode(200).extract().jsonPath().getDouble("confidence");
    }

    @Test
    void semicolonExportWithBomDecimalCommasAndCrlfIsAcceptedAndJudgedInDecimals() {
        String site = id("DM-G"), type = id("DM-T");
        garage(site, type);
        // ten jobs of 11 minutes, ten of 12.5 and one of 41.9: a 12.5-minute promise covers twenty, 12.4 only ten
        List<String> lines = new ArrayList<>();
        lines.add(CSV_HEADER.replace(',', ';'));
        for (int i = 0; i < 20; i++) {
            String actual = i % 2 == 0 ? "11" : "12,5"; // alternating: recency weighs both alike
            // the 20 weekdays day(-36) (a Monday) to day(-11), at 09:00 like the quotes' band: no time-of-week effect moves the steps
            lines.add(" SERVICE ; " + id("DM-R" + i) + " ;" + site + ";;" + type + ";bob;" + at(-36 + 7 * (i / 5) + i % 5, "09:00") + ";;;15; " + actual + " ;");
        }
        String slow = id("DM-SLOW");
        lines.add("SERVICE;" + slow + ";" + site + ";;" + type + ";bob;" + at(-5, "09:00") + ";;;20,5;41,9;");
        String body = "\uFEFF" + String.join("\r\n", lines) + "\r\n;;;;;;;;;;;\r\n\r\n";

        importCsv(body.getBytes(StandardCharsets.UTF_8), null).statusCode(200).body("imported", equalTo(21));

        JsonPath row = get("/api/v1/history/" + slow).then().statusCode(200).extract().jsonPath();
        assertEquals(41.9, row.getDouble("actualMinutes"), 1e-9);
        assertEquals(20.5, row.getDouble("promisedMinutes"), 1e-9);
        // a whole number is still written as one (15, not 15.0)
        get("/api/v1/history/" + id("DM-R0")).then().statusCode(200).body("promisedMinutes", equalTo(15)).body("actualMinutes", equalTo(11));

        // 12.5 asked is judged as 12.5: it covers the 12.5-minute jobs, which 12.4 (or 12, were it truncated) does not
        double at12_5 = confidenceOf(site, type, "12.5");
        double at12_4 = confidenceOf(site, type, "12.4");
        double at11 = confidenceOf(site, type, "11");
        double at10_9 = confidenceOf(site, type, "10.9");
        assertTrue(at12_5 > at12_4 + 0.2, at12_5 + " vs " + at12_4);
        // no job between 11 and 12.4; other tests' services in the same database (the recalibration on everyone's recent
        // outcomes) may smear a few per cent in (0.63 against 0.67 with the test clock on 2028-02-29), never a step's 0.2
        assertEquals(at11, at12_4, 0.05);
        assertTrue(at11 > at10_9 + 0.2, at11 + " vs " + at10_9);
    }

    @Test
    void sepHintReadsASemicolonFileWhoseHeaderWouldNotTellAndABadHintIsRefused() {
        String site = id("DM-H"), type = id("DM-HT"), ref = id("DM-H1");
        // the hint names the separator outright (no sniffing)
        String body = CSV_HEADER.replace(',', ';') + "\n" + "SERVICE;" + ref + ";" + site + ";;" + type + ";bob;" + at(-3, "09:00") + ";;;10;9,75;\n";
        importCsv(body.getBytes(StandardCharsets.UTF_8), ";").statusCode(200).body("imported", equalTo(1));
        get("/api/v1/history/" + ref).then().statusCode(200).body("actualMinutes", equalTo(9.75f));

        assertFieldProblem(importCsv(body.getBytes(StandardCharsets.UTF_8), "x"), 400, "sep");
    }

    @Test
    void aDecimalOutlierIsReportedInMinutesNotInBins() {
        String site = id("DM-W"), type = id("DM-WT"), wild = id("DM-WILD");
        List<String> lines = new ArrayList<>();
        lines.add(CSV_HEADER);
        for (int i = 0; i < 40; i++) {
            lines.add("SERVICE," + id("DM-W" + i) + "," + site + ",," + type + ",bob," + at(-45 + i, "09:00") + ",,,30," + (20 + i % 5) + ".5,");
        }
        lines.add("SERVICE," + wild + "," + site + ",," + type + ",bob," + at(-2, "09:00") + ",,,30,400.25,");
        postCsv(String.join("\n", lines) + "\n").statusCode(200)
                .body("imported", equalTo(41))
                .body("outliers.reference", hasItem(wild))
                .body("outliers.find { it.reference == '" + wild + "' }.value", equalTo(400.3f)) // counted in the tenth it reaches
                .body("outliers.find { it.reference == '" + wild + "' }.unit", equalTo("minutes"))
                .body("outliers.find { it.reference == '" + wild + "' }.why", containsString("400.3 minutes"));
        get("/api/v1/history/" + wild).then().statusCode(200).body("actualMinutes", equalTo(400.25f)).body("counted", equalTo(false));
    }

    /**
     * Probe svc M8: in a ";" file whose decimals are commas, "1.234" was read as 1.234 minutes, not 1,234 with a thousands dot:
     * refused with its line as ambiguous. A ";" file written with decimal points throughout keeps "12.345" as it is.
     */
    @Test
    void aThousandsDotInAFileOfDecimalCommasIsRefusedAsAmbiguous() {
        String site = id("DM-T"), type = id("DM-TT"), dotted = id("DM-T2");
        String header = CSV_HEADER.replace(',', ';');
        String commas = String.join("\n", header,
                "SERVICE;" + id("DM-T1") + ";" + site + ";;" + type + ";bob;" + at(-3, "09:00") + ";;;480;355,5;",
                "SERVICE;" + dotted + ";" + site + ";;" + type + ";bob;" + at(-3, "10:00") + ";;;480;1.234;") + "\n";
        assertProblem(postCsv(commas), 400)
                .body("errors.field", hasItems("line 3"))
                .body("errors.find { it.field == 'line 3' }.message", containsString("actualMinutes '1.234' is ambiguous"))
                .body("errors.find { it.field == 'line 3' }.message", containsString("write 1234 for that many minutes, or 1,234 for a decimal"));
        get("/api/v1/history/" + dotted).then().statusCode(404);
        String points = String.join("\n", header,
                "SERVICE;" + id("DM-T3") + ";" + site + ";;" + type + ";bob;" + at(-3, "11:00") + ";;;30;12.345;") + "\n";
        postCsv(points).statusCode(200).body("imported", equalTo(1));
        get("/api/v1/history/" + id("DM-T3")).then().statusCode(200).body("actualMinutes", equalTo(12.35f));
    }

    @Test
    void badMinutesAreRefusedWithLineAndReasonAndNothingIsImported() {
        String site = id("DM-B"), type = id("DM-BT"), good = id("DM-BGOOD");
        String body = String.join("\n",
                CSV_HEADER,
                "SERVICE," + good + "," + site + ",," + type + ",bob," + at(-3, "09:00") + ",,,10,9.5,",
                "SERVICE," + id("DM-B1") + "," + site + ",," + type + ",bob," + at(-3, "10:00") + ",,,10,4x.9,",
                "SERVICE," + id("DM-B2") + "," + site + ",," + type + ",bob," + at(-3, "11:00") + ",,,10,NaN,",
                "SERVICE," + id("DM-B3") + "," + site + ",," + type + ",bob," + at(-3, "12:00") + ",,,10,-3,",
                "SERVICE," + id("DM-B4") + "," + site + ",," + type + ",bob," + at(-3, "13:00") + ",,,10,1e400,",
                "SERVICE," + id("DM-B5") + "," + site + ",," + type + ",bob," + at(-3, "14:00") + ",,,0,5,",
                "SERVICE," + id("DM-B6") + "," + site + ",," + type + ",bob," + at(-3, "15:00") + ",,,10,41,9,") + "\n";
        assertProblem(postCsv(body), 400)
                .body("detail", containsString("6 bad row(s)"))
                .body("errors.field", hasItems("line 3", "line 4", "line 5", "line 6", "line 7", "line 8"))
                .body("errors.find { it.field == 'line 3' }.message", containsString("'4x.9' is not a number of minutes"))
                .body("errors.find { it.field == 'line 4' }.message", containsString("'NaN' is not a number of minutes"))
                .body("errors.find { it.field == 'line 5' }.message", containsString("'-3' must not be negative"))
                .body("errors.find { it.field == 'line 6' }.message", containsString("'1e400' is not a number of minutes"))
                .body("errors.find { it.field == 'line 7' }.message", containsString("promisedMinutes must be more than 0"))
                .body("errors.find { it.field == 'line 8' }.message", containsString("?sep=;"));
        get("/api/v1/history/" + good).then().statusCode(404);
    }

    @Test
    void outcomeInDecimalsIsKeptOrBrokenExactlyAtTheBoundary() {
        String site = id("DM-O"), type = id("DM-OT");
        garage(site, type);
        String whole = committed(id("DM-OK1"), commit(id("DM-OQ1"), site, type, at(1, "10:00"), "30"));
        String whole2 = committed(id("DM-OK2"), commit(id("DM-OQ2"), site, type, at(1, "11:00"), "30"));
        String half = committed(id("DM-OK3"), commit(id("DM-OQ3"), site, type, at(1, "12:00"), "12.5"));
        String half2 = committed(id("DM-OK4"), commit(id("DM-OQ4"), site, type, at(1, "13:00"), "12.5"));
        assertEquals(12.5, promise(half).getDouble("promisedMinutes"), 1e-9);
        // a 12.5-minute job holds its bay for 13 whole minutes
        assertEquals(Duration.ofMinutes(13), Duration.between(java.time.OffsetDateTime.parse(promise(half).getString("holds.bayFrom")),
                java.time.OffsetDateTime.parse(promise(half).getString("holds.bayUntil"))));
        TestClock.advance(Duration.ofDays(2)); // the jobs are over

        postJson(outcome(whole), "{\"actualMinutes\":30.0}").statusCode(200).body("status", equalTo("KEPT")).body("actualMinutes", equalTo(30));
        postJson(outcome(whole2), "{\"actualMinutes\":34.5}").statusCode(200).body("status", equalTo("BROKEN"))
                .body("actualMinutes", equalTo(34.5f));
        postJson(outcome(half), "{\"actualMinutes\":12.5}").statusCode(200).body("status", equalTo("KEPT"));
        postJson(outcome(half2), "{\"actualMinutes\":12.51}").statusCode(200).body("status", equalTo("BROKEN"));
        assertEquals(34.5, promise(whole2).getDouble("actualMinutes"), 1e-9);
    }

    @Test
    void badOutcomeAndPromisedMinutesAreRefused() {
        String site = id("DM-X"), type = id("DM-XT");
        garage(site, type);
        String p = committed(id("DM-XK1"), commit(id("DM-XQ1"), site, type, at(1, "10:00"), "20"));
        TestClock.advance(Duration.ofDays(2));
        assertFieldProblem(postJson(outcome(p), "{\"actualMinutes\":-3}"), 400, "actualMinutes");
        assertFieldProblem(postJson(outcome(p), "{\"actualMinutes\":1e400}"), 400, "actualMinutes");
        postJson("/api/v1/promises/validate", """
                {"type":"SERVICE","rep":"bob","site":"%s","serviceType":"%s","startAt":"%s","promisedMinutes":-0.5}"""
                .formatted(site, type, at(3, "10:00"))).statusCode(400).body("errors.field", hasItem("promisedMinutes"));
        // minutes are kept to the hundredth: 0.004 would become a promise of 0 minutes; the message says the rule applied
        postJson("/api/v1/promises/validate", """
                {"type":"SERVICE","rep":"bob","site":"%s","serviceType":"%s","startAt":"%s","promisedMinutes":0.004}"""
                .formatted(site, type, at(3, "10:00"))).statusCode(400).body("errors.field", hasItem("promisedMinutes"))
                .body("errors.message", hasItem("must be more than 0 (kept to 0.01, so 0.005 or more) and at most 527040"));
        // 0.005 is kept as 0.01: more than 0, so it is a promise, as the message says
        postJson("/api/v1/promises/validate", """
                {"type":"SERVICE","rep":"bob","site":"%s","serviceType":"%s","startAt":"%s","promisedMinutes":0.005}"""
                .formatted(site, type, at(3, "10:00"))).statusCode(200);
        assertFieldProblem(CommitTestSupport.commit(id("DM-XK2"), commit(id("DM-XQ2"), site, type, at(3, "10:00"), "0.004")), 400, "promisedMinutes");
        assertEquals("OPEN", promise(p).getString("status"));
    }

    private static String commit(String quoteId, String site, String type, String startAt, String minutes) {
        return """
                {"quote":{"type":"SERVICE","quoteId":"%s","rep":"bob","customer":"ACME","site":"%s","serviceType":"%s"},\
                "startAt":"%s","promisedMinutes":%s}""".formatted(quoteId, site, type, startAt, minutes);
    }

    @Test
    void aStandardWithDecimalsIsKeptAndPlannedInDecimals() {
        String site = id("DM-S"), type = id("DM-T");
        createSite(site, """
                {"name":"Decimal standard","timeZone":"America/Sao_Paulo","workingDays":["MON","TUE","WED","THU","FRI","SAT","SUN"]}""");
        putJson("/api/v1/sites/" + site + "/services/" + type, """
                {"bays":2,"openingHours":"08:00-18:00","standardMinutes":12.5}""").statusCode(200).body("standardMinutes", equalTo(12.5f));
        get("/api/v1/sites/" + site).then().statusCode(200).body("services[0].standardMinutes", equalTo(12.5f));
        // no history: the plan is the standard itself, said and quoted with its decimals (never 12, which undercuts it)
        JsonPath answer = postJson("/api/v1/promises/validate", """
                {"type":"SERVICE","rep":"bob","site":"%s","serviceType":"%s","startAt":"%s"}"""
                .formatted(site, type, at(1, "10:00"))).statusCode(200).extract().jsonPath();
        assertEquals(12.5, answer.getDouble("recommended.promisedMinutes"), 1e-9);
        assertEquals(12.5, answer.getDouble("reasons.find { it.code == 'SERVICE_DURATION' }.evidence.standardMinutes"), 1e-9);
        assertTrue(answer.getString("reasons.find { it.code == 'SERVICE_DURATION' }.message").contains("the plan is 12.5 minutes"),
                answer.getString("reasons.find { it.code == 'SERVICE_DURATION' }.message"));
        // a whole standard still reads as a JSON integer; finer than the hundredth is rounded; below 0.1 or above a week refused
        putJson("/api/v1/sites/" + site + "/services/" + type, """
                {"bays":2,"openingHours":"08:00-18:00","standardMinutes":20}""").statusCode(200).body("standardMinutes", equalTo(20));
        putJson("/api/v1/sites/" + site + "/services/" + type, """
                {"bays":2,"openingHours":"08:00-18:00","standardMinutes":7.255}""").statusCode(200).body("standardMinutes", equalTo(7.26f));
        for (String bad : List.of("0.05", "0", "10080.5", "\"twelve\"")) {
            assertFieldProblem(putJson("/api/v1/sites/" + site + "/services/" + type,
                    "{\"bays\":2,\"openingHours\":\"08:00-18:00\",\"standardMinutes\":" + bad + "}"), 400, "standardMinutes");
        }
        get("/api/v1/sites/" + site).then().statusCode(200).body("services[0].standardMinutes", equalTo(7.26f));
    }

    private static String outcome(String promiseId) {
        return PROMISES + "/" + promiseId + "/outcome";
    }
}
