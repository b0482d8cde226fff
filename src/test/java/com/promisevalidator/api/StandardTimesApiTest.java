package com.promisevalidator.api;

import static com.promisevalidator.TestDates.day;
import static com.promisevalidator.api.ApiTestSupport.CSV_HEADER;
import static com.promisevalidator.api.ApiTestSupport.createSite;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.postCsv;
import static com.promisevalidator.api.ApiTestSupport.postJson;
import static com.promisevalidator.api.ApiTestSupport.putJson;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A service type with no history anywhere is planned from its standard minutes read as standard times have turned out:
 * when jobs take half again their standard, so does the plan, and the answer says why.
 */
@QuarkusTest
class StandardTimesApiTest {

    @Test
    void aNewServiceTypeIsPlannedAsStandardTimesHaveTurnedOut() {
        String garage = id("ST-G"), fresh = id("ST-NEW");
        createSite(garage, """
                {"name":"Standard garage","timeZone":"America/Sao_Paulo","workingDays":["MON","TUE","WED","THU","FRI","SAT","SUN"]}""");
        putJson("/api/v1/sites/" + garage + "/services/" + fresh, """
                {"bays":3,"openingHours":"00:00-24:00","standardMinutes":40}""").statusCode(200);
        // 30 services of a 20-minute standard, 10 jobs each, every job half again its standard (30-31.4 minutes)
        List<String> rows = new ArrayList<>();
        for (int t = 0; t < 30; t++) {
            String known = id("ST-T" + t);
            putJson("/api/v1/sites/" + garage + "/services/" + known, """
                    {"bays":3,"openingHours":"00:00-24:00","standardMinutes":20}""").statusCode(200);
            for (int i = 0; i < 10; i++) {
                String start = day(-10 + i % 8) + "T10:00:00-03:00";
                rows.add(String.join(",", "SERVICE", id("ST-" + t + "-" + i), garage, "", known, "bob", start, "", "", "20",
                        "3" + i % 2 + "." + i % 5, ""));
            }
        }
        postCsv(CSV_HEADER + "\n" + String.join("\n", rows) + "\n").statusCode(200);

        JsonPath jp = postJson("/api/v1/promises/validate", """
                {"type":"SERVICE","rep":"bob","site":"%s","serviceType":"%s","startAt":"%sT10:00:00-03:00"}"""
                .formatted(garage, fresh, day(3))).statusCode(200).extract().jsonPath();
        List<Map<String, Object>> reasons = jp.getList("reasons");
        Map<String, Object> duration = reasons.stream().filter(r -> "SERVICE_DURATION".equals(r.get("code"))).findFirst().orElseThrow();
        @SuppressWarnings("unchecked") Map<String, Object> ev = (Map<String, Object>) duration.get("evidence");
        assertEquals(false, ev.get("fromHistory"), "no history of this type anywhere: a plan");
        assertEquals(40, ev.get("standardMinutes"));
        // the standard read as standards turn out (other tests' services count too, so ranges): half again, not 40
        double turnsOut = ((Number) ev.get("standardTurnsOut")).doubleValue();
        assertThat(turnsOut, greaterThan(1.3));
        assertThat(turnsOut, lessThan(2.3));
        assertThat(((Number) ev.get("standardJobs")).intValue(), greaterThanOrEqualTo(300));
        assertThat(((Number) ev.get("standardServices")).intValue(), greaterThanOrEqualTo(30));
        double minutes = jp.getDouble("recommended.promisedMinutes");
        assertThat("40 standard minutes, as standards turn out", minutes, greaterThanOrEqualTo(52.0));
        assertThat((String) duration.get("message"), containsString("longer than their standard times"));
    }
}
