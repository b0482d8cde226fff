package com.promisevalidator.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.promisevalidator.access.model.ApiKey;
import com.promisevalidator.access.service.ApiKeys;
import com.promisevalidator.access.service.KeyRing;
import com.promisevalidator.access.service.KeyRingTestAccess;

/** PROMISE_API_KEYS parsing and the start-up decision (keys, demo keys, auth off, refusal). */
class ApiKeysTest {

    @Test
    void parsesNameRoleKeyEntriesAndFindsKeysByTheirSecret() {
        ApiKeys keys = ApiKeys.parse(" alice:rep:secret-alice-1 , crm-1:crm:sec:ret:with:colons,ops:ops:secret-ops-1");
        assertEquals(3, keys.keys().size());
        ApiKey alice = keys.find("secret-alice-1");
        assertEquals("alice", alice.name());
        assertEquals("rep", alice.role());
        assertEquals("crm-1", keys.find("sec:ret:with:colons").name());
        assertNull(keys.find("secret-alice-2"));
        assertNull(keys.find(""));
        assertNull(keys.find(null));
        assertFalse(alice.toString().contains("secret"), "a key prints without its secret: " + alice);
    }

    @Test
    void aNameMayHaveSeveralKeysOfOneRole() {
        ApiKeys keys = ApiKeys.parse("alice:rep:old-secret-1,alice:rep:new-secret-2");
        assertEquals("alice", keys.find("old-secret-1").name());
        assertEquals("alice", keys.find("new-secret-2").name());
    }

    @Test
    void malformedSettingsAreRefusedWithAMessageNamingTheEntryButNeverTheSecret() {
        assertRefused("alice:boss:secret-123", "entry 1", "role 'boss'");
        assertRefused("alice:rep:secret-123,bob:rep:secret-123", "entry 2", "repeats the key of entry 1");
        assertRefused("alice:rep:secret-123,", "entry 2", "empty");
        assertRefused("alice:rep:secret-123,,bob:rep:secret-456", "entry 2", "empty");
        assertRefused(":rep:secret-123", "entry 1", "empty name");
        assertRefused("alice::secret-123", "entry 1", "empty role");
        assertRefused("alice:rep:", "entry 1", "empty key");
        assertRefused("alice:rep", "entry 1", "name:role:key");
        assertRefused("alice:rep:short", "entry 1", "shorter than 8");
        assertRefused("al ice:rep:secret-123", "entry 1", "name 'al ice'");
        assertRefused("alice:rep:secret-123,alice:crm:secret-456", "entry 2", "one name, one role");
    }

    private static void assertRefused(String spec, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse(spec), spec);
        assertTrue(e.getMessage().contains("PROMISE_API_KEYS"), e.getMessage());
        for (String p : parts) assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' should say '" + p + "'");
        for (String secret : List.of("secret-123", "secret-456")) assertFalse(e.getMessage().contains(secret), e.getMessage());
    }

    @Test
    void withoutKeysOutsideDemoModeTheServiceRefusesToStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> KeyRingTestAccess.ring(Optional.empty(), false, true));
        assertTrue(e.getMessage().contains("PROMISE_API_KEYS"), e.getMessage());
        assertTrue(e.getMessage().contains("PROMISE_AUTH_ENABLED=false"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> KeyRingTestAccess.ring(Optional.of("  "), false, true));
    }

    @Test
    void malformedKeysStopTheStartEvenInDemoMode() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> KeyRingTestAccess.ring(Optional.of("alice:chief:secret-123"), true, true));
        assertTrue(e.getMessage().startsWith("Cannot start: PROMISE_API_KEYS"), e.getMessage());
    }

    @Test
    void demoModeWithoutKeysUsesTheDocumentedDemoKeysAndPrintsOneLinePerKey() {
        KeyRing ring = KeyRingTestAccess.ring(Optional.empty(), true, true);
        assertEquals(KeyRing.Mode.DEMO_KEYS, ring.mode());
        ring.openDemoKeys(true);
        assertEquals("alice", ring.find("demo-rep-alice").name());
        assertEquals("rep", ring.find("demo-rep-bob").role());
        assertEquals("crm", ring.find("demo-crm").role());
        assertEquals("ops", ring.find("demo-ops").role());
        assertEquals("admin", ring.find("demo-admin").role());
        List<String> banner = ring.demoBanner();
        assertTrue(banner.get(0).contains("demo only"), banner.get(0));
        assertEquals(6, banner.size());
        for (String key : List.of("demo-rep-alice", "demo-rep-bob", "demo-crm", "demo-ops", "demo-admin")) {
            assertEquals(1, banner.stream().filter(l -> l.contains(key)).count(), key + " in " + banner);
        }
    }

    @Test
    void demoKeysOpenNothingUntilTheDatabaseIsFoundToBeTheDemos() {
        KeyRing ring = KeyRingTestAccess.ring(Optional.empty(), true, true);
        assertNull(ring.find("demo-admin"), "before the start-up has looked at the database");
        ring.openDemoKeys(true);
        assertEquals("admin", ring.find("demo-admin").role());
    }

    @Test
    void withoutKeysADatabaseWithRealDataStopsTheStartInsteadOfOpeningToTheDemoKeys() {
        for (Optional<String> none : List.of(Optional.<String>empty(), Optional.of(""))) { // unset, or PROMISE_API_KEYS= in an env file
            KeyRing ring = KeyRingTestAccess.ring(none, true, true);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ring.openDemoKeys(false));
            assertTrue(e.getMessage().startsWith("Cannot start"), e.getMessage());
            assertTrue(e.getMessage().contains("PROMISE_API_KEYS"), e.getMessage());
            assertNull(ring.find("demo-admin"));
        }
    }

    @Test
    void shortKeysAreNamedForTheStartUpWarningNeverShown() {
        ApiKeys keys = ApiKeys.parse("alice:rep:secret-123,crm:crm:" + "k".repeat(24) + ",ops:ops:nineteen-chars-long");
        assertEquals(List.of("entry 1 ('alice')", "entry 3 ('ops')"), keys.weak());
        for (String w : keys.weak()) assertFalse(w.contains("secret-123") || w.contains("nineteen"), w);
    }

    @Test
    void configuredKeysNeedNoDemoDatabase() {
        KeyRing ring = KeyRingTestAccess.ring(Optional.of("ops:ops:real-ops-key"), true, true);
        ring.openDemoKeys(false); // real keys on a real database: nothing to refuse
        assertEquals("ops", ring.find("real-ops-key").name());
        assertNull(ring.find("demo-ops"));
    }

    @Test
    void configuredKeysReplaceTheDemoKeys() {
        KeyRing ring = KeyRingTestAccess.ring(Optional.of("ops:ops:real-ops-key"), true, true);
        assertEquals(KeyRing.Mode.KEYS, ring.mode());
        assertNull(ring.find("demo-admin"));
        assertEquals("ops", ring.find("real-ops-key").name());
    }

    @Test
    void authOffNeedsNoKeysAndAcceptsNone() {
        KeyRing ring = KeyRingTestAccess.ring(Optional.empty(), false, false);
        assertEquals(KeyRing.Mode.OFF, ring.mode());
        assertFalse(ring.enabled());
        assertNull(ring.find("demo-admin"));
    }
}
