package com.promisevalidator.validation.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A page of decisions, newest first. {@code next} is the link to the following page (the same filters, the
 * offset moved on), absent on the last page: no total is counted, so a page costs the same on a large log.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "A page of decisions, newest first; next is the path of the next page or null", requiredProperties = {"decisions", "limit", "offset"})
public record DecisionPage(List<DecisionView> decisions, int limit, int offset, String next) {
}
