package com.promisevalidator.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.quarkus.scheduler.Scheduled;

/**
 * Delivers other instances' changes (as {@link ChangeLog.Changes} CDI events) to whoever keeps a view
 * of the shared database. On PostgreSQL a dedicated connection LISTENs, so a change arrives within
 * milliseconds of its commit; it reconnects when that connection drops and then reloads everything,
 * since notifications sent meanwhile are lost. Every instance also polls the change log
 * ({@code promise.sync-interval}), the fallback on PostgreSQL and the only way on H2.
 */
@Singleton
public class ChangeFeed {

    private static final Logger LOG = Logger.getLogger(ChangeFeed.class);
    /** Reloading a whole kind (all statistics, say) happens at most this often; row-level changes go at once. */
    static final long EVERYTHING_SPACING_MS = 500;
    /** A silent connection is pinged this often, so one that died without a word is noticed. */
    static final long PING_AFTER_MS = 15_000;
    static final long MAX_BACKOFF_MS = 15_000;
    /** How the listening connection shows in pg_stat_activity. */
    public static final String APPLICATION_NAME = "promise-change-listener";

    private final Database db;
    private final ChangeLog log;
    private final Event<ChangeLog.Changes> events;
    private final Optional<String> url;
    private final Optional<String> user;
    private final Optional<String> password;

    private volatile boolean running;
    private volatile boolean viewsLoaded;
    private volatile Thread thread;
    private volatile Connection listening;

    // listener thread only
    private final Map<ChangeLog.Kind, Set<String>> pendingRows = new EnumMap<>(ChangeLog.Kind.class);
    private final Set<ChangeLog.Kind> pendingAll = EnumSet.noneOf(ChangeLog.Kind.class);
    private final Map<ChangeLog.Kind, Long> lastAllAt = new EnumMap<>(ChangeLog.Kind.class);

    @Inject
    public ChangeFeed(Database db, ChangeLog log, Event<ChangeLog.Changes> events,
                      @ConfigProperty(name = "quarkus.datasource.\"pg\".jdbc.url") Optional<String> url,
                      @ConfigProperty(name = "quarkus.datasource.\"pg\".username") Optional<String> user,
                      @ConfigProperty(name = "quarkus.datasource.\"pg\".password") Optional<String> password) {
        this.db = db;
        this.log = log;
        this.events = events;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Starts listening (PostgreSQL only); call before the views are first loaded, so nothing falls in between. */
    public synchronized void start() {
        if (db.kind() != DbKind.POSTGRESQL || thread != null || url.isEmpty()) return;
        running = true;
        thread = new Thread(this::listen, "promise-change-listener");
        thread.setDaemon(true);
        thread.start();
    }

    /** The views are loaded: changes heard since {@link #start} (held back until now) may be applied. */
    public void viewsLoaded() {
        viewsLoaded = true;
    }

    /** Shutting down: the pool may close under a poll or a listener round, which is no failure worth a warning. */
    void onShutdown(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent event) {
        stopping = true;
        stop();
    }

    private volatile boolean stopping;

    @PreDestroy
    synchronized void stop() {
        running = false;
        Connection c = listening;
        if (c != null) {
            try {
                c.close(); // wakes the listener out of its wait
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        if (thread != null) thread.interrupt();
    }

    /** The fallback: changes written by others that no notification brought (all of them on H2). */
    @Scheduled(every = "${promise.sync-interval:2s}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (stopping) return;
        try {
            for (ChangeLog.Kind kind : log.foreignChanges()) events.fire(new ChangeLog.Changes(kind, Set.of()));
        } catch (RuntimeException e) {
            if (stopping) return;
            LOG.warn("could not check for other instances' changes: " + e.getMessage());
        }
    }

    private void listen() {
        boolean resync = false; // after a lost connection: what was sent meanwhile is gone
        long backoff = 500;
        while (running) {
            try (Connection c = connect()) {
                listening = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + ChangeLog.CHANNEL);
                }
                LOG.infof("listening for other instances' changes%s", resync ? " again; reloading what may have been missed" : "");
                if (resync) {
                    pendingAll.addAll(EnumSet.allOf(ChangeLog.Kind.class));
                    lastAllAt.clear();
                }
                resync = true;
                backoff = 500;
                receive(c);
            } catch (SQLException | RuntimeException e) {
                if (!running) break;
                LOG.warnf("change listener lost its connection (%s); reconnecting in %d ms, polling meanwhile", e.getMessage(), backoff);
                resync = true;
                sleep(backoff);
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            } finally {
                listening = null;
            }
        }
    }

    private void receive(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long lastTraffic = System.currentTimeMillis();
        while (running) {
            long wait = deliverDue();
            PGNotification[] ns = pg.getNotifications((int) Math.max(1, Math.min(wait, 1000)));
            long now = System.currentTimeMillis();
            if (ns != null && ns.length > 0) {
                lastTraffic = now;
                for (PGNotification n : ns) {
                    ChangeLog.Notice notice = log.parse(n.getParameter());
                    if (notice == null) continue;
                    log.markSeen(notice.seq());
                    add(notice.changes());
                }
            } else if (now - lastTraffic > PING_AFTER_MS) {
                try (Statement s = c.createStatement()) {
                    s.execute("select 1");
                }
                lastTraffic = now;
            }
        }
    }

    private void add(ChangeLog.Changes ch) {
        if (ch.everything()) pendingAll.add(ch.kind());
        else pendingRows.computeIfAbsent(ch.kind(), k -> new HashSet<>()).addAll(ch.scopes());
    }

    /** Hands out what is due; returns how long (ms) until the next deferred reload is due. */
    private long deliverDue() {
        if (!viewsLoaded) return 100;
        long now = System.currentTimeMillis();
        long next = Long.MAX_VALUE;
        for (ChangeLog.Kind kind : ChangeLog.Kind.values()) {
            Set<String> rows = pendingRows.remove(kind);
            if (pendingAll.contains(kind)) {
                long due = lastAllAt.getOrDefault(kind, 0L) + EVERYTHING_SPACING_MS;
                if (now >= due) {
                    pendingAll.remove(kind);
                    lastAllAt.put(kind, now);
                    deliver(new ChangeLog.Changes(kind, Set.of()));
                    continue; // the reload covers the rows
                }
                next = Math.min(next, due - now);
            }
            if (rows != null && !rows.isEmpty()) deliver(new ChangeLog.Changes(kind, Set.copyOf(rows)));
        }
        return next;
    }

    private void deliver(ChangeLog.Changes ch) {
        try {
            events.fire(ch);
        } catch (RuntimeException e) {
            if (stopping) return;
            // not applied (the database hiccuped?): reload the whole kind on the next round
            LOG.warnf("could not apply other instances' %s changes (%s); reloading", ch.kind(), e.getMessage());
            pendingAll.add(ch.kind());
        }
    }

    private Connection connect() throws SQLException {
        Properties p = new Properties();
        user.ifPresent(u -> p.setProperty("user", u));
        password.ifPresent(pw -> p.setProperty("password", pw));
        p.setProperty("ApplicationName", APPLICATION_NAME);
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("connectTimeout", "10");
        p.setProperty("socketTimeout", "30"); // bounds the ping; getNotifications sets its own wait
        Connection c = new org.postgresql.Driver().connect(url.orElseThrow(), p);
        if (c == null) throw new SQLException("not a PostgreSQL URL: " + url.orElseThrow());
        c.setAutoCommit(true);
        return c;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
