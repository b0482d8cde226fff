package com.promisevalidator.replay.rest;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

import com.promisevalidator.access.rest.BodyLimited;
import com.promisevalidator.common.ProblemException;
import com.promisevalidator.common.Roles;
import com.promisevalidator.replay.model.ShadowRequest;
import com.promisevalidator.replay.service.Shadow;

/** The shadow run of a candidate rule set beside the live rules (ops). */
@BodyLimited
@Path("/api/v1/rules/shadow")
@RolesAllowed({Roles.OPS, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class ShadowResource {

    private final Shadow shadow;

    public ShadowResource(Shadow shadow) {
        this.shadow = shadow;
    }

    @PUT
    @APIResponseSchema(value = ReplayViews.ShadowReport.class, responseCode = "200", responseDescription = "The new shadow run, and the one it replaced")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> start(ShadowRequest body) {
        if (body == null) throw ProblemException.badRequest("body", "a JSON object {\"files\"?, \"parameters\"?} is required");
        return shadow.start(body.files(), body.parameters());
    }

    @GET
    @APIResponseSchema(value = ReplayViews.ShadowReport.class, responseCode = "200", responseDescription = "The running comparison")
    public Map<String, Object> show() {
        return shadow.show();
    }

    @DELETE
    @APIResponseSchema(value = ReplayViews.ShadowReport.class, responseCode = "200", responseDescription = "The final comparison")
    public Map<String, Object> stop() {
        return shadow.stop();
    }
}
