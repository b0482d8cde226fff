package com.promisevalidator.access.rest;

import java.util.Set;

import jakarta.inject.Singleton;

import com.promisevalidator.access.service.KeyRing;
import com.promisevalidator.common.Roles;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads the X-API-Key header of API requests. No header: anonymous (the HTTP permission on /api/*
 * then answers 401); an unknown key, or more than one key, fails authentication (401). Public paths (health, OpenAPI, the web
 * page) ignore the header. With auth off, every caller is an admin named "anonymous".
 */
@Singleton
public class ApiKeyMechanism implements HttpAuthenticationMechanism {

    public static final String HEADER = "X-API-Key";
    private static final SecurityIdentity AUTH_OFF = ApiKeyIdentityProvider.identity("anonymous", Roles.ADMIN);

    private final KeyRing ring;

    public ApiKeyMechanism(KeyRing ring) {
        this.ring = ring;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext rc, IdentityProviderManager identities) {
        if (!ring.enabled()) return Uni.createFrom().item(AUTH_OFF);
        if (!isApi(rc.normalizedPath())) return Uni.createFrom().nullItem();
        // which of two keys counts would depend on header order, and a proxy may read it otherwise: refuse both
        if (ambiguous(rc)) return Uni.createFrom().failure(new AuthenticationFailedException("more than one API key"));
        String key = rc.request().getHeader(HEADER);
        if (key == null || key.isEmpty()) return Uni.createFrom().nullItem();
        return identities.authenticate(new ApiKeyRequest(key));
    }

    /** More than one key: the header twice, or one header holding a list (keys never contain a comma). */
    static boolean ambiguous(RoutingContext rc) {
        java.util.List<String> keys = rc.request().headers().getAll(HEADER);
        return keys.size() > 1 || keys.size() == 1 && keys.get(0).indexOf(',') >= 0;
    }

    static boolean isApi(String path) {
        return path.equals("/api") || path.startsWith("/api/");
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext rc) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", HEADER));
    }

    /** 401 as application/problem+json (the default challenge has no body). */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext rc) {
        rc.response().putHeader("WWW-Authenticate", HEADER);
        String detail = ambiguous(rc) ? "This request carries more than one API key; send one key in one X-API-Key header."
                : rc.request().getHeader(HEADER) == null ? "This request needs an API key in the X-API-Key header."
                : "The API key in the X-API-Key header is not known.";
        ProblemResponses.send(rc, 401, "Unauthorized", detail);
        return Uni.createFrom().item(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyRequest.class);
    }
}
