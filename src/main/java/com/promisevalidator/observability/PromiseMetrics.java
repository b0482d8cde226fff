package com.promisevalidator.observability;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.promisevalidator.db.Database;
import com.promisevalidator.rules.model.RuleSet;
import com.promisevalidator.rules.service.RuleBaseHolder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * The service's own metrics, scraped as Prometheus text at /q/metrics (public, like health). Every tag has a
 * bounded set of values (verdicts, reason codes, decision kinds, HTTP statuses, the active rules version), so
 * the series stay few; counters are looked up once per tag combination and then only incremented, which keeps
 * the validate path as fast as before.
 */
@Singleton
public class PromiseMetrics {

    private static final Logger LOG = Logger.getLogger(PromiseMetrics.class);
    /** How long the at-risk count read from the database is reused: a scrape never queues on the database. */
    private static final long AT_RISK_CACHE_NANOS = 10_000_000_000L;

    private final MeterRegistry registry;
    private final RuleBaseHolder rules;
    private final Database db;
    private final Map<String, Counter> decisions = new ConcurrentHashMap<>();
    private final Map<String, Counter> reasons = new ConcurrentHashMap<>();
    private final AtomicReference<Gauge> rulesVersion = new AtomicReference<>();
    private volatile Supplier<? extends Number> webhookBacklog = () -> 0;
    private volatile double atRisk = Double.NaN;
    private volatile long atRiskReadAt;

    public PromiseMetrics(MeterRegistry registry, RuleBaseHolder rules, Database db) {
        this.registry = registry;
        this.rules = rules;
        this.db = db;
    }

    void start(@Observes StartupEvent e) {
        FunctionCounter.builder("promise.rules.reload.failures", rules, RuleBaseHolder::refusedReloads)
                .description("Rule reloads refused since start (compile error, policy violation, unreadable directory)")
                .register(registry);
        FunctionCounter.builder("promise.rules.runtime.failures", rules, RuleBaseHolder::runtimeFailures)
                .description("Quotes a rule set failed on since start (a rule threw or ran away)").register(registry);
        Gauge.builder("promise.promises.at.risk", this, PromiseMetrics::atRiskCount)
                .description("Open promises whose re-checked confidence fell below target").register(registry);
        Gauge.builder("promise.webhook.backlog", this, m -> m.webhookBacklog.get().doubleValue())
                .description("Webhook deliveries waiting to be sent").register(registry);
        rules.onActivate(this::rulesActivated);
        RuleSet now = rules.activeOrNull();
        if (now != null) rulesActivated(now);
    }

    /** One decision answered: by verdict and kind, and once per distinct reason code it carries. */
    public void decided(String kind, String verdict, Collection<String> codes) {
        decisions.computeIfAbsent(kind + '|' + verdict, k -> Counter.builder("promise.decisions")
                .description("Quotes answered, by verdict and call").tag("kind", kind).tag("verdict", verdict).register(registry))
                .increment();
        for (String code : codes) {
            reasons.computeIfAbsent(code + '|' + verdict, k -> Counter.builder("promise.decision.reasons")
                    .description("Reasons given in answers, by reason code and verdict").tag("code", code).tag("verdict", verdict)
                    .register(registry)).increment();
        }
    }

    /** Where the webhooks' outbox tells how many deliveries wait (the webhooks feature feeds it). */
    public void webhookBacklog(Supplier<? extends Number> backlog) {
        this.webhookBacklog = backlog;
    }

    /** One series, value 1, tagged with the active version: a change of version shows as a new series. */
    private synchronized void rulesActivated(RuleSet set) {
        Gauge old = rulesVersion.get();
        if (old != null && set.version().equals(old.getId().getTag("version"))) return;
        Gauge g = Gauge.builder("promise.rules.active", () -> 1).description("The active rule set, by its version (content hash)")
                .tag("version", set.version()).register(registry);
        rulesVersion.set(g);
        if (old != null) registry.remove(old);
    }

    private double atRiskCount() {
        long now = System.nanoTime();
        if (now - atRiskReadAt < AT_RISK_CACHE_NANOS && !Double.isNaN(atRisk)) return atRisk;
        try {
            long n = db.query(c -> {
                try (var ps = c.prepareStatement("select count(*) from promise where status = 'AT_RISK'"); var rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            });
            atRisk = n;
            atRiskReadAt = now;
        } catch (RuntimeException e) { // a scrape during a database outage reports "unknown", not a failure
            LOG.debug("at-risk count unavailable: " + e.getMessage());
            return Double.NaN;
        }
        return atRisk;
    }
}
