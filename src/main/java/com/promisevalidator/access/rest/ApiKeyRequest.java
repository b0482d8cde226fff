package com.promisevalidator.access.rest;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The secret from an X-API-Key header, on its way to {@link ApiKeyIdentityProvider}. */
public final class ApiKeyRequest extends BaseAuthenticationRequest {

    private final String key;

    public ApiKeyRequest(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    @Override
    public String toString() {
        return "ApiKeyRequest"; // never the secret
    }
}
