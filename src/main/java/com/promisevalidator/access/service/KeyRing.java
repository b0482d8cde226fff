package com.promisevalidator.access.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.promisevalidator.access.AccessConfig;
import com.promisevalidator.access.model.ApiKey;

/**
 * Which keys the service accepts, decided once at start-up: the configured keys; in demo mode without
 * keys, the fixed demo keys (printed, with a warning), but only once the database is known to be the demo's
 * ({@link #openDemoKeys}); auth switched off explicitly; otherwise the service refuses to start.
 */
@Singleton
@io.quarkus.runtime.Startup // a bad or missing key setting stops the start, before any request
public class KeyRing {

    private static final Logger LOG = Logger.getLogger(KeyRing.class);

    public enum Mode {
        /** PROMISE_API_KEYS. */
        KEYS,
        /** The fixed demo keys: demo mode without PROMISE_API_KEYS. */
        DEMO_KEYS,
        /** promise.auth.enabled=false: every caller acts as admin. */
        OFF
    }

    private final Mode mode;
    private final ApiKeys keys;
    /** Demo keys are public: none is accepted before the start-up has found the database to be a demo's. */
    private volatile boolean demoDatabase;

    @jakarta.inject.Inject
    public KeyRing(AccessConfig config) {
        this(config.apiKeys(), config.demoData(), config.auth().enabled());
        switch (mode) {
            case OFF -> LOG.warn("AUTHENTICATION IS OFF (promise.auth.enabled=false / PROMISE_AUTH_ENABLED=false): every caller acts as "
                    + "admin without a key. Use only on a trusted network; set PROMISE_API_KEYS instead.");
            case DEMO_KEYS -> { } // the banner once the database is found to be a demo's (openDemoKeys)
            case KEYS -> {
                LOG.infof("API keys: %d configured (%s)", keys.keys().size(), summary());
                if (!keys.weak().isEmpty()) LOG.warn(weakKeysWarning(keys.weak()));
            }
        }
    }

    /** Decides the mode; throws IllegalStateException (which stops the start) when keys are missing or malformed. */
    KeyRing(Optional<String> apiKeys, boolean demoData, boolean authEnabled) {
        if (!authEnabled) {
            mode = Mode.OFF;
            keys = null;
        } else if (apiKeys.isPresent() && !apiKeys.get().isBlank()) {
            mode = Mode.KEYS;
            try {
                keys = ApiKeys.parse(apiKeys.get());
            } catch (IllegalArgumentException e) {
                throw refuse("Cannot start: " + e.getMessage());
            }
        } else if (demoData) {
            mode = Mode.DEMO_KEYS;
            keys = ApiKeys.parse(ApiKeys.DEMO);
        } else {
            throw refuse("Cannot start: no API keys. Set " + ApiKeys.SETTING
                    + " to name:role:key entries (roles rep, crm, ops, admin), or switch authentication off explicitly with "
                    + "PROMISE_AUTH_ENABLED=false (promise.auth.enabled=false) on a trusted network only.");
        }
    }

    /**
     * Demo keys only on a demo database (the demo data was loaded into it): without PROMISE_API_KEYS a database holding
     * real data would open to the keys printed in the README. Refuses the start (IllegalStateException) otherwise; no-op
     * unless the mode is DEMO_KEYS.
     */
    public void openDemoKeys(boolean isDemoDatabase) {
        if (mode != Mode.DEMO_KEYS) return;
        if (!isDemoDatabase) {
            throw refuse("Cannot start: no API keys, and this database holds data the demo data set was never loaded into. The public "
                    + "demo keys open only a demo database. Set " + ApiKeys.SETTING + " to name:role:key entries (roles rep, crm, ops, "
                    + "admin), or start the demo on an empty database.");
        }
        demoDatabase = true;
        demoBanner().forEach(LOG::warn);
    }

    /** The start-up warning for short keys: wrong keys get a 401 as fast as they come, so a short key can be guessed. */
    static String weakKeysWarning(List<String> weak) {
        return "API keys shorter than " + ApiKeys.WEAK_KEY_LENGTH + " characters in " + ApiKeys.SETTING + ": " + String.join(", ", weak)
                + ". Failed keys are not rate-limited, so a short key can be guessed; use long random keys (e.g. openssl rand -hex 24).";
    }

    /** One plain ERROR line (above Quarkus' stack trace), and the exception that stops the start. */
    private static IllegalStateException refuse(String message) {
        LOG.error(message);
        return new IllegalStateException(message);
    }

    /** The start-up lines of demo mode: one per key, and why they must not be used beyond the demo. */
    public List<String> demoBanner() {
        List<String> lines = new ArrayList<>();
        lines.add("DEMO API KEYS (demo mode without PROMISE_API_KEYS): these keys are public; for the demo only, never in production:");
        for (String entry : ApiKeys.DEMO.split(",")) {
            String[] p = entry.split(":", 3);
            lines.add(String.format("  %-5s  X-API-Key: %-15s  (name %s)", p[1], p[2], p[0]));
        }
        return lines;
    }

    private String summary() {
        StringBuilder sb = new StringBuilder();
        for (ApiKey k : keys.keys()) sb.append(sb.length() == 0 ? "" : ", ").append(k);
        return sb.toString();
    }

    public Mode mode() {
        return mode;
    }

    public boolean enabled() {
        return mode != Mode.OFF;
    }

    /** The key for a presented secret, or null (also when auth is off: there are no keys). */
    public ApiKey find(String presented) {
        if (keys == null || mode == Mode.DEMO_KEYS && !demoDatabase) return null;
        return keys.find(presented);
    }
}
