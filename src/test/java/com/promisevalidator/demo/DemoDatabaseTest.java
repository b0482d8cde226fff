package com.promisevalidator.demo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** Which databases count as the demo's (probe P12 H1): each case on its own fresh database, migrated as at a start. */
class DemoDatabaseTest {

    private static final AtomicInteger N = new AtomicInteger();

    private static Connection freshDatabase() throws SQLException {
        String url = url();
        migrate(url, null);
        return DriverManager.getConnection(url, "sa", "");
    }

    private static String url() {
        return "jdbc:h2:mem:demo-db-" + N.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    }

    private static void migrate(String url, String target) {
        var config = Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration");
        if (target != null) config.target(target);
        config.load().migrate();
    }

    @Test
    void aDatabaseTheDemoDataWasLoadedIntoBeforeTheMarkerExistedIsMarkedByTheUpgrade() throws SQLException {
        String url = url();
        migrate(url, "18");
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("insert into history (reference, kind, site_code, ordered_at, imported_at) "
                    + "values ('DEMO-D-1', 'DELIVERY', 'SP', current_timestamp, current_timestamp)");
        }
        migrate(url, null);
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            assertTrue(DemoDatabase.marked(c));
        }
    }

    @Test
    void anEmptyDatabaseIsMarkedOnceAndThenIsTheDemos() throws SQLException {
        try (Connection c = freshDatabase()) {
            assertFalse(DemoDatabase.marked(c));
            assertTrue(DemoDatabase.claimIfEmpty(c, Clock.systemUTC()), "the first start on an empty database marks it");
            assertTrue(DemoDatabase.marked(c));
            assertFalse(DemoDatabase.claimIfEmpty(c, Clock.systemUTC()), "another instance finds it marked: it does not load again");
        }
    }

    @Test
    void aDatabaseWithRealDataIsNeverMarked() throws SQLException {
        try (Connection c = freshDatabase()) {
            try (Statement s = c.createStatement()) {
                s.execute("insert into site (code, name, time_zone, working_days, daily_orders, configured, updated_at) "
                        + "values ('REAL', 'Real DC', 'UTC', 'MON,TUE', 5, true, current_timestamp)");
            }
            assertTrue(DemoDatabase.holdsData(c));
            assertFalse(DemoDatabase.claimIfEmpty(c, Clock.systemUTC()));
            assertFalse(DemoDatabase.marked(c));
        }
    }

    @Test
    void aDatabaseWithOnlyARegionIsNotEmptyEither() throws SQLException {
        try (Connection c = freshDatabase()) {
            try (Statement s = c.createStatement()) {
                s.execute("insert into region (code, created_at) values ('RJ', current_timestamp)");
            }
            assertFalse(DemoDatabase.claimIfEmpty(c, Clock.systemUTC()));
        }
    }
}
