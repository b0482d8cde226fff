package com.promisevalidator.webhooks.service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.promisevalidator.db.DataAccessException;
import com.promisevalidator.db.Database;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Sends the outbox. Each pass takes the due rows that head their line (one per subscription and promise); a
 * sender thread claims each as it takes it up (never a batch ahead of the senders) with a lease (an atomic conditional UPDATE, so among several instances on one database exactly
 * one gets it), POSTs it signed, outside any transaction, and records the answer: 2xx delivers it, anything
 * else schedules a retry with exponential backoff and jitter, until promise.webhooks.give-up-after has passed
 * since the event (GAVE_UP). A sender that dies mid-send leaves a lease that runs out, and the row is sent
 * again: at least once. Scheduling uses the wall clock, not the service's business clock.
 */
@Singleton
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    private static final int MAX_ERROR = 500;

    private final Database db;
    private final WebhookConfig config;
    private final SecretBox secrets;
    private final UrlPolicy urls;
    private final Clock wall;
    private final String owner;
    private final HttpClient http;
    private final ExecutorService senders;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger leftBehind = new AtomicInteger();
    /** Rows this instance left for others, skipped here for a minute (bounded): seq -> when left (nanoTime). */
    private final java.util.Map<Long, Long> leftHere = new java.util.concurrent.ConcurrentHashMap<>();
    private static final long LEFT_FOR_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final int MAX_LEFT = 10_000;
    private final java.util.concurrent.atomic.AtomicLong lastKeyError = new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);
    private ScheduledExecutorService timer;
    private volatile boolean stopping;

    @Inject
    public Dispatcher(Database db, WebhookConfig config, SecretBox secrets, UrlPolicy urls) {
        this(db, config, secrets, urls, Clock.systemUTC(), "instance-" + UUID.randomUUID());
    }

    /** {@code owner} names this sender in the lease column (tests build several on one database). */
    public Dispatcher(Database db, WebhookConfig config, SecretBox secrets, UrlPolicy urls, Clock wall, String owner) {
        this.db = db;
        this.config = config;
        this.secrets = secrets;
        this.urls = urls;
        this.wall = wall;
        this.owner = owner;
        AtomicInteger n = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(Math.max(1, config.senders()), r -> {
            Thread t = new Thread(r, "webhook-sender-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build(); // a redirect could lead past the URL policy
    }

    void start(@Observes StartupEvent started) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "webhook-dispatcher");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(10, config.pollInterval().toMillis());
        timer.scheduleWithFixedDelay(this::passQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * On shutdown (after the HTTP server has let requests finish): no new pass starts, the sends in flight finish
     * and are recorded, and leases claimed but not yet used are given back, so another instance can send them at once.
     */
    void stop(@Observes ShutdownEvent stopping) {
        shutdown();
    }

    public void shutdown() {
        this.stopping = true;
        if (timer != null) {
            timer.shutdown();
            try {
                if (!timer.awaitTermination(config.requestTimeout().plus(config.connectTimeout()).toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                    LOG.warn("webhook sends still running at shutdown; their leases run out and another instance retries them");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        senders.shutdown();
        try {
            int released = db.query(c -> WebhookStore.release(c, owner));
            if (released > 0) LOG.infof("gave back %d claimed webhook deliveries at shutdown", released);
        } catch (DataAccessException e) {
            LOG.warn("could not give back webhook leases at shutdown (they run out by themselves): " + e.getMessage());
        }
    }

    private void passQuietly() {
        try {
            pass();
        } catch (RuntimeException e) {
            LOG.warn("webhook dispatch failed; will retry: " + e.getMessage());
        }
    }

    /** One pass: claims and sends what is due; returns how many attempts were made. */
    public int pass() {
        if (stopping) return 0;
        Instant now = wall.instant();
        long nowNanos = System.nanoTime();
        leftHere.values().removeIf(at -> nowNanos - at > LEFT_FOR_NANOS);
        // rows this instance just left (their secret does not open with its key) would otherwise fill every batch it reads
        List<Long> due = db.query(c -> WebhookStore.due(c, now, config.batch() + leftHere.size()));
        List<Future<Boolean>> inFlight = new ArrayList<>();
        int taken = 0;
        for (long seq : due) {
            if (stopping || taken == config.batch()) break;
            if (leftHere.containsKey(seq)) continue;
            taken++;
            // claimed by the sender that sends it, when it does: a batch claimed at once outlived its lease behind a slow
            // receiver, and another instance sent the rows still waiting here a second time
            inFlight.add(senders.submit(() -> claimAndAttempt(seq)));
        }
        int attempts = 0;
        for (Future<Boolean> f : inFlight) {
            try {
                if (f.get()) attempts++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.warn("webhook attempt failed: " + e.getCause());
            }
        }
        return attempts;
    }

    /** How many POSTs this dispatcher made (tests). */
    public int sent() {
        return sent.get();
    }

    /** How many claimed deliveries this dispatcher gave back because their secret does not open with its key (tests). */
    public int leftBehind() {
        return leftBehind.get();
    }

    /** Claims one due row for its lease and sends it; false when stopping, another sender claimed it first, or it was left. */
    private boolean claimAndAttempt(long seq) {
        if (stopping) return false;
        Instant now = wall.instant();
        Instant until = now.plus(config.lease());
        WebhookStore.Delivery d = db.query(c -> WebhookStore.claim(c, seq, owner, now, until) ? WebhookStore.claimed(c, seq) : null);
        return d != null && attempt(d);
    }

    /** False when the row was left unsent (its secret does not open here). */
    private boolean attempt(WebhookStore.Delivery d) {
        Integer status = null;
        String error = null;
        String refused = urls.problem(d.url());
        if (refused != null) {
            error = "url " + refused;
        } else {
            URI url = URI.create(d.url().strip());
            String secret;
            try {
                secret = secrets.open(d.sealedSecret());
            } catch (IllegalStateException e) {
                leave(d, e.getMessage());
                return false;
            }
            try {
                HttpRequest request = HttpRequest.newBuilder(url).timeout(config.requestTimeout())
                        .header("Content-Type", "application/json")
                        .header("User-Agent", "promise-validator-webhooks")
                        .header("X-Promise-Event", d.type().name())
                        .header("X-Promise-Event-Id", d.eventId())
                        .header(Signature.HEADER, Signature.header(secret, wall.instant().getEpochSecond(), d.body()))
                        .POST(HttpRequest.BodyPublishers.ofString(d.body())).build();
                sent.incrementAndGet();
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                status = response.statusCode();
                if (status < 200 || status > 299) error = "the receiver answered " + status;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted (shutdown)";
            } catch (Exception e) { // connection refused, timeout, TLS: all retried alike
                error = failure(e, url, config.connectTimeout(), config.requestTimeout());
                LOG.debugf(e, "webhook %s to %s: %s", d.eventId(), d.url(), error);
            }
        }
        record(d, status, error);
        return true;
    }

    /**
     * Why a send failed, as the delivery log shows it to the subscriber: a sentence, never a Java class name
     * (HttpClient's exceptions often carry no message at all, only their class).
     */
    static String failure(Throwable e, URI url, Duration connectTimeout, Duration requestTimeout) {
        String at = url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "");
        java.util.List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable t = e; t != null && chain.size() < 10; t = t.getCause()) chain.add(t);
        for (Throwable t : chain) { // the most telling cause first: HttpClient wraps them in a ConnectException or IOException
            if (t instanceof java.net.http.HttpConnectTimeoutException) return "could not connect to " + at + ": timed out after " + seconds(connectTimeout);
            if (t instanceof java.net.http.HttpTimeoutException) return "the receiver did not answer within " + seconds(requestTimeout);
            if (t instanceof java.net.UnknownHostException || t instanceof java.nio.channels.UnresolvedAddressException) {
                return "the host name " + url.getHost() + " could not be resolved";
            }
            if (t instanceof javax.net.ssl.SSLHandshakeException) return "TLS handshake with " + at + " failed";
            if (t instanceof javax.net.ssl.SSLException) return "the TLS connection to " + at + " failed";
        }
        String said = String.join(" ", chain.stream().map(t -> String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT)).toList());
        if (chain.stream().anyMatch(t -> t instanceof java.net.ConnectException)) {
            return said.contains("refused") || said.replace("null", "").isBlank() ? "connection refused by " + at : "could not connect to " + at;
        }
        if (said.contains("reset")) return "the connection to " + at + " was reset";
        if (chain.stream().anyMatch(t -> t instanceof java.io.EOFException) || said.contains("closed")) {
            return at + " closed the connection before answering";
        }
        return "the request to " + at + " failed";
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /**
     * This instance's promise.webhooks.secret-key does not open the subscription's secret (a replica started with
     * another key): not the receiver's fault, so no attempt is counted and no backoff added. The lease is given back
     * at once for an instance whose key does open it, with the cause in lastError; an ERROR at most once a minute.
     */
    private void leave(WebhookStore.Delivery d, String why) {
        leftBehind.incrementAndGet();
        if (leftHere.size() < MAX_LEFT) leftHere.put(d.seq(), System.nanoTime());
        long now = System.nanoTime();
        long last = lastKeyError.get();
        if ((last == Long.MIN_VALUE || now - last >= TimeUnit.MINUTES.toNanos(1)) && lastKeyError.compareAndSet(last, now)) {
            LOG.errorf("webhook subscription %s: %s; this instance leaves its deliveries to instances whose key opens it "
                    + "(every instance needs the same PROMISE_WEBHOOK_SECRET_KEY)", d.subscriptionId(), why);
        }
        String error = why + " (at " + owner + ", which left it for another instance)";
        db.query(c -> WebhookStore.leave(c, d.seq(), owner, error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error));
    }

    private void record(WebhookStore.Delivery d, Integer status, String error) {
        Instant now = wall.instant();
        String outcome;
        Instant next = now;
        Instant deliveredAt = null;
        if (error == null) {
            outcome = WebhookStore.DELIVERED;
            deliveredAt = now;
        } else {
            next = now.plus(backoff(d.attempts() + 1));
            boolean tooLate = next.isAfter(d.createdAt().plus(config.giveUpAfter()));
            outcome = tooLate ? WebhookStore.GAVE_UP : WebhookStore.PENDING;
            if (tooLate) LOG.warnf("webhook %s (%s) to %s given up after %d attempts: %s", d.eventId(), d.type(), d.url(), d.attempts() + 1, error);
            error = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        }
        String e = error;
        String o = outcome;
        Instant n = next;
        Instant at = deliveredAt;
        boolean ours = db.query(c -> WebhookStore.record(c, d.seq(), owner, o, status, e, n, at));
        if (!ours) LOG.warnf("webhook %s: the lease ran out before the answer was recorded; another sender retries it", d.eventId());
    }

    /** The wait before attempt {@code attempt + 1}: initial x 2^(attempt-1), at most backoff-max, plus up to 50% jitter. */
    Duration backoff(int attempt) {
        long base = config.backoffInitial().toMillis() << Math.min(30, Math.max(0, attempt - 1));
        base = Math.min(base, config.backoffMax().toMillis());
        if (base <= 0) base = config.backoffMax().toMillis();
        return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }
}
