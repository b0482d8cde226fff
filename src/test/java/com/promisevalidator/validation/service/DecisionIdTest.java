package com.promisevalidator.validation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

/** A decision id tells when it was made, so a commit on another instance knows whether to wait for it. */
class DecisionIdTest {

    @Test
    void aDecisionIdCarriesTheTimeItWasMade() {
        long before = System.currentTimeMillis();
        long madeAt = DecisionLog.madeAt(ValidationService.newDecisionId());
        long after = System.currentTimeMillis();
        assertTrue(madeAt >= before && madeAt <= after, madeAt + " not within " + before + ".." + after);
    }

    @Test
    void otherIdsCarryNoTime() {
        assertEquals(0, DecisionLog.madeAt(UUID.randomUUID().toString()));
        assertEquals(0, DecisionLog.madeAt("no-such-decision"));
    }
}
