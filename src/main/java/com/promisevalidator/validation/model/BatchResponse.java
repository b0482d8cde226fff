package com.promisevalidator.validation.model;

import java.util.List;

/** validate-batch answer: one entry per quote, same order as asked: a {@link ValidationResponse} or a {@link BatchProblem}. */
public record BatchResponse(List<Object> results) {
}
