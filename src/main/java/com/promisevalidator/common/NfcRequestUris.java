package com.promisevalidator.common;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Path and query parameters in one Unicode spelling (NFC, see {@link Codes}): a request for
 * {@code /api/v1/sites/SALA%CC%83O-2} is a request for {@code /api/v1/sites/SAL%C3%83O-2}, before any resource is
 * matched, so every path parameter (site, SKU, region, service type codes) and query filter ({@code site}, {@code rep})
 * is read normalised. A URI that is all ASCII without a percent sign (nearly every request) is left alone at once.
 */
public class NfcRequestUris {

    @ServerRequestFilter(preMatching = true)
    public void normalise(ContainerRequestContext ctx) {
        URI uri = ctx.getUriInfo().getRequestUri();
        String path = uri.getRawPath(), query = uri.getRawQuery();
        if (plain(path) && plain(query)) return;
        String p = path == null ? null : rewrite(path, "/");
        String q = query == null ? null : rewrite(query, "&");
        if (p.equals(path) && (q == null || q.equals(query))) return;
        ctx.setRequestUri(URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + p + (q == null ? "" : "?" + q)));
    }

    private static boolean plain(String s) {
        if (s == null) return true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' || c >= 0x80) return false;
        }
        return true;
    }

    /** Each part (path segment; query name or value) that decodes to text not in NFC is re-encoded in NFC; the others stay as sent. */
    private static String rewrite(String raw, String separator) {
        String[] parts = raw.split(separator, -1);
        boolean changed = false;
        for (int i = 0; i < parts.length; i++) {
            if (separator.equals("&")) {
                int eq = parts[i].indexOf('=');
                String name = eq < 0 ? parts[i] : parts[i].substring(0, eq);
                String value = eq < 0 ? null : parts[i].substring(eq + 1);
                String n = part(name, true), v = value == null ? null : part(value, true);
                String joined = v == null ? n : n + "=" + v;
                if (!joined.equals(parts[i])) {
                    parts[i] = joined;
                    changed = true;
                }
            } else {
                String s = part(parts[i], false);
                if (!s.equals(parts[i])) {
                    parts[i] = s;
                    changed = true;
                }
            }
        }
        return changed ? String.join(separator, parts) : raw;
    }

    private static String part(String raw, boolean query) {
        if (plain(raw)) return raw;
        String text = decode(raw, query);
        if (text == null) return raw; // not percent-encoded UTF-8: left to the resource to refuse
        String nfc = Codes.nfc(text);
        if (nfc.equals(text)) return raw;
        return URLEncoder.encode(nfc, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Percent-decoding ('+' is a space in a query); null when the bytes are not UTF-8 or an escape is malformed. */
    private static String decode(String raw, boolean query) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) return null;
                int hi = Character.digit(raw.charAt(i + 1), 16), lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) return null;
                out.write(hi * 16 + lo);
                i += 2;
            } else if (c == '+' && query) {
                out.write(' ');
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < raw.length()) {
                    b = raw.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                out.writeBytes(b);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }
}
