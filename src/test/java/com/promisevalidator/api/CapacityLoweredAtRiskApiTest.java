package com.promisevalidator.api;

import static com.promisevalidator.TestDates.at;
import static com.promisevalidator.TestDates.date;
import static com.promisevalidator.TestDates.say;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.putJson;
import static com.promisevalidator.api.CommitTestSupport.committed;
import static com.promisevalidator.api.CommitTestSupport.delivery;
import static com.promisevalidator.api.CommitTestSupport.earliest;
import static com.promisevalidator.api.CommitTestSupport.garage;
import static com.promisevalidator.api.CommitTestSupport.promise;
import static com.promisevalidator.api.CommitTestSupport.serviceCommit;
import static com.promisevalidator.api.CommitTestSupport.stock;
import static com.promisevalidator.api.CommitTestSupport.validate;
import static com.promisevalidator.api.CommitTestSupport.warehouse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.promisevalidator.TestClock;
import com.promisevalidator.commitment.service.AtRiskMonitor;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Probe P11: ops lowering a site's daily order capacity, or a service's bays, below what is already committed left every
 * promise OPEN. Now the promises committed last beyond the new capacity go AT_RISK (DAY_FULL, NO_FREE_BAY), the first
 * committed keep their place, and all go back to OPEN when the capacity returns.
 */
@QuarkusTest
class CapacityLoweredAtRiskApiTest {

    @Inject
    AtRiskMonitor monitor;

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    private static final String SITE = """
            {"name":"Commit test DC","timeZone":"America/Sao_Paulo","cutoff":"14:00",
             "workingDays":["MON","TUE","WED","THU","FRI"],"dailyCapacity":{"orders":%d}}""";

    @Test
    void dayCapacityLoweredBelowTheOrdersCommittedPutsTheLastCommittedAtRisk() {
        String dc = id("CL-DC"), region = id("CL-R"), sku = id("CL-SKU");
        warehouse(dc, region, 100);
        stock(dc, sku, 10);
        List<String> ids = new ArrayList<>(); // in the order committed, a minute apart
        // at a target of 0.80, the date the lane gives now (day(2), or day(3) when other tests' deliveries make "deliveries
        // everywhere slower lately"): it holds while the capacity does, so only the capacity cut can put it at risk
        String date = earliest(delivery(id("CL-Q"), "alice", dc, region, sku, 1, null).replaceFirst("\\{", "{\"confidence\":0.8,"));
        for (int i = 0; i < 3; i++) {
            String quote = delivery(id("CL-Q" + i), "alice", dc, region, sku, 1, date).replaceFirst("\\{", "{\"confidence\":0.8,");
            JsonPath answer = validate(quote).extract().jsonPath();
            assertEquals("APPROVED", answer.getString("verdict"), answer.prettify());
            ids.add(committed(id("CL-K" + i), "{\"decisionId\":\"" + answer.getString("decisionId") + "\"}"));
            assertEquals(date(0), promise(ids.get(i)).getString("holds.dispatchDay"));
            TestClock.advance(Duration.ofMinutes(1));
        }
        monitor.recheckAll();
        for (String p : ids) assertEquals("OPEN", promise(p).getString("status"));

        TestClock.advance(Duration.ofMinutes(1)); // the monitor re-checks promises checked before the change
        putJson("/api/v1/sites/" + dc, SITE.formatted(1)).statusCode(200);
        monitor.recheckAll();

        JsonPath first = promise(ids.get(0));
        assertEquals("OPEN", first.getString("status"), "the first committed keeps the day: " + first.prettify());
        assertNull(first.get("atRisk"));
        for (int i = 1; i < 3; i++) {
            JsonPath v = promise(ids.get(i));
            assertEquals("AT_RISK", v.getString("status"), v.prettify());
            assertEquals("DAY_FULL", v.getString("atRisk.code"));
            assertEquals(1, (Integer) v.get("atRisk.evidence.dailyCapacity"));
            assertEquals(3, (Integer) v.get("atRisk.evidence.taken"));
            assertEquals(i, (Integer) v.get("atRisk.evidence.committedBefore"));
            assertEquals(date(0), v.getString("atRisk.evidence.dispatchDay"));
            // one order a day: the second leaves on day(1), the third on day(2); the 2-day lane then misses day(2)
            assertEquals(date(i), v.getString("atRisk.evidence.leavesOn"));
            assertTrue(v.getDouble("currentConfidence") < v.getDouble("targetConfidence"), v.prettify());
            String reason = v.getString("atRisk.reason");
            assertTrue(reason.startsWith("At risk: " + dc + " now dispatches 1 order a day and " + i + (i == 1 ? " order committed before this one fills " : " orders committed before this one fill ") + say(0) + ", so it leaves on " + say(i) + " at the earliest: "), reason);
        }

        // probe P13 L7: lowered to 0 the sentence said "0 orders committed before this one fill …"
        TestClock.advance(Duration.ofMinutes(1));
        putJson("/api/v1/sites/" + dc, SITE.formatted(0)).statusCode(200);
        monitor.recheckAll();
        JsonPath none = promise(ids.get(0));
        assertEquals("AT_RISK", none.getString("status"), none.prettify());
        int promised = (int) java.time.temporal.ChronoUnit.DAYS.between(TestClock.anchorDay(), java.time.LocalDate.parse(date));
        assertEquals("At risk: " + dc + " now dispatches no orders, so no working day up to " + say(promised) + " has room for this one (target 80%).",
                none.getString("atRisk.reason"));

        TestClock.advance(Duration.ofMinutes(1));
        putJson("/api/v1/sites/" + dc, SITE.formatted(100)).statusCode(200);
        monitor.recheckAll();
        for (String p : ids) assertEquals("OPEN", promise(p).getString("status"), "capacity is back");
    }

