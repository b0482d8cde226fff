package com.promisevalidator.validation.facts;

import com.promisevalidator.performance.model.Mastery;

/** The quoting rep's own record of kept promises, for the evidence of an answer. */
public record TrackRecord(String rep, Mastery mastery) {
}
