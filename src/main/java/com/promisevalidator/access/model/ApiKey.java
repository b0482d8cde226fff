package com.promisevalidator.access.model;

/** One configured key: who ({@code name}), what ({@code role}), and the SHA-256 digest of the secret (never the secret). */
public record ApiKey(String name, String role, byte[] digest) {

    @Override
    public String toString() {
        return name + ":" + role; // the digest stays out of logs too
    }
}