    @Test
    void baysLoweredBelowTheJobsBookedAtOnceputsTheLastBookedAtRisk() {
        String g = id("CB-G"), type = id("CB-T");
        garage(g, type, 3);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(committed(id("CB-K" + i), serviceCommit(id("CB-Q" + i), g, type, at(1, "10:00"), 30)));
            TestClock.advance(Duration.ofMinutes(1));
        }
        monitor.recheckAll();
        for (String p : ids) assertEquals("OPEN", promise(p).getString("status"));

        TestClock.advance(Duration.ofMinutes(1));
        putJson("/api/v1/sites/" + g + "/services/" + type, """
                {"bays":1,"openingHours":"08:00-18:00","standardMinutes":30}""").statusCode(200);
        monitor.recheckAll();

        assertEquals("OPEN", promise(ids.get(0)).getString("status"), "the first booked keeps its bay");
        for (int i = 1; i < 3; i++) {
            JsonPath v = promise(ids.get(i));
            assertEquals("AT_RISK", v.getString("status"), v.prettify());
            assertEquals("NO_FREE_BAY", v.getString("atRisk.code"));
            assertEquals(1, (Integer) v.get("atRisk.evidence.bays"));
            assertEquals(i, (Integer) v.get("atRisk.evidence.busyBays"));
            assertEquals(0.0, v.getDouble("currentConfidence"), 1e-9);
            String reason = v.getString("atRisk.reason");
            assertTrue(reason.startsWith("At risk: " + g + " now has 1 bay for " + type + ", taken at "), reason);
            assertTrue(reason.contains(" by " + i + (i == 1 ? " job" : " jobs") + " booked before this one, so it cannot start then"), reason);
        }

        TestClock.advance(Duration.ofMinutes(1));
        putJson("/api/v1/sites/" + g + "/services/" + type, """
                {"bays":3,"openingHours":"08:00-18:00","standardMinutes":30}""").statusCode(200);
        monitor.recheckAll();
        for (String p : ids) assertEquals("OPEN", promise(p).getString("status"), "the bays are back");
    }
}
