package com.promisevalidator.history.model;

import java.util.List;

/**
 * Counts returned by a history import: rows read, new rows stored, outcomes added to rows stored
 * earlier without one, rows already known (skipped), and the sites and regions created on the way.
 */
public record ImportResult(int rows, int imported, int outcomesAdded, int duplicates,
                           List<String> sitesCreated, List<String> regionsCreated) {
}
