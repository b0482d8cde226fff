package com.promisevalidator.common;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;

/**
 * Headers every answer carries (page, API, errors; probe P12 L1): the page commits and cancels with a click, so no other
 * site may frame it (clickjacking); content types are taken as sent; no address leaks to other sites. Added by the
 * filter that runs first on every request ({@link RequestIds}): one handler, not one route per header.
 */
public final class SecurityHeaders {

    private static final CharSequence FRAME_OPTIONS = HttpHeaders.createOptimized("X-Frame-Options");
    private static final CharSequence DENY = HttpHeaders.createOptimized("DENY");
    private static final CharSequence CSP = HttpHeaders.createOptimized("Content-Security-Policy");
    private static final CharSequence NO_FRAMING = HttpHeaders.createOptimized("frame-ancestors 'none'");
    private static final CharSequence CONTENT_TYPE_OPTIONS = HttpHeaders.createOptimized("X-Content-Type-Options");
    private static final CharSequence NOSNIFF = HttpHeaders.createOptimized("nosniff");
    private static final CharSequence REFERRER_POLICY = HttpHeaders.createOptimized("Referrer-Policy");
    private static final CharSequence NO_REFERRER = HttpHeaders.createOptimized("no-referrer");

    private SecurityHeaders() {
    }

    static void add(MultiMap headers) {
        headers.set(FRAME_OPTIONS, DENY);
        headers.set(CSP, NO_FRAMING);
        headers.set(CONTENT_TYPE_OPTIONS, NOSNIFF);
        headers.set(REFERRER_POLICY, NO_REFERRER);
    }
}
