package com.promisevalidator.webhooks.service;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.promisevalidator.db.Database;
import com.promisevalidator.rules.model.RuleSet;
import com.promisevalidator.rules.service.RuleBaseHolder;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * RULES_VERSION is announced when the version in force changes, also back to one announced before (a rollback), and not
 * when an instance starts, or follows another, on the version already announced (probe ha M1).
 */
@QuarkusTest
class RulesVersionAnnouncedTest {

    @Inject
    Outbox outbox;
    @Inject
    RuleBaseHolder rules;
    @Inject
    Database db;

    @Test
    void aRollbackIsAnnouncedAndARestartIsNot() {
        String sub = given().header("X-API-Key", "test-key-crm").contentType(ContentType.JSON)
                .body("{\"url\":\"http://127.0.0.1:9/rules\",\"events\":[\"RULES_VERSION\"]}")
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        RuleSet a = rules.active();
        RuleSet b = new RuleSet("b-" + a.version(), a.files(), a.kieBase(), Instant.now(), a.pool(), a.parameters());

        outbox.rulesActivated(a);
        outbox.rulesActivated(a); // a restart, or the second instance activating the same files
        assertEquals(List.of(a.version()), announced(sub));
        outbox.rulesActivated(b);
        outbox.rulesActivated(b);
        assertEquals(List.of(a.version(), b.version()), announced(sub));
        outbox.rulesActivated(a); // rolled back: announced again
        outbox.rulesActivated(a);
        assertEquals(List.of(a.version(), b.version(), a.version()), announced(sub));
    }

    /** The versions queued for the subscription, in order. */
    private List<String> announced(String subscription) {
        return db.query(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select body from webhook_delivery where subscription_id = ? order by seq")) {
                ps.setString(1, subscription);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String body = rs.getString(1);
                        int at = body.indexOf("\"version\":\"") + "\"version\":\"".length();
                        out.add(body.substring(at, body.indexOf('"', at)));
                    }
                }
            }
            return out;
        });
    }
}
