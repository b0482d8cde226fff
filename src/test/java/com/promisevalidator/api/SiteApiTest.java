package com.promisevalidator.api;

import static com.promisevalidator.TestDates.date;
import static com.promisevalidator.api.ApiTestSupport.assertFieldProblem;
import static com.promisevalidator.api.ApiTestSupport.assertProblem;
import static com.promisevalidator.api.ApiTestSupport.createSite;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.putJson;
import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import com.promisevalidator.common.Limits;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** PUT/GET of sites, stock, lanes and service types: round trips and field-level errors. */
@QuarkusTest
class SiteApiTest {

    /** Holidays day(24) and day(23), a Friday and a Thursday (Christmas and its eve when written for 2026). */
    private static final String SITE_JSON = """
            {"name":"Sao Paulo DC","timeZone":"America/Sao_Paulo","cutoff":"14:00",
             "workingDays":["MON","TUE","WED","THU","FRI"],"holidays":["%s","%s"],
             "dailyCapacity":{"orders":500}}""".formatted(date(24), date(23));

    // ---- sites -------------------------------------------------------------------------------

    @Test
    void putSiteThenGetReturnsTheSameSite() {
        String code = id("SITE-RT");
        putJson("/api/v1/sites/" + code, SITE_JSON)
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("code", equalTo(code))
                .body("name", equalTo("Sao Paulo DC"))
                .body("timeZone", equalTo("America/Sao_Paulo"))
                .body("cutoff", equalTo("14:00"))
                .body("workingDays", contains("MON", "TUE", "WED", "THU", "FRI"))
                .body("holidays", contains(date(23), date(24)))
                .body("dailyCapacity.orders", equalTo(500))
                .body("configured", equalTo(true));

        get("/api/v1/sites/" + code).then()
                .statusCode(200)
                .body("code", equalTo(code))
                .body("name", equalTo("Sao Paulo DC"))
                .body("timeZone", equalTo("America/Sao_Paulo"))
                .body("cutoff", equalTo("14:00"))
                .body("workingDays", contains("MON", "TUE", "WED", "THU", "FRI"))
                .body("holidays", contains(date(23), date(24)))
                .body("dailyCapacity.orders", equalTo(500))
                .body("configured", equalTo(true));

        get("/api/v1/sites").then().statusCode(200).body("code", hasItem(code));
    }

    @Test
    void putSiteAgainReplacesItAndAppliesDefaults() {
        String code = id("SITE-UPD");
        createSite(code, SITE_JSON);
        // full day names are accepted; omitted fields fall back to their defaults
        putJson("/api/v1/sites/" + code, """
                {"timeZone":"Europe/Lisbon","workingDays":["saturday","Sun"]}""")
                .statusCode(200)
                .body("name", equalTo(code))
                .body("timeZone", equalTo("Europe/Lisbon"))
                .body("cutoff", nullValue())
                .body("workingDays", contains("SAT", "SUN"))
                .body("holidays", empty())
                .body("dailyCapacity.size()", equalTo(0))
                .body("configured", equalTo(true));
        putJson("/api/v1/sites/" + code, """
                {"timeZone":"UTC","cutoff":"09:30"}""")
                .statusCode(200)
                .body("workingDays", contains("MON", "TUE", "WED", "THU", "FRI"));
        get("/api/v1/sites/" + code).then()
                .statusCode(200)
                .body("timeZone", equalTo("UTC"))
                .body("cutoff", equalTo("09:30"))
                .body("workingDays", contains("MON", "TUE", "WED", "THU", "FRI"))
                .body("holidays", empty());
    }

    @Test
    void badTimeZoneIsA400NamingTheFieldAndCreatesNothing() {
        String code = id("SITE-TZ");
        assertFieldProblem(putJson("/api/v1/sites/" + code, """
                {"timeZone":"Mars/Olympus_Mons","cutoff":"14:00"}"""), 400, "timeZone")
                .body("errors.find { it.field == 'timeZone' }.message", containsString("Mars/Olympus_Mons"));
        assertProblem(get("/api/v1/sites/" + code).then(), 404);
    }

