package com.promisevalidator.validation.model;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One recorded decision as GET /api/v1/decisions shows it: the request as recorded (nulls left out), the
 * answer as given (its reasons' and alternatives' sentences as the caller read them; decisions recorded before
 * 2026-12-07 have a coded reason's code and evidence without its sentence),
 * the rules version (its hash covers the rule files and parameters), the target confidence used, and the facts
 * the evaluation met (capacity, stock, bookings, statistics it read: enough to replay it), stored once per
 * distinct content under {@code factsHash}; absent for decisions recorded without them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"decisionId", "kind", "evaluatedAt", "rep", "site", "verdict", "rulesVersion", "targetConfidence", "request", "answer", "factsHash", "facts"})
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "One recorded decision: the request as recorded (nulls left out), the answer given "
        + "(with its sentences as said), and the facts the evaluation met (absent when not recorded)", requiredProperties = {"decisionId", "kind", "evaluatedAt"})
public record DecisionView(String decisionId, DecisionKind kind, OffsetDateTime evaluatedAt, String rep, String site, Verdict verdict,
                           String rulesVersion, Double targetConfidence,
                           // JsonNode as stored, documented as what it holds (not as Jackson's tree model): the request
                           // (nulls left out), the answer given, the facts met
                           @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = QuoteRequest.class) JsonNode request,
                           @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = ValidationResponse.class) JsonNode answer,
                           String factsHash,
                           @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = java.util.Map.class,
                                   description = "The facts the evaluation met (sites, lanes, stock, lead times, reps, orders taken…): enough to replay it") JsonNode facts) {
}
