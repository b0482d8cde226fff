package com.promisevalidator.validation.model;

import java.util.List;

/** validate-batch answer: one entry per quote, same order as asked: a {@link ValidationResponse} or a {@link BatchProblem}. */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "One answer or problem per quote, in the order sent", requiredProperties = {"results"})
public record BatchResponse(
        @org.eclipse.microprofile.openapi.annotations.media.Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY,
                description = "An answer (ValidationResponse) or, for a quote that is itself bad, a BatchProblem in its place",
                oneOf = {ValidationResponse.class, BatchProblem.class}) List<Object> results) {
}
