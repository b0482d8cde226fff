package com.promisevalidator.validation.model;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One recorded decision as GET /api/v1/decisions shows it: the request as recorded (nulls left out), the
 * answer (reasons by code and evidence once answers carry codes; alternatives without their sentence),
 * the rules version (its hash covers the rule files and parameters), the target confidence used, and the facts
 * the evaluation met (capacity, stock, bookings, statistics it read: enough to replay it), stored once per
 * distinct content under {@code factsHash}; absent for decisions recorded without them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"decisionId", "kind", "evaluatedAt", "rep", "site", "verdict", "rulesVersion", "targetConfidence", "request", "answer", "factsHash", "facts"})
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "One recorded decision: the request as recorded (nulls left out), the answer given "
        + "(reasons without their sentence), and the facts the evaluation met (absent when not recorded)", requiredProperties = {"decisionId", "kind", "evaluatedAt"})
public record DecisionView(String decisionId, DecisionKind kind, OffsetDateTime evaluatedAt, String rep, String site, Verdict verdict,
                           String rulesVersion, Double targetConfidence,
                           // JsonNode as stored, documented as what it holds (not as Jackson's tree model): the request
                           // (nulls left out), the answer given (reasons without their sentence), the facts met
                           @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = QuoteRequest.class) JsonNode request,
                           @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = ValidationResponse.class) JsonNode answer,
                           String factsHash,
                           @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = java.util.Map.class,
                                   description = "The facts the evaluation met (sites, lanes, stock, lead times, reps, orders taken…): enough to replay it") JsonNode facts) {
}
