package com.promisevalidator.validation.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.promisevalidator.common.ProblemException;
import com.promisevalidator.validation.model.BatchRequest;
import com.promisevalidator.validation.model.BatchResponse;
import com.promisevalidator.validation.model.QuoteRequest;
import com.promisevalidator.validation.model.ValidationResponse;
import com.promisevalidator.validation.service.ValidationService;

/** Checks quotes before a rep commits to them. */
@Path("/api/v1/promises")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ValidationResource {

    private final ValidationService validation;

    public ValidationResource(ValidationService validation) {
        this.validation = validation;
    }

    @POST
    @Path("validate")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ValidationResponse.class)))
    public String validate(@RequestBody(content = @Content(schema = @Schema(implementation = QuoteRequest.class))) String quote)
            throws JsonProcessingException {
        return validation.validateJson(quote);
    }

    @POST
    @Path("validate-batch")
    public BatchResponse validateBatch(BatchRequest batch) {
        if (batch == null) throw ProblemException.badRequest("body", "a JSON object {\"quotes\":[...]} is required");
        return new BatchResponse(validation.validateBatch(batch.quotes()));
    }
}
