package com.promisevalidator.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What can be checked of docker/ without a Docker engine: the compose file parses and has the production shape
 * (one published port through the proxy, two replicas on one database and one rules directory, keys from an env
 * file, no demo data), the proxy knows both replicas, and every path the Dockerfile copies from the build context
 * exists in the repository.
 */
class DockerFilesTest {

    private static final Path DOCKER = Path.of("docker");

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsTwoReplicasBehindOneProxyWithKeysFromAnEnvFile() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(DOCKER.resolve("docker-compose.yml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertEquals(List.of("db", "validator-a", "validator-b", "proxy"), List.copyOf(services.keySet()));
        for (String replica : List.of("validator-a", "validator-b")) {
            Map<String, Object> s = services.get(replica);
            assertFalse(s.containsKey("ports"), replica + " must not be published on its own port");
            assertEquals("promise.env", s.get("env_file"), replica);
            Map<String, Object> env = (Map<String, Object>) s.get("environment");
            assertEquals("false", env.get("PROMISE_DEMO_DATA"), replica + ": no demo data in production");
            assertTrue(String.valueOf(env.get("PROMISE_DB_URL")).startsWith("jdbc:postgresql://db:"), replica);
            assertEquals(List.of("../rules:/app/rules:ro"), s.get("volumes"), replica + " shares the one rules directory");
            assertNotNull(s.get("stop_grace_period"), replica + " has time to shut down gracefully");
        }
        List<Object> published = (List<Object>) services.get("proxy").get("ports");
        assertEquals(1, published.size(), "one port for the whole service");
        assertTrue(Files.isRegularFile(DOCKER.resolve("promise.env.example")), "the env file has a documented example");
        String ignored = Files.readString(Path.of(".gitignore"));
        assertTrue(ignored.contains("docker/promise.env"), "the real env file (keys) is never committed");
    }

    @Test
    void theProxyBalancesBothReplicas() throws IOException {
        String conf = Files.readString(DOCKER.resolve("nginx.conf"));
        assertTrue(conf.contains("server validator-a:8080"), conf);
        assertTrue(conf.contains("server validator-b:8080"), conf);
        assertTrue(conf.contains("listen 8080"), conf);
        assertTrue(conf.contains("client_max_body_size 72m"), "CSV imports fit through the proxy");
        assertEquals(count(conf, '{'), count(conf, '}'), "balanced braces");
    }

    @Test
    void everyPathTheDockerfileCopiesExists() throws IOException {
        Matcher copy = Pattern.compile("(?m)^COPY\\s+(?!--from)(?:--chown=\\S+\\s+)?(.+)$").matcher(Files.readString(DOCKER.resolve("Dockerfile")));
        int checked = 0;
        while (copy.find()) {
            String[] parts = copy.group(1).trim().split("\\s+");
            for (int i = 0; i < parts.length - 1; i++) { // the last part is the destination
                assertTrue(Files.exists(Path.of(parts[i])), "Dockerfile copies " + parts[i] + ", which does not exist");
                checked++;
            }
        }
        assertTrue(checked >= 6, "copies checked: " + checked);
        assertTrue(Files.isExecutable(Path.of("bin/promise")), "the CLI script is executable");
    }

    private static long count(String s, char c) {
        return s.chars().filter(ch -> ch == c).count();
    }
}
