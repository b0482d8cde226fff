package com.promisevalidator.webhooks.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

/** The delivery log's lastError: a sentence the subscriber can act on, never a Java class name. */
class SendFailureTest {

    private static final Duration CONNECT = Duration.ofSeconds(5), REQUEST = Duration.ofSeconds(10);

    private static String said(Throwable e, String url) {
        return Dispatcher.failure(e, URI.create(url), CONNECT, REQUEST);
    }

    @Test
    void aPortNobodyListensOnIsConnectionRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        URI url = URI.create("http://localhost:" + port + "/none");
        Exception e = assertThrows(java.io.IOException.class, () -> HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding()));
        String said = Dispatcher.failure(e, url, CONNECT, REQUEST);
        assertEquals("connection refused by localhost:" + port, said);
        assertFalse(said.contains("Exception"), said);
    }

    @Test
    void timeoutsTlsAndUnknownHostsAreSaidInWords() {
        assertEquals("connection refused by localhost:18296", said(new ConnectException(), "http://localhost:18296/none"));
        assertEquals("could not connect to hooks.example.com: timed out after 5 s",
                said(new HttpConnectTimeoutException("HTTP connect timed out"), "https://hooks.example.com/x"));
        assertEquals("the receiver did not answer within 10 s", said(new HttpTimeoutException("request timed out"), "https://hooks.example.com/x"));
        assertEquals("TLS handshake with hooks.example.com:8443 failed",
                said(new ConnectException("x").initCause(new SSLHandshakeException("PKIX path building failed")), "https://hooks.example.com:8443/x"));
        assertEquals("the host name nowhere.invalid could not be resolved",
                said(new ConnectException().initCause(new java.nio.channels.UnresolvedAddressException()), "https://nowhere.invalid/x"));
        assertEquals("the request to hooks.example.com failed", said(new java.io.IOException("something odd"), "https://hooks.example.com/x"));
    }
}
