package com.promisevalidator.api;

import static com.promisevalidator.api.ApiTestSupport.CSV_HEADER;
import static com.promisevalidator.api.ApiTestSupport.PROBLEM_JSON;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.CommitTestSupport.delivery;
import static com.promisevalidator.api.CommitTestSupport.stock;
import static com.promisevalidator.api.CommitTestSupport.warehouse;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.isA;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.promisevalidator.access.AdminKeyByDefault;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Access (PRODUCT.md "Access"): every endpoint × every role, no key and an unknown key; a rep acts only
 * in their own name; rate limit (429 + Retry-After) and body limits (413). Keys: the %test profile
 * in application.properties.
 */
@QuarkusTest
class AccessApiTest {

    static final String SITE = id("ACC");
    static final String REGION = id("RJ");
    static final String SKU = id("ACC-SKU");
    static final String PROMISES = "/api/v1/promises";

    /** Callers: key header value per caller name ("none" sends no header, "wrong" an unknown key). */
    static final Map<String, String> CALLERS = new LinkedHashMap<>();

    static {
        CALLERS.put("admin", AdminKeyByDefault.ADMIN);
        CALLERS.put("ops", "test-key-ops");
        CALLERS.put("crm", "test-key-crm");
        CALLERS.put("rep", "test-key-alice");
        CALLERS.put("none", AdminKeyByDefault.NO_KEY);
        CALLERS.put("wrong", "not-a-known-key-at-all");
    }

    static final Set<String> ANY = Set.of("admin", "ops", "crm", "rep");
    static final Set<String> OPS = Set.of("admin", "ops");
    static final Set<String> CRM = Set.of("admin", "crm");
    static final Set<String> REP_CRM = Set.of("admin", "crm", "rep");
    static final Set<String> REP = Set.of("admin", "rep");

    /** One endpoint: method, path (made fresh per call, e.g. a new promise), body, content type, roles allowed, status when allowed. */
    record Endpoint(String method, Supplier<String> path, String contentType, Supplier<String> body, Set<String> allowed, int ok) {
        Endpoint(String method, String path, String contentType, String body, Set<String> allowed, int ok) {
            this(method, () -> path, contentType, () -> body, allowed, ok);
        }
    }

    private static boolean ready;

    @BeforeEach
    void fixture() {
        if (ready) return;
        ready = true;
        warehouse(SITE, REGION, 10_000);
        stock(SITE, SKU, 100_000);
    }

    static String quote(String rep) {
        return delivery(id("Q") + "-" + UUID.randomUUID(), rep, SITE, REGION, SKU, 1, null);
    }

    static String quoteWithoutRep() {
        return """
                {"type":"DELIVERY","customer":"ACME","site":"%s","region":"%s","lines":[{"sku":"%s","quantity":1}],
                 "orderedAt":"%s"}""".formatted(SITE, REGION, SKU, CommitTestSupport.ORDERED_AT);
    }

    static Response call(String key, String method, String path, String contentType, String body) {
        RequestSpecification spec = given().header(AdminKeyByDefault.HEADER, key);
        if (contentType != null) spec = spec.contentType(contentType);
        if (body != null) spec = spec.body(body);
        if (method.equals("POST") && path.equals(PROMISES)) spec = spec.header("Idempotency-Key", UUID.randomUUID().toString());
        return spec.when().request(method, path);
    }

    /** A new open promise of rep {@code rep} (committed with the admin key). */
    static String promiseOf(String rep) {
        return call(AdminKeyByDefault.ADMIN, "POST", PROMISES, "application/json", "{\"quote\":" + quote(rep) + "}")
                .then().statusCode(201).extract().path("promiseId");
    }

