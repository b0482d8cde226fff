package com.promisevalidator.api;

import static com.promisevalidator.TestDates.day;
import static com.promisevalidator.api.ApiTestSupport.CSV_HEADER;
import static com.promisevalidator.api.ApiTestSupport.assertFieldProblem;
import static com.promisevalidator.api.ApiTestSupport.assertProblem;
import static com.promisevalidator.api.ApiTestSupport.createSite;
import static com.promisevalidator.api.ApiTestSupport.id;
import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * {@code ?dates=dmy|mdy}: numeric dates as spreadsheets write them ({@code 04/03/2025 10:15}) read day-first or
 * month-first; without the hint refused, the reason naming it. Dates are days from the test clock's anchor.
 */
@QuarkusTest
class HistoryDatesApiTest {

    private static final DateTimeFormatter DMY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter DMY_DOTS = DateTimeFormatter.ofPattern("d.M.yyyy");
    private static final DateTimeFormatter MDY = DateTimeFormatter.ofPattern("M/d/yyyy");
    private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

    private static String delivery(String ref, String site, String region, String orderedAt, String promisedBy, String completedAt) {
        return String.join(",", "DELIVERY", ref, site, region, "", "", orderedAt, promisedBy, completedAt, "", "", "1");
    }

    private static ValidatableResponse upload(String csv, String dates) {
        var req = given().contentType("text/csv").body(csv);
        if (dates != null) req = req.queryParam("dates", dates);
        return req.post("/api/v1/history/import").then();
    }

    private static Instant instant(String ref, String column) {
        return OffsetDateTime.parse(get("/api/v1/history/" + ref).then().statusCode(200).extract().jsonPath().getString(column)).toInstant();
    }

    /** A site in São Paulo: times written without an offset are its local time. */
    private static String saoPauloSite(String base) {
        String site = id(base);
        createSite(site, """
                {"name":"Numeric dates","timeZone":"America/Sao_Paulo","workingDays":["MON","TUE","WED","THU","FRI"]}""");
        return site;
    }

    @Test
    void dayFirstDatesAreReadWithDmy() {
        String site = saoPauloSite("ND-DMY"), region = id("ND-R");
        String slash = id("ND-DMY-1"), dots = id("ND-DMY-2");
        // day(-30) and day(-25) are written day-first; a day above 12 would make the order plain, one below does not matter
        String csv = CSV_HEADER + "\n"
                + delivery(slash, site, region, day(-30).format(DMY) + " 10:15", day(-20).format(DMY), day(-25).format(DMY) + " 16:30:00") + "\n"
                + delivery(dots, site, region, day(-30).format(DMY_DOTS) + " 08:00-03:00", day(-20).format(DMY_DOTS), day(-25).format(DMY_DOTS)) + "\n";
        upload(csv, "dmy").statusCode(200).body("imported", equalTo(2));
        assertEquals(day(-30).atTime(10, 15).atZone(SAO_PAULO).toInstant(), instant(slash, "orderedAt"));
        assertEquals(day(-25).atTime(16, 30).atZone(SAO_PAULO).toInstant(), instant(slash, "completedAt"));
        get("/api/v1/history/" + slash).then().body("promisedBy", equalTo(day(-20).toString()));
        assertEquals(day(-30).atTime(8, 0).atOffset(java.time.ZoneOffset.ofHours(-3)).toInstant(), instant(dots, "orderedAt"));
        assertEquals(day(-25).atStartOfDay(SAO_PAULO).toInstant(), instant(dots, "completedAt"));
    }

    @Test
    void monthFirstDatesAreReadWithMdyAndIsoStaysAccepted() {
        String site = saoPauloSite("ND-MDY"), region = id("ND-R");
        String us = id("ND-MDY-1"), iso = id("ND-MDY-ISO");
        String csv = CSV_HEADER + "\n"
                + delivery(us, site, region, day(-40).format(MDY) + " 9:05", day(-30).format(MDY), day(-33).format(MDY) + " 14:00") + "\n"
                + delivery(iso, site, region, day(-40) + " 10:00", day(-30).toString(), day(-33) + "T14:00:00-03:00") + "\n";
        upload(csv, "mdy").statusCode(200).body("imported", equalTo(2));
        assertEquals(day(-40).atTime(9, 5).atZone(SAO_PAULO).toInstant(), instant(us, "orderedAt"));
        assertEquals(day(-33).atTime(14, 0).atZone(SAO_PAULO).toInstant(), instant(us, "completedAt"));
        get("/api/v1/history/" + us).then().body("promisedBy", equalTo(day(-30).toString()));
        assertEquals(day(-40).atTime(10, 0).atZone(SAO_PAULO).toInstant(), instant(iso, "orderedAt"));
    }

