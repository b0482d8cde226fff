package com.promisevalidator.db;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Activates the datasource whose kind matches PROMISE_DB_URL: Quarkus fixes each datasource's db-kind at build
 * time, so the build carries two named datasources ("h2" and "pg") and this source says which one is active.
 * Without PROMISE_DB_URL (or with it empty) the embedded H2 file is, and this source gives its URL. It says which is
 * active in every case, gives an H2 URL of ops' own the settings the service needs of it ({@link #SERVICE_SETTINGS}),
 * and nothing else: Quarkus also reads this source while building and records what it
 * gives as defaults of the build, so a URL or password given here would end up inside the jar (and a build made with
 * PROMISE_DB_URL set would then refuse to start without it).
 * The URL, user and password themselves are expressions in application.properties, resolved at start.
 */
public class DatabaseConfigSource implements ConfigSource {

    static final String URL = "PROMISE_DB_URL";
    /** The default store: an H2 file under ./data, kept when the service stops. */
    static final String EMBEDDED_H2 = "jdbc:h2:file:./data/promise;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;WRITE_DELAY=0";
    /** The profiles the embedded file is the default store of (the tests have their own, in memory). */
    static final java.util.List<String> RUN_PROFILES = java.util.List.of("prod", "dev");
    static final String H2_URL = "quarkus.datasource.\"h2\".jdbc.url";
    static final String H2_PROPERTIES = "quarkus.datasource.\"h2\".jdbc.additional-jdbc-properties.";
    /**
     * What the embedded file's URL says, also for an H2 URL ops give without it (docs2 F3): H2 closing the database at the
     * JVM's exit cut the graceful shutdown's last seconds (500s instead of answers), and a write delay loses commits already
     * acknowledged to a kill. Given as connection properties, each only when the URL does not name it (H2 refuses a setting
     * given twice with two values).
     */
    static final Map<String, String> SERVICE_SETTINGS = Map.of("DB_CLOSE_ON_EXIT", "FALSE", "WRITE_DELAY", "0", "LOCK_TIMEOUT", "10000");
    private final Map<String, String> values;

    public DatabaseConfigSource() {
        this.values = compute(read(URL));
    }

    /** System properties (promise.db.url style) win over the environment, which helps tests and the CLI. */
    private static String read(String env) {
        String prop = System.getProperty(env.toLowerCase().replace('_', '.'));
        return prop != null && !prop.isBlank() ? prop : System.getenv(env);
    }

    static Map<String, String> compute(String url) {
        String name = DbKind.fromUrl(url).datasourceName(); // no URL: the embedded H2
        Map<String, String> v = new HashMap<>();
        // unset or empty (an env file's "PROMISE_DB_URL="): the embedded file; not a secret, so it may be recorded. Only for the
        // service as run (prod) and in dev mode: this source outranks application.properties, and a plain key here would also
        // beat its %test URL (an in-memory database), so the tests ran on ./data/promise, the file the service itself uses
        if (url == null || url.isBlank()) {
            for (String profile : RUN_PROFILES) v.put("%" + profile + "." + H2_URL, EMBEDDED_H2);
        } else if (DbKind.fromUrl(url) == DbKind.H2) {
            SERVICE_SETTINGS.forEach((key, value) -> {
                if (!names(url, key)) v.put(H2_PROPERTIES + key, value);
            });
        }
        for (DbKind kind : DbKind.values()) {
            v.put("quarkus.datasource.\"" + kind.datasourceName() + "\".active", String.valueOf(kind.datasourceName().equals(name)));
        }
        return v;
    }

    /** Whether an H2 URL sets {@code key} itself ({@code ;write_delay=100}: H2 reads setting names in any case). */
    private static boolean names(String url, String key) {
        return url.toUpperCase(java.util.Locale.ROOT).contains(";" + key + "=");
    }

    @Override
    public Set<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return values.get(propertyName);
    }

    @Override
    public String getName() {
        return "promise-db";
    }

    @Override
    public int getOrdinal() {
        return 275; // above application.properties (250), below real system properties / env (300+)
    }
}
