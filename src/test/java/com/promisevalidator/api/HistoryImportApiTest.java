package com.promisevalidator.api;

import static com.promisevalidator.TestDates.at;
import static com.promisevalidator.TestDates.date;
import static com.promisevalidator.api.ApiTestSupport.CSV_HEADER;
import static com.promisevalidator.api.ApiTestSupport.assertFieldProblem;
import static com.promisevalidator.api.ApiTestSupport.assertProblem;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.postCsv;
import static com.promisevalidator.api.ApiTestSupport.postJson;
import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** POST /api/v1/history/import: counts, idempotency, outcomes of open orders, all-or-nothing on bad rows. */
@QuarkusTest
class HistoryImportApiTest {

    private static String delivery(String ref, String site, String region, String orderedAt, String promisedBy, String completedAt) {
        return String.join(",", "DELIVERY", ref, site, region, "", "alice", orderedAt, promisedBy, completedAt, "", "", "3");
    }

    private static String service(String ref, String site, String type, String startAt, Integer promised, Integer actual) {
        return String.join(",", "SERVICE", ref, site, "", type, "bob", startAt, "", "",
                promised == null ? "" : promised.toString(), actual == null ? "" : actual.toString(), "");
    }

    private static String csv(String... rows) {
        return CSV_HEADER + "\n" + String.join("\n", rows) + "\n";
    }

    private static ValidatableResponse assertCounts(ValidatableResponse r, int rows, int imported, int outcomesAdded, int duplicates) {
        return r.statusCode(200)
                .body("rows", equalTo(rows))
                .body("imported", equalTo(imported))
                .body("outcomesAdded", equalTo(outcomesAdded))
                .body("duplicates", equalTo(duplicates));
    }

    @Test
    void importReturnsCountsCreatesUnknownSitesAndRegionsAndIsIdempotent() {
        String site = id("H-SITE");
        String region = id("H-REG");
        String type = id("H-OIL");
        String body = csv(
                delivery(id("H-D1"), site, region, at(-91, "10:00"), date(-84), at(-88, "15:00")),
                delivery(id("H-D2"), site, region, at(-90, "10:00"), date(-83), at(-85, "11:00")),
                delivery(id("H-D3"), site, region, at(-89, "10:00"), date(-82), ""),
                service(id("H-S1"), site, type, at(-91, "09:00"), 20, 34),
                service(id("H-S2"), site, type, at(-91, "10:00"), 20, 41));

        assertCounts(postCsv(body), 5, 5, 0, 0)
                .body("sitesCreated", contains(site))
                .body("regionsCreated", contains(region));

        // the unknown site exists now, as "not configured", in the time zone of its first row
        get("/api/v1/sites/" + site).then()
                .statusCode(200)
                .body("code", equalTo(site))
                .body("configured", equalTo(false))
                .body("timeZone", equalTo("-03:00"))
                .body("cutoff", nullValue())
                .body("workingDays", contains("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"))
                .body("dailyCapacity.size()", equalTo(0));
        // and the region is known: a delivery quote to it is not refused as an unknown region
        postJson("/api/v1/promises/validate", """
                {"type":"DELIVERY","region":"%s","orderedAt":"%s"}""".formatted(region, at(0, "10:00")))
                .statusCode(200)
                .body("verdict", not(nullValue()));

        // same body again: nothing new
        assertCounts(postCsv(body), 5, 0, 0, 5)
                .body("sitesCreated", empty())
                .body("regionsCreated", empty());
    }

    /** Probe P5 M5: a site whose rows span a daylight-saving change kept its first row's summer offset for ever. */
    @Test
    void aNewSiteWhoseRowsSpanAClockChangeGetsAZoneThatGivesEachItsOffset() {
        String site = id("H-DST"), type = id("H-WASH");
        String body = csv(service(id("H-DST1"), site, type, "2025-10-20T09:00:00+02:00", 20, 21),
                service(id("H-DST2"), site, type, "2025-11-20T09:00:00+01:00", 20, 19));
        assertCounts(postCsv(body), 2, 2, 0, 0).body("sitesCreated", contains(site));
        String zone = get("/api/v1/sites/" + site).then().statusCode(200).extract().path("timeZone");
        assertTrue(zone.startsWith("Europe/"), zone);
    }

