package com.promisevalidator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A validation answer is in the database within the documented bound (about a second): its
 * decisionId still commits after the service is killed with SIGKILL two seconds later and started
 * again on the same database.
 */
class DecisionKillRestartIT {

    @Test
    void aDecisionAnsweredTwoSecondsBeforeKillMinus9StillCommitsAfterTheRestart() throws InterruptedException {
        ServiceProcess.Db db = ServiceProcess.Db.fromEnvironment("decisionkill");
        Fixture fx = Fixture.unique("DK");
        String decisionId;
        try (ServiceProcess first = ServiceProcess.start("decisionkill-1", db)) {
            fx.create(first, 10);
            JsonNode answer = Fixture.expect(200, first.post("/api/v1/promises/validate", """
                    {"type":"DELIVERY","site":"%s","region":"%s","lines":[{"sku":"%s","quantity":2}],"promisedBy":"%s"}"""
                    .formatted(fx.site(), fx.region(), fx.sku(), LocalDate.now().plusDays(30))));
            decisionId = answer.path("decisionId").asText();
            assertFalse(decisionId.isBlank(), () -> "no decisionId: " + answer);
            Thread.sleep(2000); // twice the documented bound
            first.kill9();
        }

        try (ServiceProcess second = ServiceProcess.start("decisionkill-2", db)) {
            JsonNode committed = Fixture.expect(201, second.commit("it-dk-" + fx.sku(), "{\"decisionId\":\"" + decisionId + "\"}"));
            assertEquals(decisionId, committed.path("decisionId").asText(), () -> "commit: " + committed);
            assertEquals(2, fx.stock(second).path("reserved").asInt());
        }
    }
}
