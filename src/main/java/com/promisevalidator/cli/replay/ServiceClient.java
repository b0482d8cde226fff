package com.promisevalidator.cli.replay;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The two calls the replay makes, over plain HTTP with an API key: history import and validate-batch.
 * Answers 429 (with Retry-After) and 503 are waited out and retried; anything else that is not 2xx
 * comes back as a {@link Failure} with the problem body.
 */
public final class ServiceClient {

    private static final int ATTEMPTS = 8;

    private final URI base;
    private final String key;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();

    public ServiceClient(URI base, String key) {
        this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
        this.key = key;
    }

    /** A call the service refused: its status and problem body. */
    public static final class Failure extends IOException {
        public final int status;
        public final JsonNode problem;

        Failure(String what, int status, JsonNode problem) {
            super(what + " answered " + status + ": " + problem);
            this.status = status;
            this.problem = problem;
        }
    }

    /** {@code POST /api/v1/history/import?asOf=} with a CSV body; the import result. */
    public JsonNode importCsv(String csv, OffsetDateTime asOf) throws IOException, InterruptedException {
        String q = "api/v1/history/import?asOf=" + URLEncoder.encode(asOf.toString(), StandardCharsets.UTF_8);
        return send("import", HttpRequest.newBuilder(base.resolve(q)).header("Content-Type", "text/csv; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)));
    }

    /** {@code POST /api/v1/promises/validate-batch}: the results array, one answer or problem per quote, in order. */
    public ArrayNode validateBatch(ArrayNode quotes) throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode();
        body.set("quotes", quotes);
        JsonNode answer = send("validate-batch", HttpRequest.newBuilder(base.resolve("api/v1/promises/validate-batch"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
        JsonNode results = answer.get("results");
        if (results == null || !results.isArray() || results.size() != quotes.size()) {
            throw new IOException("validate-batch answered " + (results == null ? "no results" : results.size() + " results for " + quotes.size() + " quotes"));
        }
        return (ArrayNode) results;
    }

    /**
     * {@code PUT /api/v1/sites/{site}} as a site the import would create: open every day, no capacity set, in the time
     * zone (an offset) its orders are written in.
     */
    public void putSite(String site, String timeZone) throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode().put("timeZone", timeZone);
        var days = body.putArray("workingDays");
        for (String d : java.util.List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")) days.add(d);
        String path = "api/v1/sites/" + URLEncoder.encode(site, StandardCharsets.UTF_8).replace("+", "%20");
        send("site declaration", HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
    }

    /** {@code PUT /api/v1/sites/{site}/services/{type}} with the given planning values. */
    public void putService(String site, String type, int bays, String openingHours, int standardMinutes)
            throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode().put("bays", bays).put("openingHours", openingHours).put("standardMinutes", standardMinutes);
        String path = "api/v1/sites/" + URLEncoder.encode(site, StandardCharsets.UTF_8).replace("+", "%20") + "/services/"
                + URLEncoder.encode(type, StandardCharsets.UTF_8).replace("+", "%20");
        send("service declaration", HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
    }

    public ObjectMapper json() {
        return json;
    }

    private JsonNode send(String what, HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest req = request.header("X-API-Key", key).header("Accept", "application/json").timeout(Duration.ofMinutes(5)).build();
        for (int attempt = 1;; attempt++) {
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            int status = res.statusCode();
            if (status / 100 == 2) return res.body().isBlank() ? json.createObjectNode() : json.readTree(res.body());
            if ((status == 429 || status == 503) && attempt < ATTEMPTS) {
                long wait = res.headers().firstValue("Retry-After").map(ServiceClient::seconds).orElse(1L);
                Thread.sleep(Math.max(200, Math.min(wait, 30) * 1000));
                continue;
            }
            JsonNode problem;
            try {
                problem = json.readTree(res.body());
            } catch (IOException e) {
                problem = json.getNodeFactory().textNode(res.body());
            }
            throw new Failure(what, status, problem);
        }
    }

    private static long seconds(String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