    @Test
    void anOpenOrderImportedAgainWithItsOutcomeCountsAsOutcomeAdded() {
        String site = id("H-OPEN");
        String region = id("H-OREG");
        String type = id("H-OTYPE");
        String openDelivery = delivery(id("H-O1"), site, region, at(-61, "10:00"), date(-56), "");
        String openService = service(id("H-O2"), site, type, at(-61, "09:00"), 30, null);
        String other = delivery(id("H-O3"), site, region, at(-61, "11:00"), date(-56), at(-57, "12:00"));

        assertCounts(postCsv(csv(openDelivery, openService, other)), 3, 3, 0, 0);

        String doneDelivery = delivery(id("H-O1"), site, region, at(-61, "10:00"), date(-56), at(-55, "09:00"));
        String doneService = service(id("H-O2"), site, type, at(-61, "09:00"), 30, 37);
        String fresh = delivery(id("H-O4"), site, region, at(-60, "10:00"), date(-55), at(-56, "12:00"));
        assertCounts(postCsv(csv(doneDelivery, doneService, other, fresh)), 4, 1, 2, 1)
                .body("sitesCreated", empty())
                .body("regionsCreated", empty());

        // the outcomes are stored now: a third import finds nothing to add
        assertCounts(postCsv(csv(doneDelivery, doneService, other, fresh)), 4, 0, 0, 4);
    }

    @Test
    void anOpenOrderImportedAgainStillOpenIsADuplicate() {
        String row = delivery(id("H-STILL"), id("H-STILL-S"), id("H-STILL-R"), at(-61, "10:00"), date(-56), "");
        assertCounts(postCsv(csv(row)), 1, 1, 0, 0);
        assertCounts(postCsv(csv(row)), 1, 0, 0, 1);
    }

    // ---- a bad row rejects the whole file ------------------------------------------------------

    /** Line 1 header, line 2 good, line 3 bad, line 4 good: 400 naming line 3, and nothing imported. */
    private void assertLine3RejectsTheWholeFile(String tag, String badRow, String messagePart) {
        String site = id("H-BAD-" + tag);
        String region = id("H-BADR-" + tag);
        String good1 = delivery(id("H-B1-" + tag), site, region, at(-91, "10:00"), date(-84), at(-88, "15:00"));
        String good2 = delivery(id("H-B2-" + tag), site, region, at(-90, "10:00"), date(-83), at(-87, "15:00"));

        assertFieldProblem(postCsv(csv(good1, badRow, good2)), 400, "line 3")
                .body("detail", containsString("line 3"))
                .body("detail", containsString("nothing was imported"))
                .body("errors", org.hamcrest.Matchers.hasSize(1))
                .body("errors[0].message", containsString(messagePart));

        // nothing of that file was applied: no site created, and its good rows are all new
        assertProblem(get("/api/v1/sites/" + site).then(), 404);
        assertCounts(postCsv(csv(good1, good2)), 2, 2, 0, 0)
                .body("sitesCreated", contains(site))
                .body("regionsCreated", contains(region));
    }

    @Test
    void referencesTheHistoryPathCouldNotReadBackAreRefusedWithTheirLine() {
        int i = 0;
        for (String reference : new String[] {".", "..", "outliers", "import", "rebuild-statistics"}) {
            String tag = "REF" + i++;
            assertLine3RejectsTheWholeFile(tag,
                    delivery(reference, id("H-BAD-" + tag), id("H-BADR-" + tag), at(-89, "10:00"), date(-82), at(-86, "15:00")),
                    "reference '" + reference + "' cannot be a reference");
        }
        // every word HistoryResource uses as a path of its own is among them
        for (java.lang.reflect.Method m : com.promisevalidator.history.rest.HistoryResource.class.getDeclaredMethods()) {
            jakarta.ws.rs.Path path = m.getAnnotation(jakarta.ws.rs.Path.class);
            if (path == null || path.value().startsWith("{")) continue;
            String word = path.value().split("/")[0];
            org.junit.jupiter.api.Assertions.assertTrue(com.promisevalidator.history.service.HistoryCsv.UNREADABLE_REFERENCES.contains(word), word);
        }
    }

    @Test
    void rowWithOrderedAtNotATimestampRejectsTheFile() {
        assertLine3RejectsTheWholeFile("TS",
                delivery(id("H-BX-TS"), id("H-BAD-TS"), id("H-BADR-TS"), "yesterday", date(-84), at(-88, "15:00")),
                "orderedAt 'yesterday'");
    }