    static List<Endpoint> endpoints() {
        String json = "application/json";
        String site = "/api/v1/sites/" + SITE;
        String csv = CSV_HEADER + "\nDELIVERY," + id("ACC-H") + "-%s," + SITE + "," + REGION
                + ",,carol,2026-11-02T10:00:00-03:00,2026-11-07,2026-11-04T16:00:00-03:00,,,1\n";
        List<Endpoint> e = new ArrayList<>();
        // validation and commitments
        e.add(new Endpoint("POST", () -> PROMISES + "/validate", json, () -> quote("carol"), CRM, 200));
        e.add(new Endpoint("POST", () -> PROMISES + "/validate", json, AccessApiTest::quoteWithoutRep, REP_CRM, 200));
        e.add(new Endpoint("POST", () -> PROMISES + "/validate-batch", json, () -> "{\"quotes\":[" + quote("carol") + "]}", CRM, 200));
        e.add(new Endpoint("POST", () -> PROMISES, json, () -> "{\"quote\":" + quoteWithoutRep() + "}", REP_CRM, 201));
        e.add(new Endpoint("POST", () -> PROMISES, json, () -> "{\"quote\":" + quote("carol") + "}", CRM, 201));
        e.add(new Endpoint("GET", () -> PROMISES + "/" + promiseOf("carol"), null, () -> null, CRM, 200));
        e.add(new Endpoint("GET", () -> PROMISES + "/" + promiseOf("alice"), null, () -> null, REP_CRM, 200));
        e.add(new Endpoint("DELETE", () -> PROMISES + "/" + promiseOf("carol"), null, () -> null, CRM, 200));
        e.add(new Endpoint("DELETE", () -> PROMISES + "/" + promiseOf("alice"), null, () -> null, REP_CRM, 200));
        e.add(new Endpoint("POST", () -> PROMISES + "/" + promiseOf("carol") + "/outcome", json,
                () -> "{\"completedAt\":\"" + com.promisevalidator.TestClock.now() + "\"}", CRM, 200));
        e.add(new Endpoint("GET", PROMISES, null, null, REP_CRM, 200));
        e.add(new Endpoint("GET", PROMISES + "?status=OPEN", null, null, REP_CRM, 200));
        e.add(new Endpoint("GET", "/api/v1/performance?by=rep", null, null, REP, 200));
        // master data: any key reads, ops writes
        e.add(new Endpoint("GET", "/api/v1/sites", null, null, ANY, 200));
        e.add(new Endpoint("GET", site, null, null, ANY, 200));
        e.add(new Endpoint("GET", site + "/stock", null, null, ANY, 200));
        e.add(new Endpoint("GET", site + "/stock/" + SKU, null, null, ANY, 200));
        e.add(new Endpoint("GET", site + "/lanes/" + REGION, null, null, ANY, 200));
        e.add(new Endpoint("GET", site + "/services/NONE", null, null, ANY, 404));
        e.add(new Endpoint("PUT", "/api/v1/sites/" + id("ACC2"), json, "{\"name\":\"x\",\"timeZone\":\"America/Sao_Paulo\"}", OPS, 200));
        e.add(new Endpoint("PUT", site + "/stock/" + id("ACC-SKU2"), json, "{\"onHand\":5}", OPS, 200));
        e.add(new Endpoint("PUT", site + "/lanes/" + id("SC"), json, "{\"transitDays\":3}", OPS, 200));
        e.add(new Endpoint("PUT", site + "/services/" + id("OIL"), json,
                "{\"bays\":2,\"openingHours\":\"08:00-18:00\",\"standardMinutes\":20}", OPS, 200));
        // history, rules: ops
        e.add(new Endpoint("POST", () -> "/api/v1/history/import", "text/csv", () -> csv.formatted(UUID.randomUUID()), OPS, 200));
        e.add(new Endpoint("POST", "/api/v1/history/rebuild-statistics", null, null, OPS, 200));
        e.add(new Endpoint("GET", "/api/v1/rules", null, null, OPS, 200));
        e.add(new Endpoint("POST", "/api/v1/rules/check", json, "{\"files\":[{\"name\":\"x.drl\",\"content\":\"package x;\"}]}", OPS, 200));
        e.add(new Endpoint("GET", "/api/v1/info", null, null, ANY, 200));
        // areas guarded by path, also for endpoints without @RolesAllowed (test-only AccessProbes)
        e.add(new Endpoint("GET", "/api/v1/decisions/_access-probe", null, null, OPS, 200));
        e.add(new Endpoint("GET", "/api/v1/history/_access-probe", null, null, OPS, 200));
        e.add(new Endpoint("GET", "/api/v1/webhooks/_access-probe", null, null, CRM, 200));
        return e;
    }

