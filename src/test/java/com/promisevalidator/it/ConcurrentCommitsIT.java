package com.promisevalidator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Several instances on one database. On PostgreSQL two service processes share it: A polls the
 * change log every 2 s as shipped; B's poll is set to an hour, so whatever B learns quickly it learned
 * from a notification (LISTEN/NOTIFY) or by looking a code up on a miss. An H2 file cannot be opened
 * by two processes, so on H2 one instance takes every request and the replica-only tests are skipped.
 */
class ConcurrentCommitsIT {

    static final int STOCK = 50;
    static final int COMMITS = 200;
    static final int CLIENT_THREADS = 32;
    /** Upper bound for a notification to arrive; it normally takes milliseconds. */
    static final long PROPAGATION_DEADLINE_MS = 10_000;

    static ServiceProcess.Db db;
    static ServiceProcess a;
    static ServiceProcess b;
    static final List<ServiceProcess> instances = new ArrayList<>();

    @BeforeAll
    static void startInstances() {
        db = ServiceProcess.Db.fromEnvironment("concurrent");
        // One at a time: concurrent Flyway migrations of an empty database may race.
        a = ServiceProcess.start("replica-a", db);
        instances.add(a);
        if (db.shareable()) {
            b = ServiceProcess.start("replica-b", db, Map.of("PROMISE_SYNC_INTERVAL", "1h"));
            instances.add(b);
        }
    }

    @AfterAll
    static void stopInstances() {
        for (ServiceProcess sp : instances) sp.close();
    }

    @Test
    void twoHundredConcurrentCommitsConsumeExactlyTheFiftyUnitsInStock() throws Exception {
        Fixture fx = Fixture.unique("CC");
        // Created through A while B runs: B has never seen these codes when half the commits reach it.
        fx.create(a, STOCK);

        String body = fx.commitBody(1);
        String keyPrefix = "it-cc-" + fx.sku() + "-";
        ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < COMMITS; i++) {
            ServiceProcess target = instances.get(i % instances.size());
            String key = keyPrefix + i;
            futures.add(pool.submit(() -> {
                go.await();
                return target.commit(key, body);
            }));
        }
        long t0 = System.nanoTime();
        go.countDown();
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (Future<HttpResponse<String>> f : futures) responses.add(f.get(5, TimeUnit.MINUTES));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        pool.shutdown();

        Map<Integer, Integer> byStatus = new TreeMap<>();
        Set<String> promiseIds = new HashSet<>();
        List<String> unexpected = new ArrayList<>();
        for (HttpResponse<String> r : responses) {
            byStatus.merge(r.statusCode(), 1, Integer::sum);
            if (r.statusCode() == 201) {
                promiseIds.add(Fixture.parse(r.body()).path("promiseId").asText());
            } else if (r.statusCode() != 409 && unexpected.size() < 5) {
                unexpected.add(r.statusCode() + " " + r.body());
            }
        }
        System.out.printf("[it] ConcurrentCommitsIT on %s, %d instance(s): %s in %d ms%n", db, instances.size(), byStatus, ms);
        String detail = "statuses " + byStatus + " on " + db + " with " + instances.size() + " instance(s); unexpected: " + unexpected;

