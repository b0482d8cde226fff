package com.promisevalidator.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * Test-only endpoints without any role annotation in the areas guarded by path (application.properties:
 * history, rules and decisions for ops; webhooks for crm), so AccessApiTest can show that an endpoint
 * added there later is guarded even if its resource forgets @RolesAllowed.
 */
public final class AccessProbes {

    private AccessProbes() {
    }

    @Path("/api/v1/decisions/_access-probe")
    public static class Decisions {
        @GET
        @org.eclipse.microprofile.openapi.annotations.Operation(hidden = true) // a test fixture, not part of the API
        public String probe() {
            return "ok";
        }
    }

    @Path("/api/v1/history/_access-probe")
    public static class History {
        @GET
        @org.eclipse.microprofile.openapi.annotations.Operation(hidden = true) // a test fixture, not part of the API
        public String probe() {
            return "ok";
        }
    }

    @Path("/api/v1/webhooks/_access-probe")
    public static class Webhooks {
        @GET
        @org.eclipse.microprofile.openapi.annotations.Operation(hidden = true) // a test fixture, not part of the API
        public String probe() {
            return "ok";
        }
    }
}
