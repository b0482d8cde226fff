package com.promisevalidator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Start-up of the packaged service without keys: refused, demo keys, or auth explicitly off. */
class AccessIT {

    @Test
    void withoutKeysOutsideDemoModeTheServiceRefusesToStartNamingTheSetting() {
        ServiceProcess.Db db = ServiceProcess.Db.fromEnvironment("nokeys");
        AssertionError e = assertThrows(AssertionError.class,
                () -> ServiceProcess.start("nokeys", db, Map.of("PROMISE_API_KEYS", "")).close());
        assertTrue(e.getMessage().contains("exited"), e.getMessage());
        assertTrue(e.getMessage().contains("no API keys. Set PROMISE_API_KEYS"), e.getMessage());
    }

    @Test
    void malformedKeysStopTheStartWithoutPrintingTheSecrets() {
        ServiceProcess.Db db = ServiceProcess.Db.fromEnvironment("badkeys");
        AssertionError e = assertThrows(AssertionError.class,
                () -> ServiceProcess.start("badkeys", db, Map.of("PROMISE_API_KEYS", "a:admin:first-secret,b:rep:first-secret")).close());
        assertTrue(e.getMessage().contains("entry 2 ('b') repeats the key of entry 1"), e.getMessage());
        assertTrue(!e.getMessage().contains("first-secret"), e.getMessage());
    }

    @Test
    void authSwitchedOffAnswersWithoutKeysAndSaysSo() {
        ServiceProcess.Db db = ServiceProcess.Db.fromEnvironment("authoff");
        try (ServiceProcess sp = ServiceProcess.start("authoff", db, Map.of("PROMISE_API_KEYS", "", "PROMISE_AUTH_ENABLED", "false"))) {
            var info = sp.get("/api/v1/info", null);
            assertEquals(200, info.statusCode(), info.body());
            assertTrue(info.body().contains("\"auth\":\"off\""), info.body());
            assertTrue(sp.logTail(200).contains("AUTHENTICATION IS OFF"), sp.logTail(200));
        }
    }

    @Test
    void demoModeWithoutKeysPrintsAndAcceptsTheDemoKeys() {
        // demo keys open only an empty or a demo database (the shared CI database holds the other tests' data, and a
        // start there without keys is refused: DemoDatabaseTest), so this one gets a database of its own
        ServiceProcess.Db db = ServiceProcess.Db.freshH2("demokeys");
        try (ServiceProcess sp = ServiceProcess.start("demokeys", db, Map.of("PROMISE_API_KEYS", "", "PROMISE_DEMO_DATA", "true"))) {
            String log = sp.logTail(400);
            assertTrue(log.contains("for the demo only"), log);
            for (String key : new String[]{"demo-rep-alice", "demo-rep-bob", "demo-crm", "demo-ops", "demo-admin"}) {
                assertTrue(log.contains(key), key + " printed at start-up");
            }
            var info = sp.get("/api/v1/info", "demo-ops");
            assertEquals(200, info.statusCode(), info.body());
            assertTrue(info.body().contains("\"auth\":\"demo-keys\""), info.body());
            assertEquals(401, sp.get("/api/v1/info", null).statusCode());
            assertEquals(401, sp.get("/api/v1/info").statusCode(), "the IT admin key is not a demo key");
            assertEquals(403, sp.get("/api/v1/rules", "demo-rep-bob").statusCode());
        }
    }
}
