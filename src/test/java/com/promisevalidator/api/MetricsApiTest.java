package com.promisevalidator.api;

import static com.promisevalidator.api.ApiTestSupport.createSite;
import static com.promisevalidator.api.ApiTestSupport.id;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.promisevalidator.access.AdminKeyByDefault;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Prometheus text at /q/metrics (public) with the service's own series; health with its three probes. */
@QuarkusTest
class MetricsApiTest {

    private static String scrape() {
        return given().header(AdminKeyByDefault.HEADER, AdminKeyByDefault.NO_KEY).when().get("/q/metrics").then()
                .statusCode(200).extract().asString();
    }

    /** The value of the first series whose line starts with {@code prefix} (name and labels), 0 when absent. */
    private static double value(String text, String name, String... labels) {
        double sum = 0;
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(text);
        while (m.find()) {
            boolean all = true;
            for (String l : labels) all &= m.group(1).contains(l);
            if (all) sum += Double.parseDouble(m.group(2));
        }
        return sum;
    }

    @Test
    void decisionsAreCountedByVerdictAndReasonCode() {
        String site = id("MX");
        createSite(site, "{\"name\":\"M\",\"timeZone\":\"UTC\",\"cutoff\":\"14:00\",\"workingDays\":[\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\",\"SAT\",\"SUN\"],\"dailyCapacity\":{\"orders\":50}}");
        ApiTestSupport.putJson("/api/v1/sites/" + site + "/lanes/RJ", "{\"transitDays\":2}").statusCode(200);
        String before = scrape();
        double validated = value(before, "promise_decisions_total", "kind=\"VALIDATE\"");
        double validateCount = value(before, "promise_validate_seconds_count", "status=\"200\"");
        String verdict = given().contentType(ContentType.JSON).body("{\"type\":\"DELIVERY\",\"site\":\"" + site + "\",\"region\":\"RJ\"}")
                .when().post("/api/v1/promises/validate").then().statusCode(200).extract().path("verdict");
        java.util.List<String> codes = given().when().get("/api/v1/decisions?site=" + site).then().statusCode(200)
                .extract().path("decisions[0].answer.reasons.code");

        String after = scrape();
        assertEquals(validated + 1, value(after, "promise_decisions_total", "kind=\"VALIDATE\""), 1e-9);
        assertTrue(value(after, "promise_decisions_total", "kind=\"VALIDATE\"", "verdict=\"" + verdict + "\"") >= 1);
        for (String code : codes) {
            assertTrue(value(after, "promise_decision_reasons_total", "code=\"" + code + "\"", "verdict=\"" + verdict + "\"") >= 1, code);
        }
        // a latency histogram with buckets, counting this call
        assertEquals(validateCount + 1, value(after, "promise_validate_seconds_count", "status=\"200\""), 1e-9);
        assertTrue(after.contains("promise_validate_seconds_bucket{"), "histogram buckets");
    }

    @Test
    void commitLatencyIsMeasuredWhateverTheAnswer() {
        String before = scrape();
        double n = value(before, "promise_commit_seconds_count", "status=\"400\"");
        given().contentType(ContentType.JSON).header("Idempotency-Key", id("metrics-bad")).body("{\"decisionId\":")
                .when().post("/api/v1/promises").then().statusCode(400);
        assertEquals(n + 1, value(scrape(), "promise_commit_seconds_count", "status=\"400\""), 1e-9);
    }

    @Test
    void rulesAtRiskAndBacklogGaugesAreThere() {
        String version = given().when().get("/api/v1/rules").then().statusCode(200).extract().path("version");
        String text = scrape();
        assertEquals(1.0, value(text, "promise_rules_active", "version=\"" + version + "\""), 1e-9);
        assertTrue(text.contains("promise_rules_reload_failures_total "), "reload failures counter");
        assertTrue(text.contains("promise_rules_runtime_failures_total "), "runtime failures counter");
        assertTrue(text.matches("(?s).*\\npromise_promises_at_risk \\d+(\\.\\d+)?\\n.*"), "at-risk gauge with a number");
        assertTrue(text.contains("promise_webhook_backlog "), "webhook backlog gauge");
    }

    @Test
    void healthHasLiveReadyAndStartedAndReadyCoversDatabaseRulesAndDecisionLog() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("rules", "decision-log", "database"));
    }
}
