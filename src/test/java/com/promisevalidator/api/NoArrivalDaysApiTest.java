package com.promisevalidator.api;

import static com.promisevalidator.TestDates.at;
import static com.promisevalidator.TestDates.date;
import static com.promisevalidator.TestDates.day;
import static com.promisevalidator.api.ApiTestSupport.CSV_HEADER;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.postCsv;
import static com.promisevalidator.api.ApiTestSupport.postJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A distributor whose deliveries arrive Monday to Friday only (probe dlv M1): a promise that would fall on the weekend is
 * the Friday before it, kept as often, and the reason says why.
 */
@QuarkusTest
class NoArrivalDaysApiTest {

    @Test
    void aWeekendPromiseOfASiteThatNeverDeliversAtTheWeekendIsTheFridayBefore() {
        String site = id("NA-SITE"), region = id("NA-REG");
        assertEquals(DayOfWeek.TUESDAY, day(0).getDayOfWeek());
        // 25 weeks of next-day deliveries ordered Monday to Friday: Friday's arrive on Monday (3 days), the rest the next day
        List<String> rows = new ArrayList<>();
        for (int week = 2; week <= 26; week++) {
            for (int weekday = 0; weekday < 5; weekday++) {
                int ordered = -1 - 7 * week + weekday; // day(-1) is the Monday of the anchor's week
                int arrived = ordered + (weekday == 4 ? 3 : 1);
                rows.add(String.join(",", "DELIVERY", id("NA-" + week + "-" + weekday), site, region, "", "", at(ordered, "10:00"), "",
                        at(arrived, "11:00"), "", "", "1"));
            }
        }
        postCsv(CSV_HEADER + "\n" + String.join("\n", rows) + "\n").statusCode(200);

        // ordered on a Wednesday: 3 days at 90 % (the Friday orders) would be Saturday, when nothing arrives
        JsonPath answer = postJson("/api/v1/promises/validate", """
                {"type":"DELIVERY","site":"%s","region":"%s","orderedAt":"%s","confidence":0.9}""".formatted(site, region, at(1, "10:00")))
                .statusCode(200).extract().jsonPath();
        assertEquals(date(3), answer.getString("recommended.promisedBy"), answer.prettify());
        assertEquals(DayOfWeek.FRIDAY, day(3).getDayOfWeek());
        assertTrue(answer.getDouble("recommended.confidence") >= 0.9, answer.prettify());
        Map<String, Object> lead = answer.getMap("reasons.find { it.code == 'LEAD_TIME' }.evidence");
        assertEquals(List.of("SATURDAY", "SUNDAY"), lead.get("noArrivalDays"));
        assertEquals(date(4), lead.get("movedBackFrom"));
        String sentence = answer.getString("reasons.find { it.code == 'LEAD_TIME' }.message");
        assertTrue(sentence.contains("deliveries from " + site + " do not arrive on Saturdays or Sundays"), sentence);

        // asked for the Saturday: kept as often as the Friday, not less
        JsonPath saturday = postJson("/api/v1/promises/validate", """
                {"type":"DELIVERY","site":"%s","region":"%s","orderedAt":"%s","promisedBy":"%s","confidence":0.9}"""
                .formatted(site, region, at(1, "10:00"), date(4)))
                .statusCode(200).extract().jsonPath();
        assertEquals("APPROVED", saturday.getString("verdict"), saturday.prettify());
        assertEquals(answer.getDouble("recommended.confidence"), saturday.getDouble("confidence"), 1e-9);
    }

    /**
     * Probe arr H1: a site the import made in its rows' offset (UTC), given its real clock afterwards, has its history
     * counted again on that clock: its deliveries arrive Monday to Friday in Honolulu, Tuesday to Saturday in UTC.
     */
    @Test
    void aSitesClockSetAfterItsHistoryCountsTheHistoryAgain() {
        String site = id("NA-HNL"), region = id("NA-HR");
        List<String> rows = new ArrayList<>();
        for (int week = 2; week <= 26; week++) {
            for (int weekday = 0; weekday < 5; weekday++) {
                int ordered = -1 - 7 * week + weekday;
                int arrived = ordered + (weekday == 4 ? 3 : 1);
                // 08:00 and 18:00 in Honolulu (-10:00), written in UTC: the arrival is the next day there
                rows.add(String.join(",", "DELIVERY", id("NA-H-" + week + "-" + weekday), site, region, "", "", day(ordered) + "T18:00:00Z", "",
                        day(arrived + 1) + "T04:00:00Z", "", "", "1"));
            }
        }
        postCsv(CSV_HEADER + "\n" + String.join("\n", rows) + "\n").statusCode(200);
        String quote = """
                {"type":"DELIVERY","site":"%s","region":"%s","orderedAt":"%sT08:00:00-10:00","confidence":0.9}""".formatted(site, region, day(-6));
        assertEquals(DayOfWeek.WEDNESDAY, day(-6).getDayOfWeek());
        JsonPath utc = postJson("/api/v1/promises/validate", quote).statusCode(200).extract().jsonPath();
        assertEquals(List.of("MONDAY", "SUNDAY"), utc.getList("reasons.find { it.code == 'LEAD_TIME' }.evidence.noArrivalDays"), utc.prettify());

        io.restassured.RestAssured.given().contentType(io.restassured.http.ContentType.JSON)
                .body("{\"timeZone\":\"Pacific/Honolulu\"}").put("/api/v1/sites/" + site).then().statusCode(200);
        JsonPath local = postJson("/api/v1/promises/validate", quote).statusCode(200).extract().jsonPath();
        assertEquals(List.of("SATURDAY", "SUNDAY"), local.getList("reasons.find { it.code == 'LEAD_TIME' }.evidence.noArrivalDays"), local.prettify());
        assertEquals(date(-4), local.getString("recommended.promisedBy"), "Friday, not the Saturday 3 days after Wednesday: " + local.prettify());
    }
}