    @Test
    void everyEndpointAnswersEachCallerAsItsRoleAllows() {
        List<String> wrong = new ArrayList<>();
        for (Endpoint ep : endpoints()) {
            for (Map.Entry<String, String> caller : CALLERS.entrySet()) {
                String who = caller.getKey();
                String path = ep.path().get();
                Response r = call(caller.getValue(), ep.method(), path, ep.contentType(), ep.body().get());
                int expected = who.equals("none") || who.equals("wrong") ? 401 : ep.allowed().contains(who) ? ep.ok() : 403;
                if (r.statusCode() != expected) {
                    wrong.add(ep.method() + " " + path + " as " + who + ": " + r.statusCode() + " (expected " + expected + ") " + r.asString());
                } else if (expected == 401 || expected == 403) {
                    String type = r.contentType();
                    if (type == null || !type.startsWith(PROBLEM_JSON) || r.jsonPath().getInt("status") != expected) {
                        wrong.add(ep.method() + " " + path + " as " + who + ": not a problem+json " + expected + ": " + type + " " + r.asString());
                    }
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void publicPathsNeedNoKeyAndIgnoreAWrongOne() {
        for (String path : List.of("/q/health", "/q/health/ready", "/q/health/live", "/q/openapi", "/q/swagger-ui/")) {
            for (String key : List.of(AdminKeyByDefault.NO_KEY, "not-a-known-key-at-all")) {
                given().header(AdminKeyByDefault.HEADER, key).when().get(path).then().statusCode(200);
            }
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheKeyHeader() {
        given().header(AdminKeyByDefault.HEADER, AdminKeyByDefault.NO_KEY).accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("components.securitySchemes.ApiKey.type", equalTo("apiKey"))
                .body("components.securitySchemes.ApiKey.name", equalTo("X-API-Key"))
                .body("components.securitySchemes.ApiKey.in", equalTo("header"));
    }

    @Test
    void unauthorizedIsAProblemThatNeverEchoesTheKey() {
        String secret = "a-secret-that-is-wrong-" + UUID.randomUUID();
        String body = given().header(AdminKeyByDefault.HEADER, secret).when().get("/api/v1/sites").then().statusCode(401)
                .header("Content-Type", startsWith(PROBLEM_JSON)).header("WWW-Authenticate", equalTo("X-API-Key"))
                .body("title", equalTo("Unauthorized")).extract().asString();
        assertTrue(!body.contains(secret), body);
    }

    @Test
    void twoKeysAreRefusedWhicheverComesFirstAndNeitherIsEchoed() {
        for (List<String> keys : List.of(List.of("test-key-alice", "test-key-ops"), List.of("test-key-ops", "test-key-alice"))) {
            String body = given().header(AdminKeyByDefault.HEADER, keys.get(0)).header(AdminKeyByDefault.HEADER, keys.get(1))
                    .get("/api/v1/rules").then().statusCode(401)
                    .header("Content-Type", startsWith(PROBLEM_JSON)).header("WWW-Authenticate", equalTo("X-API-Key"))
                    .body("detail", org.hamcrest.Matchers.containsString("send one key")).extract().asString();
            assertTrue(!body.contains("test-key"), body);
        }
        // folded into one header by a proxy: the same
        given().header(AdminKeyByDefault.HEADER, "test-key-ops, test-key-alice").get("/api/v1/rules").then().statusCode(401)
                .body("detail", org.hamcrest.Matchers.containsString("send one key"));
    }

    @Test
    void aRepValidatesAndCommitsOnlyInTheirOwnName() {
        String alice = "test-key-alice";
        // another rep's name: 403, and nothing is committed
        int before = given().header(AdminKeyByDefault.HEADER, alice).get(PROMISES + "?limit=1000").then().statusCode(200)
                .extract().jsonPath().getList("$").size();
        call(alice, "POST", PROMISES + "/validate", "application/json", quote("bob")).then().statusCode(403)
                .header("Content-Type", startsWith(PROBLEM_JSON)).body("detail", org.hamcrest.Matchers.containsString("bob"));
        call(alice, "POST", PROMISES, "application/json", "{\"quote\":" + quote("bob") + "}").then().statusCode(403);
        assertEquals(before, given().header(AdminKeyByDefault.HEADER, alice).get(PROMISES + "?limit=1000").then().statusCode(200)
                .extract().jsonPath().getList("$").size());
        // no name: the key's; the decision remembers it, so committing it by decisionId is alice's promise
        String decision = call(alice, "POST", PROMISES + "/validate", "application/json", quoteWithoutRep()).then().statusCode(200)
                .extract().path("decisionId");
        String id = call(alice, "POST", PROMISES, "application/json", "{\"decisionId\":\"" + decision + "\"}").then().statusCode(201)
                .body("rep", equalTo("alice")).extract().path("promiseId");
        call(alice, "GET", PROMISES + "/" + id, null, null).then().statusCode(200).body("rep", equalTo("alice"));
        // bob cannot commit, read or cancel alice's
        String bob = "test-key-bob";
        String another = call(alice, "POST", PROMISES + "/validate", "application/json", quoteWithoutRep()).then().statusCode(200)
                .extract().path("decisionId");
        call(bob, "POST", PROMISES, "application/json", "{\"decisionId\":\"" + another + "\"}").then().statusCode(403);
        call(bob, "GET", PROMISES + "/" + id, null, null).then().statusCode(403).header("Content-Type", startsWith(PROBLEM_JSON));
        call(bob, "DELETE", PROMISES + "/" + id, null, null).then().statusCode(403);
        call(alice, "GET", PROMISES + "/" + id, null, null).then().statusCode(200).body("status", equalTo("OPEN"));
        // the lists: bob sees none of alice's; crm sees both
        given().header(AdminKeyByDefault.HEADER, bob).get(PROMISES + "?limit=1000").then().statusCode(200)
                .body("rep", everyItem(equalTo("bob"))).body("promiseId", not(hasItem(id)));
        given().header(AdminKeyByDefault.HEADER, alice).get(PROMISES + "?limit=1000").then().statusCode(200)
                .body("rep", everyItem(equalTo("alice"))).body("promiseId", hasItem(id));
        String bobs = call(bob, "POST", PROMISES, "application/json", "{\"quote\":" + quoteWithoutRep() + "}").then().statusCode(201)
                .body("rep", equalTo("bob")).extract().path("promiseId");
        given().header(AdminKeyByDefault.HEADER, "test-key-crm").get(PROMISES + "?limit=1000").then().statusCode(200)
                .body("promiseId", hasItem(id)).body("promiseId", hasItem(bobs));
        // alice cancels her own
        call(alice, "DELETE", PROMISES + "/" + id, null, null).then().statusCode(200).body("status", equalTo("CANCELLED"));
    }

    @Test
    void aRepReadsOnlyTheirOwnRecordByRepAndTheWholeBusinessBySite() {
        String row = "DELIVERY," + id("ACC-P") + "-%s," + SITE + "," + REGION + ",,%s,2026-11-02T10:00:00-03:00,2026-11-07,"
                + "2026-11-04T16:00:00-03:00,,,1\n";
        String csv = CSV_HEADER + "\n" + row.formatted(UUID.randomUUID(), "alice") + row.formatted(UUID.randomUUID(), "carol");
        given().contentType("text/csv").body(csv).post("/api/v1/history/import").then().statusCode(200);
        given().header(AdminKeyByDefault.HEADER, "test-key-alice").get("/api/v1/performance?by=rep").then().statusCode(200)
                .body("groups.dimensions.rep", equalTo(List.of("alice")));
        given().get("/api/v1/performance?by=rep").then().statusCode(200)
                .body("groups.dimensions.rep", hasItem("alice")).body("groups.dimensions.rep", hasItem("carol"));
        // a site's record names no rep: the rep reads it as the admin does
        assertEquals(given().get("/api/v1/performance?by=site").then().statusCode(200).extract().jsonPath().getList("groups"),
                given().header(AdminKeyByDefault.HEADER, "test-key-alice").get("/api/v1/performance?by=site").then().statusCode(200)
                        .extract().jsonPath().getList("groups"));
    }

    @Test
    void aBlankRepIsNoRepAndSpacesAroundANameAreNotPartOfItForEveryRole() {
        String crm = "test-key-crm", alice = "test-key-alice";
        call(crm, "POST", PROMISES, "application/json", "{\"quote\":" + quote("   ") + "}").then().statusCode(201)
                .body("rep", org.hamcrest.Matchers.nullValue());
        call(crm, "POST", PROMISES, "application/json", "{\"quote\":" + quote(" bob ") + "}").then().statusCode(201).body("rep", equalTo("bob"));
        call(alice, "POST", PROMISES, "application/json", "{\"quote\":" + quote("   ") + "}").then().statusCode(201)
                .body("rep", equalTo("alice"));
        call(crm, "POST", PROMISES + "/validate", "application/json", quote("\\t ")).then().statusCode(200)
                .body("reasons.code", not(hasItem("REP_RECORD")));
    }

    @Test
    void infoSaysHowCallersAreAuthenticatedAndWhoCalls() {
        given().header(AdminKeyByDefault.HEADER, "test-key-ops").get("/api/v1/info").then().statusCode(200)
                .body("auth", equalTo("api-keys")).body("caller.name", equalTo("test-ops")).body("caller.roles", hasItem("ops"))
                // the commit this build was made from (the tests run in a git checkout), to tell replicas' builds apart
                .body("build.commit", matchesPattern("[0-9a-f]{7,40}")).body("build.committedAt", notNullValue())
                .body("build.localChanges", isA(Boolean.class));
    }

    @Test
    void aKeyOverItsRateLimitGets429WithRetryAfter() {
        // "throttled" (a crm key): burst 3, then one request per 5 s (%test profile)
        String key = "test-key-throttled";
        Response last = null;
        for (int i = 0; i < 10; i++) {
            last = given().header(AdminKeyByDefault.HEADER, key).get("/api/v1/info");
            if (last.statusCode() == 429) break;
            assertEquals(200, last.statusCode());
        }
        assertEquals(429, last.statusCode(), "10 requests at once must exceed a burst of 3");
        assertTrue(last.contentType().startsWith(PROBLEM_JSON), last.contentType());
        long retryAfter = Long.parseLong(last.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 5, "Retry-After " + retryAfter);
        assertEquals(429, last.jsonPath().getInt("status"));
        // other keys are not affected
        given().header(AdminKeyByDefault.HEADER, "test-key-crm").get("/api/v1/info").then().statusCode(200);
    }

    @Test
    void oversizeJsonIs413WithOrWithoutContentLength() {
        String big = "{\"quotes\":[" + ("{\"type\":\"DELIVERY\",\"customer\":\"" + "x".repeat(1000) + "\"},").repeat(1100) + "{}]}";
        assertTrue(big.length() > 1024 * 1024);
        given().contentType(ContentType.JSON).body(big).when().post(PROMISES + "/validate-batch").then().statusCode(413)
                .header("Content-Type", startsWith(PROBLEM_JSON)).body("status", equalTo(413));
        // chunked: no Content-Length, counted as it is read
        given().contentType(ContentType.JSON).body(new java.io.ByteArrayInputStream(big.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .when().post(PROMISES + "/validate-batch").then().statusCode(413)
                .header("Content-Type", startsWith(PROBLEM_JSON)).body("status", equalTo(413));
        given().contentType(ContentType.JSON).body(new java.io.ByteArrayInputStream(big.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .when().post(PROMISES + "/validate").then().statusCode(413).header("Content-Type", startsWith(PROBLEM_JSON));
    }

    @Test
    void aBatchOfAThousandQuotesFitsTheJsonLimit() {
        String one = """
                {"type":"DELIVERY","quoteId":"Q-2026-000000000","rep":"someone-with-a-long-name","customer":"ACME Corporation Ltd",
                 "site":"%s","region":"%s","lines":[{"sku":"%s","quantity":5}],
                 "orderedAt":"%s","promisedBy":"%s","confidence":0.9}""".formatted(SITE, REGION, SKU, CommitTestSupport.ORDERED_AT,
                com.promisevalidator.TestDates.date(27));
        String batch = "{\"quotes\":[" + String.join(",", java.util.Collections.nCopies(1000, one)) + "]}";
        assertTrue(batch.length() > 250_000, "a realistic batch: " + batch.length() + " bytes");
        given().contentType(ContentType.JSON).body(batch).when().post(PROMISES + "/validate-batch").then().log().ifValidationFails().statusCode(200)
                .body("results.size()", equalTo(1000)).body("results.verdict", everyItem(notNullValue()));
    }

    /** promise.limits.csv-body of the %test profile (8M: the 64M default would make this test slow). */
    static final long CSV_LIMIT = 8L * 1024 * 1024;

    @Test
    void oversizeCsvIs413() {
        String reference = id("ACC-BIG");
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        String row = "DELIVERY," + reference + "-%d," + SITE + "," + REGION + ",,carol,2026-11-02T10:00:00-03:00,2026-11-07,"
                + "2026-11-04T16:00:00-03:00,,,1\n";
        for (int i = 0; csv.length() <= CSV_LIMIT; i++) csv.append(row.formatted(i));
        byte[] bytes = csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        given().contentType("text/csv").body(bytes).when().post("/api/v1/history/import").then().statusCode(413)
                .header("Content-Type", startsWith(PROBLEM_JSON));
        given().contentType("text/csv").body(new java.io.ByteArrayInputStream(bytes)).when().post("/api/v1/history/import")
                .then().statusCode(413).header("Content-Type", startsWith(PROBLEM_JSON));
        // a CSV between the JSON and the CSV limit is fine
        StringBuilder medium = new StringBuilder(CSV_HEADER).append('\n');
        for (int i = 0; medium.length() <= 1200 * 1024; i++) medium.append(row.formatted(i));
        given().contentType("text/csv").body(medium.toString()).when().post("/api/v1/history/import").then().statusCode(200);
    }
}
