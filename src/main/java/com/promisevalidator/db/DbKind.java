package com.promisevalidator.db;

/** The two stores the single build supports; the JDBC URL decides which one is active. */
public enum DbKind {
    H2("h2"), POSTGRESQL("pg");

    private final String datasourceName;

    DbKind(String datasourceName) {
        this.datasourceName = datasourceName;
    }

    public String datasourceName() {
        return datasourceName;
    }

    public static DbKind fromUrl(String url) {
        if (url != null && url.startsWith("jdbc:postgresql:")) return POSTGRESQL;
        if (url == null || url.isBlank() || url.startsWith("jdbc:h2:")) return H2;
        throw new IllegalArgumentException("PROMISE_DB_URL must be a jdbc:h2: or jdbc:postgresql: URL, got " + url);
    }
}
