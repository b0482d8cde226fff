package com.promisevalidator.history.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The shape of POST /api/v1/history/rebuild-statistics's answer, for the OpenAPI document only (built as a map). */
@Schema(name = "RebuildResult", requiredProperties = {"observations", "millis"})
record RebuildResult(@Schema(description = "History rows with an outcome the statistics were rebuilt from") int observations,
                     @Schema(description = "How long it took") long millis) {
}
