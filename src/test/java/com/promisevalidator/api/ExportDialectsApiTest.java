package com.promisevalidator.api;

import static com.promisevalidator.TestDates.at;
import static com.promisevalidator.TestDates.date;
import static com.promisevalidator.TestDates.day;
import static com.promisevalidator.api.ApiTestSupport.CSV_HEADER;
import static com.promisevalidator.api.ApiTestSupport.assertFieldProblem;
import static com.promisevalidator.api.ApiTestSupport.assertProblem;
import static com.promisevalidator.api.ApiTestSupport.createSite;
import static com.promisevalidator.api.ApiTestSupport.id;
import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static io.restassured.config.EncoderConfig.encoderConfig;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;

/**
 * Exports as spreadsheets and other systems write them: not UTF-8 (Windows-1252, declared or not, UTF-16 with a
 * byte order mark), times without an offset (the site's local time) or with a space for the T, dates alone.
 */
@QuarkusTest
class ExportDialectsApiTest {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** Posts the bytes with exactly this Content-Type (RestAssured would otherwise append a charset of its own). */
    private static ValidatableResponse upload(byte[] body, String contentType) {
        return given().config(RestAssured.config().encoderConfig(encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType(contentType).body(body).when().post("/api/v1/history/import").then();
    }

    private static String delivery(String ref, String site, String region, String rep, String orderedAt, String promisedBy, String completedAt) {
        return String.join(",", "DELIVERY", ref, site, region, "", rep, orderedAt, promisedBy, completedAt, "", "", "1");
    }

    @Test
    void windows1252WithoutACharsetIsReadAsSuch() {
        String ref = id("XD-1252");
        String csv = CSV_HEADER + "\n" + delivery(ref, id("XD-S"), id("XD-R"), "João", at(-30, "10:00"), date(-20), at(-25, "10:00")) + "\n";
        upload(csv.getBytes(WINDOWS_1252), "text/csv").statusCode(200).body("imported", equalTo(1)).body("encoding", equalTo("windows-1252"));
        get("/api/v1/history/" + ref).then().statusCode(200).body("rep", equalTo("João"));
    }

    @Test
    void declaredCharsetIsReadStrictlyAndABadLineIsNamed() {
        String good = id("XD-DECL"), bad = id("XD-BAD");
        String csv = CSV_HEADER + "\n" + delivery(good, id("XD-S"), id("XD-R"), "José", at(-30, "10:00"), date(-20), at(-25, "10:00")) + "\n";
        upload(csv.getBytes(StandardCharsets.ISO_8859_1), "text/csv; charset=ISO-8859-1").statusCode(200)
                .body("encoding", equalTo("ISO-8859-1"));
        get("/api/v1/history/" + good).then().statusCode(200).body("rep", equalTo("José"));
        // declared UTF-8, but line 3 was written in Latin-1: refused with its line, nothing imported
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes((CSV_HEADER + "\n" + delivery(bad, id("XD-S"), id("XD-R"), "Ana", at(-30, "10:00"), date(-20), at(-25, "10:00")) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes((delivery(bad + "-2", id("XD-S"), id("XD-R"), "Zé", at(-30, "10:00"), date(-20), at(-25, "10:00")) + "\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertFieldProblem(upload(body.toByteArray(), "text/csv; charset=UTF-8"), 400, "line 3").body("detail", containsString("UTF-8"));
        assertProblem(get("/api/v1/history/" + bad).then(), 404);
        assertFieldProblem(upload(csv.getBytes(StandardCharsets.UTF_8), "text/csv; charset=EBCDIC-XYZ"), 400, "Content-Type");
    }

    @Test
    void utf16WithAByteOrderMarkAndTabsIsRead() {
        String ref = id("XD-U16");
        String csv = (CSV_HEADER + "\n" + delivery(ref, id("XD-S"), id("XD-R"), "Zoë", at(-30, "10:00"), date(-20), at(-25, "10:00")) + "\n")
                .replace(',', '\t');
        upload(csv.getBytes(StandardCharsets.UTF_16), "text/csv").statusCode(200).body("imported", equalTo(1)).body("encoding", equalTo("UTF-16"));
        get("/api/v1/history/" + ref).then().statusCode(200).body("rep", equalTo("Zoë"));
    }

    @Test
    void timesWithoutAnOffsetAreTheSitesLocalTime() {
        String site = id("XD-SP"), region = id("XD-R");
        createSite(site, """
                {"name":"Local times","timeZone":"America/Sao_Paulo","workingDays":["MON","TUE","WED","THU","FRI"]}""");
        String local = id("XD-LOCAL"), noColon = id("XD-0300"), dateOnly = id("XD-DAY");
        String csv = CSV_HEADER + "\n"
                + delivery(local, site, region, "", day(-30) + " 10:00:00", day(-20) + " 00:00:00", day(-25) + "T16:30") + "\n"
                + delivery(noColon, site, region, "", day(-30) + "T10:00:00-0300", date(-20), day(-25) + " 16:30:00Z") + "\n"
                + delivery(dateOnly, site, region, "", date(-30), date(-20), date(-25)) + "\n";
        given().contentType("text/csv").body(csv).post("/api/v1/history/import").then().statusCode(200).body("imported", equalTo(3));
        ZoneId sp = ZoneId.of("America/Sao_Paulo");
        assertEquals(day(-30).atTime(10, 0).atZone(sp).toInstant(), orderedAt(local));
        assertEquals(day(-30).atTime(10, 0).atZone(sp).toInstant(), orderedAt(noColon));
        assertEquals(day(-30).atStartOfDay(sp).toInstant(), orderedAt(dateOnly));
        get("/api/v1/history/" + local).then().body("promisedBy", equalTo(date(-20)));
    }

    @Test
    void aServicesStartNeedsItsTimeOfDay() {
        String ref = id("XD-SVC");
        String row = String.join(",", "SERVICE", ref, id("XD-G"), "", "OIL", "", date(-3), "", "", "30", "31", "");
        assertFieldProblem(given().contentType("text/csv").body(CSV_HEADER + "\n" + row + "\n").post("/api/v1/history/import").then(),
                400, "line 2").body("detail", containsString("time of day"));
        assertProblem(get("/api/v1/history/" + ref).then(), 404);
    }

    @Test
    void aQuoteNeverClosedIsNamedByItsLineWithoutTheParsersClassName() {
        String site = id("XD-Q"), region = id("XD-QR");
        String good = delivery(id("XD-Q1"), site, region, "", at(-9, "10:00"), date(-5), at(-6, "10:00"));
        String open = delivery(id("XD-Q2"), site, region, "\"alice, the rep", at(-9, "10:00"), date(-5), at(-6, "10:00"));
        String csv = CSV_HEADER + "\n" + good + "\n" + open + "\n" + good.replace(id("XD-Q1"), id("XD-Q3")) + "\n";
        assertFieldProblem(given().contentType("text/csv").body(csv).post("/api/v1/history/import").then(), 400, "line 3")
                .body("detail", containsString("never closed"))
                .body("detail", not(containsString("org.apache")));
        assertProblem(get("/api/v1/history/" + id("XD-Q1")).then(), 404); // nothing was imported
    }

    @Test
    void badRowsSkipImportsTheGoodRowsAndListsTheRefusedOnes() {
        String good = id("XD-GOOD"), future = id("XD-FUT"), broken = id("XD-BRK");
        String csv = CSV_HEADER + "\n"
                + delivery(good, id("XD-S"), id("XD-R"), "", at(-30, "10:00"), date(-20), at(-25, "10:00")) + "\n"
                + delivery(future, id("XD-S"), id("XD-R"), "", at(-30, "10:00"), date(-20), at(30, "10:00")) + "\n"
                + delivery(broken, id("XD-S"), id("XD-R"), "", "02/11/2026", date(-20), "") + "\n"
                + delivery(good, id("XD-S"), id("XD-R"), "", at(-30, "10:00"), date(-20), at(-24, "10:00")) + "\n";
        // by default the file is refused whole, every bad line named
        assertFieldProblem(given().contentType("text/csv").body(csv).post("/api/v1/history/import").then(), 400, "line 3");
        assertProblem(get("/api/v1/history/" + good).then(), 404);
        // badRows=skip: the good row comes in, the others are listed with their line and reason
        given().contentType("text/csv").body(csv).queryParam("badRows", "skip").post("/api/v1/history/import").then().statusCode(200)
                .body("imported", equalTo(1)).body("refusedRows", equalTo(3))
                .body("refused.line", org.hamcrest.Matchers.contains(3, 4, 5))
                .body("refused[0].reason", containsString("future"))
                .body("refused[1].reason", containsString("orderedAt '02/11/2026'"))
                .body("refused[2].reason", containsString("appears twice"));
        get("/api/v1/history/" + good).then().statusCode(200);
        assertProblem(get("/api/v1/history/" + future).then(), 404);
        assertFieldProblem(given().contentType("text/csv").body(csv).queryParam("badRows", "maybe").post("/api/v1/history/import").then(),
                400, "badRows");
    }

    @Test
    void aServiceExportWithStartAndEndTimesIsReadAsTheMinutesBetween() {
        // another kind of service data: a job log with start and end, no minutes, no kind, local times, nothing set up
        String site = id("XD-LOG"), type = id("XD-REPAIR");
        StringBuilder csv = new StringBuilder("reference;site;service type;orderedAt;completedAt\n");
        for (int i = 0; i < 30; i++) {
            String start = day(-(i % 20) - 2) + " 09:00:00";
            String end = day(-(i % 20) - 2) + " 09:" + (40 + i % 15) + ":30";
            csv.append(id("XD-J" + i)).append(';').append(site).append(';').append(type).append(';').append(start).append(';').append(end).append('\n');
        }
        given().contentType("text/csv").body(csv.toString()).post("/api/v1/history/import").then().statusCode(200)
                .body("imported", equalTo(30)).body("sitesCreated", org.hamcrest.Matchers.hasItem(site));
        get("/api/v1/history/" + id("XD-J0")).then().statusCode(200).body("kind", equalTo("SERVICE")).body("actualMinutes", equalTo(40.5f));
        String quote = "{\"type\":\"SERVICE\",\"rep\":\"bob\",\"site\":\"" + site + "\",\"serviceType\":\"" + type + "\",\"startAt\":\"" + at(2, "10:00") + "\"}";
        double minutes = ApiTestSupport.postJson("/api/v1/promises/validate", quote).statusCode(200).extract().jsonPath().getDouble("recommended.promisedMinutes");
        org.junit.jupiter.api.Assertions.assertTrue(minutes >= 50 && minutes <= 60, "jobs took 40.5-54.5 minutes; promised " + minutes);
    }

    @Test
    void aTimeZoneHintPlacesTheLocalTimesOfTheSitesTheFileCreates() {
        String site = id("XD-TZ"), ref = id("XD-TZ-1");
        String csv = CSV_HEADER + "\n" + delivery(ref, site, id("XD-R"), "", day(-30) + " 10:00:00", date(-20), day(-25) + " 16:30") + "\n";
        given().contentType("text/csv").body(csv).queryParam("timeZone", "America/Sao_Paulo").post("/api/v1/history/import").then()
                .statusCode(200).body("sitesCreated", org.hamcrest.Matchers.contains(site));
        assertEquals(day(-30).atTime(10, 0).atZone(ZoneId.of("America/Sao_Paulo")).toInstant(), orderedAt(ref));
        get("/api/v1/sites/" + site).then().statusCode(200).body("timeZone", equalTo("America/Sao_Paulo"));
        assertFieldProblem(given().contentType("text/csv").body(csv).queryParam("timeZone", "Mars/Olympus").post("/api/v1/history/import").then(),
                400, "timeZone");
    }

    @Test
    void aCompletionDatedTheOrdersOwnDayIsDeliveredThatDay() {
        String site = id("XD-SAME"), region = id("XD-R");
        createSite(site, """
                {"name":"Same day","timeZone":"America/Sao_Paulo","workingDays":["MON","TUE","WED","THU","FRI","SAT","SUN"]}""");
        String morning = id("XD-SD1"), late = id("XD-SD2"), nextDay = id("XD-SD3"), before = id("XD-SD4");
        // a timed order, a delivery scan with the date only; 22:30 in São Paulo is already the next day in UTC
        String csv = CSV_HEADER + "\n"
                + delivery(morning, site, region, "", day(-10) + " 09:30", date(-10), date(-10)) + "\n"
                + delivery(late, site, region, "", day(-9) + " 22:30", date(-9), date(-9)) + "\n"
                + delivery(nextDay, site, region, "", day(-8) + " 09:30", date(-7), date(-7)) + "\n";
        given().contentType("text/csv").body(csv).post("/api/v1/history/import").then().statusCode(200).body("imported", equalTo(3));
        ZoneId sp = ZoneId.of("America/Sao_Paulo");
        // that day, at the order's time (lead 0 days), not 00:00 before it; a later day is its start, as before
        assertEquals(day(-10).atTime(9, 30).atZone(sp).toInstant(), completedAt(morning));
        assertEquals(day(-9).atTime(22, 30).atZone(sp).toInstant(), completedAt(late));
        assertEquals(day(-7).atStartOfDay(sp).toInstant(), completedAt(nextDay));
        // all three were kept by their promisedBy
        given().queryParam("by", "site").get("/api/v1/performance").then().statusCode(200)
                .body("groups.find { it.key == '" + site + "' }.mastery.n", equalTo(3))
                .body("groups.find { it.key == '" + site + "' }.mastery.kept", equalTo(3));
        // a completion dated before the order's day is still refused, and says why
        String bad = CSV_HEADER + "\n" + delivery(before, site, region, "", day(-6) + " 09:30", date(-6), date(-7)) + "\n";
        assertFieldProblem(given().contentType("text/csv").body(bad).post("/api/v1/history/import").then(), 400, "line 2")
                .body("errors[0].message", containsString("completedAt is before orderedAt (" + date(-7) + " is before the order's day " + date(-6)));
    }

    @Test
    void aLocalTimeTheClocksRepeatOrSkipIsNamedWhenItMakesTheRowImpossible() {
        // the last two clock changes in London before the test clock's today: one back (repeated hour), one forward (skipped)
        var rules = ZoneId.of("Europe/London").getRules();
        var last = rules.previousTransition(com.promisevalidator.TestClock.now());
        var before = rules.previousTransition(last.getInstant());
        var back = last.isOverlap() ? last : before;
        var forward = last.isGap() ? last : before;
        java.time.format.DateTimeFormatter local = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        String site = id("XD-NIGHT"), type = id("XD-TOW");
        // 01:30 then 01:20 in the repeated hour: a 50-minute tow; 01:30 skipped (read as 02:30), finished 02:10
        String repeated = String.join(",", "SERVICE", id("XD-DST2"), site, "", type, "al", local.format(back.getDateTimeAfter().plusMinutes(30)), "",
                local.format(back.getDateTimeAfter().plusMinutes(20)), "60", "", "");
        String skipped = String.join(",", "SERVICE", id("XD-DST1"), site, "", type, "al", local.format(forward.getDateTimeBefore().plusMinutes(30)), "",
                local.format(forward.getDateTimeAfter().plusMinutes(10)), "60", "", "");
        assertFieldProblem(given().contentType("text/csv").body(CSV_HEADER + "\n" + repeated + "\n" + skipped + "\n")
                .queryParam("timeZone", "Europe/London").post("/api/v1/history/import").then(), 400, "line 2")
                .body("errors[0].message", containsString("orderedAt " + back.getDateTimeAfter().plusMinutes(30).toLocalTime() + " is ambiguous in Europe/London on "
                        + back.getDateTimeAfter().toLocalDate() + " (clocks go back"))
                .body("errors[0].message", containsString("completedAt " + back.getDateTimeAfter().plusMinutes(20).toLocalTime() + " is ambiguous"))
                .body("errors[0].message", containsString("give the times an offset"))
                .body("errors[1].field", equalTo("line 3"))
                .body("errors[1].message", containsString("orderedAt " + forward.getDateTimeBefore().plusMinutes(30).toLocalTime()
                        + " does not exist in Europe/London on " + forward.getDateTimeBefore().toLocalDate() + " (clocks go forward; read as "
                        + forward.getDateTimeAfter().plusMinutes(30).toLocalTime() + ")"))
                .body("errors[1].message", not(containsString("completedAt 0")));
    }

    private static java.time.Instant completedAt(String ref) {
        return OffsetDateTime.parse(get("/api/v1/history/" + ref).then().statusCode(200).extract().jsonPath().getString("completedAt")).toInstant();
    }

    private static java.time.Instant orderedAt(String ref) {
        return OffsetDateTime.parse(get("/api/v1/history/" + ref).then().statusCode(200).extract().jsonPath().getString("orderedAt")).toInstant();
    }
}
