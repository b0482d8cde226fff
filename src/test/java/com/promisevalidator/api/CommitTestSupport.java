package com.promisevalidator.api;

import static com.promisevalidator.api.ApiTestSupport.CSV_HEADER;
import static com.promisevalidator.api.ApiTestSupport.createSite;
import static com.promisevalidator.api.ApiTestSupport.postCsv;
import static com.promisevalidator.api.ApiTestSupport.putJson;
import static com.promisevalidator.TestDates.at;
import static com.promisevalidator.TestDates.date;
import static com.promisevalidator.TestDates.day;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * Fixtures and calls shared by the commitment tests (Commit*Test, Promise*Test).
 *
 * <p>Dates count from the test clock's anchor (see TestDates): every quote is placed on {@link #ORDERED_AT}
 * (Tuesday day(0), 10:00 in Sao Paulo, before the 14:00 cut-off), the service's "now", so it is released and
 * dispatched that day when stock and capacity allow. A warehouse's lane gets 60 past deliveries (the four
 * weeks before) that all took 2 days: its lead time comes from its own history (history of other tests can
 * shift it by a few percent at most), so day(2) is the earliest promise and {@link #FAR} is always kept.
 * Imported history ends before day(0).
 */
final class CommitTestSupport {

    static final String ORDERED_AT = at(0, "10:00");
    static final String DISPATCH_DAY = date(0);
    /** A promise date far enough out to hold whatever the open orders of other tests do to the statistics. */
    static final String FAR = date(27);
    static final String PROMISES = "/api/v1/promises";

    private CommitTestSupport() {
    }

    /** A warehouse in Sao Paulo time (cut-off 14:00, MON-FRI) with {@code dailyOrders} orders a day and a lane to {@code region}. */
    static void warehouse(String site, String region, int dailyOrders) {
        createSite(site, """
                {"name":"Commit test DC","timeZone":"America/Sao_Paulo","cutoff":"14:00",
                 "workingDays":["MON","TUE","WED","THU","FRI"],"dailyCapacity":{"orders":%d}}""".formatted(dailyOrders));
        putJson("/api/v1/sites/" + site + "/lanes/" + region, "{\"transitDays\":2}").statusCode(200);
        fastHistory(site, region);
    }

    /** Stock without inbound supply: on hand is all there will ever be. */
    static void stock(String site, String sku, int onHand) {
        putJson("/api/v1/sites/" + site + "/stock/" + sku, "{\"onHand\":" + onHand + "}").statusCode(200)
                .body("onHand", equalTo(onHand)).body("reserved", equalTo(0));
    }

    /** A garage in Sao Paulo time (MON-FRI) offering {@code type} with {@code bays} bays, 08:00-18:00, standard 30 minutes. */
    static void garage(String site, String type, int bays) {
        createSite(site, """
                {"name":"Commit test garage","timeZone":"America/Sao_Paulo","workingDays":["MON","TUE","WED","THU","FRI"]}""");
        putJson("/api/v1/sites/" + site + "/services/" + type, """
                {"bays":%d,"openingHours":"08:00-18:00","standardMinutes":30}""".formatted(bays)).statusCode(200);
    }

    /**
     * 60 deliveries site→region, three on each working day of day(-29) (a Monday) to day(-4) (before the cut-off), each
     * taking 2 days. Recent on purpose: open orders count with the weight of the latest day the
     * statistics know of, and must not outweigh this history.
     */
    static void fastHistory(String site, String region) {
        List<String> rows = new ArrayList<>();
        LocalDate day = day(-29); // a Monday
        int i = 0;
        while (i < 60) {
            if (day.getDayOfWeek().getValue() <= 5) {
                for (String time : new String[]{"09:00", "10:00", "11:00"}) {
                    rows.add(String.join(",", "DELIVERY", site + "-F" + i, site, region, "", "alice",
                            day + "T" + time + ":00-03:00", day.plusDays(5).toString(), day.plusDays(2) + "T16:00:00-03:00", "", "", "1"));
                    i++;
                }
            }
            day = day.plusDays(1);
        }
        postCsv(CSV_HEADER + "\n" + String.join("\n", rows) + "\n").statusCode(200).body("imported", equalTo(60));
    }

    /** A delivery quote of one line, placed on {@link #ORDERED_AT}; {@code promisedBy} may be null. */
    static String delivery(String quoteId, String rep, String site, String region, String sku, int quantity, String promisedBy) {
        return """
                {"type":"DELIVERY","quoteId":"%s","rep":"%s","customer":"ACME","site":"%s","region":"%s",
                 "lines":[{"sku":"%s","quantity":%d}],"orderedAt":"%s"%s}""".formatted(quoteId, rep, site, region, sku, quantity,
                ORDERED_AT, promisedBy == null ? "" : ",\"promisedBy\":\"" + promisedBy + "\"");
    }

    /** The same quote asking to hold its capacity. */
    static String withHold(String quoteJson) {
        return quoteJson.substring(0, quoteJson.lastIndexOf('}')) + ",\"hold\":true}";
    }

    /** A service quote (no start or minutes: the commit says which). */
    static String service(String quoteId, String site, String type) {
        return """
                {"type":"SERVICE","quoteId":"%s","rep":"bob","customer":"ACME","site":"%s","serviceType":"%s"}"""
                .formatted(quoteId, site, type);
    }

    /** Commit body for a service quote at {@code startAt} for {@code minutes}. */
    static String serviceCommit(String quoteId, String site, String type, String startAt, int minutes) {
        return "{\"quote\":" + service(quoteId, site, type) + ",\"startAt\":\"" + startAt + "\",\"promisedMinutes\":" + minutes + "}";
    }

    static ValidatableResponse commit(String key, String body) {
        var spec = given().contentType(ContentType.JSON).body(body);
        if (key != null) spec = spec.header("Idempotency-Key", key);
        return spec.when().post(PROMISES).then();
    }

    /** Commits and returns the new promise's id (asserting the 201). */
    static String committed(String key, String body) {
        return commit(key, body).statusCode(201).extract().path("promiseId");
    }

    static JsonPath promise(String id) {
        return given().when().get(PROMISES + "/" + id).then().statusCode(200).extract().jsonPath();
    }

    static JsonPath stockOf(String site, String sku) {
        return given().when().get("/api/v1/sites/" + site + "/stock/" + sku).then().statusCode(200).extract().jsonPath();
    }

    /** Every promise with {@code status} (null: any), through all pages of the list. */
    static List<Map<String, Object>> promises(String status) {
        List<Map<String, Object>> all = new ArrayList<>();
        int limit = 1000;
        for (int page = 0; page < 1000; page++) {
            var spec = given().queryParam("limit", limit).queryParam("offset", page * limit);
            if (status != null) spec = spec.queryParam("status", status);
            List<Map<String, Object>> got = spec.when().get(PROMISES).then().statusCode(200).extract().jsonPath().getList("$");
            all.addAll(got);
            if (got.size() < limit) return all;
        }
        throw new AssertionError("more than a million promises listed");
    }

    /**
     * A 409 problem (content type, title, detail), without looking at the body's {@code status} member:
     * for a promise in the wrong state that member is overwritten by the promise's status (see the
     * disabled BUG tests).
     */
    static ValidatableResponse assertConflict(ValidatableResponse r) {
        return r.statusCode(409)
                .header("Content-Type", org.hamcrest.Matchers.startsWith(ApiTestSupport.PROBLEM_JSON))
                .body("title", equalTo("Conflict"))
                .body("detail", org.hamcrest.Matchers.notNullValue());
    }

    /** How often {@code "member":} occurs in a JSON text (a well-formed object has each member once). */
    static int occurrences(String json, String member) {
        int n = 0;
        for (int i = json.indexOf("\"" + member + "\":"); i >= 0; i = json.indexOf("\"" + member + "\":", i + 1)) n++;
        return n;
    }

    /**
     * The earliest date the service recommends for a quote (its {@code promisedBy} left out): the fixture's lane takes 2
     * days, but other tests' deliveries in the same database can make "deliveries everywhere slower lately" stretch it to
     * 3 (a test clock at the turn of a year did), so a test about capacity asks for the date the lane gives now.
     */
    static String earliest(String quoteJson) {
        return validate(withoutPromisedBy(quoteJson)).statusCode(200).extract().path("recommended.promisedBy");
    }

    /** The same quote asking for {@code promisedBy} instead of the date it named. */
    static String askingFor(String quoteJson, String promisedBy) {
        String open = withoutPromisedBy(quoteJson);
        return open.substring(0, open.lastIndexOf('}')) + ",\"promisedBy\":\"" + promisedBy + "\"}";
    }

    private static String withoutPromisedBy(String quoteJson) {
        return quoteJson.replaceFirst(",\\s*\"promisedBy\"\\s*:\\s*\"[^\"]*\"", "");
    }

    static ValidatableResponse validate(String quoteJson) {
        return given().contentType(ContentType.JSON).body(quoteJson).when().post(PROMISES + "/validate").then().statusCode(200);
    }
}