        assertEquals(STOCK, byStatus.getOrDefault(201, 0), "201s: " + detail);
        assertEquals(COMMITS - STOCK, byStatus.getOrDefault(409, 0), "409s: " + detail);
        assertEquals(STOCK, promiseIds.size(), "distinct promiseIds among the 201s");
        if (db.isPostgres()) {
            try (Connection c = jdbc()) {
                assertEquals(List.of(STOCK, STOCK), ints(c, "select on_hand, reserved from stock where site_code = ? and sku = ?", fx.site(), fx.sku()),
                        "stock row (on_hand, reserved)");
                assertEquals(List.of(STOCK, STOCK), ints(c, "select count(*), coalesce(sum(l.quantity), 0) from promise p join promise_line l on l.promise_id = p.id "
                        + "where p.site_code = ? and l.sku = ? and p.status = 'OPEN'", fx.site(), fx.sku()), "open promises (count, units)");
            }
        }
        for (ServiceProcess sp : instances) {
            awaitTrue(() -> fx.stock(sp).path("reserved").asInt() == STOCK, sp.name() + " sees all " + STOCK + " units reserved");
            JsonNode stock = fx.stock(sp);
            assertEquals(STOCK, stock.path("reserved").asInt(), sp.name() + " stock " + stock);
            assertEquals(0, stock.path("available").asInt(), sp.name() + " stock " + stock);
        }
    }

    /** What one instance creates the other quotes, commits and shows on its very next request, in either direction. */
    @Test
    void codesCreatedOnOneInstanceAreKnownOnTheOtherAtOnce() {
        assumeTrue(db.shareable(), "needs a database two processes can share (PostgreSQL)");
        for (int i = 0; i < 6; i++) {
            ServiceProcess writer = i % 2 == 0 ? a : b;
            ServiceProcess reader = i % 2 == 0 ? b : a;
            Fixture fx = Fixture.unique("MD" + i);
            fx.create(writer, 5);
            String what = " on " + reader.name() + " right after " + writer.name() + " created " + fx;

            JsonNode answer = Fixture.expect(200, reader.post("/api/v1/promises/validate", fx.quoteBody(2)));
            assertEquals("APPROVED", answer.path("verdict").asText(), () -> "verdict" + what + ": " + answer);
            assertEquals(fx.site(), answer.path("recommended").path("site").asText(), () -> "recommended site" + what + ": " + answer);

            JsonNode stock = Fixture.expect(200, reader.get("/api/v1/sites/" + fx.site() + "/stock/" + fx.sku()));
            assertEquals(5, stock.path("available").asInt(), () -> "stock" + what + ": " + stock);
            Fixture.expect(200, reader.get("/api/v1/sites/" + fx.site() + "/lanes/" + fx.region()));

            fx.createService(writer, "IT-WASH", 2);
            JsonNode service = Fixture.expect(200, reader.post("/api/v1/promises/validate",
                    "{\"type\":\"SERVICE\",\"site\":\"" + fx.site() + "\",\"serviceType\":\"IT-WASH\"}"));
            assertEquals(fx.site(), service.path("recommended").path("site").asText(), () -> "service quote" + what + ": " + service);

            Fixture.expect(201, reader.commit("it-md-" + fx.sku(), fx.commitBody(1)));

            // a hold taken on the writer, committed by decisionId and read on the reader
            String held = fx.quoteBody(1).replaceFirst("\\}$", ",\"hold\":true}");
            JsonNode hold = Fixture.expect(200, writer.post("/api/v1/promises/validate", held));
            assertEquals("HELD", hold.path("hold").path("status").asText(), () -> "hold on " + writer.name() + ": " + hold);
            JsonNode promise = Fixture.expect(201, reader.commit("it-mdh-" + fx.sku(), "{\"decisionId\":\"" + hold.path("decisionId").asText() + "\"}"));
            assertEquals(hold.path("hold").path("promiseId"), promise.path("promiseId"), "the hold became the promise");
            JsonNode read = Fixture.expect(200, reader.get("/api/v1/promises/" + promise.path("promiseId").asText()));
            assertEquals("OPEN", read.path("status").asText(), () -> "promise" + what + ": " + read);
        }
        JsonNode rulesA = Fixture.expect(200, a.get("/api/v1/rules"));
        JsonNode rulesB = Fixture.expect(200, b.get("/api/v1/rules"));
        assertEquals(rulesA.path("version"), rulesB.path("version"), "both instances run the same rules directory");
    }

    /** An update (not a new code) made on A reaches B by notification: B does not poll in this test. */
    @Test
    void updatesReachTheOtherInstanceWithoutPolling() {
        assumeTrue(db.shareable(), "needs a database two processes can share (PostgreSQL)");
        Fixture fx = Fixture.unique("UP");
        fx.create(a, 5);
        assertEquals(5, fx.stock(b).path("onHand").asInt()); // B now holds the SKU in its view

        Fixture.expect(200, a.put("/api/v1/sites/" + fx.site() + "/stock/" + fx.sku(), "{\"onHand\":7,\"inbound\":[]}"));
        Fixture.expect(200, a.put("/api/v1/sites/" + fx.site() + "/lanes/" + fx.region(), "{\"transitDays\":4}"));
        awaitTrue(() -> fx.stock(b).path("onHand").asInt() == 7, "B sees the new on-hand quantity");
        awaitTrue(() -> Fixture.expect(200, b.get("/api/v1/sites/" + fx.site() + "/lanes/" + fx.region())).path("transitDays").asInt() == 4,
                "B sees the new transit days");

        Fixture.expect(201, a.commit("it-up-" + fx.sku(), fx.commitBody(3)));
        awaitTrue(() -> fx.stock(b).path("reserved").asInt() == 3, "B sees A's reservation");
        assertEquals(4, fx.stock(b).path("available").asInt());
    }

    /** The listening connection is killed: both instances reconnect and notifications flow again. */
    @Test
    void listenersReconnectAfterTheirConnectionIsKilled() throws SQLException {
        assumeTrue(db.shareable(), "needs a database two processes can share (PostgreSQL)");
        Fixture fx = Fixture.unique("RC");
        fx.create(a, 5);
        assertEquals(5, fx.stock(b).path("onHand").asInt());

        String listeners = "select pid from pg_stat_activity where datname = current_database() and application_name = 'promise-change-listener'";
        try (Connection c = jdbc()) {
            List<Integer> old = column(c, listeners);
            assertTrue(old.size() >= 2, "listening connections before: " + old);
            for (int pid : old) {
                assertEquals(List.of(1), ints(c, "select case when pg_terminate_backend(" + pid + ", 5000) then 1 else 0 end"), "terminated " + pid);
            }
            awaitTrue(() -> {
                try {
                    return column(c, listeners).stream().filter(pid -> !old.contains(pid)).count() >= 2;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, "both instances listen again on new connections");
        }
        Fixture.expect(200, a.put("/api/v1/sites/" + fx.site() + "/stock/" + fx.sku(), "{\"onHand\":9,\"inbound\":[]}"));
        awaitTrue(() -> fx.stock(b).path("onHand").asInt() == 9, "B hears A's change after reconnecting");
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static Connection jdbc() throws SQLException {
        return DriverManager.getConnection(db.url(), db.user(), db.password());
    }

    private static List<Integer> ints(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setString(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                List<Integer> out = new ArrayList<>();
                if (rs.next()) for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) out.add(rs.getInt(i));
                return out;
            }
        }
    }

    private static List<Integer> column(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            List<Integer> out = new ArrayList<>();
            while (rs.next()) out.add(rs.getInt(1));
            return out;
        }
    }

    /** Waits (bounded by {@link #PROPAGATION_DEADLINE_MS}) until the condition holds; fails naming it otherwise. */
    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + PROPAGATION_DEADLINE_MS * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within " + PROPAGATION_DEADLINE_MS + " ms: " + what);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
