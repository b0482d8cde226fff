package com.promisevalidator.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The running service, seen from the CLI: JSON over HTTP with the caller's key. Every non-2xx answer becomes a
 * {@link CliFailure} carrying the service's own words (problem+json title, detail and field errors).
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String base;
    private final String key;
    private final Duration timeout;

    Api(String url, String key, Duration timeout) {
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.key = key;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    JsonNode get(String path, Map<String, String> query) {
        return send(request(path, query).GET());
    }

    JsonNode delete(String path) {
        return send(request(path, Map.of()).DELETE());
    }

    JsonNode postJson(String path, Object body) {
        return send(request(path, Map.of()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    JsonNode putJson(String path, Object body) {
        return send(request(path, Map.of()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    JsonNode post(String path, Map<String, String> query, String contentType, HttpRequest.BodyPublisher body) {
        return send(request(path, query).header("Content-Type", contentType).POST(body));
    }

    private HttpRequest.Builder request(String path, Map<String, String> query) {
        StringBuilder uri = new StringBuilder(base).append(path);
        char sep = '?';
        for (Map.Entry<String, String> q : query.entrySet()) {
            if (q.getValue() == null) continue;
            uri.append(sep).append(q.getKey()).append('=').append(URLEncoder.encode(q.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri.toString())).timeout(timeout)
                .header("Accept", "application/json");
        if (key != null && !key.isBlank()) b.header("X-API-Key", key);
        return b;
    }

    private JsonNode send(HttpRequest.Builder builder) {
        HttpRequest req = builder.build();
        HttpResponse<String> res;
        try {
            res = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new CliFailure(CliFailure.UNREACHABLE, "cannot reach the service at " + base
                    + " (is it running? set --url or PROMISE_URL)");
        } catch (HttpTimeoutException e) {
            throw new CliFailure(CliFailure.UNREACHABLE, "the service at " + base + " did not answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new CliFailure(CliFailure.UNREACHABLE, "talking to " + base + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(CliFailure.UNREACHABLE, "interrupted");
        }
        JsonNode body = parse(res.body());
        if (res.statusCode() / 100 != 2) throw new CliFailure(CliFailure.REFUSED, describe(req, res.statusCode(), body, res.body()), res.statusCode());
        return body;
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) return JSON.nullNode();
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }

    /** "POST /api/v1/history/import: 400 Bad Request: line 3: orderedAt: ..." in the service's own words. */
    static String describe(HttpRequest req, int status, JsonNode body, String raw) {
        StringBuilder m = new StringBuilder(req.method()).append(' ').append(req.uri().getPath()).append(": ").append(status);
        if (status == 401) m.append(" (no key or an unknown key: set --key or PROMISE_API_KEY)");
        if (status == 403) m.append(" (this key's role may not do that)");
        if (body != null && body.isObject()) {
            if (body.hasNonNull("title")) m.append(' ').append(body.get("title").asText());
            if (body.hasNonNull("detail")) m.append(": ").append(body.get("detail").asText());
            for (JsonNode e : body.path("errors")) {
                m.append(System.lineSeparator()).append("  ").append(e.path("field").asText(e.path("file").asText("")));
                if (e.hasNonNull("line")) m.append(" line ").append(e.get("line").asText());
                m.append(": ").append(e.path("message").asText());
            }
        } else if (raw != null && !raw.isBlank()) {
            m.append(' ').append(raw.length() > 300 ? raw.substring(0, 300) + "…" : raw);
        }
        return m.toString();
    }

    static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> query(String... pairs) {
        Map<String, String> q = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) q.put(pairs[i], pairs[i + 1]);
        return q;
    }
}
