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
            int first = b[0] & 0xff, second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    || (first == 198 && (second == 18 || second == 19)); // benchmarking
        }
        return (b[0] & 0xfe) == 0xfc; // IPv6 unique local fc00::/7
    }
}
