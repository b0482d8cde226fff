package com.promisevalidator.access.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import com.promisevalidator.common.Problem;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** RFC 9457 answers written before a request reaches REST (authentication, rate limit, body size). */
final class ProblemResponses {

    private ProblemResponses() {
    }

    static void send(RoutingContext rc, int status, String title, String detail) {
        if (rc.response().ended()) return;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", rc.normalizedPath());
        String id = com.promisevalidator.common.RequestIds.of(rc);
        if (id != null) body.put("requestId", id);
        rc.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE).end(new JsonObject(body).encode());
    }
}
