package com.promisevalidator.webhooks.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.jboss.logging.Logger;

import com.promisevalidator.db.DataAccessException;
import com.promisevalidator.db.Database;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.Wellness;

/**
 * At start, encrypts secrets stored in clear once a key is set (or warns that they are in clear without one).
 * DOWN while some subscription's secret does not open with this instance's promise.webhooks.secret-key (a replica
 * started with another key): it leaves those deliveries to the others. Wellness, not readiness: the replica still
 * answers quotes, and a key changed on every replica must not take the whole service out of the load balancer.
 */
@Wellness
@ApplicationScoped
public class WebhookSecretsHealthCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(WebhookSecretsHealthCheck.class);

    private final Database db;
    private final SecretBox secrets;

    public WebhookSecretsHealthCheck(Database db, SecretBox secrets) {
        this.db = db;
        this.secrets = secrets;
    }

    void checkAtStart(@Observes StartupEvent started) {
        try {
            int sealed = encryptClearSecrets();
            if (sealed > 0) LOG.infof("%d webhook secret(s) stored in clear before PROMISE_WEBHOOK_SECRET_KEY was set are now encrypted", sealed);
            List<WebhookStore.Subscription> all = subscriptions();
            int clear = clear(all).size();
            if (!secrets.encrypts() && clear > 0) {
                LOG.warnf("%d webhook secret(s) are stored in clear: set PROMISE_WEBHOOK_SECRET_KEY and restart to encrypt them", clear);
            }
            List<String> closed = unopenable(all);
            if (!closed.isEmpty()) {
                LOG.errorf("the secrets of %d webhook subscription(s) (e.g. %s) do not open with this instance's PROMISE_WEBHOOK_SECRET_KEY: "
                        + "it will leave their deliveries to instances whose key does", closed.size(), closed.get(0));
            }
        } catch (DataAccessException e) {
            LOG.debug("webhook secrets not checked at start: " + e.getMessage());
        }
    }

    @Override
    public HealthCheckResponse call() {
        var b = HealthCheckResponse.named("webhook-secrets");
        try {
            List<WebhookStore.Subscription> all = subscriptions(); // one read for both counts (the check is polled)
            List<String> closed = unopenable(all);
            b.status(closed.isEmpty()).withData("unopenable", closed.size()).withData("unencrypted", clear(all).size());
            if (!closed.isEmpty()) b.withData("lastError", "subscription " + closed.get(0) + ": secret does not open with promise.webhooks.secret-key");
        } catch (DataAccessException e) {
            b.up().withData("unchecked", "database: " + e.getMessage()); // the database check reports that
        }
        return b.build();
    }

    /**
     * With a key set, encrypts in place the secrets stored in clear before it was (probe P12 L3: they stayed readable in
     * the database and its backups); each row only if it is still in clear, so instances starting together do it once.
     * Returns how many this instance encrypted.
     */
    int encryptClearSecrets() {
        if (!secrets.encrypts()) return 0;
        int n = 0;
        for (WebhookStore.Subscription s : clear(subscriptions())) {
            String sealed = secrets.seal(secrets.open(s.sealedSecret()));
            if (db.query(c -> WebhookStore.reseal(c, s.id(), s.sealedSecret(), sealed))) n++;
        }
        return n;
    }

    /** Every subscription (the table is small). */
    private List<WebhookStore.Subscription> subscriptions() {
        return db.query(c -> WebhookStore.subscriptions(c, null));
    }

    private static List<WebhookStore.Subscription> clear(List<WebhookStore.Subscription> all) {
        return all.stream().filter(s -> SecretBox.isClear(s.sealedSecret())).toList();
    }

    /** Ids of the subscriptions whose secret this instance cannot open. */
    private List<String> unopenable(List<WebhookStore.Subscription> all) {
        return all.stream().filter(s -> !opens(s.sealedSecret())).map(WebhookStore.Subscription::id).toList();
    }

    private boolean opens(String sealed) {
        try {
            secrets.open(sealed);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }
}
