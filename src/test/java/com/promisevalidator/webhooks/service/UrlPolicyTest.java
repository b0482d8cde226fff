package com.promisevalidator.webhooks.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Receiver addresses: the ways to write a private address that a plain check misses, and ports that cannot be called. */
class UrlPolicyTest {

    private static final UrlPolicy POLICY = new UrlPolicy((WebhookConfig) Proxy.newProxyInstance(WebhookConfig.class.getClassLoader(),
            new Class<?>[] {WebhookConfig.class}, (proxy, method, args) -> method.getName().equals("allowedPrivateHosts") ? Optional.empty() : null));

    @Test
    void privateAddressesWrittenInsideIpv6AreRefused() {
        for (String url : new String[] {
                "http://[::127.0.0.1]/x", // IPv4-compatible
                "http://[64:ff9b::7f00:1]/x", // NAT64 of 127.0.0.1
                "http://[2002:7f00:1::]/x", // 6to4 of 127.0.0.1
                "http://[2002:a9fe:a9fe::]/x", // 6to4 of the cloud metadata address 169.254.169.254
                "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/x", // Teredo whose client is 127.0.0.1 (inverted)
                "http://192.0.0.1/x", "http://240.0.0.1/x", "http://255.255.255.255/x"}) {
            String why = POLICY.problem(url);
            assertNotNull(why, url);
            assertTrue(why.contains("private"), url + ": " + why);
        }
    }

    @Test
    void portsOutsideTheRangeAreRefusedAndPublicAddressesPass() {
        assertEquals("has port 0, not one of 1-65535", POLICY.problem("http://1.1.1.1:0/x"));
        assertEquals("has port 99999, not one of 1-65535", POLICY.problem("http://1.1.1.1:99999/x"));
        assertNull(POLICY.problem("https://1.1.1.1:8443/hook"));
        assertNull(POLICY.problem("http://[2606:4700:4700::1111]/hook"));
        assertNull(POLICY.problem("http://[2002:0101:0101::]/x"), "6to4 of a public address");
    }
}