    @Test
    void codesTheMasterDataApiCannotAddressAreRefusedAndLettersOfAnyScriptAreCodes() {
        String salon = id("SALÃO"), region = id("ZONA-SÃO"), type = id("CORTE-Ç");
        String body = csv(
                service(id("H-CODE-1"), id("PLUMB"), "LEAK FIX", at(-20, "09:00"), 60, 45),
                delivery(id("H-CODE-2"), "COURIER 1", id("H-CR"), at(-20, "09:00"), date(-18), at(-19, "15:00")),
                delivery(id("H-CODE-3"), id("COURIER"), "NORTH/EAST", at(-20, "09:00"), date(-18), at(-19, "15:00")),
                delivery(id("H-CODE-4"), salon, region, at(-20, "09:00"), date(-18), at(-19, "15:00")),
                service(id("H-CODE-5"), salon, type, at(-20, "09:00"), 30, 35));
        // each refused with its line, the field and what a code may hold; nothing imported
        assertFieldProblem(given().contentType("text/csv; charset=UTF-8").body(body).post("/api/v1/history/import").then(), 400, "line 2")
                .body("errors.field", contains("line 2", "line 3", "line 4"))
                .body("errors[0].message", containsString("serviceType 'LEAK FIX' must be 1-64 letters, digits, '-', '_' or '.'"))
                .body("errors[1].message", containsString("site 'COURIER 1' must be"))
                .body("errors[2].message", containsString("region 'NORTH/EAST' must be"));
        assertProblem(get("/api/v1/sites/" + salon).then(), 404);
        // badRows=skip: the accented codes come in, the others are listed
        given().contentType("text/csv; charset=UTF-8").body(body).queryParam("badRows", "skip").post("/api/v1/history/import").then()
                .statusCode(200).body("imported", equalTo(2)).body("refused.line", contains(2, 3, 4))
                .body("sitesCreated", contains(salon)).body("regionsCreated", contains(region));
        // and the master-data API addresses them, percent-encoded as clients send them
        String site = "/api/v1/sites/" + encode(salon);
        given().urlEncodingEnabled(false).contentType("application/json").body("{\"name\":\"Salão\",\"timeZone\":\"America/Sao_Paulo\"}")
                .put(site).then().statusCode(200).body("code", equalTo(salon));
        given().urlEncodingEnabled(false).get(site).then().statusCode(200).body("configured", equalTo(true));
        given().urlEncodingEnabled(false).contentType("application/json").body("{\"transitDays\":1}")
                .put(site + "/lanes/" + encode(region)).then().statusCode(200).body("region", equalTo(region));
        given().urlEncodingEnabled(false).contentType("application/json").body("{\"bays\":2,\"openingHours\":\"08:00-18:00\",\"standardMinutes\":30}")
                .put(site + "/services/" + encode(type)).then().statusCode(200);
        // a space or '/' is no code there either
        assertFieldProblem(given().urlEncodingEnabled(false).contentType("application/json").body("{\"timeZone\":\"UTC\"}")
                .put("/api/v1/sites/COURIER%201").then(), 400, "code");
    }

