package com.promisevalidator.webhooks.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.promisevalidator.common.PromiseEvent;
import com.promisevalidator.db.DataAccessException;
import com.promisevalidator.db.Database;
import com.promisevalidator.rules.model.RuleSet;
import com.promisevalidator.rules.service.RuleBaseHolder;
import com.promisevalidator.webhooks.model.WebhookEventType;

import io.quarkus.runtime.StartupEvent;

/**
 * Turns events into outbox rows (webhook_delivery), one per interested subscription. A promise event is
 * written with the connection of the transaction that changed the status: if that rolls back, nothing is
 * announced; if it commits, the announcement is durable and the {@link Dispatcher} sends it. A rules
 * version is seen by every instance, so it is queued at most once per subscription (dedupe key).
 */
@Singleton
public class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class);

    private final Database db;
    private final ObjectMapper json;
    private final Clock clock;
    private final RuleBaseHolder rules;

    public Outbox(Database db, ObjectMapper json, Clock clock, RuleBaseHolder rules) {
        this.db = db;
        this.json = json;
        this.clock = clock;
        this.rules = rules;
    }

    void listenToRules(@Observes StartupEvent started) {
        rules.onActivate(this::rulesActivated);
        RuleSet active = rules.activeOrNull(); // activated before this listener was there
        if (active != null) rulesActivated(active);
    }

    /** Synchronous, in the status change's transaction; a failure here rolls the change back (nothing half-done). */
    void onPromiseEvent(@Observes PromiseEvent event) {
        WebhookEventType type = typeOf(event.status());
        if (type == null || type == WebhookEventType.RULES_VERSION) return; // e.g. EXPIRED holds: not announced
        try {
            List<WebhookStore.Subscription> subs = WebhookStore.subscribedTo(event.connection(), type);
            if (subs.isEmpty()) return;
            String eventId = UUID.randomUUID().toString();
            String body = body(eventId, type, event.occurredAt(), "promise", event.promise().take());
            Instant now = Instant.now();
            for (WebhookStore.Subscription s : subs) {
                WebhookStore.enqueue(event.connection(), eventId, s.id(), event.promiseId(), type, null, body, now);
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /**
     * A rules version became active here: announced to each RULES_VERSION subscriber when it is not the version last
     * announced to it, whichever instance is first. A version that comes back (a rollback, A → B → A) is announced again;
     * an instance that starts, or follows another, on the version already announced announces nothing (probe ha M1). The
     * dedupe key names the announcement it follows, so two instances activating the same change queue it once.
     */
    void rulesActivated(RuleSet ruleSet) {
        String version = ruleSet.version();
        try {
            db.query(c -> {
                List<WebhookStore.Subscription> subs = WebhookStore.subscribedTo(c, WebhookEventType.RULES_VERSION);
                if (subs.isEmpty()) return null;
                String eventId = UUID.randomUUID().toString();
                String body = body(eventId, WebhookEventType.RULES_VERSION, clock.instant(), "rules", Map.of("version", version));
                for (WebhookStore.Subscription s : subs) {
                    String[] last = WebhookStore.lastRulesAnnounced(c, s.id());
                    if (last != null && last[0].equals(version)) continue;
                    enqueueOnce(c, eventId, s, "rules:" + version + (last == null ? "" : ":" + last[1]), body);
                }
                return null;
            });
        } catch (DataAccessException e) {
            LOG.warn("could not queue the rules-version webhook for " + version + ": " + e.getMessage());
        }
    }

    private static void enqueueOnce(Connection c, String eventId, WebhookStore.Subscription s, String dedupe, String body) throws SQLException {
        try {
            WebhookStore.enqueue(c, eventId, s.id(), WebhookStore.RULES_KEY, WebhookEventType.RULES_VERSION, dedupe, body, Instant.now());
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) throw e; // 23505: another instance queued it first
        }
    }

    private String body(String eventId, WebhookEventType type, Instant occurredAt, String subjectName, Object subject) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", eventId);
        body.put("type", type.name());
        body.put("occurredAt", OffsetDateTime.ofInstant(occurredAt.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC));
        body.put(subjectName, subject);
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a webhook body: " + e.getMessage(), e);
        }
    }

    private static WebhookEventType typeOf(String status) {
        try {
            return WebhookEventType.valueOf(status);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
