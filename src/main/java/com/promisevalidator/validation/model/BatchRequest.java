package com.promisevalidator.validation.model;

import java.util.List;

/** Body of validate-batch. */
public record BatchRequest(List<QuoteRequest> quotes) {
}