    @Test
    void missingTimeZoneIsA400() {
        assertFieldProblem(putJson("/api/v1/sites/" + id("SITE-NOTZ"), """
                {"name":"x"}"""), 400, "timeZone");
    }

    @Test
    void cutoffOutOfRangeIsA400() {
        assertFieldProblem(putJson("/api/v1/sites/" + id("SITE-CUT"), """
                {"timeZone":"UTC","cutoff":"25:00"}"""), 400, "cutoff");
    }

    @Test
    void unknownWorkingDayIsA400NamingItsIndex() {
        assertFieldProblem(putJson("/api/v1/sites/" + id("SITE-DAY"), """
                {"timeZone":"UTC","workingDays":["MON","FUNDAY"]}"""), 400, "workingDays[1]")
                .body("errors.find { it.field == 'workingDays[1]' }.message", containsString("FUNDAY"));
    }


    /** Every bad field of a site is named in one answer: dates, zones and days as well as ranges and patterns (probe H1-3). */
    @Test
    void everyBadSiteFieldIsNamedInOneAnswer() {
        String code = id("SITE-ALL");
        assertProblem(putJson("/api/v1/sites/" + code, """
                {"name":"Auckland Showroom","timeZone":"Mars/Olympus","cutoff":"25:00","workingDays":["MON","FUNDAY"],
                 "holidays":["2026-02-30","1999-12-31"],"dailyCapacity":{"orders":-5,"pallets":3}}"""), 400)
                .body("errors.field", containsInAnyOrder("timeZone", "cutoff", "workingDays[1]", "holidays[0]", "holidays[1]",
                        "dailyCapacity.orders", "dailyCapacity.pallets"))
                .body("errors.find { it.field == 'timeZone' }.message", equalTo("'Mars/Olympus' is not a known time zone"))
                .body("errors.find { it.field == 'workingDays[1]' }.message", equalTo("'FUNDAY' is not a day of the week (MON..SUN)"))
                .body("errors.find { it.field == 'holidays[0]' }.message", equalTo("'2026-02-30' is not a valid date (YYYY-MM-DD)"))
                .body("errors.find { it.field == 'holidays[1]' }.message", equalTo(Limits.dateRangeMessage()))
                .body("errors.find { it.field == 'dailyCapacity.pallets' }.message", equalTo("unknown capacity kind (supported: orders)"))
                .body("detail", containsString("7 invalid field(s)"));
        assertProblem(get("/api/v1/sites/" + code).then(), 404); // nothing was stored
    }

    @Test
    void aSiteWithNoWorkingDaysIsA400() {
        assertProblem(putJson("/api/v1/sites/" + id("SITE-NODAY"), "{\"timeZone\":\"UTC\",\"workingDays\":[]}"), 400)
                .body("errors.field", contains("workingDays"))
                .body("errors[0].message", equalTo("must name from 1 to 7 days"));
    }

    /** A client's text echoed in a message is said as sent, never read as a message template or expression. */
    @Test
    void anEchoedValueIsNotInterpolated() {
        assertProblem(putJson("/api/v1/sites/" + id("SITE-EL"), """
                {"timeZone":"${1+1}{jakarta.validation.constraints.NotNull.message}\\\\","workingDays":["{max}"]}"""), 400)
                .body("errors.find { it.field == 'timeZone' }.message",
                        equalTo("'${1+1}{jakarta.validation.constraints.NotNull.message}\\' is not a known time zone"))
                .body("errors.find { it.field == 'workingDays[0]' }.message", equalTo("'{max}' is not a day of the week (MON..SUN)"));
    }

    @Test
    void unknownCapacityKindIsA400() {
        assertFieldProblem(putJson("/api/v1/sites/" + id("SITE-CAP"), """
                {"timeZone":"UTC","dailyCapacity":{"pallets":3}}"""), 400, "dailyCapacity.pallets");
    }

    @Test
    void invalidSiteCodeInPathIsA400() {
        assertFieldProblem(given().contentType(ContentType.JSON).body("{\"timeZone\":\"UTC\"}")
                .put("/api/v1/sites/bad code!" + ApiTestSupport.SUFFIX).then(), 400, "code");
    }



