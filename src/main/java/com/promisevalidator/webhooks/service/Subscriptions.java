package com.promisevalidator.webhooks.service;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Singleton;

import com.promisevalidator.common.FieldError;
import com.promisevalidator.common.ProblemException;
import com.promisevalidator.db.Database;
import com.promisevalidator.webhooks.model.DeliveryLog;
import com.promisevalidator.webhooks.model.DeliveryView;
import com.promisevalidator.webhooks.model.SubscriptionRequest;
import com.promisevalidator.webhooks.model.SubscriptionView;
import com.promisevalidator.webhooks.model.WebhookEventType;

/**
 * Subscriptions of API keys to events. A key sees and deletes its own; {@code owner} null stands for an admin
 * key, which sees every subscription.
 */
@Singleton
public class Subscriptions {

    private final Database db;
    private final UrlPolicy urls;
    private final SecretBox secrets;
    private final WebhookConfig config;

    public Subscriptions(Database db, UrlPolicy urls, SecretBox secrets, WebhookConfig config) {
        this.db = db;
        this.urls = urls;
        this.secrets = secrets;
        this.config = config;
    }

    /** Creates a subscription; the answer carries the signing secret, the only time it is shown. */
    public SubscriptionView create(String owner, SubscriptionRequest req) {
        if (req == null) throw ProblemException.badRequest("body", "a JSON body with url and events is required");
        List<FieldError> errors = new ArrayList<>();
        String urlProblem = urls.problem(req.url());
        if (urlProblem != null) errors.add(new FieldError("url", urlProblem));
        if (req.events() == null || req.events().isEmpty()) {
            errors.add(new FieldError("events", "at least one of " + List.of(WebhookEventType.values()) + " is required"));
        } else if (req.events().contains(null)) {
            errors.add(new FieldError("events", "must not contain null; allowed: " + List.of(WebhookEventType.values())));
        }
        if (!errors.isEmpty()) throw ProblemException.badRequest("The subscription has " + errors.size() + " invalid field(s)", errors);
        String secret = SecretBox.newSecret();
        WebhookStore.Subscription s = new WebhookStore.Subscription(UUID.randomUUID().toString(), owner, req.url().strip(),
                List.copyOf(new LinkedHashSet<>(req.events())), secrets.seal(secret), Instant.now().truncatedTo(ChronoUnit.SECONDS));
        db.inTransaction(c -> {
            if (WebhookStore.countByOwner(c, owner) >= config.maxPerOwner()) {
                throw new ProblemException(409, "Conflict", "This key already has " + config.maxPerOwner()
                        + " subscriptions (promise.webhooks.max-per-owner); delete one first", null, null);
            }
            WebhookStore.insert(c, s);
            return null;
        });
        return view(s).withSecret(secret);
    }

    public List<SubscriptionView> list(String owner, boolean admin) {
        return db.query(c -> WebhookStore.subscriptions(c, admin ? null : owner)).stream().map(Subscriptions::view).toList();
    }

    public void delete(String owner, boolean admin, String id) {
        require(owner, admin, id);
        db.query(c -> WebhookStore.delete(c, id));
    }

    public DeliveryLog deliveries(String owner, boolean admin, String id, int limit, int offset) {
        require(owner, admin, id);
        return db.query(c -> new DeliveryLog(id, WebhookStore.backlog(c, id),
                WebhookStore.log(c, id, limit, offset).stream().map(Subscriptions::view).toList()));
    }

    /** Deliveries waiting to be accepted, over all subscriptions (the backlog metric). */
    public long backlog() {
        return db.query(c -> WebhookStore.backlog(c, null));
    }

    /** Another key's subscription is answered as unknown (404), so ids cannot be probed. */
    private WebhookStore.Subscription require(String owner, boolean admin, String id) {
        WebhookStore.Subscription s = id == null || id.length() > 40 ? null : db.query(c -> WebhookStore.subscription(c, id));
        if (s == null || (!admin && !s.owner().equals(owner))) throw ProblemException.notFound("Webhook subscription " + id + " does not exist");
        return s;
    }

    private static SubscriptionView view(WebhookStore.Subscription s) {
        return new SubscriptionView(s.id(), s.url(), s.events(), s.owner(), at(s.createdAt()), null);
    }

    private static DeliveryView view(WebhookStore.Delivery d) {
        return new DeliveryView(d.eventId(), d.type(), WebhookStore.RULES_KEY.equals(d.eventKey()) ? null : d.eventKey(), d.status(),
                d.attempts(), d.lastStatus(), d.lastError(), WebhookStore.PENDING.equals(d.status()) ? at(d.nextAttemptAt()) : null,
                at(d.deliveredAt()), at(d.createdAt()));
    }

    private static OffsetDateTime at(Instant t) {
        return t == null ? null : OffsetDateTime.ofInstant(t.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    }
}
