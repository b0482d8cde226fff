package com.promisevalidator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.promisevalidator.commitment.service.IdempotencyStore;
import com.promisevalidator.common.ProblemException;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A retry of a commit whose first try an instance left unfinished (it crashed) is a 409 with Retry-After: the seconds
 * until the claim is taken over, not "retry shortly" alone for two minutes (probe ha L1); a claim just made, 1 second.
 */
@QuarkusTest
class IdempotencyTakeoverApiTest {

    @Inject
    IdempotencyStore store;
    @Inject
    java.time.Clock clock;

    @Test
    void aClaimLeftByACrashSaysWhenToRetry() {
        String crashed = ApiTestSupport.id("IDEM-CRASH"), running = ApiTestSupport.id("IDEM-RUN");
        assertNull(store.claim(crashed, "h", clock.instant().minusSeconds(60))); // as a crashed instance left it, a minute ago
        ProblemException p = assertThrows(ProblemException.class, () -> store.claim(crashed, "h", clock.instant()));
        assertEquals(409, p.status());
        assertTrue(p.retryAfterSeconds() >= 59 && p.retryAfterSeconds() <= 60, "the seconds until the takeover: " + p.retryAfterSeconds());
        assertTrue(p.getMessage().contains("taken over in"), p.getMessage());

        assertNull(store.claim(running, "h", clock.instant()));
        ProblemException now = assertThrows(ProblemException.class, () -> store.claim(running, "h", clock.instant()));
        assertEquals(1, now.retryAfterSeconds(), "still running: try again in a second");
    }
}
