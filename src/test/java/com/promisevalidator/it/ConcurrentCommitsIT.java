package com.promisevalidator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
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

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * 200 concurrent one-unit commits against 50 units of stock: exactly 50 succeed and nothing is
 * over-committed. On PostgreSQL two service processes share the database and take the commits
 * alternately (an H2 file cannot be opened by two processes, so H2 runs one).
 */
class ConcurrentCommitsIT {

    static final int STOCK = 50;
    static final int COMMITS = 200;
    static final int CLIENT_THREADS = 32;

    @Test
    void twoHundredConcurrentCommitsConsumeExactlyTheFiftyUnitsInStock() throws Exception {
        ServiceProcess.Db db = ServiceProcess.Db.fromEnvironment("concurrent");
        Fixture fx = Fixture.unique("CC");
        List<ServiceProcess> instances = new ArrayList<>();
        try {
            // One at a time: concurrent Flyway migrations of an empty database may race.
            instances.add(ServiceProcess.start("concurrent-a", db));
            fx.create(instances.get(0), STOCK);
            // The second instance starts after the fixture exists: an instance does not see master data
            // written through another one until it restarts (see masterDataWrittenOnOneInstanceIsSeenByTheOther).
            if (db.shareable()) instances.add(ServiceProcess.start("concurrent-b", db));

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
            for (ServiceProcess sp : instances) {
                JsonNode stock = fx.stock(sp);
                assertEquals(STOCK, stock.path("reserved").asInt(), sp.name() + " stock " + stock);
                assertEquals(0, stock.path("available").asInt(), sp.name() + " stock " + stock);
            }
        } finally {
            for (ServiceProcess sp : instances) sp.close();
        }
    }

    /**
     * Master data (sites, lanes, stock levels) written through one instance is usable on every
     * instance sharing the database: each polls the change log (every 2 s) and refreshes its view.
     */
    @Test
    void masterDataWrittenOnOneInstanceIsSeenByTheOther() throws InterruptedException {
        ServiceProcess.Db db = ServiceProcess.Db.fromEnvironment("masterdata");
        assumeTrue(db.shareable(), "needs a database two processes can share (PostgreSQL)");
        Fixture fx = Fixture.unique("MD");
        try (ServiceProcess a = ServiceProcess.start("masterdata-a", db)) {
            try (ServiceProcess b = ServiceProcess.start("masterdata-b", db)) {
                fx.create(a, 5);
                long deadline = System.nanoTime() + 15_000_000_000L; // a few sync intervals
                while (System.nanoTime() < deadline && (fx.stockIfKnown(b) == null || fx.stockIfKnown(b).path("available").asInt() != 5)) {
                    Thread.sleep(200);
                }
                assertEquals(5, fx.stock(b).path("available").asInt());
                Fixture.expect(201, b.commit("it-md-" + fx.sku(), fx.commitBody(1)));
            }
        }
    }
}
