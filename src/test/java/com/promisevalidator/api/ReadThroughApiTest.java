package com.promisevalidator.api;

import static com.promisevalidator.api.ApiTestSupport.assertFieldProblem;
import static com.promisevalidator.api.ApiTestSupport.createSite;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.postJson;
import static com.promisevalidator.api.ApiTestSupport.putJson;
import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.promisevalidator.capacity.service.CapacityService;
import com.promisevalidator.db.ChangeLog;
import com.promisevalidator.db.Database;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * What another instance writes lands in the database behind this instance's in-memory view. Rows
 * are inserted here straight through the datasource (as another instance would) and must be usable
 * on the very next request: looked up on a miss, or refreshed when their change is announced.
 */
@QuarkusTest
class ReadThroughApiTest {

    private static final String SITE_JSON = """
            {"name":"Read-through DC","timeZone":"America/Sao_Paulo","cutoff":"14:00",
             "workingDays":["MON","TUE","WED","THU","FRI"],"dailyCapacity":{"orders":1000}}""";

    @Inject
    Database db;

    @Inject
    CapacityService capacity;

    @Inject
    Event<ChangeLog.Changes> foreign;

    @Test
    void aSiteWrittenBehindTheViewsBackIsQuotedCommittedAndShown() {
        String site = id("RT-S"), region = id("RT-R"), sku = id("RT-K");
        insertSite(site);
        sql("insert into region (code, created_at) values (?, ?)", region, now());
        sql("insert into lane (site_code, region_code, transit_days, updated_at) values (?, ?, 2, ?)", site, region, now());
        sql("insert into stock (site_code, sku, on_hand, reserved, updated_at) values (?, ?, 20, 0, ?)", site, sku, now());

        postJson("/api/v1/promises/validate", delivery(site, region, sku, 5))
                .statusCode(200)
                .body("verdict", equalTo("APPROVED"))
                .body("recommended.site", equalTo(site));
        get("/api/v1/sites/" + site).then().statusCode(200).body("code", equalTo(site)).body("dailyCapacity.orders", equalTo(1000));
        get("/api/v1/sites/" + site + "/lanes/" + region).then().statusCode(200).body("transitDays", equalTo(2));

        given().contentType(ContentType.JSON).header("Idempotency-Key", id("RT-COMMIT"))
                .body("{\"quote\":" + delivery(site, region, sku, 5) + "}")
                .when().post("/api/v1/promises").then().statusCode(201);
        get("/api/v1/sites/" + site + "/stock/" + sku).then().statusCode(200).body("reserved", equalTo(5)).body("available", equalTo(15));
    }

    @Test
    void stockAndServiceAddedBehindTheViewsBackAtAKnownSiteAreUsed() {
        String near = id("RT-NEAR"), far = id("RT-FAR"), region = id("RT-R2"), sku = id("RT-K2");
        createSite(near, SITE_JSON);
        createSite(far, SITE_JSON);
        putJson("/api/v1/sites/" + near + "/lanes/" + region, "{\"transitDays\":2}").statusCode(200);
        putJson("/api/v1/sites/" + far + "/lanes/" + region, "{\"transitDays\":2}").statusCode(200);
        putJson("/api/v1/sites/" + far + "/stock/" + sku, "{\"onHand\":50,\"inbound\":[]}").statusCode(200);
        // the SKU is known (at far); near's stock of it appears in the database only
        sql("insert into stock (site_code, sku, on_hand, reserved, updated_at) values (?, ?, 8, 0, ?)", near, sku, now());

        postJson("/api/v1/promises/validate", delivery(near, region, sku, 3))
                .statusCode(200)
                .body("verdict", equalTo("APPROVED"))
                .body("recommended.site", equalTo(near));

        sql("insert into service_type (site_code, service_type, bays, opens, closes, standard_minutes, updated_at) values (?, ?, 2, '00:00', '24:00', 30, ?)",
                near, id("RT-SVC"), now());
        postJson("/api/v1/promises/validate", "{\"type\":\"SERVICE\",\"site\":\"" + near + "\",\"serviceType\":\"" + id("RT-SVC") + "\"}")
                .statusCode(200)
                .body("recommended.site", equalTo(near));
    }

    @Test
    void anAnnouncedUpdateRefreshesTheRowsItNames() {
        String site = id("RT-UP"), sku = id("RT-KUP");
        createSite(site, SITE_JSON);
        putJson("/api/v1/sites/" + site + "/stock/" + sku, "{\"onHand\":5,\"inbound\":[]}").statusCode(200);
        sql("update stock set on_hand = 11 where site_code = ? and sku = ?", site, sku);
        get("/api/v1/sites/" + site + "/stock/" + sku).then().statusCode(200).body("onHand", equalTo(5)); // the view, until told

        foreign.fire(new ChangeLog.Changes(ChangeLog.Kind.CAPACITY, Set.of(CapacityService.stockChange(site, sku))));
        get("/api/v1/sites/" + site + "/stock/" + sku).then().statusCode(200).body("onHand", equalTo(11));

        sql("update stock set on_hand = 13 where site_code = ? and sku = ?", site, sku);
        foreign.fire(new ChangeLog.Changes(ChangeLog.Kind.CAPACITY, Set.of())); // "everything": a full reload
        get("/api/v1/sites/" + site + "/stock/" + sku).then().statusCode(200).body("onHand", equalTo(13));
    }

    @Test
    void aFloodOfOneUnknownCodeCostsTheDatabaseAboutOneLookUpPerSecond() {
        String ghost = id("RT-GHOST");
        String quote = "{\"type\":\"DELIVERY\",\"site\":\"" + ghost + "\",\"region\":\"X\"}";
        long before = capacity.readThroughLookups();
        long t0 = System.nanoTime();
        for (int i = 0; i < 40; i++) assertFieldProblem(postJson("/api/v1/promises/validate", quote), 422, "site");
        double seconds = (System.nanoTime() - t0) / 1e9;
        long lookups = capacity.readThroughLookups() - before;
        // one look-up, then the code is remembered as missing for a second (the bound allows for a slow machine)
        assertTrue(lookups >= 1 && lookups <= 1 + Math.ceil(seconds), lookups + " look-ups for 40 requests in " + seconds + " s");

        long known = capacity.readThroughLookups();
        String site = id("RT-KNOWN");
        createSite(site, SITE_JSON);
        for (int i = 0; i < 10; i++) get("/api/v1/sites/" + site).then().statusCode(200);
        assertEquals(known, capacity.readThroughLookups(), "a code the view holds never costs a look-up");
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static String delivery(String site, String region, String sku, int quantity) {
        return """
                {"type":"DELIVERY","site":"%s","region":"%s","lines":[{"sku":"%s","quantity":%d}]}""".formatted(site, region, sku, quantity);
    }

    private void insertSite(String code) {
        sql("insert into site (code, name, time_zone, cutoff, working_days, daily_orders, configured, updated_at) "
                + "values (?, 'Written elsewhere', 'America/Sao_Paulo', '14:00', 'MON,TUE,WED,THU,FRI', 1000, true, ?)", code, now());
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }

    private void sql(String sql, Object... params) {
        int n = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
                return ps.executeUpdate();
            }
        });
        assertEquals(1, n, "rows changed by " + sql);
    }
}
