package com.promisevalidator.validation.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.promisevalidator.common.FieldError;
import com.promisevalidator.common.ProblemException;

/**
 * A quote of a batch that could not be answered (bad field: 400; unknown site, region, SKU or
 * service type: 422), in its place among the answers. Field paths are inside the quote.
 */
@JsonPropertyOrder({"quoteId", "status", "title", "detail", "errors"})
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "A quote of the batch that could not be answered, in its place: 400 a bad field, 422 an unknown site, region, SKU or service type",
        requiredProperties = {"status", "title", "detail"})
public record BatchProblem(String quoteId, int status, String title, String detail, List<FieldError> errors) {

    public static BatchProblem of(String quoteId, ProblemException p) {
        return new BatchProblem(quoteId, p.status(), p.title(), p.getMessage(), p.errors());
    }
}