    @Test
    void unknownSiteIsA404Problem() {
        assertProblem(get("/api/v1/sites/" + id("NO-SUCH-SITE")).then(), 404)
                .body("detail", containsString(id("NO-SUCH-SITE")));
    }

    // ---- JSON that does not parse or has the wrong types ----------------------------------------

    private static final String[][] WRONG_TYPES = {
            // path suffix, body, field
            {"", "{\"timeZone\":\"UTC\",\"holidays\":[\"2026-02-30\"]}", "holidays[0]"}, // no such day
            {"", "{\"timeZone\":\"UTC\",\"dailyCapacity\":{\"orders\":\"many\"}}", "dailyCapacity.orders"},
            {"/stock/" + id("SKU"), "{\"onHand\":\"lots\"}", "onHand"},
            {"/stock/" + id("SKU"), "{\"onHand\":1,\"inbound\":{\"quantity\":1}}", "inbound"},
            {"/lanes/" + id("RG"), "{\"transitDays\":\"two\"}", "transitDays"},
            {"/services/" + id("WASH"), "{\"bays\":\"three\",\"openingHours\":\"08:00-18:00\",\"standardMinutes\":20}", "bays"},
    };

    private static final String[][] MALFORMED = {
            {"", "{\"timeZone\": \"UTC\", "},
            {"/stock/" + id("SKU"), "{\"onHand\":"},
            {"/lanes/" + id("RG"), "{\"transitDays\":"},
            {"/services/" + id("WASH"), "{\"bays\":3,,}"},
    };

    @Test
    void wrongJsonTypesAreRejectedWith400() {
        String site = id("SITE-JT");
        createSite(site, SITE_JSON);
        for (String[] c : WRONG_TYPES) {
            putJson("/api/v1/sites/" + site + c[0], c[1]).statusCode(400);
        }
        get("/api/v1/sites/" + site).then().statusCode(200).body("holidays", contains(date(23), date(24)));
        assertProblem(get("/api/v1/sites/" + site + "/stock/" + id("SKU")).then(), 404);
    }

    @Test
    void wrongJsonTypesAreProblemsNamingTheField() {
        String site = id("SITE-JTP");
        createSite(site, SITE_JSON);
        for (String[] c : WRONG_TYPES) {
            assertFieldProblem(putJson("/api/v1/sites/" + site + c[0], c[1]), 400, c[2]);
        }
    }

    @Test
    void malformedJsonIsRejectedWith400() {
        String site = id("SITE-MAL");
        createSite(site, SITE_JSON);
        for (String[] c : MALFORMED) {
            assertProblem(putJson("/api/v1/sites/" + site + c[0], c[1]), 400);
        }
    }

    @Test
    void malformedJsonIsAProblemNamingTheBody() {
        String site = id("SITE-MALP");
        createSite(site, SITE_JSON);
        for (String[] c : MALFORMED) {
            assertFieldProblem(putJson("/api/v1/sites/" + site + c[0], c[1]), 400, "body");
        }
    }

    // ---- stock -------------------------------------------------------------------------------

