package com.promisevalidator.webhooks.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

import com.promisevalidator.access.rest.BodyLimited;
import com.promisevalidator.common.QueryParams;
import com.promisevalidator.common.Roles;
import com.promisevalidator.webhooks.model.DeliveryLog;
import com.promisevalidator.webhooks.model.SubscriptionRequest;
import com.promisevalidator.webhooks.model.SubscriptionView;
import com.promisevalidator.webhooks.service.Subscriptions;

import io.quarkus.security.identity.SecurityIdentity;

/** Webhook subscriptions of the calling key (crm or admin; an admin key sees all), and their delivery logs. */
@BodyLimited
@Path("/api/v1/webhooks")
@RolesAllowed({Roles.CRM, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    private final Subscriptions subscriptions;
    private final SecurityIdentity identity;

    public WebhookResource(Subscriptions subscriptions, SecurityIdentity identity) {
        this.subscriptions = subscriptions;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe a URL to promise events")
    @APIResponseSchema(value = SubscriptionView.class, responseCode = "201", responseDescription = "Created")
    public Response create(SubscriptionRequest body) {
        SubscriptionView v = subscriptions.create(owner(), body);
        // relative, as for a commit: created() would make it absolute with the request's Host header (probe P12 L4)
        return Response.status(Response.Status.CREATED).header(jakarta.ws.rs.core.HttpHeaders.LOCATION, "/api/v1/webhooks/" + v.id())
                .entity(v).build();
    }

    @GET
    @Operation(summary = "This key's subscriptions (without secrets)")
    public List<SubscriptionView> list() {
        return subscriptions.list(owner(), admin());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a subscription and its pending deliveries")
    public Response delete(@PathParam("id") String id) {
        subscriptions.delete(owner(), admin(), id);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(summary = "A subscription's delivery log, newest first, with its backlog")
    public DeliveryLog deliveries(@PathParam("id") String id, @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        return subscriptions.deliveries(owner(), admin(), id, QueryParams.integer("limit", limit, 100, 1, 1000),
                QueryParams.integer("offset", offset, 0, 0, Integer.MAX_VALUE));
    }

    private String owner() {
        return identity.getPrincipal().getName();
    }

    private boolean admin() {
        return identity.hasRole(Roles.ADMIN);
    }
}
