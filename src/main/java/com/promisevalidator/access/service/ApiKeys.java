package com.promisevalidator.access.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.promisevalidator.access.model.ApiKey;
import com.promisevalidator.common.Roles;

/**
 * The configured API keys, parsed from {@code name:role:key,...}. Only SHA-256 digests are kept and a
 * presented key is compared with every digest in constant time, so neither the secret nor the timing
 * of a lookup tells anything about the keys. Error messages name entries by position and name, never
 * by their secret.
 */
public final class ApiKeys {

    public static final String SETTING = "PROMISE_API_KEYS (promise.api-keys)";
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    static final int MIN_KEY_LENGTH = 8;
    /** Shorter keys start, with a warning: failed keys are not rate-limited, so only length keeps guessing useless. */
    static final int WEAK_KEY_LENGTH = 20;

    /** The fixed demo keys (demo mode without PROMISE_API_KEYS): public, documented, for the demo only. */
    public static final String DEMO = "alice:rep:demo-rep-alice,bob:rep:demo-rep-bob,crm:crm:demo-crm,ops:ops:demo-ops,admin:admin:demo-admin";

    private final List<ApiKey> keys;
    private final List<String> weak;

    private ApiKeys(List<ApiKey> keys, List<String> weak) {
        this.keys = List.copyOf(keys);
        this.weak = List.copyOf(weak);
    }

    /** Parses the setting; throws IllegalArgumentException with a message naming the setting and the bad entry. */
    public static ApiKeys parse(String spec) {
        if (spec == null || spec.isBlank()) throw new IllegalArgumentException(SETTING + " is empty");
        String[] entries = spec.split(",", -1);
        List<ApiKey> keys = new ArrayList<>();
        List<String> weak = new ArrayList<>();
        Map<String, Integer> entryOfDigest = new HashMap<>();
        Map<String, String> roleOfName = new HashMap<>();
        for (int i = 0; i < entries.length; i++) {
            String where = SETTING + " entry " + (i + 1);
            String entry = entries[i].trim();
            if (entry.isEmpty()) throw new IllegalArgumentException(where + " is empty (a stray comma?)");
            String[] parts = entry.split(":", 3); // the key itself may contain ':'
            if (parts.length < 3) throw new IllegalArgumentException(where + " is not name:role:key");
            String name = parts[0].trim();
            String role = parts[1].trim();
            String secret = parts[2].trim();
            if (name.isEmpty()) throw new IllegalArgumentException(where + " has an empty name");
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(where + ": name '" + name + "' must be 1-64 letters, digits, '.', '_', '@' or '-'");
            }
            if (role.isEmpty()) throw new IllegalArgumentException(where + " ('" + name + "') has an empty role");
            if (!Roles.ALL.contains(role)) {
                throw new IllegalArgumentException(where + " ('" + name + "'): role '" + role + "' is not one of " + String.join(", ", Roles.ALL));
            }
            if (secret.isEmpty()) throw new IllegalArgumentException(where + " ('" + name + "') has an empty key");
            if (secret.length() < MIN_KEY_LENGTH) {
                throw new IllegalArgumentException(where + " ('" + name + "'): the key is shorter than " + MIN_KEY_LENGTH + " characters");
            }
            String previousRole = roleOfName.putIfAbsent(name, role);
            if (previousRole != null && !previousRole.equals(role)) {
                throw new IllegalArgumentException(where + ": name '" + name + "' already has role '" + previousRole + "'; one name, one role");
            }
            byte[] digest = sha256(secret);
            Integer same = entryOfDigest.putIfAbsent(java.util.HexFormat.of().formatHex(digest), i + 1);
            if (same != null) throw new IllegalArgumentException(where + " ('" + name + "') repeats the key of entry " + same + "; every key must be unique");
            keys.add(new ApiKey(name, role, digest));
            if (secret.length() < WEAK_KEY_LENGTH) weak.add("entry " + (i + 1) + " ('" + name + "')");
        }
        return new ApiKeys(keys, weak);
    }

    /** The key whose secret is {@code presented}, or null. Always compares with every key (constant time per call). */
    public ApiKey find(String presented) {
        if (presented == null) return null;
        byte[] digest = sha256(presented);
        ApiKey found = null;
        for (ApiKey k : keys) {
            if (MessageDigest.isEqual(k.digest(), digest)) found = k;
        }
        return found;
    }

    /** The entries (by position and name, never the secret) whose key is shorter than {@value #WEAK_KEY_LENGTH} characters. */
    public List<String> weak() {
        return weak;
    }

    public List<ApiKey> keys() {
        return keys;
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