    @Test
    void putStockThenGetReturnsTheSameStock() {
        String site = id("STK");
        String sku = id("SKU-RT");
        createSite(site, SITE_JSON);
        // a timestamp is converted to the site's local day: 23:30Z is 20:30 in Sao Paulo on day(2), after its 14:00 cut-off,
        // so it can leave on day(3) (probe P7 M1: it counted for day(2)'s dispatch); 15:00Z is 12:00 there, before it
        putJson("/api/v1/sites/" + site + "/stock/" + sku, """
                {"onHand":40,"inbound":[{"quantity":100,"arrives":"%s"},
                                        {"quantity":50,"arrives":"%sT23:30:00Z"},
                                        {"quantity":20,"arrives":"%sT15:00:00Z"}]}""".formatted(date(7), date(2), date(1)))
                .statusCode(200)
                .body("site", equalTo(site))
                .body("sku", equalTo(sku))
                .body("onHand", equalTo(40))
                .body("reserved", equalTo(0))
                .body("available", equalTo(40))
                .body("inbound.arrives", contains(date(1), date(3), date(7)))
                .body("inbound.quantity", contains(20, 50, 100));

        get("/api/v1/sites/" + site + "/stock/" + sku).then()
                .statusCode(200)
                .body("onHand", equalTo(40))
                .body("inbound.arrives", contains(date(1), date(3), date(7)))
                .body("inbound.quantity", contains(20, 50, 100));
        get("/api/v1/sites/" + site + "/stock").then()
                .statusCode(200)
                .body("sku", contains(sku))
                .body("[0].onHand", equalTo(40));

        // a second PUT replaces the level and the inbound list
        putJson("/api/v1/sites/" + site + "/stock/" + sku, "{\"onHand\":7}")
                .statusCode(200).body("onHand", equalTo(7)).body("inbound", empty());
        get("/api/v1/sites/" + site + "/stock/" + sku).then()
                .statusCode(200).body("onHand", equalTo(7)).body("available", equalTo(7)).body("inbound", empty());
    }

    @Test
    void negativeOnHandIsA400() {
        String site = id("STK-NEG");
        createSite(site, SITE_JSON);
        assertFieldProblem(putJson("/api/v1/sites/" + site + "/stock/" + id("SKU"), "{\"onHand\":-1}"), 400, "onHand");
        assertProblem(get("/api/v1/sites/" + site + "/stock/" + id("SKU")).then(), 404);
    }

    @Test
    void missingOnHandIsA400() {
        String site = id("STK-MISS");
        createSite(site, SITE_JSON);
        assertFieldProblem(putJson("/api/v1/sites/" + site + "/stock/" + id("SKU"), "{\"inbound\":[]}"), 400, "onHand");
    }


    @Test
    void inboundArrivingTomorrowIsA400() {
        String site = id("STK-ARR");
        createSite(site, SITE_JSON);
        assertFieldProblem(putJson("/api/v1/sites/" + site + "/stock/" + id("SKU"), """
                {"onHand":1,"inbound":[{"quantity":5,"arrives":"%s"},{"quantity":5,"arrives":"tomorrow"}]}""".formatted(date(7))),
                400, "inbound[1].arrives");
        assertProblem(get("/api/v1/sites/" + site + "/stock/" + id("SKU")).then(), 404);
    }

    /** Every bad field of a stock level is named in one answer (probe H1-3). */
    @Test
    void everyBadStockFieldIsNamedInOneAnswer() {
        String site = id("STK-ALL");
        createSite(site, SITE_JSON);
        assertProblem(putJson("/api/v1/sites/" + site + "/stock/" + id("SKU"), """
                {"onHand":-1,"inbound":[{"quantity":5,"arrives":"not-a-date"},{"quantity":0,"arrives":"%s"},
                                        {"quantity":1,"arrives":"2101-01-01T00:00:00Z"}]}""".formatted(date(7))), 400)
                .body("errors.field", containsInAnyOrder("onHand", "inbound[0].arrives", "inbound[1].quantity", "inbound[2].arrives"))
                .body("errors.find { it.field == 'inbound[0].arrives' }.message",
                        equalTo("'not-a-date' is not a date (YYYY-MM-DD) or ISO-8601 timestamp"))
                .body("errors.find { it.field == 'inbound[2].arrives' }.message", equalTo(Limits.dateRangeMessage()));
        assertProblem(get("/api/v1/sites/" + site + "/stock/" + id("SKU")).then(), 404); // nothing was stored
    }

    @Test
    void inboundWithoutPositiveQuantityIsA400() {
        String site = id("STK-INQ");
        createSite(site, SITE_JSON);
        assertFieldProblem(putJson("/api/v1/sites/" + site + "/stock/" + id("SKU"), """
                {"onHand":1,"inbound":[{"quantity":0,"arrives":"%s"}]}""".formatted(date(7))), 400, "inbound[0].quantity");
    }


