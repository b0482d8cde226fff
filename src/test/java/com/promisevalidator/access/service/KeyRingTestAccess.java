package com.promisevalidator.access.service;

import java.util.Optional;

/** Opens KeyRing's start-up decision (package-private) to the tests in other packages. */
public final class KeyRingTestAccess {

    private KeyRingTestAccess() {
    }

    public static KeyRing ring(Optional<String> apiKeys, boolean demoData, boolean authEnabled) {
        return new KeyRing(apiKeys, demoData, authEnabled);
    }
}
