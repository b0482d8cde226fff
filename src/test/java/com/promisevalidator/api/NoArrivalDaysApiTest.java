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
        assertTrue(sentence.contains("deliveries from " + site + " do not arrive on Saturday or Sunday"), sentence);

        // asked for the Saturday: kept as often as the Friday, not less
        JsonPath saturday = postJson("/api/v1/promises/validate", """
                {"type":"DELIVERY","site":"%s","region":"%s","orderedAt":"%s","promisedBy":"%s","confidence":0.9}"""
                .formatted(site, region, at(1, "10:00"), date(4)))
                .statusCode(200).extract().jsonPath();
        assertEquals("APPROVED", saturday.getString("verdict"), saturday.prettify());
        assertEquals(answer.getDouble("recommended.confidence"), saturday.getDouble("confidence"), 1e-9);
    }
}
