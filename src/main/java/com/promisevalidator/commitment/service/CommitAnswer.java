package com.promisevalidator.commitment.service;

/** A commit's HTTP answer: status, JSON body, content type, and the promise it concerns (null for a refusal). */
public record CommitAnswer(int status, String body, String contentType, String promiseId) {
}
