package com.promisevalidator.webhooks.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.promisevalidator.db.Database;
import com.promisevalidator.webhooks.model.WebhookEventType;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Probe P12 L3: secrets stored in clear before PROMISE_WEBHOOK_SECRET_KEY was set stayed in clear. With a key (the test
 * profile has one) they are encrypted in place at start-up, once, whichever instance gets there first.
 */
@QuarkusTest
class ClearSecretsTest {

    @Inject
    Database db;
    @Inject
    SecretBox secrets;
    @Inject
    @io.smallrye.health.api.Wellness
    WebhookSecretsHealthCheck check;

    @Test
    void aSecretStoredInClearIsEncryptedInPlaceAndStillOpensToTheSameSecret() {
        String id = UUID.randomUUID().toString(), secret = SecretBox.newSecret();
        db.query(c -> {
            WebhookStore.insert(c, new WebhookStore.Subscription(id, "test-crm", "http://localhost:9/clear",
                    List.of(WebhookEventType.KEPT), "plain:" + secret, Instant.now()));
            return null;
        });
        try {
            assertTrue(check.encryptClearSecrets() >= 1);
            String stored = db.query(c -> WebhookStore.subscription(c, id)).sealedSecret();
            assertFalse(stored.contains(secret), stored);
            assertTrue(stored.startsWith("aes:"), stored);
            assertEquals(secret, secrets.open(stored));
            assertEquals(0, check.encryptClearSecrets(), "done once: nothing left in clear");
        } finally {
            db.query(c -> {
                try (var ps = c.prepareStatement("delete from webhook_subscription where id = ?")) {
                    ps.setString(1, id);
                    return ps.executeUpdate();
                }
            });
        }
    }
}
