package com.promisevalidator.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/**
 * Which datasource PROMISE_DB_URL activates, and nothing more: Quarkus records what this source gives while the
 * jar is built, so a URL, user or password given here would be inside the jar, and a jar built with
 * PROMISE_DB_URL set would not start without it.
 */
class DatabaseConfigSourceTest {

    private static final String H2_ACTIVE = "quarkus.datasource.\"h2\".active", PG_ACTIVE = "quarkus.datasource.\"pg\".active",
            H2_URL = "quarkus.datasource.\"h2\".jdbc.url", PROPS = "quarkus.datasource.\"h2\".jdbc.additional-jdbc-properties.";

    @Test
    void withoutAUrlTheEmbeddedFileIsActive() {
        Map<String, String> v = DatabaseConfigSource.compute(null);
        assertEquals(Map.of(H2_ACTIVE, "true", PG_ACTIVE, "false", "%prod." + H2_URL, DatabaseConfigSource.EMBEDDED_H2,
                "%dev." + H2_URL, DatabaseConfigSource.EMBEDDED_H2), v);
    }

    /**
     * The tests' own database (in memory, application.properties' %test URL) is theirs: a plain URL from this source, which
     * outranks application.properties, made them run on ./data/promise, the file the service keeps its data in.
     */
    @Test
    void theTestsKeepTheirInMemoryDatabase() {
        assertEquals(false, DatabaseConfigSource.compute(null).containsKey(H2_URL));
        assertEquals(false, DatabaseConfigSource.compute(null).keySet().stream().anyMatch(k -> k.startsWith("%test.")));
    }

    @Test
    void anEmptyUrlIsNoUrl() {
        assertEquals(DatabaseConfigSource.compute(null), DatabaseConfigSource.compute(""));
        assertEquals(DatabaseConfigSource.compute(null), DatabaseConfigSource.compute("  "));
    }

    @Test
    void aPostgresUrlActivatesPostgresAndIsNotRepeatedHere() {
        assertEquals(Map.of(H2_ACTIVE, "false", PG_ACTIVE, "true"),
                DatabaseConfigSource.compute("jdbc:postgresql://db:5432/promise?password=s3cret"));
    }

    /** An H2 URL of ops' own gets what the embedded one says as connection properties (docs2 F3), not a URL of this source. */
    @Test
    void anH2UrlActivatesH2AndIsNotRepeatedHere() {
        assertEquals(Map.of(H2_ACTIVE, "true", PG_ACTIVE, "false", PROPS + "DB_CLOSE_ON_EXIT", "FALSE", PROPS + "WRITE_DELAY", "0",
                PROPS + "LOCK_TIMEOUT", "10000"), DatabaseConfigSource.compute("jdbc:h2:file:/srv/promise"));
    }

    /** H2 refuses a setting given twice with two values: what the URL says itself stays the URL's, in any case. */
    @Test
    void anH2UrlsOwnSettingsAreNotGivenAgain() {
        assertEquals(Map.of(H2_ACTIVE, "true", PG_ACTIVE, "false", PROPS + "DB_CLOSE_ON_EXIT", "FALSE"),
                DatabaseConfigSource.compute("jdbc:h2:file:/srv/promise;write_delay=100;LOCK_TIMEOUT=2000"));
        assertEquals(Map.of(H2_ACTIVE, "true", PG_ACTIVE, "false"),
                DatabaseConfigSource.compute("jdbc:h2:file:/srv/promise;DB_CLOSE_ON_EXIT=TRUE;WRITE_DELAY=0;LOCK_TIMEOUT=1"));
    }

    @Test
    void anotherKindOfDatabaseIsRefusedWithTheVariablesName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatabaseConfigSource.compute("jdbc:mysql://db/promise"));
        assertEquals(true, e.getMessage().startsWith("PROMISE_DB_URL must be"), e.getMessage());
    }

    /** The URL, user and password come from the variables when the service starts, as expressions, never as values. */
    @Test
    void theConnectionSettingsAreExpressionsOfTheVariables() throws IOException {
        Properties p = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            p.load(in);
        }
        for (String ds : new String[]{"h2", "pg"}) {
            String prefix = "quarkus.datasource.\"" + ds + "\".";
            assertEquals(true, p.getProperty(prefix + "jdbc.url").startsWith("${promise.db.url:"), prefix + "jdbc.url");
            assertEquals(true, p.getProperty(prefix + "username").startsWith("${promise.db.user:"), prefix + "username");
            assertEquals(true, p.getProperty(prefix + "password").startsWith("${promise.db.password:"), prefix + "password");
        }
    }
}
