package com.promisevalidator.api;

import static com.promisevalidator.TestDates.at;
import static com.promisevalidator.api.ApiTestSupport.CSV_HEADER;
import static com.promisevalidator.api.ApiTestSupport.assertFieldProblem;
import static com.promisevalidator.api.ApiTestSupport.assertProblem;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.postCsv;
import static com.promisevalidator.api.ApiTestSupport.postJson;
import static com.promisevalidator.api.ApiTestSupport.putJson;
import static io.restassured.RestAssured.delete;
import static io.restassured.RestAssured.get;
import static com.promisevalidator.api.CommitTestSupport.committed;
import static com.promisevalidator.api.CommitTestSupport.serviceCommit;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        postCsv(jobs(site, type)).statusCode(200).body("imported", equalTo(40)).body("sitesCreated", hasItem(site));
    }

    private static String jobs(String site, String type) {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (int i = 0; i < 40; i++) {
            csv.append(String.join(",", "SERVICE", id("SH-" + site + "-" + type + "-" + i), site, "", type, "bob", at(-(i % 25) - 2, "%02d:00".formatted(9 + i % 5)),
                    "", "", "30", (30 + i % 15) + ".5", "")).append('\n');
        }
        return csv.toString();
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
        double recommended = a.getDouble("recommended.promisedMinutes");
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

    /** C6: a garage whose jobs started 09:00-13:00 is not offered midnight; a start at 03:00 moves to 09:00, said so. */
    @Test
    void aServiceKnownOnlyFromHistoryIsOfferedWithinTheHoursItsJobsStarted() {
        String site = id("SH-H"), type = id("SH-HRS");
        importJobs(site, type);
        String first = postJson("/api/v1/promises/validate", """
                {"type":"SERVICE","rep":"bob","site":"%s","serviceType":"%s"}""".formatted(site, type)).statusCode(200)
                .extract().path("recommended.startAt");
        int hour = java.time.OffsetDateTime.parse(first).getHour();
        assertTrue(hour >= 9 && hour <= 13, "the first start offered is within 09:00-13:00 at the garage: " + first);
        JsonPath night = postJson("/api/v1/promises/validate", """
                {"type":"SERVICE","rep":"bob","site":"%s","serviceType":"%s","startAt":"%s","promisedMinutes":60}"""
                .formatted(site, type, at(2, "03:00"))).statusCode(200).extract().jsonPath();
        assertEquals("ALTERNATIVE", night.getString("verdict"));
        assertEquals(9, java.time.OffsetDateTime.parse(night.getString("recommended.startAt")).getHour(), night.prettify());
        String said = night.getString("reasons.find { it.code == 'BAYS_NOT_SET' }.message");
        assertTrue(said.contains("the hours its past jobs started in (09:00-14:00)"), said);
    }

    /** Jobs all started at 09:00 and some ran for hours: only the start is bound, so a long job still finds its slot. */
    @Test
    void aLongJobKnownOnlyFromHistoryIsStillPromisedWhenItsJobsAllStartedInOneHour() {
        String site = id("SH-L"), type = id("SH-LONG");
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (int i = 0; i < 40; i++) {
            csv.append(String.join(",", "SERVICE", id("SHL-" + i), site, "", type, "bob", at(-(i % 25) - 2, "09:00"),
                    "", "", "60", String.valueOf(30 + i * 5), "")).append('\n'); // 30 to 225 minutes
        }
        postCsv(csv.toString()).statusCode(200).body("imported", equalTo(40));
        JsonPath a = postJson("/api/v1/promises/validate", """
                {"type":"SERVICE","rep":"bob","site":"%s","serviceType":"%s"}""".formatted(site, type)).statusCode(200)
                .extract().jsonPath();
        assertEquals("APPROVED", a.getString("verdict"), a.prettify());
        assertTrue(a.getDouble("recommended.promisedMinutes") > 180, a.prettify());
        assertEquals(9, java.time.OffsetDateTime.parse(a.getString("recommended.startAt")).getHour(), a.prettify());
    }

    @Test
    void theSiteViewListsTheServiceTypesSetUpAndThoseKnownOnlyFromHistory() {
        String site = id("SH-G3"), setUp = id("SH-OIL3"), learned = id("SH-TIRES3");
        putJson("/api/v1/sites/" + site, """
                {"name":"Garage","timeZone":"America/Sao_Paulo","workingDays":["MON","TUE","WED","THU","FRI","SAT","SUN"]}""").statusCode(200);
        putJson("/api/v1/sites/" + site + "/services/" + setUp, """
                {"bays":2,"openingHours":"08:00-18:00","standardMinutes":25}""").statusCode(200);
        // jobs of both: the one set up stays as set up; the other is known only from its history
        postCsv(jobs(site, setUp)).statusCode(200).body("imported", equalTo(40));
        postCsv(jobs(site, learned)).statusCode(200).body("imported", equalTo(40));
        // a quote for the type known from history is answered, so the site view names it too
        postJson("/api/v1/promises/validate", quote(site, learned, 60)).statusCode(200).body("verdict", equalTo("APPROVED"));

        JsonPath v = get("/api/v1/sites/" + site).then().statusCode(200).extract().jsonPath();
        List<String> listed = v.getList("services.serviceType");
        assertEquals(List.of(setUp, learned).stream().sorted().toList(), listed);
        String declared = "services.find { it.serviceType == '" + setUp + "' }.";
        assertEquals(false, v.getBoolean(declared + "fromHistory"));
        assertEquals(2, v.getInt(declared + "bays"));
        assertEquals("08:00-18:00", v.getString(declared + "openingHours"));
        assertEquals(25, v.getInt(declared + "standardMinutes"));
        String fromHistory = "services.find { it.serviceType == '" + learned + "' }.";
        assertEquals(true, v.getBoolean(fromHistory + "fromHistory"));
        assertEquals(40, v.getInt(fromHistory + "sampleSize"));
        int standard = v.getInt(fromHistory + "standardMinutes");
        assertTrue(standard >= 30 && standard <= 45, "the jobs took 30.5-44.5 minutes; learned standard " + standard);
        assertNull(v.get(fromHistory + "bays"), "no bays are set up for it");

        // the list of sites says the same, and a site without services lists none
        get("/api/v1/sites").then().statusCode(200)
                .body("find { it.code == '" + site + "' }.services.serviceType", equalTo(listed));
        String bare = id("SH-BARE");
        putJson("/api/v1/sites/" + bare, """
                {"name":"Bare","timeZone":"America/Sao_Paulo"}""").statusCode(200).body("services", equalTo(List.of()));
    }

    @Test
    void aServiceTypeKnownOnlyFromHistoryIsAnsweredOnItsOwnAsTheSiteViewListsIt() {
        String site = id("SH-G4"), setUp = id("SH-OIL4"), learned = id("SH-TIRES4");
        importJobs(site, learned);
        putJson("/api/v1/sites/" + site + "/services/" + setUp, """
                {"bays":2,"openingHours":"08:00-18:00","standardMinutes":25}""").statusCode(200).body("fromHistory", equalTo(false));
        JsonPath view = get("/api/v1/sites/" + site).then().statusCode(200).extract().jsonPath();

        // each type answers what the site view lists for it, with the site: the same fields, the same figures
        for (String type : List.of(setUp, learned)) {
            Map<String, Object> listed = new LinkedHashMap<>(view.getMap("services.find { it.serviceType == '" + type + "' }"));
            Map<String, Object> one = get("/api/v1/sites/" + site + "/services/" + type).then().statusCode(200).extract().jsonPath().getMap("");
            assertEquals(site, one.get("site"), type);
            Map<String, Object> withoutSite = new LinkedHashMap<>(one);
            withoutSite.remove("site");
            assertEquals(listed, withoutSite, type);
        }
        get("/api/v1/sites/" + site + "/services/" + learned).then()
                .body("fromHistory", equalTo(true)).body("sampleSize", equalTo(40)).body("bays", nullValue());
        // a type neither set up nor in the history is still not there
        assertProblem(get("/api/v1/sites/" + site + "/services/" + id("SH-NEVER4")).then(), 404);

        // there is no DELETE of a service type (PRODUCT.md: PUT declares one, nothing removes it), set up or learned
        assertProblem(delete("/api/v1/sites/" + site + "/services/" + learned).then(), 405);
        // PUT declares the learned type: from then on it answers as set up
        putJson("/api/v1/sites/" + site + "/services/" + learned, """
                {"bays":1,"openingHours":"09:00-17:00","standardMinutes":40}""").statusCode(200)
                .body("site", equalTo(site)).body("fromHistory", equalTo(false)).body("bays", equalTo(1));
        get("/api/v1/sites/" + site + "/services/" + learned).then().statusCode(200)
                .body("fromHistory", equalTo(false)).body("standardMinutes", equalTo(40)).body("sampleSize", nullValue());
    }

    @Test
    void aServiceTypeTheSiteNeverDidIsStillUnknown() {
        String site = id("SH-G2"), type = id("SH-OIL");
        importJobs(site, type);
        assertFieldProblem(postJson("/api/v1/promises/validate", quote(site, id("SH-NEVER"), 20)), 422, "serviceType");
        postJson("/api/v1/promises/validate", quote(site, type, 20)).statusCode(200).body("reasons.code", not(hasItem("NO_FREE_BAY")));
    }
}