    @Test
    void anImpossibleDayIsRefusedWithItsLine() {
        String site = id("ND-CAL"), region = id("ND-R");
        String good = id("ND-CAL-OK"), bad = id("ND-CAL-31");
        // 31 February of a past year: before any anchor the test clock may have, and never a real day
        int year = day(-400).getYear();
        String csv = CSV_HEADER + "\n"
                + delivery(good, site, region, day(-30).format(DMY) + " 10:00", "", day(-25).format(DMY)) + "\n"
                + delivery(bad, site, region, "31/02/" + year + " 10:00", "", "") + "\n";
        assertFieldProblem(upload(csv, "dmy"), 400, "line 3")
                .body("errors[0].message", containsString("orderedAt '31/02/" + year + " 10:00' is not a day-first date"))
                .body("errors[0].message", containsString("February " + year + " has no day 31"));
        assertProblem(get("/api/v1/history/" + good).then(), 404); // nothing of the file was imported
    }

    @Test
    void withoutTheHintANumericDateIsRefusedNamingIt() {
        String site = id("ND-NOHINT"), region = id("ND-R");
        String ref = id("ND-NOHINT-1"), plain = id("ND-NOHINT-2");
        // a day that is unambiguous (13 or later) reads only day-first: still not guessed, but the hint is named
        LocalDate late = day(-60).withDayOfMonth(20);
        String csv = CSV_HEADER + "\n"
                + delivery(ref, site, region, late.format(DMY) + " 10:00", "", "") + "\n"
                + delivery(plain, site, region, day(-30) + "T10:00:00-03:00", "", "") + "\n";
        assertFieldProblem(upload(csv, null), 400, "line 2")
                .body("errors[0].message", containsString("orderedAt '" + late.format(DMY) + " 10:00'"))
                .body("errors[0].message", containsString("?dates=dmy"))
                .body("detail", containsString("import it with ?dates=dmy"))
                .body("detail", containsString(". Its numeric dates")); // the line's reason ends before the file's advice
        assertProblem(get("/api/v1/history/" + plain).then(), 404);
        // one that could be either says so
        String either = day(-60).withDayOfMonth(4).format(DMY);
        upload(CSV_HEADER + "\n" + delivery(ref, site, region, either, "", "") + "\n", null).statusCode(400)
                .body("errors[0].message", containsString("day-first or month-first? add ?dates=dmy or ?dates=mdy"));
    }

    @Test
    void aBadHintIsA400NamingIt() {
        String csv = CSV_HEADER + "\n" + delivery(id("ND-BAD"), id("ND-S"), id("ND-R"), day(-30) + " 10:00", "", "") + "\n";
        assertFieldProblem(upload(csv, "ymd"), 400, "dates").body("detail", containsString("dmy"));
        assertProblem(get("/api/v1/history/" + id("ND-BAD")).then(), 404);
        // a hint appended to a URL that has one already: refused, not the first one silently (probe G11)
        assertFieldProblem(given().contentType("text/csv").body(csv).queryParam("dates", "dmy").queryParam("dates", "mdy")
                .post("/api/v1/history/import").then(), 400, "dates").body("detail", containsString("give it once"));
        assertProblem(get("/api/v1/history/" + id("ND-BAD")).then(), 404);
    }

    @Test
    void theHintIsInTheOpenApiDocumentAsSepIs() {
        var params = given().header(com.promisevalidator.access.AdminKeyByDefault.HEADER, com.promisevalidator.access.AdminKeyByDefault.NO_KEY)
                .get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath()
                .getList("paths.'/api/v1/history/import'.post.parameters.findAll { it.name == 'dates' }", java.util.Map.class);
        assertEquals(1, params.size());
        assertEquals("query", params.get(0).get("in"));
        assertEquals(java.util.List.of("dmy", "mdy"), ((java.util.Map<?, ?>) params.get(0).get("schema")).get("enum"));
        org.junit.jupiter.api.Assertions.assertTrue(String.valueOf(params.get(0).get("description")).contains("day-first"));
    }
}
