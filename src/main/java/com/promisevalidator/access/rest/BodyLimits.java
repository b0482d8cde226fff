package com.promisevalidator.access.rest;

import java.util.Locale;

import com.promisevalidator.access.AccessConfig;

/** The body size limit of a content type: CSV (history import) has a large one, everything else (JSON) a small one. */
@jakarta.inject.Singleton
public class BodyLimits {

    private final long json;
    private final long csv;

    BodyLimits(AccessConfig config) {
        this.json = config.limits().jsonBody().asLongValue();
        this.csv = config.limits().csvBody().asLongValue();
    }

    long forType(String contentType) {
        if (contentType == null) return json;
        String t = contentType.toLowerCase(Locale.ROOT);
        return t.startsWith("text/csv") || t.startsWith("text/plain") ? csv : json;
    }

    /**
     * 413 when a JSON body read whole (a String parameter, on a resource without {@link BodyLimited}) is over the JSON
     * limit; a declared Content-Length was refused before reading ({@link RequestGuards}), so this catches chunked bodies.
     */
    public void checkJson(String body) {
        if (body == null || (long) body.length() * 3 <= json) return; // UTF-8 needs at most 3 bytes per char
        long size = body.length() > json ? body.length() : body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (size > json) throw BodyLimitInterceptor.tooLarge(json);
    }

    static String message(long size, long limit) {
        return "The request body " + (size >= 0 ? "(" + size + " bytes) " : "") + "is larger than the limit of " + limit
                + " bytes for its content type (promise.limits.json-body / promise.limits.csv-body).";
    }
}
