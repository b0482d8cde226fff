package com.promisevalidator.db;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The tests run on their own database, in memory, never on ./data/promise, the file the service keeps its data in: a
 * newcomer who started the service and then ran the tests had them write into the demo's database (and, with the
 * service still running, fail on its lock).
 */
@QuarkusTest
class TestDatabaseTest {

    @ConfigProperty(name = "quarkus.datasource.\"h2\".jdbc.url")
    Optional<String> h2Url;

    @Test
    void theTestsRunOnTheirOwnDatabaseNotTheServicesFile() {
        String given = Optional.ofNullable(System.getProperty("promise.db.url")).orElse(System.getenv("PROMISE_DB_URL"));
        Assumptions.assumeTrue(given == null || given.isBlank(), "a database given to the tests (CI's PostgreSQL run) is theirs");
        assertTrue(h2Url.orElse("").startsWith("jdbc:h2:mem:"), "the tests' database: " + h2Url);
    }
}
