package com.promisevalidator.common;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** A path nothing serves (outside the REST resources) is a 404 problem+json too, not Vert.x' plain-text page. */
@Singleton
public class FallbackRoutes {

    void register(@Observes Router router) {
        router.route().last().handler(rc -> {
            if (rc.response().ended()) return;
            JsonObject body = new JsonObject().put("type", "about:blank").put("title", "Not Found").put("status", 404)
                    .put("detail", "There is nothing at " + rc.normalizedPath() + "; the API is described at /q/openapi and /q/swagger-ui.")
                    .put("instance", rc.normalizedPath());
            String id = RequestIds.of(rc);
            if (id != null) body.put("requestId", id);
            rc.response().setStatusCode(404).putHeader("Content-Type", Problem.MEDIA_TYPE).end(body.encode());
        });
    }
}
