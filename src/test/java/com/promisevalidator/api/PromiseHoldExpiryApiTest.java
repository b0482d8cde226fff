package com.promisevalidator.api;

import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.CommitTestSupport.FAR;
import static com.promisevalidator.api.CommitTestSupport.committed;
import static com.promisevalidator.api.CommitTestSupport.delivery;
import static com.promisevalidator.api.CommitTestSupport.promise;
import static com.promisevalidator.api.CommitTestSupport.stock;
import static com.promisevalidator.api.CommitTestSupport.stockOf;
import static com.promisevalidator.api.CommitTestSupport.validate;
import static com.promisevalidator.api.CommitTestSupport.warehouse;
import static com.promisevalidator.api.CommitTestSupport.withHold;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.promisevalidator.TestClock;
import com.promisevalidator.commitment.service.CapacityHolds;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Holds that run out: with {@code promise.hold-minutes=0} every hold is due at once; the sweep
 * (CapacityHolds.expireHolds, normally run by the background monitor, switched off here so the
 * test decides when it runs) marks it EXPIRED and gives its units back. The service runs on the frozen
 * {@link TestClock}: the test moves it past the hold's end instead of waiting.
 */
@QuarkusTest
@TestProfile(PromiseHoldExpiryApiTest.HoldsExpireAtOnce.class)
class PromiseHoldExpiryApiTest {

    public static class HoldsExpireAtOnce implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("promise.hold-minutes", "0", "quarkus.scheduler.enabled", "false");
        }
    }

    @Inject
    CapacityHolds holds;

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @Test
    void anExpiredHoldBecomesExpiredAndGivesItsStockBack() {
        String dc = id("PX-DC"), region = id("PX-R"), sku = id("PX-SKU");
        warehouse(dc, region, 100);
        stock(dc, sku, 5);

        JsonPath alice = validate(withHold(delivery(id("PX-Q1"), "alice", dc, region, sku, 5, FAR))).extract().jsonPath();
        assertEquals("HELD", alice.getString("hold.status"));
        String heldId = alice.getString("hold.promiseId");
        assertNotNull(heldId);
        Instant expires = OffsetDateTime.parse(alice.getString("hold.expiresAt")).toInstant();
        assertFalse(expires.isAfter(TestClock.now()), "a 0-minute hold is due at once: " + expires);
        assertEquals("HELD", promise(heldId).getString("status")); // nothing expires it but the sweep
        assertEquals(5, stockOf(dc, sku).getInt("reserved"));

        TestClock.advance(Duration.ofSeconds(1)); // a hold expires once its end lies in the past

        int expired = 0;
        for (int i = 0; i < 20 && !"EXPIRED".equals(promise(heldId).getString("status")); i++) {
            expired += holds.expireHolds();
        }
        assertTrue(expired >= 1, "the sweep expired the hold");
        assertEquals("EXPIRED", promise(heldId).getString("status"));
        JsonPath s = stockOf(dc, sku);
        assertEquals(0, s.getInt("reserved"));
        assertEquals(5, s.getInt("available"));
        assertEquals(5, s.getInt("onHand"));

        // the lapsed hold is not revived: committing its decision books the units afresh, as a new promise
        String promiseId = committed(id("PX-K1"), "{\"decisionId\":\"" + alice.getString("decisionId") + "\"}");
        assertNotEquals(heldId, promiseId);
        assertEquals("OPEN", promise(promiseId).getString("status"));
        assertEquals("EXPIRED", promise(heldId).getString("status"));
        assertEquals(5, stockOf(dc, sku).getInt("reserved"));
    }
}