    private static String encode(String code) {
        return java.net.URLEncoder.encode(code, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aServiceWhoseCompletedAtAndActualMinutesContradictIsRefused() {
        String site = id("H-JOB"), type = id("H-TICKET");
        String contradicts = String.join(",", "SERVICE", id("H-JOB-1"), site, "", type, "kim", at(-3, "09:00"), "", at(-3, "09:30"), "30", "90", "");
        String agrees = String.join(",", "SERVICE", id("H-JOB-2"), site, "", type, "kim", at(-3, "11:00"), "", at(-3, "12:30"), "90", "90.5", "");
        assertFieldProblem(postCsv(csv(agrees, contradicts)), 400, "line 3")
                .body("errors", org.hamcrest.Matchers.hasSize(1))
                .body("errors[0].message", containsString("completedAt is 30 minutes after the start but actualMinutes is 90"));
        assertProblem(get("/api/v1/history/" + id("H-JOB-2")).then(), 404);
        // within 1 minute plus 1% they agree, and actualMinutes is what counts
        given().contentType("text/csv").body(csv(agrees, contradicts)).queryParam("badRows", "skip").post("/api/v1/history/import").then()
                .statusCode(200).body("imported", equalTo(1)).body("refused.line", contains(3));
        get("/api/v1/history/" + id("H-JOB-2")).then().statusCode(200).body("actualMinutes", equalTo(90.5f));
    }

    @Test
    void rowWithUnknownKindRejectsTheFile() {
        assertLine3RejectsTheWholeFile("KIND",
                String.join(",", "PICKUP", id("H-BX-KIND"), id("H-BAD-KIND"), id("H-BADR-KIND"), "", "alice",
                        at(-91, "10:00"), date(-84), at(-88, "15:00"), "", "", "1"),
                "PICKUP");
    }

    @Test
    void rowCompletedBeforeItWasOrderedRejectsTheFile() {
        assertLine3RejectsTheWholeFile("ORDER",
                delivery(id("H-BX-ORDER"), id("H-BAD-ORDER"), id("H-BADR-ORDER"), at(-87, "10:00"), date(-84), at(-88, "15:00")),
                "completedAt is before orderedAt");
    }

    @Test
    void referenceTwiceInOneFileRejectsTheFile() {
        String site = id("H-BAD-DUP");
        assertLine3RejectsTheWholeFile("DUP",
                delivery(id("H-B1-DUP"), site, id("H-BADR-DUP"), at(-89, "10:00"), date(-84), at(-86, "15:00")),
                "appears twice");
    }

    /** Probe api2 L4: the same line twice in one export is one row and a duplicate; the same reference with other values is refused. */
    @Test
    void aLineRepeatedExactlyIsADuplicateNotABadRow() {
        String site = id("H-REP-S"), region = id("H-REP-R");
        String row = delivery(id("H-REP-1"), site, region, at(-30, "10:00"), date(-24), at(-26, "15:00"));
        given().contentType("text/csv").body(csv(row, row, delivery(id("H-REP-2"), site, region, at(-29, "10:00"), date(-23), at(-25, "15:00"))))
                .post("/api/v1/history/import").then().statusCode(200)
                .body("rows", equalTo(3)).body("imported", equalTo(2)).body("duplicates", equalTo(1));
    }

    /** Probe api2 L3: a misspelt option (?replce=true) imported as if it were not there; it is a 400 naming it, nothing imported. */
    @Test
    void anUnknownImportOptionIsA400AndImportsNothing() {
        String ref = id("H-OPT");
        String body = csv(delivery(ref, id("H-OPT-S"), id("H-OPT-R"), at(-20, "10:00"), date(-14), at(-16, "15:00")));
        assertFieldProblem(given().contentType("text/csv").body(body).queryParam("replce", "true").post("/api/v1/history/import").then(),
                400, "replce");
        given().get("/api/v1/history/" + ref).then().statusCode(404);
        given().contentType("text/csv").body(body).queryParam("replace", "true").post("/api/v1/history/import").then()
                .statusCode(200).body("imported", equalTo(1));
    }

    @Test
    void rowWithTooFewColumnsRejectsTheFile() {
        assertLine3RejectsTheWholeFile("COLS", "DELIVERY," + id("H-BX-COLS") + ",X", "columns");
    }

    @Test
    void everyBadRowIsReportedWithItsLine() {
        String site = id("H-MANY");
        String region = id("H-MANYR");
        String body = csv(
                delivery(id("H-M1"), site, region, at(-91, "10:00"), "", ""),
                delivery(id("H-M2"), site, region, "not-a-time", "", ""),
                delivery(id("H-M3"), site, region, at(-91, "10:00"), "", ""),
                delivery(id("H-M4"), site, "", at(-91, "10:00"), "", ""),
                delivery(id("H-M5"), site, region, at(-91, "10:00"), "09/08/2026", ""));
        assertProblem(postCsv(body), 400)
                .body("detail", containsString("3 bad row(s)"))
                .body("errors.field", contains("line 3", "line 5", "line 6"))
                .body("errors[1].message", containsString("region is required"))
                .body("errors[2].message", containsString("promisedBy '09/08/2026'"));
        assertProblem(get("/api/v1/sites/" + site).then(), 404);
    }

    @Test
    void badLastRowWithoutTrailingNewlineIsReportedWithItsOwnLine() {
        String site = id("H-EOF");
        String region = id("H-EOFR");
        String body = CSV_HEADER + "\n"
                + delivery(id("H-E1"), site, region, at(-91, "10:00"), date(-84), at(-88, "15:00")) + "\n"
                + delivery(id("H-E2"), site, region, "yesterday", date(-84), ""); // line 3, no newline after it
        assertFieldProblem(postCsv(body), 400, "line 3")
                .body("detail", containsString("line 3"));
    }

    // ---- header and body ---------------------------------------------------------------------

    @Test
    void missingRequiredHeaderColumnIsA400() {
        String header = CSV_HEADER.replace(",orderedAt", "");
        String row = "DELIVERY," + id("H-NOQ") + "," + id("H-NOQ-S") + "," + id("H-NOQ-R") + ",,alice," + date(-84) + ",,,,";
        assertFieldProblem(postCsv(header + "\n" + row + "\n"), 400, "line 1")
                .body("detail", containsString("orderedAt"));
        assertProblem(get("/api/v1/sites/" + id("H-NOQ-S")).then(), 404);
    }

    @Test
    void optionalColumnsMayBeLeftOutAndHeaderNamesAreReadLoosely() {
        // a delivery export in its own words: other case, blanks and underscores, no kind, rep, minutes or quantity
        String header = "Reference, SITE ,region,ordered_at,Promised By,completed-at,Carrier";
        String row = String.join(",", id("H-LOOSE"), id("H-LOOSE-S"), id("H-LOOSE-R"), at(-91, "10:00"), date(-84), at(-88, "10:00"), "DHL");
        postCsv(header + "\n" + row + "\n").statusCode(200).body("imported", equalTo(1))
                .body("ignoredColumns", contains("Carrier"))
                .body("missingColumns", contains("kind", "serviceType", "rep", "promisedMinutes", "actualMinutes", "quantity"));
        // the full header lacks nothing
        String full = delivery(id("H-FULL"), id("H-LOOSE-S"), id("H-LOOSE-R"), at(-91, "10:00"), date(-84), "");
        postCsv(CSV_HEADER + "\n" + full + "\n").statusCode(200).body("missingColumns", empty());
        get("/api/v1/history/" + id("H-LOOSE")).then().statusCode(200).body("kind", equalTo("DELIVERY"))
                .body("region", equalTo(id("H-LOOSE-R")));
        // the same column twice, however spelt, is refused
        assertFieldProblem(postCsv("reference,site,orderedAt,ordered_at\n"), 400, "line 1").body("detail", containsString("orderedAt"));
    }

    @Test
    void noHeaderRowAtAllIsA400() {
        // every field filled, so the first row reads as a (wrong) header
        String row = String.join(",", "DELIVERY", id("H-NOH"), id("H-NOH-S"), id("H-NOH-R"), "x", "alice",
                at(-91, "10:00"), date(-84), at(-88, "10:00"), "1", "1", "3");
        assertFieldProblem(postCsv(row + "\n"), 400, "line 1");
        assertProblem(get("/api/v1/sites/" + id("H-NOH-S")).then(), 404);
    }

    @Test
    void emptyBodyIsA400() {
        assertProblem(postCsv(""), 400);
    }

    @Test
    void trailingSeparatorOnEveryLineIsAccepted() {
        // spreadsheets often export a trailing comma on every line: an empty column, ignored
        String row = delivery(id("H-TRAIL"), id("H-TRAIL-S"), id("H-TRAIL-R"), at(-91, "10:00"), date(-84), "") + ",";
        postCsv(CSV_HEADER + ",\n" + row + "\n").statusCode(200).body("imported", equalTo(1)).body("ignoredColumns", empty());
        // a headerless file whose first row has an empty field: its names are no columns
        String headerless = delivery(id("H-TRAIL2"), id("H-TRAIL2-S"), id("H-TRAIL-R"), at(-91, "10:00"), date(-84), "");
        assertFieldProblem(postCsv(headerless + "\n"), 400, "line 1");
        assertProblem(get("/api/v1/sites/" + id("H-TRAIL2-S")).then(), 404);
    }

    @Test
    void headerOnlyImportsNothing() {
        assertCounts(postCsv(CSV_HEADER + "\n"), 0, 0, 0, 0)
                .body("sitesCreated", empty())
                .body("regionsCreated", empty());
    }

    @Test
    void jsonInsteadOfCsvIsA415Problem() {
        assertProblem(given().contentType("application/json").body("{\"rows\":[]}")
                .post("/api/v1/history/import").then(), 415);
    }
}
