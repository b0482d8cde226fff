package com.promisevalidator.history.model;

import java.util.List;

/** Counts returned by a history import. */
public record ImportResult(int rows, int imported, int duplicates, int withOutcome,
                           List<String> sitesCreated, List<String> regionsCreated) {
}
