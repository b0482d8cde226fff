package com.promisevalidator.validation.model;

import java.util.List;

/** validate-batch answer: one entry per quote, same order as asked. */
public record BatchResponse(List<ValidationResponse> results) {
}
