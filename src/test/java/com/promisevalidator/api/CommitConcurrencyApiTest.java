package com.promisevalidator.api;

import static com.promisevalidator.api.ApiTestSupport.PROBLEM_JSON;
import static com.promisevalidator.api.ApiTestSupport.assertFieldProblem;
import static com.promisevalidator.api.ApiTestSupport.assertProblem;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.CommitTestSupport.FAR;
import static com.promisevalidator.api.CommitTestSupport.commit;
import static com.promisevalidator.api.CommitTestSupport.delivery;
import static com.promisevalidator.api.CommitTestSupport.promise;
import static com.promisevalidator.api.CommitTestSupport.promises;
import static com.promisevalidator.api.CommitTestSupport.stock;
import static com.promisevalidator.api.CommitTestSupport.stockOf;
import static com.promisevalidator.api.CommitTestSupport.warehouse;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Commits racing for the same capacity, and requests racing with the same Idempotency-Key: capacity
 * is never over-committed and one key makes at most one promise.
 */
@QuarkusTest
class CommitConcurrencyApiTest {

    /** One HTTP answer collected from a worker thread. */
    private record Answer(int status, String contentType, String promiseId, Integer problemStatus, String detail) {
        static Answer of(Response r) {
            boolean json = r.contentType() != null && r.contentType().contains("json");
            return new Answer(r.statusCode(), r.contentType(), json ? r.path("promiseId") : null,
                    json ? r.path("status") instanceof Integer i ? i : null : null, json ? r.path("detail") : null);
        }
    }

