package com.promisevalidator.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;

/**
 * A CRM's webhook endpoint for tests: a JDK HttpServer on a free local port that keeps every request and
 * answers {@link #answer} (200, or 503 while "down"). Verifies signatures the way the README tells receivers to.
 */
final class WebhookReceiver implements AutoCloseable {

    /** A received POST: its signature header, body, and whether it was accepted (2xx). */
    record Received(String signature, String body, int answeredWith) {
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger answer = new AtomicInteger(200);
    /** How long it takes to answer (a slow CRM). */
    final AtomicInteger delayMillis = new AtomicInteger(0);
    private final HttpServer server;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/hook", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int status = answer.get();
            try {
                Thread.sleep(delayMillis.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            received.add(new Received(exchange.getRequestHeaders().getFirst("X-Promise-Signature"), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Received> accepted() {
        return received.stream().filter(r -> r.answeredWith() / 100 == 2).toList();
    }

    /** Checks t=<unix seconds>,v1=<hex HMAC-SHA256("<t>.<body>")> independently of the service's code. */
    static boolean signedBy(String secret, Received r) throws Exception {
        String t = null, v1 = null;
        for (String part : r.signature().split(",")) {
            if (part.startsWith("t=")) t = part.substring(2);
            if (part.startsWith("v1=")) v1 = part.substring(3);
        }
        if (t == null || v1 == null) return false;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((t + "." + r.body()).getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1))
                && Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(t)) < 300; // fresh: not a replay
    }

    /** Waits (polling, up to {@code seconds}) for a condition; false if it never held. */
    static boolean await(int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) return true;
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
