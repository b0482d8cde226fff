package com.promisevalidator.access.rest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import com.promisevalidator.access.AccessConfig;
import com.promisevalidator.common.ProblemException;

/** The body size limit of a content type: CSV (history import) has a large one, everything else (JSON) a small one. */
@jakarta.inject.Singleton
public class BodyLimits {

    private final long json;
    private final long csv;

    BodyLimits(AccessConfig config) {
        this.json = config.limits().jsonBody().asLongValue();
        this.csv = config.limits().csvBody().asLongValue();
    }

    long forType(String contentType) {
        if (contentType == null) return json;
        String t = contentType.toLowerCase(Locale.ROOT);
        return t.startsWith("text/csv") || t.startsWith("text/plain") ? csv : json;
    }

    /**
     * A JSON body read whole (bytes, on a resource without {@link BodyLimited}) as text: 413 when it is over the JSON limit
     * (a declared Content-Length was refused before reading, {@link RequestGuards}, so this catches chunked bodies), and a
     * 400 naming the byte when it is not valid UTF-8, never text with U+FFFD in place of what was sent. One strict decode
     * over the bytes, no other copy. (A declared charset other than UTF-8 was refused before, {@link RequestGuards}.)
     */
    public String jsonText(byte[] body) {
        if (body == null) return null;
        if (body.length > json) throw BodyLimitInterceptor.tooLarge(json);
        return utf8(body);
    }

    /**
     * {@code body} decoded as UTF-8, or a 400 problem naming the first byte that is not. A leading byte order mark is
     * left out (RFC 8259 lets a parser ignore it; the endpoints Jackson reads from the stream skip it too).
     */
    public static String utf8(byte[] body) {
        if (body == null) return null;
        String text = withoutBom(new String(body, StandardCharsets.UTF_8)); // the JDK's fast decoder; a bad byte becomes U+FFFD
        if (text.indexOf('\uFFFD') < 0) return text;
        // a replacement character: sent as such (valid) or a bad byte; a strict decode tells which, and where
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length); // UTF-8 never has more chars than bytes
        CoderResult r = d.decode(in, out, true);
        if (!r.isError()) r = d.flush(out);
        if (r.isError()) {
            String where = "is not valid UTF-8 at byte " + in.position() + " (counting from 0)";
            throw ProblemException.badRequest("The request body " + where + ": JSON bodies are read as UTF-8 only",
                    java.util.List.of(new com.promisevalidator.common.FieldError("body", where)));
        }
        return text;
    }

    private static String withoutBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * The charset a JSON body declares when it is one the service does not read (anything but UTF-8, and US-ASCII, a
     * part of it), else null. JSON is UTF-8 (RFC 8259); a body in another charset would be misread, so it is refused.
     */
    static String unreadCharset(String contentType) {
        if (contentType == null) return null;
        String t = contentType.toLowerCase(Locale.ROOT);
        if (!t.contains("json")) return null;
        for (String param : t.split(";")) {
            String p = param.strip();
            if (!p.startsWith("charset=")) continue;
            String cs = p.substring("charset=".length()).strip().replace("\"", "");
            return cs.equals("utf-8") || cs.equals("utf8") || cs.equals("us-ascii") ? null : cs;
        }
        return null;
    }

    static String message(long size, long limit) {
        return "The request body " + (size >= 0 ? "(" + size + " bytes) " : "") + "is larger than the limit of " + limit
                + " bytes for its content type (promise.limits.json-body / promise.limits.csv-body).";
    }
}
