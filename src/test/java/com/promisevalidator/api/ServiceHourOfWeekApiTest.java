package com.promisevalidator.api;

import static com.promisevalidator.TestDates.day;
import static com.promisevalidator.api.ApiTestSupport.CSV_HEADER;
import static com.promisevalidator.api.ApiTestSupport.createSite;
import static com.promisevalidator.api.ApiTestSupport.id;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.promisevalidator.performance.service.PerformanceStats;

import io.quarkus.test.junit.QuarkusTest;

/** A service's band of the week is read at the site, as a quote's start is, whatever offset the export wrote. */
@QuarkusTest
class ServiceHourOfWeekApiTest {

    @Inject
    PerformanceStats stats;

    @Test
    void aJobExportedInUtcCountsInItsLocalHourAtTheSite() {
        String site = id("HW-G"), type = id("HW-T");
        createSite(site, """
                {"name":"Hour garage","timeZone":"America/Sao_Paulo","workingDays":["MON","TUE","WED","THU","FRI","SAT","SUN"]}""");
        LocalDate monday = day(-10).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        // 13:00 UTC on a Monday is 10:00 in São Paulo (UTC-3): hour of the week 10, not 13
        String startUtc = monday.atTime(LocalTime.of(13, 0)).atOffset(ZoneOffset.UTC).toString();
        given().contentType("text/csv").body(CSV_HEADER + "\nSERVICE," + id("HW-R") + "," + site + ",," + type + ",bob," + startUtc + ",,,20,25,\n")
                .post("/api/v1/history/import").then().statusCode(200);
        assertFalse(stats.histogram(PerformanceStats.SERVICE_HOUR, site + ">" + type + "@10").isEmpty(), "local 10:00 on Monday");
        assertTrue(stats.histogram(PerformanceStats.SERVICE_HOUR, site + ">" + type + "@13").isEmpty(), "not the export's UTC hour");
    }
}
