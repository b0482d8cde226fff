package com.promisevalidator.access.rest;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import com.promisevalidator.access.service.KeyRing;
import com.promisevalidator.access.service.RateLimiter;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Cheap checks right after authentication and the HTTP permissions (so a request without a valid key
 * has already got its 401), before any body is read or any work done: the key's rate limit (429 with
 * Retry-After), then a declared Content-Length over the limit for its content type (413). Bodies sent
 * without a length are counted as they are read ({@link BodyLimitInterceptor}). A JSON body declared in a charset other
 * than UTF-8 is a 415 (it would be misread).
 */
@Singleton
public class RequestGuards {

    private final KeyRing ring;
    private final RateLimiter limiter;
    private final BodyLimits limits;

    public RequestGuards(KeyRing ring, RateLimiter limiter, BodyLimits limits) {
        this.ring = ring;
        this.limiter = limiter;
        this.limits = limits;
    }

    void register(@Observes Filters filters) {
        filters.register(this::guard, SecurityHandlerPriorities.AUTHORIZATION - 10);
    }

    void guard(RoutingContext rc) {
        if (!ApiKeyMechanism.isApi(rc.normalizedPath())) {
            rc.next();
            return;
        }
        if (ring.enabled() && rc.user() instanceof QuarkusHttpUser user) {
            SecurityIdentity id = user.getSecurityIdentity();
            if (!id.isAnonymous()) {
                long wait = limiter.secondsToWait(id.getPrincipal().getName());
                if (wait > 0) {
                    rc.response().putHeader("Retry-After", Long.toString(wait));
                    ProblemResponses.send(rc, 429, "Too many requests",
                            "This API key sent more requests than its rate limit allows; retry after " + wait + " s.");
                    return;
                }
            }
        }
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long limit = limits.forType(rc.request().getHeader(HttpHeaders.CONTENT_TYPE));
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = -1; // Vert.x refuses a malformed length itself
            }
            if (declared > limit) {
                rc.response().putHeader("Connection", "close"); // the body is not read
                ProblemResponses.send(rc, 413, "Payload too large", BodyLimits.message(declared, limit));
                return;
            }
        }
        String charset = BodyLimits.unreadCharset(rc.request().getHeader(HttpHeaders.CONTENT_TYPE));
        if (charset != null) {
            rc.response().putHeader("Connection", "close"); // the body is not read
            ProblemResponses.send(rc, 415, "Unsupported Media Type", "A JSON body is read as UTF-8 only, not charset=" + charset
                    + ": send it in UTF-8 (Content-Type: application/json or application/json; charset=UTF-8).");
            return;
        }
        rc.next();
    }
}
