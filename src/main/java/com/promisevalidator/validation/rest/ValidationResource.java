package com.promisevalidator.validation.rest;

import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.promisevalidator.access.rest.BodyLimits;
import com.promisevalidator.common.Roles;
import com.promisevalidator.validation.model.BatchRequest;
import com.promisevalidator.validation.model.BatchResponse;
import com.promisevalidator.validation.model.QuoteRequest;
import com.promisevalidator.validation.model.ValidationResponse;
import com.promisevalidator.validation.service.ValidationService;
import com.promisevalidator.validation.wording.ReasonWriter;

import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** Checks quotes before a rep commits to them. Not {@code @BodyLimited}: each method checks its body's size itself. */
@Path("/api/v1/promises")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ValidationResource {

    private final ValidationService validation;
    private final BodyLimits limits;

    public ValidationResource(ValidationService validation, BodyLimits limits) {
        this.validation = validation;
        this.limits = limits;
    }

    /**
     * Answered on the I/O thread: a plain validation reads only memory, so handing it to a worker
     * thread would cost more than the work. A quote that asks to hold capacity writes to the
     * database and runs on a worker.
     */
    @POST
    @Path("validate")
    @NonBlocking
    @RolesAllowed({Roles.REP, Roles.CRM, Roles.ADMIN})
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ValidationResponse.class)))
    public Uni<byte[]> validate(@RequestBody(content = @Content(schema = @Schema(implementation = QuoteRequest.class))) byte[] bytes,
                                @HeaderParam("Accept-Language") String acceptLanguage) throws JsonProcessingException {
        String body = limits.jsonText(bytes);
        ValidationService.Parsed quote = validation.parse(body);
        List<Locale> languages = ReasonWriter.languages(acceptLanguage);
        if (Boolean.TRUE.equals(quote.quote().hold())) {
            return Uni.createFrom().item(() -> answer(quote, languages)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        }
        return Uni.createFrom().item(answer(quote, languages));
    }

    private byte[] answer(ValidationService.Parsed quote, List<Locale> languages) {
        try {
            return validation.validateParsed(quote, languages);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an answer could not be written as JSON", e);
        }
    }

    @POST
    @Path("validate-batch")
    @RolesAllowed({Roles.CRM, Roles.ADMIN})
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = BatchResponse.class)))
    public BatchResponse validateBatch(@RequestBody(content = @Content(schema = @Schema(implementation = BatchRequest.class))) byte[] bytes,
                                       @HeaderParam("Accept-Language") String acceptLanguage) throws JsonProcessingException {
        String body = limits.jsonText(bytes);
        return new BatchResponse(validation.validateBatch(body, ReasonWriter.languages(acceptLanguage)));
    }
}
