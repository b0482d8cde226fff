package com.promisevalidator.commitment.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.validation.Valid;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.promisevalidator.access.rest.BodyLimited;
import com.promisevalidator.access.rest.BodyLimits;
import com.promisevalidator.commitment.model.CommitRequest;
import com.promisevalidator.commitment.model.OutcomeRequest;
import com.promisevalidator.commitment.model.PromiseStatus;
import com.promisevalidator.commitment.model.PromiseView;
import com.promisevalidator.commitment.service.CommitAnswer;
import com.promisevalidator.commitment.service.CommitmentService;
import com.promisevalidator.commitment.service.Outcomes;
import com.promisevalidator.commitment.service.PromiseViews;
import com.promisevalidator.common.Limits;
import com.promisevalidator.common.ProblemException;
import com.promisevalidator.common.QueryParams;
import com.promisevalidator.common.Roles;
import com.promisevalidator.validation.model.QuoteRequest;

/** Committed promises: commit, look up, cancel, record the outcome, list by status. A rep key sees and acts on its own only. */
@BodyLimited
@Path("/api/v1/promises")
@RolesAllowed({Roles.REP, Roles.CRM, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class PromiseResource {

    private final CommitmentService commitments;
    private final Outcomes outcomes;
    private final PromiseViews views;

    public PromiseResource(CommitmentService commitments, Outcomes outcomes, PromiseViews views) {
        this.commitments = commitments;
        this.outcomes = outcomes;
        this.views = views;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponseSchema(value = PromiseView.class, responseCode = "201", responseDescription = "Created")
    public Response commit(@HeaderParam("Idempotency-Key") String key,
                           @RequestBody(description = "{\"decisionId\"}, or the quote body validate takes with its promisedBy (or startAt and "
                                   + "promisedMinutes) as the chosen promise, or the older wrapper {quote, site, promisedBy}",
                                   content = @Content(schema = @Schema(oneOf = {CommitRequest.class, QuoteRequest.class}))) byte[] body)
            throws JsonProcessingException {
        CommitAnswer a = commitments.commit(key, BodyLimits.utf8(body)); // counted as read (BodyLimited)
        Response.ResponseBuilder r = Response.status(a.status()).type(a.contentType()).entity(a.body());
        // relative, as documented: location() would make it absolute with the request's Host header (probe P12 L4)
        if (a.status() == 201 && a.promiseId() != null) r.header(jakarta.ws.rs.core.HttpHeaders.LOCATION, "/api/v1/promises/" + a.promiseId());
        return r.build();
    }

    @GET
    @Path("{id}")
    public PromiseView get(@PathParam("id") String id) {
        return views.get(knownShape(id));
    }

    @DELETE
    @Path("{id}")
    public PromiseView cancel(@PathParam("id") String id) {
        return commitments.cancel(knownShape(id));
    }

    @POST
    @Path("{id}/outcome")
    @RolesAllowed({Roles.CRM, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    public PromiseView outcome(@PathParam("id") String id, @Valid OutcomeRequest body) {
        return outcomes.outcome(knownShape(id), body);
    }

    /** An id no promise can have (too long, a NUL) is simply not found, without asking the database; see inside for two names. */
    private static String knownShape(String id) {
        // the validation endpoints under /promises take only POST: say so (405 with Allow) rather than "no such promise"
        if (id.equals("validate") || id.equals("validate-batch")) throw new jakarta.ws.rs.NotAllowedException("POST");
        if (Limits.textProblem(id, Limits.ID) != null) throw ProblemException.notFound("Promise " + (id.length() > 40 ? id.substring(0, 40) + "…" : id) + " does not exist");
        return id;
    }

    @GET
    public List<PromiseView> list(@QueryParam("status") String status, @QueryParam("limit") String limitText,
                                  @QueryParam("offset") String offsetText) {
        // read as text: a bad number is the caller's 400, not JAX-RS' 404
        int limit = QueryParams.integer("limit", limitText, 100, 1, Limits.MAX_PAGE);
        int offset = QueryParams.integer("offset", offsetText, 0, 0, Integer.MAX_VALUE);
        PromiseStatus s = null;
        if (status != null && !status.isBlank()) {
            try {
                s = PromiseStatus.valueOf(status.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("status", "'" + status + "' must be one of HELD, OPEN, AT_RISK, KEPT, BROKEN, CANCELLED, EXPIRED");
            }
        }
        return views.list(s, limit, offset);
    }
}
