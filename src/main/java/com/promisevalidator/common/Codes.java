package com.promisevalidator.common;

import java.text.Normalizer;

/**
 * Codes (site, region, service type, SKU, rep) are compared as text, so two canonically equivalent spellings
 * ({@code SALÃO-2} composed, NFC, and {@code SALA}+U+0303{@code O-2} decomposed, NFD, as macOS file names and some
 * libraries write it) would be two different, identical-looking codes. Every code is kept in NFC: JSON bodies
 * (the request records' constructors), path and query parameters ({@link NfcRequestUris}) and history imports
 * normalise with {@link #nfc}, so lookups, idempotency hashes and the decision log all see one spelling.
 */
public final class Codes {

    private Codes() {
    }

    /** {@code value} in Unicode NFC (ASCII and text already in NFC unchanged, without a copy); null stays null. */
    public static String nfc(String value) {
        if (value == null) return null;
        for (int i = 0, n = value.length(); i < n; i++) {
            if (value.charAt(i) >= 0x300) { // nothing below U+0300 composes or decomposes
                return Normalizer.isNormalized(value, Normalizer.Form.NFC) ? value : Normalizer.normalize(value, Normalizer.Form.NFC);
            }
        }
        return value;
    }
}
