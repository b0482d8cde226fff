package com.promisevalidator.api;

import static com.promisevalidator.api.ApiTestSupport.createSite;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.putJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Property-based fuzzing of the whole API surface: {@value #CASES} bad requests generated from a fixed
 * seed (same cases every run) over every endpoint that takes a body and the query parameters of the
 * GET endpoints: valid requests with fields replaced by wrong types, huge numbers and strings, deep
 * nesting and odd Unicode (lone surrogates, NULs, noncharacters), unknown fields, truncated or
 * byte-corrupted JSON (invalid UTF-8), empty bodies, wrong content types and multi-megabyte bodies.
 * The property: never a 5xx, and every error is application/problem+json with its status and a title.
 *
 * <p>Generated with a seeded {@link Random} inside a {@code @QuarkusTest}: jqwik's engine runs beside
 * JUnit 6 here, but its generators refuse to run outside a jqwik property (OutsideJqwikException),
 * and a jqwik property cannot start the Quarkus application.
 */
@QuarkusTest
class ApiFuzzTest {

    static final int CASES = 10_000;
    /** Fixed, so every run sends the same cases; {@code -Dfuzz.seed=…} explores others. */
    static final long SEED = Long.getLong("fuzz.seed", 20261202L);
    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    static final String DC = id("FZ-DC");
    static final String REGION = id("FZ-R");
    static final String SKU = id("FZ-SKU");
    static final String SVC = id("FZ-SVC");

    @TestHTTPResource("/")
    URI base;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    /** One generated request. */
    record Case(int n, String method, String path, String contentType, byte[] body, Map<String, String> headers) {
        String describe() {
            String b = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
            return "#" + n + " " + method + " " + path + " [" + contentType + "] " + (body == null ? 0 : body.length) + " bytes: " + b;
        }
    }

    @Test
    void noGeneratedBadRequestGetsA5xxAndEveryErrorIsAProblem() throws Exception {
        createSite(DC, """
                {"name":"Fuzz DC","timeZone":"America/Sao_Paulo","cutoff":"14:00","dailyCapacity":{"orders":100000}}""");
        putJson("/api/v1/sites/" + DC + "/lanes/" + REGION, "{\"transitDays\":2}").statusCode(200);
        putJson("/api/v1/sites/" + DC + "/stock/" + SKU, "{\"onHand\":1000000}").statusCode(200);
        putJson("/api/v1/sites/" + DC + "/services/" + SVC, "{\"bays\":3,\"openingHours\":\"08:00-18:00\",\"standardMinutes\":20}")
                .statusCode(200);

        // each case has its own seed (SEED + n): the same cases every run, whatever order they are sent in
        Map<Integer, Integer> byStatus = new java.util.concurrent.ConcurrentSkipListMap<>();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    for (int n = first; n < CASES; n += 4) {
                        Case c = generate(n, new Random(SEED + n));
                        HttpResponse<String> r = send(c);
                        byStatus.merge(r.statusCode(), 1, Integer::sum);
                        String why = violation(r);
                        if (why != null && failures.size() < 20) failures.add(why + " <- " + c.describe() + " -> " + abbreviate(r.body()));
                    }
                    return null;
                }));
            }
            for (var f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
        System.out.println("fuzz: seed " + SEED + ", " + CASES + " cases, answers by status " + byStatus);
        assertTrue(failures.isEmpty(), failures.size() + " violation(s), first ones:\n" + String.join("\n", failures));
        assertTrue(byStatus.keySet().stream().anyMatch(s -> s == 400), "the cases reach the input checks");
        assertEquals(CASES, byStatus.values().stream().mapToInt(Integer::intValue).sum());
    }

    /** Null when the answer keeps the contract, else what is wrong with it. */
    private static String violation(HttpResponse<String> r) {
        int s = r.statusCode();
        if (s >= 500) return "status " + s;
        if (s < 400) return null;
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) return "error " + s + " with content type '" + type + "'";
        try {
            JsonNode body = JSON.readTree(r.body());
            if (body.path("status").asInt() != s) return "problem status " + body.path("status") + " for HTTP " + s;
            if (!body.path("title").isTextual() || body.path("title").asText().isBlank()) return "problem without title";
        } catch (IOException e) {
            return "problem body is not JSON";
        }
        return null;
    }

    private HttpResponse<String> send(Case c) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(c.path())).timeout(Duration.ofSeconds(60));
        if (c.contentType() != null) b.header("Content-Type", c.contentType());
        // the admin key: every case reaches the input checks (keys and roles have their own test)
        if (!c.headers().containsKey(com.promisevalidator.access.AdminKeyByDefault.HEADER)) {
            b.header(com.promisevalidator.access.AdminKeyByDefault.HEADER, com.promisevalidator.access.AdminKeyByDefault.ADMIN);
        }
        c.headers().forEach(b::header);
        HttpRequest.BodyPublisher body = c.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(c.body());
        b.method(c.method(), body);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    // ---- generation ---------------------------------------------------------------------------

    private Case generate(int n, Random r) {
        int pick = r.nextInt(100);
        if (pick < 8) return queryCase(n, r);
        if (pick < 12) return csvCase(n, r);
        Target t = target(r);
        return jsonCase(n, r, t);
    }

    /** An endpoint that takes JSON and a valid body for it. */
    record Target(String method, String path, String template, Map<String, String> headers) {
    }

    private Target target(Random r) {
        String later = LocalDate.now(com.promisevalidator.TestClock.UTC).plusDays(20).toString();
        String delivery = """
                {"type":"DELIVERY","quoteId":"FZ","rep":"alice","customer":"ACME","site":"%s","region":"%s",
                 "lines":[{"sku":"%s","quantity":5}],"orderedAt":"%sT10:00:00-03:00","promisedBy":"%s","confidence":0.9}"""
                .formatted(DC, REGION, SKU, LocalDate.now(com.promisevalidator.TestClock.UTC), later);
        String service = """
                {"type":"SERVICE","rep":"bob","site":"%s","serviceType":"%s","startAt":"%sT10:00:00-03:00","promisedMinutes":30}"""
                .formatted(DC, SVC, LocalDate.now(com.promisevalidator.TestClock.UTC).plusDays(3));
        int k = r.nextInt(100);
        if (k < 22) return new Target("POST", "/api/v1/promises/validate", r.nextBoolean() ? delivery : service, Map.of());
        if (k < 34) return new Target("POST", "/api/v1/promises/validate-batch", "{\"quotes\":[" + delivery + "," + service + "]}", Map.of());
        if (k < 48) {
            int form = r.nextInt(3); // the three commit body forms: decisionId, the quote body, the older wrapper
            String body = form == 0 ? "{\"decisionId\":\"0000000000000000000000000000\"}"
                    : form == 1 ? (r.nextBoolean() ? delivery : service)
                    : "{\"quote\":" + delivery + ",\"site\":\"" + DC + "\",\"promisedBy\":\"" + later + "\"}";
            return new Target("POST", "/api/v1/promises", body, Map.of("Idempotency-Key", "fz-" + r.nextLong()));
        }
        if (k < 56) return new Target("POST", "/api/v1/promises/" + Long.toHexString(r.nextLong()) + "/outcome",
                r.nextBoolean() ? "{\"completedAt\":\"" + LocalDate.now(com.promisevalidator.TestClock.UTC) + "T09:00:00-03:00\"}" : "{\"actualMinutes\":34}", Map.of());
        if (k < 67) return new Target("PUT", "/api/v1/sites/" + id("FZ-S" + r.nextInt(20)), """
                {"name":"x","timeZone":"America/Sao_Paulo","cutoff":"14:00","workingDays":["MON","TUE"],"holidays":["2026-12-25"],
                 "dailyCapacity":{"orders":500}}""", Map.of());
        if (k < 78) return new Target("PUT", "/api/v1/sites/" + DC + "/stock/" + id("FZ-K" + r.nextInt(20)), """
                {"onHand":40,"inbound":[{"quantity":100,"arrives":"%s"}]}""".formatted(later), Map.of());
        if (k < 86) return new Target("PUT", "/api/v1/sites/" + DC + "/lanes/" + id("FZ-L" + r.nextInt(20)), "{\"transitDays\":2}", Map.of());
        if (k < 95) return new Target("PUT", "/api/v1/sites/" + DC + "/services/" + id("FZ-V" + r.nextInt(20)),
                "{\"bays\":3,\"openingHours\":\"08:00-18:00\",\"standardMinutes\":20}", Map.of());
        return new Target("POST", "/api/v1/rules/check", "{\"files\":[{\"name\":\"x.drl\",\"content\":\"package fuzz;\"}]}", Map.of());
    }

    private Case jsonCase(int n, Random r, Target t) {
        String type = "application/json";
        int how = r.nextInt(100);
        byte[] body;
        if (how < 55) {
            body = mutateTree(t.template(), r).getBytes(StandardCharsets.UTF_8);
        } else if (how < 75) {
            body = corruptBytes(t.template().getBytes(StandardCharsets.UTF_8), r);
        } else if (how < 85) {
            body = randomDocument(r);
        } else if (how < 93) {
            body = t.template().getBytes(StandardCharsets.UTF_8);
            type = pick(r, "text/plain", "application/xml", "text/csv", null, "application/json; charset=latin1", "multipart/form-data",
                    "application/x-www-form-urlencoded", "*/*", "application/json;;;", "garbage");
            if (r.nextBoolean()) body = corruptBytes(body, r);
        } else if (how < 99) {
            body = mutateTree(mutateTree(mutateTree(t.template(), r), r), r).getBytes(StandardCharsets.UTF_8);
        } else {
            body = oversized(t.template(), r);
        }
        return new Case(n, t.method(), t.path(), type, body, t.headers());
    }

    /** Replaces, adds or removes a few values of a valid body. */
    private String mutateTree(String json, Random r) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            return json; // an earlier mutation made it unreadable: keep it
        }
        if (root == null || !root.isContainerNode()) return json;
        List<String> raws = new ArrayList<>();
        int edits = 1 + r.nextInt(3);
        for (int i = 0; i < edits; i++) {
            List<JsonNode> containers = new ArrayList<>();
            collect(root, containers);
            JsonNode c = containers.get(r.nextInt(containers.size()));
            int what = r.nextInt(10);
            if (c instanceof ObjectNode o) {
                List<String> names = new ArrayList<>();
                o.fieldNames().forEachRemaining(names::add);
                if (what == 0 || names.isEmpty()) {
                    o.set(pick(r, "promisedby", "extra", "", "\u0000", "site ", "QUANTITY", "__proto__", "a".repeat(300)), badValue(r, raws));
                } else if (what == 1) {
                    o.remove(names.get(r.nextInt(names.size())));
                } else {
                    o.set(names.get(r.nextInt(names.size())), badValue(r, raws));
                }
            } else if (c instanceof ArrayNode a) {
                if (what < 3 || a.isEmpty()) a.add(badValue(r, raws));
                else a.set(r.nextInt(a.size()), badValue(r, raws));
            }
        }
        String text = root.toString();
        for (int i = 0; i < raws.size(); i++) text = text.replace("\"@@RAW" + i + "@@\"", raws.get(i));
        return text;
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (!n.isContainerNode()) return;
        out.add(n);
        for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) collect(it.next(), out);
    }

    /** A value of the wrong type, out of range, huge or odd; raw JSON text goes in through a placeholder. */
    private JsonNode badValue(Random r, List<String> raws) {
        return switch (r.nextInt(16)) {
            case 0 -> F.nullNode();
            case 1 -> F.booleanNode(r.nextBoolean());
            case 2 -> F.numberNode(pick(r, -1L, 0L, Long.MAX_VALUE, Long.MIN_VALUE, (long) Integer.MAX_VALUE + 1, 10_000_001L));
            case 3 -> F.numberNode(pick(r, 1e308, -1e308, 0.5, -0.0, 1.0000001, 4.9e-324));
            case 4 -> raw(raws, pick(r, "99999999999999999999999999999", "1e999999", "-1e-999999", "1" + "0".repeat(2000),
                    "0." + "1".repeat(5000), "NaN", "Infinity", "-", "01", "1.e5", "0x10"));
            case 5 -> F.textNode(oddUnicode(r));
            case 6 -> F.textNode("x".repeat(pick(r, 65, 129, 201, 1001, 70_000, 1_000_001)));
            case 7 -> raw(raws, deep(r, 5 + r.nextInt(r.nextBoolean() ? 40 : 3000)));
            case 8 -> F.arrayNode().add(F.textNode("a")).add(F.numberNode(1));
            case 9 -> F.objectNode().put("a", 1);
            case 10 -> F.textNode(pick(r, "2026-02-30", "2026-13-01", "+999999999-12-31", "-999999999-01-01", "0000-00-00",
                    "2026-12-01T25:00:00Z", "2026-12-01T10:00:00", "tomorrow", "", " ", "24:00", "99:99", "08:00-07:00"));
            case 11 -> raw(raws, "\"" + pick(r, "\\ud800", "\\udfff", "\\ud800\\ud800", "\\u0000", "\\uFFFF", "\\uFEFF", "\\x41", "\\u12",
                    "\\", "\\q") + "\"");
            case 12 -> F.textNode(pick(r, "DELIVERY", "SERVICE", "PICKUP", "delivery", "OPEN", "MON", "Funday", "Mars/Olympus_Mons", "UTC"));
            case 13 -> F.numberNode(r.nextInt());
            case 14 -> {
                ArrayNode a = F.arrayNode();
                int size = pick(r, 0, 1, 600, 1001, 5000);
                for (int i = 0; i < size; i++) a.add(F.objectNode().put("sku", "s" + i).put("quantity", 1));
                yield a;
            }
            default -> F.textNode(randomText(r, 1 + r.nextInt(50)));
        };
    }

    private static TextNode raw(List<String> raws, String text) {
        raws.add(text);
        return F.textNode("@@RAW" + (raws.size() - 1) + "@@");
    }

    private static String deep(Random r, int depth) {
        boolean objects = r.nextBoolean();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < depth; i++) sb.append(objects ? "{\"a\":" : "[");
        sb.append("1");
        for (int i = 0; i < depth; i++) sb.append(objects ? "}" : "]");
        return sb.toString();
    }

    private static String oddUnicode(Random r) {
        String[] bits = {"\u0000", "\uD800", "\uDFFF", "\uDBFF\uDFFF", "\uFFFF", "\uFEFF", "\u202E", "\u0301", "😀", "\u200B", "\n", "\t",
                "\\", "\"", "'", "<script>", "%00", "../..", "\u00e9", "中文", "\u0007", "\r\n"};
        StringBuilder sb = new StringBuilder();
        int n = 1 + r.nextInt(12);
        for (int i = 0; i < n; i++) sb.append(bits[r.nextInt(bits.length)]);
        return sb.toString();
    }

    private static String randomText(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append((char) (r.nextBoolean() ? 32 + r.nextInt(95) : r.nextInt(0x10000)));
        return sb.toString();
    }

    /** Truncates, cuts out, or splices in bytes (invalid UTF-8 included). */
    private static byte[] corruptBytes(byte[] in, Random r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (r.nextInt(4)) {
            case 0 -> out.write(in, 0, r.nextInt(in.length)); // truncated
            case 1 -> {
                int at = r.nextInt(in.length);
                out.write(in, 0, at);
                out.writeBytes(pick(r, new byte[]{(byte) 0xFF}, new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        new byte[]{(byte) 0xC0, (byte) 0x80}, new byte[]{0}, new byte[]{(byte) 0xE2, (byte) 0x82}, "\"".getBytes(),
                        "}".getBytes(), ",".getBytes(), "\\".getBytes()));
                out.write(in, at, in.length - at);
            }
            case 2 -> {
                int from = r.nextInt(in.length);
                int to = Math.min(in.length, from + 1 + r.nextInt(20));
                out.write(in, 0, from);
                out.write(in, to, in.length - to);
            }
            default -> {
                byte[] copy = in.clone();
                for (int i = 0; i < 1 + r.nextInt(5); i++) copy[r.nextInt(copy.length)] = (byte) r.nextInt(256);
                out.writeBytes(copy);
            }
        }
        return out.toByteArray();
    }

    private static byte[] randomDocument(Random r) {
        String s = switch (r.nextInt(10)) {
            case 0 -> "";
            case 1 -> "   \n ";
            case 2 -> "null";
            case 3 -> "[]";
            case 4 -> "123";
            case 5 -> "\"text\"";
            case 6 -> "{}";
            case 7 -> deep(r, 10_000);
            case 8 -> "{\"a\":1}{\"b\":2}";
            default -> null;
        };
        if (s != null) return s.getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[r.nextInt(200)];
        r.nextBytes(b);
        return b;
    }

    /** A few megabytes: one huge string, or a huge array of numbers. */
    private static byte[] oversized(String template, Random r) {
        String big = r.nextBoolean() ? "\"" + "y".repeat(3_000_000) + "\"" : "[" + "1,".repeat(1_000_000) + "1]";
        return template.replaceFirst("\\{", "{\"huge\":" + java.util.regex.Matcher.quoteReplacement(big) + ",").getBytes(StandardCharsets.UTF_8);
    }

    private Case csvCase(int n, Random r) {
        String csv = ApiTestSupport.CSV_HEADER + "\n" + String.join(",", "DELIVERY", "FZ-REF-" + r.nextInt(1000), DC, REGION, "", "alice",
                LocalDate.now(com.promisevalidator.TestClock.UTC).minusDays(10) + "T10:00:00-03:00", LocalDate.now(com.promisevalidator.TestClock.UTC).minusDays(5).toString(),
                LocalDate.now(com.promisevalidator.TestClock.UTC).minusDays(6) + "T10:00:00-03:00", "", "", "1") + "\n";
        byte[] body;
        int how = r.nextInt(5);
        if (how == 0) {
            body = corruptBytes(csv.getBytes(StandardCharsets.UTF_8), r);
        } else if (how == 1) {
            String[] cells = csv.split("\n")[1].split(",", -1);
            cells[r.nextInt(cells.length)] = pick(r, oddUnicode(r), "x".repeat(300), "99999999999", "-5", "+999999999-12-31", "\"", "a\"b",
                    "2026-02-30", "SERVICE");
            body = (ApiTestSupport.CSV_HEADER + "\n" + String.join(",", cells) + "\n").getBytes(StandardCharsets.UTF_8);
        } else if (how == 2) {
            body = randomDocument(r);
        } else if (how == 3) {
            body = (pick(r, "", "kind,kind\n", "a,b,c\n1,2,3\n", ApiTestSupport.CSV_HEADER + ",extra\n1\n") + csv).getBytes(StandardCharsets.UTF_8);
        } else {
            return new Case(n, "POST", "/api/v1/history/import", pick(r, "application/json", "application/xml", null), csv.getBytes(), Map.of());
        }
        return new Case(n, "POST", "/api/v1/history/import", "text/csv", body, Map.of());
    }

    private Case queryCase(int n, Random r) {
        boolean promises = r.nextBoolean();
        List<String> names = promises ? List.of("status", "limit", "offset", "bogus") : List.of("by", "from", "to", "bogus");
        StringBuilder q = new StringBuilder(promises ? "/api/v1/promises?" : "/api/v1/performance?");
        int params = r.nextInt(4);
        if (!promises && r.nextInt(3) > 0) q.append("by=").append(pick(r, "rep", "site", "lane", "serviceType")).append('&');
        for (int i = 0; i < params; i++) {
            String value = switch (r.nextInt(8)) {
                case 0 -> oddUnicode(r);
                case 1 -> pick(r, "-1", "0", "1001", "99999999999", "1e3", "0x10", "NaN", "", " ", "2147483648");
                case 2 -> pick(r, "+999999999-12-31", "2026-02-30", "2026-13-01", "today", "2026-12-01T00:00:00Z");
                case 3 -> pick(r, "OPEN", "open", "AT_RISK", "at-risk", "WHATEVER", "rep", "lane", "serviceType", "REP");
                case 4 -> "x".repeat(pick(r, 100, 1500));
                default -> randomText(r, 1 + r.nextInt(20));
            };
            q.append(names.get(r.nextInt(names.size()))).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&');
        }
        return new Case(n, "GET", q.toString(), null, null, Map.of());
    }

    @SafeVarargs
    private static <T> T pick(Random r, T... options) {
        return options[r.nextInt(options.length)];
    }

    private static String abbreviate(String s) {
        return s == null || s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }
}
