package com.promisevalidator.api;

import static com.promisevalidator.TestDates.day;
import static com.promisevalidator.api.ApiTestSupport.CSV_HEADER;
import static com.promisevalidator.api.ApiTestSupport.createSite;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.postCsv;
import static com.promisevalidator.api.ApiTestSupport.putJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.promisevalidator.performance.service.PerformanceStats;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Imported services are judged against the estimate in force (for the recalibration) from the start, with the rules in
 * force and the services offered: not only once a quote has been answered (after a restart, imports came first).
 */
@QuarkusTest
class ServiceJudgingApiTest {

    @Inject
    PerformanceStats stats;

    @Test
    void jobsImportedBeforeAnyQuoteAreJudged() {
        String garage = id("SJ-G"), type = id("SJ-T");
        createSite(garage, """
                {"name":"Judged garage","timeZone":"America/Sao_Paulo","workingDays":["MON","TUE","WED","THU","FRI","SAT","SUN"]}""");
        putJson("/api/v1/sites/" + garage + "/services/" + type, """
                {"bays":2,"openingHours":"00:00-24:00","standardMinutes":25}""").statusCode(200);
        postCsv(CSV_HEADER + "\n" + jobs(garage, type, 0, 60, -12)).statusCode(200);
        assertEquals(0, stats.histogram(PerformanceStats.SERVICE_PIT, garage).n(), "nothing to judge the first jobs by");
        postCsv(CSV_HEADER + "\n" + jobs(garage, type, 60, 3, -6)).statusCode(200);
        assertEquals(3, stats.histogram(PerformanceStats.SERVICE_PIT, garage).n(), "the lane's 60 jobs judge the next three, no quote asked");
    }

    private static String jobs(String garage, String type, int from, int count, int day) {
        List<String> rows = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            String start = day(day + i % 5) + "T10:00:00-03:00";
            rows.add(String.join(",", "SERVICE", id("SJ-" + i), garage, "", type, "bob", start, "", "", "25", String.valueOf(24 + i % 6), ""));
        }
        return String.join("\n", rows) + "\n";
    }
}
