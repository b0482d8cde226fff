package com.promisevalidator.validation.facts;

import java.time.OffsetDateTime;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Another promise the rep may offer: another site, a split delivery, a later start.
 * Fields that do not apply to a kind are null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Alternative(String kind, String site, LocalDate promisedBy, OffsetDateTime startAt,
                          @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = com.promisevalidator.common.Minutes.Json.class) Double promisedMinutes,
                          double confidence, String description, List<Part> parts) {

    public Alternative {
        confidence = Math.round(confidence * 10000) / 10000.0; // four decimals, like every confidence in an answer
    }

    /** The same offer in words (written by the wording writer, never by rules). */
    public Alternative withDescription(String words) {
        return new Alternative(kind, site, promisedBy, startAt, promisedMinutes, confidence, words, parts);
    }

    /** One shipment of a split delivery. */
    public record Part(List<Line> lines, LocalDate promisedBy) {
    }

    public record Line(String sku, int quantity) {
    }
}
