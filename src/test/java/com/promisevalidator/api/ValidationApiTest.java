package com.promisevalidator.api;

import static com.promisevalidator.TestDates.at;
import static com.promisevalidator.TestDates.date;
import static com.promisevalidator.TestDates.day;
import static com.promisevalidator.api.ApiTestSupport.CSV_HEADER;
import static com.promisevalidator.api.ApiTestSupport.assertFieldProblem;
import static com.promisevalidator.api.ApiTestSupport.assertProblem;
import static com.promisevalidator.api.ApiTestSupport.createSite;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.postCsv;
import static com.promisevalidator.api.ApiTestSupport.postJson;
import static com.promisevalidator.api.ApiTestSupport.putJson;
import static io.restassured.RestAssured.get;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import com.promisevalidator.validation.facts.ReasonCode;
import io.restassured.http.ContentType;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.promisevalidator.TestClock;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * POST /api/v1/promises/validate and validate-batch against a small fixture built through the API.
 *
 * <p>Fixture: warehouse {@link #DC} (Sao Paulo time, cut-off 14:00, MON-FRI, 100 orders a day) with a
 * lane to {@link #REGION}; SKU {@link #SKU}: 5 on hand, 100 arriving on day(7). Garage {@link #GARAGE}
 * offers {@link #OIL} (3 bays, 08:00-18:00, standard 20 minutes). History (day(-64) to day(-39)): 40 deliveries
 * DC→REGION ordered before the cut-off on working days, lead 2 days (8), 3 days (16), 4 days (16); 40 oil
 * changes taking 36..45 minutes (each value 4 times), all started at 10:00 on weekdays (day(-57) to day(-54), Monday to
 * Thursday).
 *
 * <p>Expected from that history: the lane's 90% lead time is 4 days (60% of deliveries take at most 3,
 * all at most 4; the lane, region and site levels together outweigh any other history more than ten to
 * one, so data of other tests cannot move it); the 90% oil change is 44 minutes (36..43 minutes cover
 * 80% of jobs, 44 covers 90%; the standard 20 minutes only weighs in as a prior). Quotes are placed on
 * day(0) 10:00, a Tuesday and the test clock's "now" (days count from its anchor, see TestDates).
 */
@QuarkusTest
class ValidationApiTest {

    static final String DC = id("V-DC");
    static final String GARAGE = id("V-GAR");
    static final String REGION = id("V-RJ");
    static final String SKU = id("V-SKU");
    static final String OIL = id("V-OIL");
    static final String ORDERED_AT = at(0, "10:00");

    private static boolean fixtureReady;

    @BeforeEach
    void fixture() {
        if (fixtureReady) return;
        String site = """
                {"name":"%s","timeZone":"America/Sao_Paulo","cutoff":"14:00",
                 "workingDays":["MON","TUE","WED","THU","FRI"],"dailyCapacity":{"orders":100}}""";
        createSite(DC, site.formatted("Validation DC"));
        createSite(GARAGE, site.formatted("Validation garage"));
        putJson("/api/v1/sites/" + DC + "/stock/" + SKU, """
                {"onHand":5,"inbound":[{"quantity":100,"arrives":"%s"}]}""".formatted(date(7))).statusCode(200);
        putJson("/api/v1/sites/" + DC + "/lanes/" + REGION, "{\"transitDays\":3}").statusCode(200);
        putJson("/api/v1/sites/" + GARAGE + "/services/" + OIL, """
                {"bays":3,"openingHours":"08:00-18:00","standardMinutes":20}""").statusCode(200);

        List<String> rows = new ArrayList<>();
        LocalDate day = day(-64); // a Monday
        int i = 0;
        while (i < 40) {
            if (day.getDayOfWeek().getValue() <= 5) {
                for (String time : new String[]{"09:00", "11:00"}) {
                    int lead = i % 5 == 0 ? 2 : i % 5 <= 2 ? 3 : 4;
                    rows.add(String.join(",", "DELIVERY", id("V-D" + i), DC, REGION, "", "alice",
                            day + "T" + time + ":00-03:00", day.plusDays(5).toString(),
                            day.plusDays(lead) + "T16:00:00-03:00", "", "", "1"));
                    i++;
                }
            }
            day = day.plusDays(1);
        }
        for (int d = 0; d < 4; d++) {
            for (int k = 0; k < 10; k++) {
                // every job started at 10:00 on a weekday, like the quotes: no time-of-week effect can move them
                String start = day(-57 + d) + "T10:00:00-03:00";
                rows.add(String.join(",", "SERVICE", id("V-S" + d + "-" + k), GARAGE, "", OIL, "bob", start, "", "",
                        "20", String.valueOf(36 + k), ""));
            }
        }
        postCsv(CSV_HEADER + "\n" + String.join("\n", rows) + "\n")
                .statusCode(200)
                .body("rows", equalTo(80))
                .body("imported", equalTo(80))
                .body("sitesCreated", hasSize(0))
                .body("regionsCreated", hasSize(0));
        fixtureReady = true;
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static String delivery(String quoteId, String lines, String promisedBy) {
        return """
                {"type":"DELIVERY","quoteId":"%s","rep":"alice","customer":"ACME","site":"%s","region":"%s",
                 "lines":%s,"orderedAt":"%s"%s}""".formatted(quoteId, DC, REGION, lines, ORDERED_AT,
                promisedBy == null ? "" : ",\"promisedBy\":\"" + promisedBy + "\"");
    }

    private static String lines(int quantity) {
        return "[{\"sku\":\"" + SKU + "\",\"quantity\":" + quantity + "}]";
    }

    private static String service(String quoteId, String startAt, Integer promisedMinutes) {
        return """
                {"type":"SERVICE","quoteId":"%s","rep":"bob","site":"%s","serviceType":"%s","startAt":"%s"%s}"""
                .formatted(quoteId, GARAGE, OIL, startAt, promisedMinutes == null ? "" : ",\"promisedMinutes\":" + promisedMinutes);
    }

    private static JsonPath validate(String json) {
        JsonPath jp = postJson("/api/v1/promises/validate", json).statusCode(200).extract().jsonPath();
        assertDecision(jp, "");
        return jp;
    }

    /** The fields every answer carries (PRODUCT.md, "Response"). */
    private static void assertDecision(JsonPath jp, String prefix) {
        String decisionId = jp.getString(prefix + "decisionId");
        assertNotNull(decisionId, "decisionId");
        assertFalse(decisionId.isBlank(), "decisionId");
        assertThat(jp.getString(prefix + "verdict"), org.hamcrest.Matchers.oneOf("APPROVED", "ALTERNATIVE", "REJECTED"));
        double confidence = jp.getDouble(prefix + "confidence");
        assertTrue(confidence >= 0.0 && confidence <= 1.0, "confidence " + confidence);
        assertNotNull(jp.getList(prefix + "reasons"), "reasons");
        assertFalse(jp.getList(prefix + "reasons").isEmpty(), "reasons");
        for (Map<String, Object> r : jp.<Map<String, Object>>getList(prefix + "reasons")) {
            assertNotNull(r.get("rule"), "reasons[].rule");
            assertNotNull(ReasonCode.valueOf((String) r.get("code")), "reasons[].code is a stable reason code");
            assertThat((String) r.get("severity"), org.hamcrest.Matchers.oneOf("INFO", "WARNING", "ERROR"));
            assertNotNull(r.get("message"), "reasons[].message");
            assertNotNull(r.get("evidence"), "reasons[].evidence");
        }
        assertThat(jp.getString(prefix + "rulesVersion"), matchesPattern("[0-9a-f]{12}"));
        // evaluated on the service's clock, the test clock
        assertEquals(TestClock.now(), OffsetDateTime.parse(jp.getString(prefix + "evaluatedAt")).toInstant());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> reason(JsonPath jp, String rule) {
        for (Map<String, Object> r : jp.<Map<String, Object>>getList("reasons")) {
            if (rule.equals(r.get("rule"))) return r;
        }
        throw new AssertionError("no reason from rule '" + rule + "' in " + jp.getList("reasons.rule"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> evidence(JsonPath jp, String rule) {
        return (Map<String, Object>) reason(jp, rule).get("evidence");
    }

    // ---- deliveries ---------------------------------------------------------------------------

    @Test
    void comfortablyLateDateIsApproved() {
        JsonPath jp = validate(delivery("Q-LATE", lines(2), date(14)));
        assertEquals("Q-LATE", jp.getString("quoteId"));
        assertEquals("APPROVED", jp.getString("verdict"));
        assertThat(jp.getDouble("confidence"), greaterThanOrEqualTo(0.9));
        assertEquals(0.9, jp.getDouble("targetConfidence"), 1e-9);
        assertEquals(date(4), jp.getString("recommended.promisedBy"));
        assertEquals(DC, jp.getString("recommended.site"));
        assertThat(jp.getDouble("recommended.confidence"), greaterThanOrEqualTo(0.9));
        assertThat(jp.getList("reasons.rule"), hasItem("All lines in stock"));
        Map<String, Object> lead = evidence(jp, "Lead time from past performance");
        assertEquals(4, lead.get("leadDaysAtTarget"));
        assertEquals(40, lead.get("sampleSize"));
        assertEquals(true, lead.get("fromHistory"));
        assertEquals(date(0), lead.get("dispatch"));
        assertEquals(date(4), lead.get("earliest"));
        assertEquals("INFO", reason(jp, "Lead time from past performance").get("severity"));
        assertEquals(get("/api/v1/rules").then().statusCode(200).extract().path("version"), jp.getString("rulesVersion"));
    }

    @Test
    void quantityAboveOnHandWaitsForInbound() {
        JsonPath jp = validate(delivery("Q-SHORT", lines(20), date(4)));
        assertEquals("ALTERNATIVE", jp.getString("verdict"));
        assertEquals(0.0, jp.getDouble("confidence"), 1e-9); // nothing can leave before the inbound day
        LocalDate recommended = LocalDate.parse(jp.getString("recommended.promisedBy"));
        assertFalse(recommended.isBefore(day(7)), "recommended on/after the inbound day: " + recommended);
        assertEquals(day(11), recommended); // dispatch day(7) + 4 days
        assertEquals(DC, jp.getString("recommended.site"));

        Map<String, Object> r = reason(jp, "Short line waits for inbound");
        assertEquals("WAITS_FOR_INBOUND", r.get("code"));
        assertEquals("WARNING", r.get("severity"));
        assertThat((String) r.get("message"), containsString("5 of 20"));
        @SuppressWarnings("unchecked") Map<String, Object> ev = (Map<String, Object>) r.get("evidence");
        assertEquals(SKU, ev.get("sku"));
        assertEquals(20, ev.get("needed"));
        assertEquals(5, ev.get("availableNow"));
        assertEquals(date(7), ev.get("readyDay"));
        assertEquals(date(7), evidence(jp, "Lead time from past performance").get("dispatch"));

        // a split delivery: the 5 on the shelf now, the other 15 after the inbound
        assertThat(jp.getList("alternatives.kind"), hasItem("SPLIT"));
        String split = "alternatives.find { it.kind == 'SPLIT' }.";
        assertEquals(List.of(date(4), date(11)), jp.getList(split + "parts.promisedBy"));
        assertEquals(List.of(5), jp.getList(split + "parts[0].lines.quantity"));
        assertEquals(List.of(15), jp.getList(split + "parts[1].lines.quantity"));
    }

    @Test
    void tooEarlyDateGetsTheEarliestRealisticOne() {
        JsonPath jp = validate(delivery("Q-EARLY", lines(1), date(2)));
        assertEquals("ALTERNATIVE", jp.getString("verdict"));
        assertThat(jp.getDouble("confidence"), lessThan(0.5)); // at most a fifth of the lane's deliveries took 2 days
        assertEquals(date(4), jp.getString("recommended.promisedBy"));
        assertThat(jp.getDouble("recommended.confidence"), greaterThanOrEqualTo(0.9));
        assertEquals("WARNING", reason(jp, "Lead time from past performance").get("severity"));
    }

    @Test
    void noPromisedByIsApprovedWithTheBestPromise() {
        JsonPath jp = validate(delivery("Q-BEST", lines(2), null));
        assertEquals("APPROVED", jp.getString("verdict"));
        assertEquals(date(4), jp.getString("recommended.promisedBy"));
        assertEquals(DC, jp.getString("recommended.site"));
        assertThat(jp.getDouble("recommended.confidence"), greaterThanOrEqualTo(0.9));
        assertEquals(jp.getDouble("recommended.confidence"), jp.getDouble("confidence"), 1e-9);
    }

    @Test
    void withoutSiteAnySiteWithALaneServes() {
        JsonPath jp = validate("""
                {"type":"DELIVERY","region":"%s","lines":[{"sku":"%s","quantity":1}],"orderedAt":"%s"}"""
                .formatted(REGION, SKU, ORDERED_AT));
        assertEquals("APPROVED", jp.getString("verdict"));
        assertEquals(DC, jp.getString("recommended.site"));
        assertEquals(date(4), jp.getString("recommended.promisedBy"));
    }

    @Test
    void orderAfterCutOffOnFridayShipsOnMonday() {
        JsonPath jp = validate("""
                {"type":"DELIVERY","site":"%s","region":"%s","orderedAt":"%s"}"""
                .formatted(DC, REGION, at(3, "15:00")));
        assertEquals("APPROVED", jp.getString("verdict"));
        assertThat(jp.getList("reasons.rule"), hasItem("Order after cut-off starts tomorrow"));
        assertThat(jp.getList("reasons.rule"), hasItem("No dispatch on a closed day"));
        assertEquals(date(6), evidence(jp, "Lead time from past performance").get("dispatch"));
        assertEquals(date(10), jp.getString("recommended.promisedBy"));
    }

    @Test
    void lowerTargetConfidenceGivesAnEarlierPromise() {
        JsonPath jp = validate("""
                {"type":"DELIVERY","site":"%s","region":"%s","orderedAt":"%s","confidence":0.5}"""
                .formatted(DC, REGION, ORDERED_AT));
        assertEquals(0.5, jp.getDouble("targetConfidence"), 1e-9);
        assertEquals(date(3), jp.getString("recommended.promisedBy")); // 60% of deliveries took at most 3 days
        assertEquals(3, evidence(jp, "Lead time from past performance").get("leadDaysAtTarget"));
    }

    @Test
    void aNewLaneIsPromisedByItsPlanningValueNotByTheSitesOtherLanes() {
        // the site's only lane with history takes up to 4 days; ops plan 9 days to one new region and 1 day to another
        String far = id("V-FAR"), near = id("V-NEAR");
        putJson("/api/v1/sites/" + DC + "/lanes/" + far, "{\"transitDays\":9}").statusCode(200);
        putJson("/api/v1/sites/" + DC + "/lanes/" + near, "{\"transitDays\":1}").statusCode(200);
        String quote = """
                {"type":"DELIVERY","site":"%s","region":"%s","orderedAt":"%s"}""";
        JsonPath slow = validate(quote.formatted(DC, far, ORDERED_AT));
        Map<String, Object> lead = evidence(slow, "Lead time from past performance");
        assertEquals(9, lead.get("leadDaysAtTarget"));
        assertEquals(false, lead.get("fromHistory"));
        assertEquals("the " + DC + "→" + far + " planning value", lead.get("source"));
        assertThat((String) reason(slow, "Lead time from past performance").get("message"), containsString("planning value plans 9 days"));
        Map<String, Object> fast = evidence(validate(quote.formatted(DC, near, ORDERED_AT)), "Lead time from past performance");
        assertEquals(1, fast.get("leadDaysAtTarget"), "ops plan 1 day where the site's lane takes 2 to 4");
    }

    // ---- services -----------------------------------------------------------------------------

    @Test
    void tenMinuteOilChangeThatTakesFortyGetsRealisticMinutes() {
        JsonPath jp = validate(service("Q-OIL10", ORDERED_AT, 10));
        assertEquals("ALTERNATIVE", jp.getString("verdict"));
        // no oil change here ever took 10 minutes; the planning prior (its standard of 20, as standards have turned out at
        // every site, other tests' garages included: one of them imports 5-minute jobs on a standard of 30) leaves a trace,
        // 1.6 % in the full suite (2.2 % with the test clock on 2028-02-29), 0 when this class runs alone
        assertEquals(0.0, jp.getDouble("confidence"), 0.05);
        double minutes = jp.getDouble("recommended.promisedMinutes");
        assertThat(minutes, greaterThanOrEqualTo(35.0));
        // the oil changes took 36-45 minutes; other tests' services (standard times as they turn out, the recalibration of
        // every estimate) may add a trace either way, which a promise exact to its grid (43.8, 44.5) shows where a whole
        // minute hid it: run after HistoryTrustApiTest it is 43.8 (before the site effect's change too)
        assertTrue(minutes >= 43.5 && minutes <= 45, "recommended " + minutes);
        assertEquals(GARAGE, jp.getString("recommended.site"));
        assertEquals(OffsetDateTime.parse(ORDERED_AT).toInstant(), OffsetDateTime.parse(jp.getString("recommended.startAt")).toInstant());
        assertNull(jp.get("recommended.promisedBy"));
        assertThat(jp.getDouble("recommended.confidence"), greaterThanOrEqualTo(0.9));

        Map<String, Object> r = reason(jp, "Service duration from past performance");
        assertEquals("WARNING", r.get("severity"));
        assertThat((String) r.get("message"), containsString("10 minutes"));
        @SuppressWarnings("unchecked") Map<String, Object> ev = (Map<String, Object>) r.get("evidence");
        assertEquals(minutes, ((Number) ev.get("minutesAtTarget")).doubleValue(), 1e-4); // read back as a float (43.8 is 43.7999992)
        assertEquals(40, ev.get("sampleSize"));
        assertEquals(20, ev.get("standardMinutes"));
        assertEquals(true, ev.get("fromHistory"));
        assertThat(jp.getList("reasons.rule"), hasItem("Bay free at the asked time"));
    }

    @Test
    void realisticServiceMinutesAreApproved() {
        JsonPath jp = validate(service("Q-OIL50", ORDERED_AT, 50));
        assertEquals("APPROVED", jp.getString("verdict"));
        // every oil change took at most 45 minutes; the standard below the history, read as standard times have turned out
        // for every service (other tests' too), may leave a trace beyond 50
        assertEquals(1.0, jp.getDouble("confidence"), 0.01);
        double minutes = jp.getDouble("recommended.promisedMinutes");
        assertTrue(minutes >= 43.5 && minutes <= 45, "recommended " + minutes);
        assertEquals("INFO", reason(jp, "Service duration from past performance").get("severity"));
    }

    @Test
    void serviceBeforeOpeningMovesToTheFirstFreeSlot() {
        // tomorrow: a start before opening today would have passed already (now is 10:00), which is another reason
        JsonPath jp = validate(service("Q-OIL7", at(1, "07:00"), 50));
        assertEquals("ALTERNATIVE", jp.getString("verdict"));
        assertEquals(OffsetDateTime.parse(at(1, "08:00")).toInstant(),
                OffsetDateTime.parse(jp.getString("recommended.startAt")).toInstant());
        // the slot's own minutes, as asking that slot says (a fixed figure would move with other tests' service outcomes,
        // which recalibrate every estimate)
        assertEquals(validate(service("Q-OIL8", at(1, "08:00"), null)).getDouble("recommended.promisedMinutes"),
                jp.getDouble("recommended.promisedMinutes"));
        assertEquals("WARNING", reason(jp, "No free bay: start later").get("severity"));
    }

    /**
     * H2-2: a start that has already passed was answered with no word of it, while a commit refuses it. It is still answered
     * as of then (as a backdated delivery quote is, and as replays ask), with START_PASSED saying so in the garage's time.
     */
    @Test
    void aServiceStartThatHasPassedIsAnsweredAsOfThenAndSaysSo() {
        JsonPath jp = validate(service("Q-OIL-PAST", at(-1, "10:00"), 50));
        assertEquals(OffsetDateTime.parse(at(-1, "10:00")).toInstant(), OffsetDateTime.parse(jp.getString("recommended.startAt")).toInstant());
        // the minutes of that start's band of the week: as a start to come at the same hour a week later gets them
        assertEquals(validate(service("Q-OIL-WEEK", at(6, "10:00"), 50)).getDouble("recommended.promisedMinutes"),
                jp.getDouble("recommended.promisedMinutes"), 1e-9);
        assertEquals("WARNING", reason(jp, "Start has passed").get("severity"));
        String said = message(jp, "", "START_PASSED");
        assertThat(said, containsString("The asked start, " + com.promisevalidator.TestDates.say(-1) + " 10:00 (UTC-3), has already passed (it is now "
                + com.promisevalidator.TestDates.say(0) + " 10:00 (UTC-3))"));
        // a start within the minutes a commit still books is not passed
        JsonPath now = validate(service("Q-OIL-NOW", at(0, "09:55"), 50));
        assertTrue(now.getList("reasons.code").stream().noneMatch("START_PASSED"::equals), now.getList("reasons.code").toString());
    }

    /**
     * H2-3: a rep in Lisbon asks for 10:00 their time; the sentence says the garage's 06:00 and names whose clock that is
     * (the evidence stays the garage's local time with its offset).
     */
    @Test
    void serviceTimesInSentencesNameTheGaragesOffset() {
        String lisbon = day(1) + "T10:00:00+01:00"; // 06:00 at the garage (-03:00): closed
        JsonPath jp = validate(service("Q-OIL-LIS", lisbon, 50));
        assertEquals("ALTERNATIVE", jp.getString("verdict"));
        assertThat(message(jp, "", "NO_FREE_BAY"), containsString("No bay at " + com.promisevalidator.TestDates.say(1) + " 06:00 (UTC-3): "
                + GARAGE + " is closed then; the first free slot is " + com.promisevalidator.TestDates.say(1) + " 08:00 (UTC-3)."));
        assertEquals(day(1) + "T06:00:00-03:00", jp.getString("reasons.find { it.code == 'NO_FREE_BAY' }.evidence.asked"));
        JsonPath pt = validateIn("pt", service("Q-OIL-LIS-PT", lisbon, 50));
        assertThat(message(pt, "", "NO_FREE_BAY"), containsString(" 06:00 (UTC-3): " + GARAGE + " está fechado nesse horário"));
    }

    /** H2-9: 17:50 is within 08:00-18:00: the garage is open then, the job would end after closing; not "closed". */
    @Test
    void aServiceThatWouldEndAfterClosingSaysSoNotClosed() {
        JsonPath jp = validate(service("Q-OIL-1750", at(1, "17:50"), 10));
        assertEquals("ALTERNATIVE", jp.getString("verdict"));
        String said = message(jp, "", "NO_FREE_BAY");
        assertThat(said, containsString(GARAGE + " is open then, but the "));
        assertThat(said, containsString("-minute job would end after it closes at 18:00"));
        assertThat(said, not(containsString("closed")));
        assertEquals(true, jp.getBoolean("reasons.find { it.code == 'NO_FREE_BAY' }.evidence.open"));
        assertEquals(true, jp.getBoolean("reasons.find { it.code == 'NO_FREE_BAY' }.evidence.endsAfterClosing"));
        assertEquals("18:00", jp.getString("reasons.find { it.code == 'NO_FREE_BAY' }.evidence.closes"));
    }

    /** H2-5: decimals in Portuguese sentences take the decimal comma, like the percentages beside them. */
    @Test
    void portugueseSentencesWriteDecimalsWithAComma() {
        JsonPath pt = validateIn("pt", """
                {"type":"SERVICE","quoteId":"Q-OIL-PT","rep":"bob","site":"%s","serviceType":"%s","startAt":"%s","promisedMinutes":12.5}"""
                .formatted(GARAGE, OIL, ORDERED_AT));
        String said = message(pt, "", "SERVICE_DURATION");
        assertThat(said, containsString("12,5 minutos se cumprem em "));
        assertThat(said, not(containsString("12.5")));
        // the mastery score (a decimal) too, where bob's record has one (WordingTest checks it on its own)
        String record = message(pt, "", "REP_RECORD");
        if (record.contains("nota de domínio")) assertThat(record, matchesPattern(".*nota de domínio \\d+,\\d/10\\).*"));
    }

    // ---- reason codes and languages -------------------------------------------------------------

    private static JsonPath validateIn(String language, String json) {
        JsonPath jp = io.restassured.RestAssured.given().contentType(ContentType.JSON).header("Accept-Language", language).body(json)
                .post("/api/v1/promises/validate").then().statusCode(200).extract().jsonPath();
        assertDecision(jp, "");
        return jp;
    }

    @SuppressWarnings("unchecked")
    private static String message(JsonPath jp, String prefix, String code) {
        for (Map<String, Object> r : jp.<Map<String, Object>>getList(prefix + "reasons")) {
            if (code.equals(r.get("code"))) return (String) r.get("message");
        }
        throw new AssertionError("no reason " + code + " in " + jp.getList(prefix + "reasons.code"));
    }

    @Test
    void reasonsCarryStableCodesAndAreWordedInTheAskedLanguage() {
        String quote = delivery("Q-LANG", lines(20), date(4));
        JsonPath en = validate(quote);
        JsonPath pt = validateIn("pt-BR,pt;q=0.9,en;q=0.5", quote);
        JsonPath fr = validateIn("fr", quote); // no French file: English

        assertEquals(List.of("WAITS_FOR_INBOUND", "LEAD_TIME", "SPLIT_OFFERED", "REP_RECORD"), en.getList("reasons.code"));
        assertEquals(en.getList("reasons.code"), pt.getList("reasons.code"));
        assertEquals(en.getList("reasons.rule"), pt.getList("reasons.rule"));
        assertEquals(en.getList("reasons.evidence"), pt.getList("reasons.evidence"));
        assertEquals(en.getString("verdict"), pt.getString("verdict"));
        assertEquals(en.getString("recommended.promisedBy"), pt.getString("recommended.promisedBy"));

        // the lane's 40 orders are weighed with its planning value of 3 days: the sentence says both
        assertThat(message(en, "", "LEAD_TIME"), containsString(" deliveries and the lane's planning value of 3 days, deliveries take up to "
                + "4 days 90% of the time (40 orders on the lane); "));
        assertThat(message(pt, "", "LEAD_TIME"), containsString(" e o valor planejado da rota, de 3 dias, as entregas levam até 4 dias em 90% das vezes "
                + "(40 pedidos na rota); "));
        assertEquals("%s has 5 of 20 %s free today; inbound supply covers the rest on %s.".formatted(DC, SKU,
                com.promisevalidator.TestDates.say(7)), message(en, "", "WAITS_FOR_INBOUND"));
        assertThat(message(pt, "", "WAITS_FOR_INBOUND"), containsString("tem 5 de 20 " + SKU + " livres hoje; a reposição cobre o restante em "));
        assertEquals(message(en, "", "LEAD_TIME"), message(fr, "", "LEAD_TIME"));
        assertEquals("Enviar agora o que está em estoque e o restante quando a reposição chegar.",
                pt.getString("alternatives.find { it.kind == 'SPLIT' }.description"));

        // validate-batch answers in the asked language too
        JsonPath batch = io.restassured.RestAssured.given().contentType(ContentType.JSON).header("Accept-Language", "pt")
                .body("{\"quotes\":[" + quote + "," + service("Q-LANG-S", ORDERED_AT, 10) + "]}")
                .post("/api/v1/promises/validate-batch").then().statusCode(200).extract().jsonPath();
        assertEquals(en.getList("reasons.code"), batch.getList("results[0].reasons.code"));
        assertEquals(message(pt, "", "LEAD_TIME"), message(batch, "results[0].", "LEAD_TIME"));
        assertThat(message(batch, "results[1].", "SERVICE_DURATION"), containsString(" minutos se cumprem em "));
    }

    // ---- batch --------------------------------------------------------------------------------

    @Test
    void batchAnswersInTheSameOrderAndCount() {
        String body = "{\"quotes\":[" + String.join(",",
                delivery("B-1", lines(2), date(14)),
                service("B-2", ORDERED_AT, 10),
                delivery("B-3", lines(20), date(4)),
                delivery("B-4", lines(1), null)) + "]}";
        JsonPath jp = postJson("/api/v1/promises/validate-batch", body).statusCode(200).extract().jsonPath();
        assertEquals(4, jp.getList("results").size());
        for (int i = 0; i < 4; i++) assertDecision(jp, "results[" + i + "].");
        assertEquals(List.of("B-1", "B-2", "B-3", "B-4"), jp.getList("results.quoteId"));
        assertEquals(List.of("APPROVED", "ALTERNATIVE", "ALTERNATIVE", "APPROVED"), jp.getList("results.verdict"));
        assertEquals(date(4), jp.getString("results[0].recommended.promisedBy"));
        double minutes = jp.getDouble("results[1].recommended.promisedMinutes");
        assertTrue(minutes >= 43.5 && minutes <= 45, "recommended " + minutes);
        assertEquals(date(11), jp.getString("results[2].recommended.promisedBy"));
        assertEquals(4, jp.getList("results.decisionId").stream().distinct().count());
    }

    @Test
    void emptyBatchAnswersNothing() {
        postJson("/api/v1/promises/validate-batch", "{\"quotes\":[]}").statusCode(200).body("results", hasSize(0));
    }

    @Test
    void batchWithAnUnknownSiteAnswersTheOthersAndPutsA422InItsPlace() {
        String body = "{\"quotes\":[" + delivery("B-OK", lines(1), null) + ","
                + "{\"type\":\"DELIVERY\",\"quoteId\":\"B-BAD\",\"site\":\"" + id("NO-SITE") + "\",\"region\":\"" + REGION + "\"}]}";
        JsonPath jp = postJson("/api/v1/promises/validate-batch", body).statusCode(200).extract().jsonPath();
        assertDecision(jp, "results[0].");
        assertEquals("B-BAD", jp.getString("results[1].quoteId"));
        assertEquals(422, jp.getInt("results[1].status"));
        assertEquals(List.of("site"), jp.getList("results[1].errors.field"));
    }

    @Test
    void batchWithABadQuoteAnswersTheOthersAndPutsA400InItsPlace() {
        String body = "{\"quotes\":[" + delivery("B-OK", lines(1), null) + ",{\"type\":\"PICKUP\"}]}";
        JsonPath jp = postJson("/api/v1/promises/validate-batch", body).statusCode(200).extract().jsonPath();
        assertDecision(jp, "results[0].");
        assertEquals(400, jp.getInt("results[1].status"));
        assertEquals(List.of("type"), jp.getList("results[1].errors.field"));
        assertFieldProblem(postJson("/api/v1/promises/validate-batch", "{}"), 400, "quotes");
    }

    // ---- unknown references: 422 --------------------------------------------------------------

    @Test
    void unknownSiteIsA422() {
        assertFieldProblem(postJson("/api/v1/promises/validate", """
                {"type":"DELIVERY","site":"%s","region":"%s","orderedAt":"%s"}""".formatted(id("NO-SITE"), REGION, ORDERED_AT)),
                422, "site").body("detail", containsString(id("NO-SITE")));
    }

    @Test
    void aRegionNeverSeenGetsAPromiseFromTheFallbacksNotA422() {
        // PRODUCT.md: a destination region with no history and no lane set gets a promise from the fallbacks
        postJson("/api/v1/promises/validate", """
                {"type":"DELIVERY","site":"%s","region":"%s","orderedAt":"%s"}""".formatted(DC, id("NEW-REGION"), ORDERED_AT))
                .statusCode(200)
                .body("verdict", equalTo("APPROVED"))
                .body("recommended.site", equalTo(DC))
                .body("reasons.find { it.code == 'LEAD_TIME' }.evidence.source", notNullValue())
                .body("reasons.find { it.code == 'LEAD_TIME' }.message", not(emptyOrNullString()));
    }

    @Test
    void aRegionInAnotherCaseIsANewRegionWhoseAnswerNamesTheKnownOne() {
        // probe H2-11: codes are case-sensitive (the promise is a new region's), but the answer says which one is known
        postJson("/api/v1/promises/validate", """
                {"type":"DELIVERY","site":"%s","region":"%s","orderedAt":"%s"}""".formatted(DC, REGION.toLowerCase(java.util.Locale.ROOT), ORDERED_AT))
                .statusCode(200)
                .body("reasons.find { it.code == 'REGION_UNKNOWN' }.severity", equalTo("WARNING"))
                .body("reasons.find { it.code == 'REGION_UNKNOWN' }.evidence.didYouMean", equalTo(REGION))
                .body("reasons.findAll { it.code == 'REGION_UNKNOWN' }", hasSize(1));
        postJson("/api/v1/promises/validate", """
                {"type":"DELIVERY","site":"%s","region":"%s","orderedAt":"%s"}""".formatted(DC, REGION, ORDERED_AT))
                .statusCode(200)
                .body("reasons.code", not(hasItem("REGION_UNKNOWN")));
    }

    @Test
    void aQuoteNamingNoSiteCarriesTheRepsRecordAndIsNotOfferedAGarageThatShipsNothing() {
        // probe H2-7: the rep's record with no site named too, once
        postJson("/api/v1/promises/validate", """
                {"type":"DELIVERY","rep":"alice","region":"%s","orderedAt":"%s"}""".formatted(REGION, ORDERED_AT))
                .statusCode(200)
                .body("reasons.findAll { it.code == 'REP_RECORD' }", hasSize(1));
        // probe H2-8: a site with no lane, no delivery history and no order capacity never serves a quote naming no site
        String garage = id("V-SVC-ONLY");
        createSite(garage, """
                {"name":"Service only","timeZone":"America/Sao_Paulo","cutoff":"14:00","workingDays":["MON","TUE","WED","THU","FRI"]}""");
        postJson("/api/v1/promises/validate", """
                {"type":"DELIVERY","region":"%s","orderedAt":"%s"}""".formatted(id("NEW-ANY"), ORDERED_AT))
                .statusCode(200)
                .body("recommended.site", not(equalTo(garage)))
                .body("alternatives.site", not(hasItem(garage)));
        // named explicitly, it is evaluated as asked
        postJson("/api/v1/promises/validate", """
                {"type":"DELIVERY","site":"%s","region":"%s","orderedAt":"%s"}""".formatted(garage, id("NEW-ANY"), ORDERED_AT))
                .statusCode(200)
                .body("recommended.site", equalTo(garage));
    }

    @Test
    void unknownSkuIsA422() {
        assertFieldProblem(postJson("/api/v1/promises/validate", """
                {"type":"DELIVERY","site":"%s","region":"%s","lines":[{"sku":"%s","quantity":1}],"orderedAt":"%s"}"""
                .formatted(DC, REGION, id("NO-SKU"), ORDERED_AT)), 422, "lines[0].sku")
                .body("detail", containsString(id("NO-SKU")));
    }

    @Test
    void unknownServiceTypeIsA422() {
        assertFieldProblem(postJson("/api/v1/promises/validate", """
                {"type":"SERVICE","site":"%s","serviceType":"%s","startAt":"%s"}""".formatted(GARAGE, id("NO-SVC"), ORDERED_AT)),
                422, "serviceType").body("detail", containsString(id("NO-SVC")));
        // offered elsewhere, but not at the asked site
        assertFieldProblem(postJson("/api/v1/promises/validate", """
                {"type":"SERVICE","site":"%s","serviceType":"%s","startAt":"%s"}""".formatted(DC, OIL, ORDERED_AT)),
                422, "serviceType");
        // and without a site: offered nowhere
        assertFieldProblem(postJson("/api/v1/promises/validate", """
                {"type":"SERVICE","serviceType":"%s","startAt":"%s"}""".formatted(id("NO-SVC"), ORDERED_AT)),
                422, "serviceType");
    }

    // ---- malformed quotes: 400 ----------------------------------------------------------------

    private static ValidatableResponse validateRaw(String json) {
        return postJson("/api/v1/promises/validate", json);
    }

    @Test
    void missingTypeIsA400() {
        assertFieldProblem(validateRaw("""
                {"site":"%s","region":"%s"}""".formatted(DC, REGION)), 400, "type");
    }

    @Test
    void unknownTypeIsA400() {
        assertFieldProblem(validateRaw("""
                {"type":"PICKUP","site":"%s","region":"%s"}""".formatted(DC, REGION)), 400, "type")
                .body("errors.find { it.field == 'type' }.message", containsString("PICKUP"));
    }

    @Test
    void confidenceAboveOneIsA400() {
        assertFieldProblem(validateRaw("""
                {"type":"DELIVERY","site":"%s","region":"%s","confidence":1.5}""".formatted(DC, REGION)), 400, "confidence");
    }

    @Test
    void quantityZeroIsA400() {
        assertFieldProblem(validateRaw(delivery("Q-ZERO", lines(0), null)), 400, "lines[0].quantity");
    }

    private static final String[][] BAD_JSON = {
            // path, body, field
            {"/api/v1/promises/validate", "{\"type\":\"DELIVERY\",\"region\":", "body"},
            {"/api/v1/promises/validate-batch", "{\"quotes\":[", "body"},
            {"/api/v1/promises/validate", "{\"type\":\"DELIVERY\",\"region\":\"R\",\"orderedAt\":\"not-a-date\"}", "orderedAt"},
            {"/api/v1/promises/validate", "{\"type\":\"DELIVERY\",\"region\":\"R\",\"promisedBy\":\"soon\"}", "promisedBy"},
            {"/api/v1/promises/validate", "{\"type\":\"DELIVERY\",\"region\":\"R\",\"lines\":[{\"sku\":\"S\",\"quantity\":\"five\"}]}", "lines[0].quantity"},
            {"/api/v1/promises/validate", "{\"type\":\"DELIVERY\",\"region\":\"R\",\"confidence\":\"high\"}", "confidence"},
            {"/api/v1/promises/validate", "[]", "body"},
    };

    @Test
    void malformedJsonAndWrongTypesAreRejectedWith400() {
        for (String[] c : BAD_JSON) {
            postJson(c[0], c[1]).statusCode(400);
        }
    }

    @Test
    void malformedJsonAndWrongTypesAreProblemsNamingTheField() {
        for (String[] c : BAD_JSON) {
            assertFieldProblem(postJson(c[0], c[1]), 400, c[2]);
        }
    }

    @Test
    void deliveryWithoutRegionIsA400() {
        assertFieldProblem(validateRaw("""
                {"type":"DELIVERY","site":"%s"}""".formatted(DC)), 400, "region");
    }

    @Test
    void serviceWithoutServiceTypeOrWithZeroMinutesIsA400() {
        assertFieldProblem(validateRaw("""
                {"type":"SERVICE","site":"%s"}""".formatted(GARAGE)), 400, "serviceType");
        assertFieldProblem(validateRaw(service("Q-ZEROMIN", ORDERED_AT, 0)), 400, "promisedMinutes");
    }

    @Test
    void malformedInputIsReportedBeforeUnknownReferences() {
        // both an unknown site and a bad confidence: the 400 wins, and lists every bad field
        assertProblem(validateRaw("""
                {"type":"DELIVERY","site":"%s","region":"%s","confidence":0,"lines":[{"sku":"%s","quantity":-2}]}"""
                .formatted(id("NO-SITE"), REGION, SKU)), 400)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("confidence", "lines[0].quantity"));
    }

    @Test
    void emptyBodyIsA400() {
        assertProblem(validateRaw(""), 400);
    }

    @Test
    void validatingDoesNotConsumeStock() {
        validate(delivery("Q-NOHOLD", lines(2), date(14)));
        get("/api/v1/sites/" + DC + "/stock/" + SKU).then().statusCode(200)
                .body("onHand", equalTo(5)).body("reserved", equalTo(0)).body("available", equalTo(5));
    }
}
