package com.promisevalidator.commitment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.promisevalidator.commitment.service.IdempotencyStore;
import com.promisevalidator.db.Database;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Keys are stored per caller since V15. A commit answered before the upgrade was stored under the key as sent: its
 * retry after the upgrade must still replay that answer, not book a second promise.
 */
@QuarkusTest
class IdempotencyUpgradeTest {

    @Inject
    IdempotencyStore store;
    @Inject
    Database db;

    @Test
    void aKeyStoredBeforeKeysWereScopedStillReplays() {
        String sent = "upgrade-" + System.nanoTime();
        Instant now = Instant.now();
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into idempotency (idem_key, request_hash, state, status_code, response, "
                    + "created_at, expires_at) values (?, 'h1', 'DONE', 201, '{\"promiseId\":\"p-before\"}', ?, ?)")) {
                ps.setString(1, sent);
                ps.setTimestamp(2, Timestamp.from(now.minus(Duration.ofMinutes(5))));
                ps.setTimestamp(3, Timestamp.from(now.plus(Duration.ofHours(23))));
                ps.executeUpdate();
            }
            return null;
        });
        IdempotencyStore.Stored replay = store.claim(IdempotencyStore.scoped("crm", sent), sent, "h1", now);
        assertNotNull(replay, "the answer given before the upgrade");
        assertEquals(201, replay.status());
        assertEquals("{\"promiseId\":\"p-before\"}", replay.body());
        // a key never used before is claimed under its caller's scope
        assertNull(store.claim(IdempotencyStore.scoped("crm", sent + "-new"), sent + "-new", "h2", now));
    }
}