    private static Response post(String key, String body) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).when().post(CommitTestSupport.PROMISES);
    }

    /** Runs the tasks on {@code threads} threads, all released at once, and returns their answers in task order. */
    private static List<Answer> race(int threads, List<Callable<Answer>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Answer>> futures = new ArrayList<>();
            for (Callable<Answer> t : tasks) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return t.call();
                }));
            }
            go.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> f : futures) answers.add(f.get(5, TimeUnit.MINUTES));
            return answers;
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES), "workers did not stop");
        }
    }

    private static Map<Integer, Integer> histogram(List<Answer> answers) {
        Map<Integer, Integer> byStatus = new TreeMap<>();
        for (Answer a : answers) byStatus.merge(a.status(), 1, Integer::sum);
        return byStatus;
    }

    // ---- 1b. one decision commits once ---------------------------------------------------------

    /**
     * Probe I1-1 / I2-1: one decision committed at once under several Idempotency-Keys (a CRM retrying through a load
     * balancer with a fresh key, two clicks), bare and naming its recommended date, made several promises. Exactly one
     * 201; the others 409 naming it; the stock reserved once.
     */
    @Test
    void oneDecisionCommittedConcurrentlyUnderManyKeysMakesOnePromise() throws Exception {
        String dc = id("CD-DC"), region = id("CD-R"), sku = id("CD-SKU");
        warehouse(dc, region, 10_000);
        stock(dc, sku, 100);
        for (boolean hold : new boolean[]{false, true}) {
            String quote = delivery(id("CD-Q" + hold), "alice", dc, region, sku, 5, FAR);
            if (hold) quote = CommitTestSupport.withHold(quote);
            var answer = CommitTestSupport.validate(quote).extract().jsonPath();
            String decision = answer.getString("decisionId"), recommended = answer.getString("recommended.promisedBy");
            int before = stockOf(dc, sku).getInt("reserved");
            List<Callable<Answer>> tasks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String body = i % 2 == 0 ? "{\"decisionId\":\"" + decision + "\"}"
                        : "{\"decisionId\":\"" + decision + "\",\"site\":\"" + dc + "\",\"promisedBy\":\"" + recommended + "\"}";
                String key = id("CD-K" + hold + i);
                tasks.add(() -> Answer.of(post(key, body)));
            }
            List<Answer> answers = race(8, tasks);
            assertEquals(Map.of(201, 1, 409, 7), histogram(answers), (hold ? "held" : "not held") + ": answers by status");
            String made = answers.stream().filter(a -> a.status() == 201).findFirst().orElseThrow().promiseId();
            for (Answer a : answers) if (a.status() == 409) assertTrue(a.detail().contains(made), a.detail());
            assertEquals(hold ? before : before + 5, stockOf(dc, sku).getInt("reserved"), "reserved once");
        }
    }

    // ---- 2. never over-commit -----------------------------------------------------------------

    @Test
    void twoHundredConcurrentCommitsOfOneUnitAgainstStockFiftyAcceptExactlyFifty() throws Exception {
        String dc = id("CC-DC"), region = id("CC-R"), sku = id("CC-SKU");
        warehouse(dc, region, 10_000); // the day's order capacity never limits: stock does
        stock(dc, sku, 50);

        List<Callable<Answer>> tasks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String body = "{\"quote\":" + delivery(id("CC-Q" + i), "rep" + (i % 7), dc, region, sku, 1, FAR) + "}";
            String key = id("CC-K" + i);
            tasks.add(() -> Answer.of(post(key, body)));
        }
        List<Answer> answers = race(32, tasks);

        Map<Integer, Integer> byStatus = histogram(answers);
        assertEquals(Map.of(201, 50, 409, 150), byStatus, "answers by status");
        Set<String> ids = new HashSet<>();
        for (Answer a : answers) {
            if (a.status() == 201) {
                assertNotNull(a.promiseId());
                ids.add(a.promiseId());
            } else {
                assertTrue(a.contentType().startsWith(PROBLEM_JSON), a.contentType());
                assertEquals(409, a.problemStatus());
                assertNotNull(a.detail());
                assertTrue(a.detail().contains(sku) || a.detail().contains(dc), a.detail());
            }
        }
        assertEquals(50, ids.size(), "distinct promises");

        var s = stockOf(dc, sku);
        assertEquals(50, s.getInt("onHand"));
        assertEquals(50, s.getInt("reserved"));
        assertEquals(0, s.getInt("available"));

        // the reservations of the site's open promises add up to exactly what the stock says is reserved
        int sum = 0;
        int count = 0;
        for (String status : new String[]{"OPEN", "AT_RISK"}) {
            for (Map<String, Object> p : promises(status)) {
                if (!dc.equals(p.get("site"))) continue;
                count++;
                assertTrue(ids.contains((String) p.get("promiseId")), "listed promise was acknowledged: " + p.get("promiseId"));
                @SuppressWarnings("unchecked") Map<String, Object> holds = (Map<String, Object>) p.get("holds");
                @SuppressWarnings("unchecked") List<Map<String, Object>> lines = (List<Map<String, Object>>) holds.get("stock");
                for (Map<String, Object> l : lines) {
                    assertEquals(sku, l.get("sku"));
                    sum += (Integer) l.get("quantity");
                }
            }
        }
        assertEquals(50, count, "promises holding stock at " + dc);
        assertEquals(50, sum, "units held by the open promises");

        // once it is gone, a further commit is refused with a problem that carries a fresh re-check
        assertProblem(commit(id("CC-KLATE"), "{\"quote\":" + delivery(id("CC-QLATE"), "alice", dc, region, sku, 1, FAR) + "}"), 409)
                .body("detail", containsString(dc))
                .body("decisionId", org.hamcrest.Matchers.notNullValue());
        assertEquals(50, stockOf(dc, sku).getInt("reserved"));
    }

    @Test
    void commitsRacingForAFullDayMoveToTheNextDayWithRoomWhileTheirPromiseStillHolds() throws Exception {
        String dc = id("CC-DAY"), region = id("CC-DAYR"), sku = id("CC-DAYSKU");
        warehouse(dc, region, 5); // five orders a day
        stock(dc, sku, 1_000);

        List<Callable<Answer>> tasks = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String body = "{\"quote\":" + delivery(id("CC-DQ" + i), "alice", dc, region, sku, 1, FAR) + "}";
            String key = id("CC-DK" + i);
            tasks.add(() -> Answer.of(post(key, body)));
        }
        List<Answer> answers = race(16, tasks);

        // every promise is due far later than the six working days thirty orders need: none is capacity gone
        assertEquals(Map.of(201, 30), histogram(answers), "answers by status: " + answers);
        Map<Object, Integer> perDay = new TreeMap<>();
        for (Map<String, Object> p : promises("OPEN")) {
            if (!dc.equals(p.get("site"))) continue;
            @SuppressWarnings("unchecked") Map<String, Object> holds = (Map<String, Object>) p.get("holds");
            perDay.merge(holds.get("dispatchDay"), 1, Integer::sum);
        }
        assertEquals(30, perDay.values().stream().mapToInt(Integer::intValue).sum(), "open promises by dispatch day: " + perDay);
        assertTrue(perDay.values().stream().allMatch(n -> n <= 5), "no day over its five orders: " + perDay);
    }

    // ---- 3. one key, one promise --------------------------------------------------------------

    @Test
    void twentyParallelRequestsWithOneIdempotencyKeyMakeOnePromise() throws Exception {
        String dc = id("CI-DC"), region = id("CI-R"), sku = id("CI-SKU");
        warehouse(dc, region, 100);
        stock(dc, sku, 20);
        String quoteId = id("CI-Q");
        String body = "{\"quote\":" + delivery(quoteId, "alice", dc, region, sku, 3, FAR) + "}";
        String key = id("CI-K");

        List<Callable<Answer>> tasks = new ArrayList<>();
        for (int i = 0; i < 20; i++) tasks.add(() -> Answer.of(post(key, body)));
        List<Answer> answers = race(20, tasks);

        Set<String> promiseIds = new HashSet<>();
        int created = 0;
        for (Answer a : answers) {
            assertTrue(a.status() == 201 || a.status() == 409, "status " + a.status() + ": " + a.detail() + " / all: " + histogram(answers));
            if (a.status() == 201) {
                created++;
                assertNotNull(a.promiseId());
                promiseIds.add(a.promiseId());
            } else {
                assertTrue(a.contentType().startsWith(PROBLEM_JSON), a.contentType());
                assertTrue(a.detail().contains("still being processed"), a.detail());
            }
        }
        assertTrue(created >= 1, "the request that claimed the key answers 201: " + histogram(answers));
        assertEquals(1, promiseIds.size(), "every 201 names the same promise: " + promiseIds);
        String promiseId = promiseIds.iterator().next();

        long forQuote = promises(null).stream().filter(p -> quoteId.equals(p.get("quoteId"))).count();
        assertEquals(1, forQuote, "promises for quote " + quoteId);
        assertEquals(3, stockOf(dc, sku).getInt("reserved"));
        assertEquals("OPEN", promise(promiseId).getString("status"));

        // later, the same key and body replays the answer: same promise, nothing reserved again
        Response replay = post(key, body);
        assertEquals(201, replay.statusCode());
        assertEquals(promiseId, replay.path("promiseId"));
        // other spacing is the same request
        assertEquals(promiseId, post(key, "  " + body.replace("\",", "\" ,\n  ") + "\n").then().statusCode(201).extract().path("promiseId"));
        assertEquals(3, stockOf(dc, sku).getInt("reserved"));

        // the same key with another body is refused and changes nothing
        String other = "{\"quote\":" + delivery(quoteId, "alice", dc, region, sku, 5, FAR) + "}";
        assertProblem(post(key, other).then(), 422).body("detail", containsString("Idempotency-Key"));
        assertEquals(3, stockOf(dc, sku).getInt("reserved"));
        assertEquals(1, promises(null).stream().filter(p -> quoteId.equals(p.get("quoteId"))).count());
    }

    @Test
    void sameKeyWithTheSameJsonInAnotherKeyOrderReplaysThePromise() {
        String dc = id("CO-DC"), region = id("CO-R"), sku = id("CO-SKU");
        warehouse(dc, region, 100);
        stock(dc, sku, 5);
        String quoteId = id("CO-Q");
        String key = id("CO-K");
        String promiseId = post(key, "{\"quote\":" + delivery(quoteId, "alice", dc, region, sku, 2, FAR) + "}")
                .then().statusCode(201).extract().path("promiseId");
        String reordered = "{\"quote\":{\"orderedAt\":\"" + CommitTestSupport.ORDERED_AT + "\",\"lines\":[{\"quantity\":2,\"sku\":\"" + sku
                + "\"}],\"region\":\"" + region + "\",\"site\":\"" + dc + "\",\"customer\":\"ACME\",\"rep\":\"alice\",\"quoteId\":\"" + quoteId
                + "\",\"type\":\"DELIVERY\",\"promisedBy\":\"" + FAR + "\"}}";
        assertEquals(promiseId, post(key, reordered).then().statusCode(201).extract().path("promiseId"));
        assertEquals(2, stockOf(dc, sku).getInt("reserved"));
    }

    @Test
    void commitWithoutIdempotencyKeyIs400NamingTheHeader() {
        String dc = id("CN-DC"), region = id("CN-R"), sku = id("CN-SKU");
        warehouse(dc, region, 100);
        stock(dc, sku, 5);
        String body = "{\"quote\":" + delivery(id("CN-Q"), "alice", dc, region, sku, 1, FAR) + "}";
        assertFieldProblem(commit(null, body), 400, "Idempotency-Key").body("detail", containsString("Idempotency-Key"));
        assertFieldProblem(commit("  ", body), 400, "Idempotency-Key");
        assertEquals(0, stockOf(dc, sku).getInt("reserved"));
        assertFalse(promises(null).stream().anyMatch(p -> dc.equals(p.get("site"))), "no promise was made");
    }
}
