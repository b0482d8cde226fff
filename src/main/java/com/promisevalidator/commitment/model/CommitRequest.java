package com.promisevalidator.commitment.model;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import com.promisevalidator.validation.model.QuoteRequest;

/**
 * The wrapper form of POST /api/v1/promises' body: either {@code decisionId} (commit what that
 * validation answered: the asked promise if it was APPROVED, else its recommended one), or a full
 * {@code quote} with the chosen promise ({@code promisedBy} and optionally {@code site}; or
 * {@code startAt} and {@code promisedMinutes}). A chosen promise given with a decisionId overrides the
 * answer's. The quote body validate takes is accepted too (see CommitRequestReader).
 */
public record CommitRequest(String decisionId, QuoteRequest quote, String site, LocalDate promisedBy,
                            OffsetDateTime startAt,
                            @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = com.promisevalidator.common.Minutes.Json.class)
                            Double promisedMinutes) {
    /** The chosen site in one Unicode spelling (NFC), as every code ({@link com.promisevalidator.common.Codes}). */
    public CommitRequest {
        site = com.promisevalidator.common.Codes.nfc(site);
    }
}
