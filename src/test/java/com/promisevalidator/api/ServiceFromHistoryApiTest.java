package com.promisevalidator.api;

import static com.promisevalidator.TestDates.at;
import static com.promisevalidator.api.ApiTestSupport.CSV_HEADER;
import static com.promisevalidator.api.ApiTestSupport.assertFieldProblem;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.postCsv;
import static com.promisevalidator.api.ApiTestSupport.postJson;
import static com.promisevalidator.api.CommitTestSupport.committed;
import static com.promisevalidator.api.CommitTestSupport.serviceCommit;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A service export imported for a garage nobody set up: its service types are known from their history, so a quote
 * for them is answered (minutes from the jobs, capacity unchecked and said so) instead of a 422 "unknown service type".
 */
@QuarkusTest
class ServiceFromHistoryApiTest {

    /** Forty jobs of 30 to 44.5 minutes over the last weeks, started at 09:00-13:00. */
    private static void importJobs(String site, String type) {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (int i = 0; i < 40; i++) {
            csv.append(String.join(",", "SERVICE", id("SH-" + site + "-" + i), site, "", type, "bob", at(-(i % 25) - 2, "%02d:00".formatted(9 + i % 5)),
                    "", "", "30", (30 + i % 15) + ".5", "")).append('\n');
        }
        postCsv(csv.toString()).statusCode(200).body("imported", equalTo(40)).body("sitesCreated", hasItem(site));
    }

    private static String quote(String site, String type, int minutes) {
        return """
                {"type":"SERVICE","rep":"bob","site":%s,"serviceType":"%s","startAt":"%s","promisedMinutes":%d}"""
                .formatted(site == null ? "null" : "\"" + site + "\"", type, at(2, "10:00"), minutes);
    }

    @Test
    void aServiceTypeKnownOnlyFromImportedHistoryIsAnsweredFromThatHistory() {
        String site = id("SH-G"), type = id("SH-TIRES");
        importJobs(site, type);
        JsonPath a = postJson("/api/v1/promises/validate", quote(site, type, 20)).statusCode(200)
                .body("verdict", equalTo("ALTERNATIVE")).extract().jsonPath();
        int recommended = a.getInt("recommended.promisedMinutes");
        assertTrue(recommended >= 38 && recommended <= 50, "the jobs took 30.5-44.5 minutes; recommended " + recommended);
        List<String> codes = a.getList("reasons.code");
        assertTrue(codes.contains("SERVICE_DURATION") && codes.contains("BAYS_NOT_SET") && !codes.contains("BAY_FREE"), codes.toString());
        assertNotNull(a.getString("reasons.find { it.code == 'BAYS_NOT_SET' }.message"));

        // without a site, the garage that has done it serves it
        postJson("/api/v1/promises/validate", quote(null, type, 60)).statusCode(200)
                .body("verdict", equalTo("APPROVED")).body("recommended.site", equalTo(site));
        // and it can be committed (the bay is booked, though nothing limits it)
        String promiseId = committed(id("SH-K"), serviceCommit(id("SH-Q"), site, type, at(2, "10:00"), 60));
        assertNotNull(promiseId);
    }

    @Test
    void aServiceTypeTheSiteNeverDidIsStillUnknown() {
        String site = id("SH-G2"), type = id("SH-OIL");
        importJobs(site, type);
        assertFieldProblem(postJson("/api/v1/promises/validate", quote(site, id("SH-NEVER"), 20)), 422, "serviceType");
        postJson("/api/v1/promises/validate", quote(site, type, 20)).statusCode(200).body("reasons.code", not(hasItem("NO_FREE_BAY")));
    }
}
