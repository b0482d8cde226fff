package com.promisevalidator.api;

import static com.promisevalidator.TestDates.day;
import static com.promisevalidator.api.ApiTestSupport.CSV_HEADER;
import static com.promisevalidator.api.ApiTestSupport.createSite;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.postCsv;
import static com.promisevalidator.api.ApiTestSupport.putJson;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.promisevalidator.performance.model.Histogram;
import com.promisevalidator.performance.service.PerformanceStats;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The recalibration's outcomes (the chance the estimate in force gave each imported service) follow the history: a
 * deleted or corrected row takes its chance back, and a rebuild of the statistics counts the chances the rows were
 * judged at instead of starting empty (probe P5, H3: after a rebuild five slow jobs made up the whole recalibration and
 * lengthened every site's promises by up to 1.5 hours; deleting them did not undo it, only another rebuild did).
 */
@QuarkusTest
class ServiceRecalibrationUndoApiTest {

    @Inject
    PerformanceStats stats;

    @Test
    void deletingOrCorrectingRowsGivesWhatARebuildOfTheSameRowsGives() {
        String garage = id("RU-G"), type = id("RU-T");
        createSite(garage, """
                {"name":"Undo garage","timeZone":"America/Sao_Paulo","workingDays":["MON","TUE","WED","THU","FRI","SAT","SUN"]}""");
        putJson("/api/v1/sites/" + garage + "/services/" + type, """
                {"bays":2,"openingHours":"00:00-24:00","standardMinutes":25}""").statusCode(200);
        postCsv(CSV_HEADER + "\n" + jobs(garage, type, "RU-A", 60, -12, 24)).statusCode(200);
        postCsv(CSV_HEADER + "\n" + jobs(garage, type, "RU-B", 20, -6, 24)).statusCode(200);
        Map<Integer, Long> ordinary = bins(garage);
        assertEquals(20, total(ordinary), "the lane's 60 jobs judged the next 20");

        // five slow jobs (70 minutes: long, not flagged) are judged and counted, then deleted: their chances leave too
        String slow = jobs(garage, type, "RU-S", 5, -5, 70);
        postCsv(CSV_HEADER + "\n" + slow).statusCode(200).body("outliers.size()", org.hamcrest.Matchers.equalTo(0));
        assertEquals(25, total(bins(garage)));
        for (int i = 0; i < 5; i++) given().when().delete("/api/v1/history/" + id("RU-S" + i)).then().statusCode(204);
        assertEquals(ordinary, bins(garage), "deleted rows leave the recalibration as they came");

        // a rebuild counts the same chances: it neither empties the recalibration nor brings deleted rows back
        given().when().post("/api/v1/history/rebuild-statistics").then().statusCode(200);
        assertEquals(ordinary, bins(garage), "a rebuild keeps the chances the rows were judged at");

        // imported again after the rebuild, then corrected to ordinary minutes: the slow chances go, the corrected ones count
        postCsv(CSV_HEADER + "\n" + slow).statusCode(200);
        given().contentType("text/csv").body(CSV_HEADER + "\n" + jobs(garage, type, "RU-S", 5, -5, 25))
                .when().post("/api/v1/history/import?replace=true").then().statusCode(200);
        Map<Integer, Long> corrected = bins(garage);
        assertEquals(25, total(corrected));
        assertEquals(0, corrected.keySet().stream().filter(u -> u >= 990).count(), "no chance of the slow jobs is left: " + corrected);
        given().when().post("/api/v1/history/rebuild-statistics").then().statusCode(200);
        assertEquals(corrected, bins(garage), "a rebuild of the corrected rows gives the same recalibration");
    }

    /** The site's judged chances: thousandths -> how many outcomes. */
    private Map<Integer, Long> bins(String garage) {
        Histogram h = stats.histogram(PerformanceStats.SERVICE_PIT, garage);
        Map<Integer, Long> out = new TreeMap<>();
        h.bins().forEach((u, b) -> out.put(u, (long) b[0]));
        return out;
    }

    private static long total(Map<Integer, Long> bins) {
        return bins.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String jobs(String garage, String type, String prefix, int count, int day, int minutes) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String start = day(day + i % 5) + "T" + (10 + i % 8) + ":00:00-03:00";
            String took = minutes == 24 ? String.valueOf(24 + i % 6) : String.valueOf(minutes);
            rows.add(String.join(",", "SERVICE", id(prefix + i), garage, "", type, "bob", start, "", "", "25", took, ""));
        }
        return String.join("\n", rows) + "\n";
    }
}