    @Test
    void stockOfAnUnknownSiteIsA404() {
        String site = id("NO-STK-SITE");
        assertProblem(putJson("/api/v1/sites/" + site + "/stock/" + id("SKU"), "{\"onHand\":1}"), 404);
        assertProblem(get("/api/v1/sites/" + site + "/stock").then(), 404);
        assertProblem(get("/api/v1/sites/" + site + "/stock/" + id("SKU")).then(), 404);
    }

    @Test
    void unknownSkuOnAKnownSiteIsA404() {
        String site = id("STK-NOSKU");
        createSite(site, SITE_JSON);
        assertProblem(get("/api/v1/sites/" + site + "/stock/" + id("NOPE")).then(), 404);
        get("/api/v1/sites/" + site + "/stock").then().statusCode(200).body("", empty());
    }

    // ---- lanes -------------------------------------------------------------------------------

    @Test
    void putLaneThenGetReturnsTheSameLane() {
        String site = id("LANE");
        String region = id("RJ");
        createSite(site, SITE_JSON);
        putJson("/api/v1/sites/" + site + "/lanes/" + region, "{\"transitDays\":2}")
                .statusCode(200)
                .body("site", equalTo(site))
                .body("region", equalTo(region))
                .body("transitDays", equalTo(2));
        get("/api/v1/sites/" + site + "/lanes/" + region).then()
                .statusCode(200).body("site", equalTo(site)).body("region", equalTo(region)).body("transitDays", equalTo(2));
        putJson("/api/v1/sites/" + site + "/lanes/" + region, "{\"transitDays\":3}").statusCode(200).body("transitDays", equalTo(3));
        get("/api/v1/sites/" + site + "/lanes/" + region).then().statusCode(200).body("transitDays", equalTo(3));
    }

    @Test
    void badTransitDaysAreA400() {
        String site = id("LANE-BAD");
        createSite(site, SITE_JSON);
        String path = "/api/v1/sites/" + site + "/lanes/" + id("RG");
        assertFieldProblem(putJson(path, "{\"transitDays\":-1}"), 400, "transitDays");
        assertFieldProblem(putJson(path, "{}"), 400, "transitDays");
        assertProblem(get(path).then(), 404);
    }

    @Test
    void lanesOfAnUnknownSiteAreA404() {
        String site = id("NO-LANE-SITE");
        assertProblem(putJson("/api/v1/sites/" + site + "/lanes/" + id("RG"), "{\"transitDays\":2}"), 404);
        assertProblem(get("/api/v1/sites/" + site + "/lanes/" + id("RG")).then(), 404);
    }

    // ---- services ----------------------------------------------------------------------------

    @Test
    void putServiceThenGetReturnsTheSameService() {
        String site = id("GAR");
        String type = id("OIL");
        createSite(site, SITE_JSON);
        putJson("/api/v1/sites/" + site + "/services/" + type, """
                {"bays":3,"openingHours":"08:00-18:00","standardMinutes":20}""")
                .statusCode(200)
                .body("site", equalTo(site))
                .body("serviceType", equalTo(type))
                .body("bays", equalTo(3))
                .body("openingHours", equalTo("08:00-18:00"))
                .body("standardMinutes", equalTo(20));
        get("/api/v1/sites/" + site + "/services/" + type).then()
                .statusCode(200)
                .body("serviceType", equalTo(type))
                .body("bays", equalTo(3))
                .body("openingHours", equalTo("08:00-18:00"))
                .body("standardMinutes", equalTo(20));
        putJson("/api/v1/sites/" + site + "/services/" + type, """
                {"bays":1,"openingHours":"07:30-12:15","standardMinutes":45}""")
                .statusCode(200).body("openingHours", equalTo("07:30-12:15"));
        get("/api/v1/sites/" + site + "/services/" + type).then()
                .statusCode(200).body("bays", equalTo(1)).body("openingHours", equalTo("07:30-12:15")).body("standardMinutes", equalTo(45));
    }

