package com.promisevalidator.db;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns the deployment knobs PROMISE_DB_URL / _USER / _PASSWORD into Quarkus datasource settings.
 * Quarkus fixes each datasource's db-kind at build time, so the build carries two named datasources
 * ("h2" and "pg") and this source activates the one whose kind matches the URL at run time.
 * Without PROMISE_DB_URL nothing is set here and application.properties' embedded H2 default wins.
 */
public class DatabaseConfigSource implements ConfigSource {

    static final String URL = "PROMISE_DB_URL";
    private final Map<String, String> values;

    public DatabaseConfigSource() {
        this.values = compute(read(URL), read("PROMISE_DB_USER"), read("PROMISE_DB_PASSWORD"));
    }

    /** System properties (promise.db.url style) win over the environment, which helps tests and the CLI. */
    private static String read(String env) {
        String prop = System.getProperty(env.toLowerCase().replace('_', '.'));
        return prop != null && !prop.isBlank() ? prop : System.getenv(env);
    }

    static Map<String, String> compute(String url, String user, String password) {
        Map<String, String> v = new HashMap<>();
        if (url == null || url.isBlank()) {
            return v;
        }
        String name = DbKind.fromUrl(url).datasourceName();
        v.put("quarkus.datasource.\"" + name + "\".jdbc.url", url);
        if (user != null) v.put("quarkus.datasource.\"" + name + "\".username", user);
        if (password != null) v.put("quarkus.datasource.\"" + name + "\".password", password);
        for (DbKind kind : DbKind.values()) {
            v.put("quarkus.datasource.\"" + kind.datasourceName() + "\".active", String.valueOf(kind.datasourceName().equals(name)));
        }
        return v;
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
