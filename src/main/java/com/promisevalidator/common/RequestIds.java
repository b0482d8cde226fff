package com.promisevalidator.common;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.MDC;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * Every response carries {@code X-Request-Id}: the caller's own when it sent a sane one (so a CRM can
 * match our logs to its own), else a fresh UUID. The id is in the log MDC ({@code requestId}) for the
 * whole request, also on worker threads (Quarkus keeps the MDC in the request's Vert.x context), and in
 * problem bodies. Registered before authentication, so a 401 or 429 carries it too.
 */
@Singleton
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** The header's name as Vert.x's pre-validated ASCII form: a plain String name is re-validated on every response,
     *  and on JDK 17 that check's loop hit a deoptimization trap on every call (a profile of validate under load). */
    private static final CharSequence HEADER_NAME = io.vertx.core.http.HttpHeaders.createOptimized(HEADER);
    public static final String MDC_KEY = "requestId";
    /** What a caller's id may be: short, printable, nothing a log line or header could be split with. */
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");
    private static final int BEFORE_EVERYTHING = 10_000;

    void register(@Observes Filters filters) {
        filters.register(RequestIds::tag, BEFORE_EVERYTHING);
    }

    static void tag(RoutingContext rc) {
        String id = accept(rc.request().getHeader(HEADER));
        rc.put(MDC_KEY, id);
        rc.response().putHeader(HEADER_NAME, id);
        SecurityHeaders.add(rc.response().headers());
        MDC.put(MDC_KEY, id);
        rc.next();
    }

    /** The caller's id when it is sane, else a new one (an insane one is replaced, not refused). */
    static String accept(String sent) {
        return sent != null && SANE.matcher(sent).matches() ? sent : newId();
    }

    /** A random (version 4) UUID from the thread's own generator: an id needs to be unique, not secret, and
     *  {@link UUID#randomUUID()} draws from the shared SecureRandom on every request. */
    static String newId() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo).toString();
    }

    /** The id of the request being answered on this thread or context, or null outside a request. */
    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }

    /** The id of a request seen at the HTTP layer (before REST). */
    public static String of(RoutingContext rc) {
        Object id = rc.get(MDC_KEY);
        return id == null ? null : id.toString();
    }
}
