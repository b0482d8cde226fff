package com.promisevalidator.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}, system property {@code it.jar})
 * started as a child process on a free port, for the integration tests (*IT, run by Failsafe).
 * The child gets a minimal environment (nothing inherited but PATH, HOME, locale, time zone and faketime's settings)
 * plus the service's own knobs; its output goes to {@code target/it-logs/<name>.log}.
 */
public final class ServiceProcess implements AutoCloseable {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** With faketime's three, a rehearsal on another day (README, "Development") moves the service's clock with the tests'. */
    private static final List<String> INHERITED_ENV = List.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "TZ", "TMPDIR", "JAVA_HOME",
            "LD_PRELOAD", "FAKETIME", "FAKETIME_SHARED");
    private static final AtomicInteger SEQ = new AtomicInteger();

    /**
     * The database the service processes use: PROMISE_DB_URL (and _USER, _PASSWORD) from the
     * environment as CI sets them, else an H2 file database in a fresh directory under target/.
     */
    public record Db(String url, String user, String password) {

        public static Db fromEnvironment(String tag) {
            String url = System.getenv("PROMISE_DB_URL");
            if (url != null && !url.isBlank()) {
                return new Db(url, System.getenv("PROMISE_DB_USER"), System.getenv("PROMISE_DB_PASSWORD"));
            }
            return freshH2(tag);
        }

        /** An empty H2 file database in a fresh directory under target/, whatever the environment names. */
        public static Db freshH2(String tag) {
            try {
                Path root = Files.createDirectories(targetDir().resolve("it-data"));
                Path dir = Files.createTempDirectory(root, tag + "-");
                String file = dir.toAbsolutePath().resolve("promise").toString();
                // a plain URL, as ops give one (README): the service adds what it needs of it (docs2 F3; the graceful shutdown
                // and the kill tests fail without it)
                return new Db("jdbc:h2:file:" + file, null, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public boolean isPostgres() {
            return url.startsWith("jdbc:postgresql:");
        }

        /** Whether several processes can open it at once (an H2 file cannot be shared by two processes). */
        public boolean shareable() {
            return isPostgres();
        }

        @Override
        public String toString() {
            return isPostgres() ? "PostgreSQL" : "H2 file";
        }
    }

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http;

    private ServiceProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The admin key every service process is started with (PROMISE_API_KEYS) and {@link #get} etc. send. */
    public static final String ADMIN_KEY = "it-admin-" + uniqueSuffix();

    /** Starts the jar on {@code db} and waits (at most {@link #READY_TIMEOUT}) until /q/health/ready answers 200. */
    public static ServiceProcess start(String name, Db db) {
        return start(name, db, Map.of());
    }

    /**
     * Starts the jar with extra environment variables ({@code env} wins over the defaults; an empty value
     * removes a default, e.g. {@code PROMISE_API_KEYS=""} starts without keys).
     */
    public static ServiceProcess start(String name, Db db, Map<String, String> extraEnv) {
        Path jar = Paths.get(System.getProperty("it.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
        Path rules = Paths.get(System.getProperty("it.rules", "rules")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The packaged service is missing: " + jar + " (run the ITs with 'mvnw verify', which packages it first)");
        }
        if (!Files.isDirectory(rules)) throw new IllegalStateException("No rules directory at " + rules);
        String fullName = name + "-" + SEQ.incrementAndGet();
        try {
            Path logs = Files.createDirectories(targetDir().resolve("it-logs"));
            Path log = logs.resolve(fullName + ".log");
            Path work = Files.createDirectories(targetDir().resolve("it-work").resolve(fullName));
            int port = freePort();
            String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-jar", jar.toString())
                    .directory(work.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = pb.environment();
            env.clear();
            for (String k : INHERITED_ENV) {
                String v = System.getenv(k);
                if (v != null) env.put(k, v);
            }
            env.put("PROMISE_DB_URL", db.url());
            if (db.user() != null) env.put("PROMISE_DB_USER", db.user());
            if (db.password() != null) env.put("PROMISE_DB_PASSWORD", db.password());
            env.put("PROMISE_RULES_DIR", rules.toString());
            env.put("PROMISE_DEMO_DATA", "false");
            env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
            env.put("PROMISE_API_KEYS", "it:admin:" + ADMIN_KEY);
            env.put("PROMISE_RATE_LIMIT_PER_SECOND", "0"); // the ITs measure the service, not the limiter
            extraEnv.forEach((k, v) -> {
                if (v.isEmpty()) env.remove(k);
                else env.put(k, v);
            });
            ServiceProcess sp = new ServiceProcess(fullName, pb.start(), port, log);
            try {
                sp.awaitReady();
            } catch (RuntimeException | Error e) {
                sp.kill9();
                throw e;
            }
            return sp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        long t0 = System.nanoTime();
        long deadline = t0 + READY_TIMEOUT.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " before it was ready; log " + log + ":\n" + logTail(60));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    System.out.printf("[it] %s ready on port %d in %d ms (pid %d)%n", name, port, (System.nanoTime() - t0) / 1_000_000, process.pid());
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new AssertionError(name + " was not ready within " + READY_TIMEOUT.toSeconds() + " s; log " + log + ":\n" + logTail(60));
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String name() {
        return name;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).GET());
    }

    /** GET with another key ({@code null}: none). */
    public HttpResponse<String> get(String path, String apiKey) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + path)).GET();
        if (apiKey != null) b.header("X-API-Key", apiKey);
        return sendAs(b);
    }

    public HttpResponse<String> put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    public HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    /** POST /api/v1/promises with an Idempotency-Key. */
    public HttpResponse<String> commit(String idempotencyKey, String json) {
        return send(HttpRequest.newBuilder(URI.create(url() + "/api/v1/promises")).header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey).POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> send(HttpRequest.Builder b) {
        return sendAs(b.header("X-API-Key", ADMIN_KEY));
    }

    private HttpResponse<String> sendAs(HttpRequest.Builder b) {
        try {
            return http.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + e.getMessage() + "; log tail:\n" + logTail(30), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL (destroyForcibly on Linux): no shutdown hooks, no graceful close of the database. Waits for the exit. */
    public void kill9() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(30));
    }

    /** SIGTERM and wait; SIGKILL if it does not stop within 30 s. */
    public void stop() {
        if (!process.isAlive()) return;
        process.destroy();
        if (!waitForExit(Duration.ofSeconds(30))) kill9();
    }

    @Override
    public void close() {
        stop();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    private boolean waitForExit(Duration d) {
        try {
            return process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", new ArrayList<>(all.subList(Math.max(0, all.size() - lines), all.size())));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** A code unique to this run, so the ITs can run again on a database that keeps data. */
    public static String uniqueSuffix() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        return sb.toString();
    }

    static Path targetDir() {
        Path jar = Paths.get(System.getProperty("it.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
        return jar.getParent().getParent(); // target/quarkus-app/quarkus-run.jar
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
