package com.promisevalidator.webhooks.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

/**
 * Keeps subscription secrets at rest. They must be readable to sign (HMAC needs the secret itself, a hash
 * would not do), so they are encrypted with AES-GCM under promise.webhooks.secret-key: a copy of the database
 * alone does not reveal them. Without a key they are stored as given, and start-up says so.
 */
@Singleton
public class SecretBox {

    private static final Logger LOG = Logger.getLogger(SecretBox.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IV = 12;

    private final SecretKeySpec key;

    public SecretBox(WebhookConfig config) {
        this.key = config.secretKey().filter(s -> !s.isBlank()).map(SecretBox::parse).orElse(null);
        if (key == null) LOG.warn("promise.webhooks.secret-key (PROMISE_WEBHOOK_SECRET_KEY) is not set: webhook secrets are stored unencrypted");
    }

    private static SecretKeySpec parse(String base64) {
        byte[] k;
        try {
            k = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("promise.webhooks.secret-key must be base64: " + e.getMessage());
        }
        if (k.length != 16 && k.length != 24 && k.length != 32) {
            throw new IllegalStateException("promise.webhooks.secret-key must be 16, 24 or 32 bytes (base64), not " + k.length);
        }
        return new SecretKeySpec(k, "AES");
    }

    /** A fresh secret to show the subscriber once: 32 random bytes, hex. */
    public static String newSecret() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return "whsec_" + java.util.HexFormat.of().formatHex(b);
    }

    public String seal(String secret) {
        if (key == null) return "plain:" + secret;
        try {
            byte[] iv = new byte[IV];
            RANDOM.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] ct = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV + ct.length];
            System.arraycopy(iv, 0, out, 0, IV);
            System.arraycopy(ct, 0, out, IV, ct.length);
            return "aes:" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a webhook secret", e);
        }
    }

    /** Whether secrets are sealed with a key (PROMISE_WEBHOOK_SECRET_KEY set). */
    public boolean encrypts() {
        return key != null;
    }

    /** Whether a stored secret is in clear (sealed before a key was set, or without one). */
    public static boolean isClear(String sealed) {
        return sealed.startsWith("plain:");
    }

    public String open(String sealed) {
        if (sealed.startsWith("plain:")) return sealed.substring(6);
        if (!sealed.startsWith("aes:")) throw new IllegalStateException("unknown webhook secret format");
        if (key == null) throw new IllegalStateException("a webhook secret is encrypted but promise.webhooks.secret-key is not set");
        try {
            byte[] in = Base64.getDecoder().decode(sealed.substring(4));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, IV));
            return new String(c.doFinal(in, IV, in.length - IV), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt a webhook secret (was promise.webhooks.secret-key changed?)", e);
        }
    }
}