    @Test
    void roundTheClockOpeningHoursRoundTrip() {
        String site = id("GAR-24H");
        String type = id("OIL");
        createSite(site, SITE_JSON);
        putJson("/api/v1/sites/" + site + "/services/" + type, """
                {"bays":1,"openingHours":"00:00-24:00","standardMinutes":45}""")
                .statusCode(200).body("openingHours", equalTo("00:00-24:00"));
        get("/api/v1/sites/" + site + "/services/" + type).then()
                .statusCode(200).body("openingHours", equalTo("00:00-24:00"));
    }

    /** Every bad field of a service type is named in one answer, hours that close before they open too (probe H1-3). */
    @Test
    void everyBadServiceFieldIsNamedInOneAnswer() {
        String site = id("GAR-ALL");
        createSite(site, SITE_JSON);
        String path = "/api/v1/sites/" + site + "/services/" + id("WASH");
        assertProblem(putJson(path, """
                {"bays":-1,"openingHours":"18:00-08:00","standardMinutes":0}"""), 400)
                .body("errors.field", containsInAnyOrder("bays", "openingHours", "standardMinutes"))
                .body("errors.find { it.field == 'openingHours' }.message", equalTo("must close after it opens"));
        assertProblem(putJson(path, """
                {"bays":1,"openingHours":"8-18","standardMinutes":20}"""), 400)
                .body("errors.field", contains("openingHours"))
                .body("errors[0].message", equalTo("must look like 08:00-18:00"));
        assertProblem(get(path).then(), 404); // nothing was stored
    }

    @Test
    void openingHoursClosingBeforeOpeningAreA400() {
        String site = id("GAR-HRS");
        createSite(site, SITE_JSON);
        String path = "/api/v1/sites/" + site + "/services/" + id("WASH");
        assertFieldProblem(putJson(path, """
                {"bays":2,"openingHours":"18:00-08:00","standardMinutes":20}"""), 400, "openingHours");
        assertFieldProblem(putJson(path, """
                {"bays":2,"openingHours":"8-18","standardMinutes":20}"""), 400, "openingHours");
        assertProblem(get(path).then(), 404);
    }

    @Test
    void closingTimeAfterMidnightIsA400NotA500() {
        String site = id("GAR-2430");
        createSite(site, SITE_JSON);
        assertFieldProblem(putJson("/api/v1/sites/" + site + "/services/" + id("WASH"), """
                {"bays":2,"openingHours":"08:00-24:30","standardMinutes":20}"""), 400, "openingHours");
    }

    @Test
    void badServiceNumbersAreA400() {
        String site = id("GAR-NUM");
        createSite(site, SITE_JSON);
        String path = "/api/v1/sites/" + site + "/services/" + id("WASH");
        assertFieldProblem(putJson(path, """
                {"bays":-1,"openingHours":"08:00-18:00","standardMinutes":20}"""), 400, "bays");
        assertFieldProblem(putJson(path, """
                {"bays":2,"openingHours":"08:00-18:00","standardMinutes":0}"""), 400, "standardMinutes");
        assertProblem(putJson(path, "{}"), 400)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("bays", "openingHours", "standardMinutes"));
    }

    @Test
    void servicesOfAnUnknownSiteAreA404() {
        String site = id("NO-GAR-SITE");
        assertProblem(putJson("/api/v1/sites/" + site + "/services/" + id("OIL"), """
                {"bays":3,"openingHours":"08:00-18:00","standardMinutes":20}"""), 404);
        assertProblem(get("/api/v1/sites/" + site + "/services/" + id("OIL")).then(), 404);
    }

    @Test
    void unknownServiceOnAKnownSiteIsA404() {
        String site = id("GAR-NOSVC");
        createSite(site, SITE_JSON);
        assertProblem(get("/api/v1/sites/" + site + "/services/" + id("NOPE")).then(), 404)
                .body("detail", containsString(id("NOPE")));
    }

    @Test
    void problemBodiesCarryTheRequestPath() {
        String code = id("SITE-INST");
        assertProblem(putJson("/api/v1/sites/" + code, "{\"timeZone\":\"Nowhere/Else\"}"), 400)
                .body("instance", equalTo("/api/v1/sites/" + code))
                .body("errors", hasSize(1));
    }
}
