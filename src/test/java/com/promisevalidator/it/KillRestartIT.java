package com.promisevalidator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A promise acknowledged with 201 survives a SIGKILL of the service right after: a new process on the
 * same database (the same H2 file, or PostgreSQL) shows it OPEN with its holds, the stock stays
 * reserved, and the same Idempotency-Key replays the same answer without reserving again.
 */
class KillRestartIT {

    @Test
    void anAcknowledgedPromiseSurvivesKillMinus9() {
        ServiceProcess.Db db = ServiceProcess.Db.fromEnvironment("killrestart");
        Fixture fx = Fixture.unique("KR");
        String key = "it-kr-" + fx.sku();
        String body = fx.commitBody(3);

        String promiseId;
        JsonNode committed;
        try (ServiceProcess first = ServiceProcess.start("killrestart-1", db)) {
            fx.create(first, 10);
            committed = Fixture.expect(201, first.commit(key, body));
            promiseId = committed.path("promiseId").asText();
            first.kill9();
        }

        try (ServiceProcess second = ServiceProcess.start("killrestart-2", db)) {
            JsonNode p = Fixture.expect(200, second.get("/api/v1/promises/" + promiseId));
            assertEquals("OPEN", p.path("status").asText(), () -> "promise after restart: " + p);
            assertEquals(committed.path("holds"), p.path("holds"), "holds after restart");
            assertEquals(fx.sku(), p.path("holds").path("stock").path(0).path("sku").asText());
            assertEquals(3, p.path("holds").path("stock").path(0).path("quantity").asInt());
            assertEquals(committed.path("promisedBy"), p.path("promisedBy"));

            JsonNode stock = fx.stock(second);
            assertEquals(3, stock.path("reserved").asInt(), () -> "stock after restart: " + stock);
            assertEquals(7, stock.path("available").asInt(), () -> "stock after restart: " + stock);

            JsonNode replay = Fixture.expect(201, second.commit(key, body));
            assertEquals(promiseId, replay.path("promiseId").asText(), "the same key answers with the same promise");
            assertEquals(committed, replay, "the replayed answer is the stored one");

            JsonNode after = fx.stock(second);
            assertEquals(3, after.path("reserved").asInt(), () -> "stock after the replay: " + after);
        }
    }
}
