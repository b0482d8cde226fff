package com.promisevalidator.webhooks.service;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

/**
 * Which receiver URLs the service will call: http or https, a host, no user info, and (unless the host is in
 * promise.webhooks.allowed-private-hosts) only public addresses, so a subscriber cannot point the service at
 * its own network (metadata endpoints, admin ports). Checked at subscription and again before every send,
 * since a name may resolve differently later.
 */
@Singleton
public class UrlPolicy {

    public static final int MAX_LENGTH = 2000;

    private final Set<String> allowedPrivate;

    public UrlPolicy(WebhookConfig config) {
        this.allowedPrivate = config.allowedPrivateHosts().orElse(List.of()).stream()
                .map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /** Why the URL is refused, or null when it may be called. */
    public String problem(String url) {
        if (url == null || url.isBlank()) return "is required";
        if (url.length() > MAX_LENGTH) return "is longer than " + MAX_LENGTH + " characters";
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return "is not a valid URL: " + e.getReason();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) return "must be an http or https URL";
        if (uri.getHost() == null || uri.getHost().isBlank()) return "must name a host";
        if (uri.getRawUserInfo() != null) return "must not carry a user name or password";
        if (uri.getRawFragment() != null) return "must not have a #fragment";
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) return "has port " + uri.getPort() + ", not one of 1-65535";
        return addressProblem(uri.getHost());
    }

    private String addressProblem(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        if (allowedPrivate.contains(h)) return null;
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(h);
        } catch (UnknownHostException e) {
            return "names a host that does not resolve (" + host + ")";
        }
        for (InetAddress a : all) {
            if (isPrivate(a)) {
                return "resolves to a private, loopback or link-local address (" + a.getHostAddress()
                        + "); ops can allow the host with promise.webhooks.allowed-private-hosts";
            }
        }
        return null;
    }

    static boolean isPrivate(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff, second = b[1] & 0xff, third = b[2] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    || (first == 198 && (second == 18 || second == 19)) // benchmarking
                    || (first == 192 && second == 0 && third == 0) // IETF protocol assignments
                    || first >= 240; // reserved, and the broadcast address
        }
        // an IPv6 address that carries an IPv4 one (::a.b.c.d, NAT64, 6to4, Teredo) reaches that address
        InetAddress v4 = embeddedIpv4(b);
        if (v4 != null && isPrivate(v4)) return true;
        return (b[0] & 0xfe) == 0xfc; // IPv6 unique local fc00::/7
    }

    /** The IPv4 address an IPv6 one embeds, or null: IPv4-compatible ::/96, NAT64 64:ff9b::/96, 6to4 2002::/16, Teredo 2001::/32. */
    static InetAddress embeddedIpv4(byte[] b) {
        byte[] v4 = null;
        if (allZero(b, 0, 12)) v4 = java.util.Arrays.copyOfRange(b, 12, 16);
        else if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) v4 = java.util.Arrays.copyOfRange(b, 12, 16);
        else if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) v4 = java.util.Arrays.copyOfRange(b, 2, 6);
        else if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0 && b[3] == 0) {
            v4 = new byte[4];
            for (int i = 0; i < 4; i++) v4[i] = (byte) ~b[12 + i]; // Teredo stores the client's address inverted
        }
        if (v4 == null) return null;
        try {
            return InetAddress.getByAddress(v4);
        } catch (UnknownHostException e) {
            return null; // four bytes always make an address
        }
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] != 0) return false;
        return true;
    }
}
