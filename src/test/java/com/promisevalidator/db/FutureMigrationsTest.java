package com.promisevalidator.db;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.Test;

/**
 * A replica of an older build restarting while a newer one has already migrated the database (or a rollback) starts:
 * the migrations it does not know are ignored, as the datasources' Flyway settings in application.properties say.
 */
class FutureMigrationsTest {

    @Test
    void bothStoresIgnoreMigrationsFromANewerBuild() throws IOException {
        Properties p = applicationProperties();
        assertEquals("*:future", p.getProperty("quarkus.flyway.\"h2\".ignore-migration-patterns"));
        assertEquals("*:future", p.getProperty("quarkus.flyway.\"pg\".ignore-migration-patterns"));
    }

    @Test
    void aDatabaseMigratedByANewerBuildValidatesWithThatSetting() throws Exception {
        String url = "jdbc:h2:mem:future-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute(newerBuildsMigration(c));
        }
        String pattern = applicationProperties().getProperty("quarkus.flyway.\"h2\".ignore-migration-patterns");
        assertDoesNotThrow(() -> Flyway.configure().dataSource(url, "sa", "").ignoreMigrationPatterns(pattern).load().validate());
        // without it, what the older build did before: refused to start
        assertThrows(FlywayValidateException.class, () -> Flyway.configure().dataSource(url, "sa", "").ignoreMigrationPatterns("").load().validate());
    }

    /** The history row a newer build's migration leaves: one version above the newest this build has. */
    private static String newerBuildsMigration(Connection c) throws SQLException {
        int newest;
        try (var rs = c.createStatement().executeQuery("select max(cast(\"version\" as int)) from \"flyway_schema_history\"")) {
            rs.next();
            newest = rs.getInt(1);
        }
        return "insert into \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", \"type\", \"script\", \"checksum\","
                + " \"installed_by\", \"installed_on\", \"execution_time\", \"success\") values (1000, '" + (newest + 1)
                + "', 'newer', 'SQL', 'V" + (newest + 1) + "__newer.sql', 1, 'sa', now(), 1, true)";
    }

    private static Properties applicationProperties() throws IOException {
        Properties p = new Properties();
        try (InputStream in = FutureMigrationsTest.class.getResourceAsStream("/application.properties")) {
            p.load(in);
        }
        return p;
    }
}
