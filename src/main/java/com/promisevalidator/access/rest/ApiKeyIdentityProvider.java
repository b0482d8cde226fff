package com.promisevalidator.access.rest;

import jakarta.inject.Singleton;

import com.promisevalidator.access.model.ApiKey;
import com.promisevalidator.access.service.KeyRing;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Turns a known key into an identity: the key's name is the principal, its role the only role. Cheap: stays on the I/O thread. */
@Singleton
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyRequest> {

    private final KeyRing ring;

    public ApiKeyIdentityProvider(KeyRing ring) {
        this.ring = ring;
    }

    @Override
    public Class<ApiKeyRequest> getRequestType() {
        return ApiKeyRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyRequest request, AuthenticationRequestContext context) {
        ApiKey key = ring.find(request.key());
        if (key == null) return Uni.createFrom().failure(new AuthenticationFailedException("unknown API key"));
        return Uni.createFrom().item(identity(key.name(), key.role()));
    }

    static SecurityIdentity identity(String name, String role) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(name)).addRole(role).build();
    }
}
