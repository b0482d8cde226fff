package com.promisevalidator.rules.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.promisevalidator.rules.model.RuleProblem;
import com.promisevalidator.rules.model.ScenarioReport;

/** The shape of GET /api/v1/rules's answer, for the OpenAPI document only (RulesResource builds it as a map). */
@Schema(name = "RulesStatus", description = "The active rule set", requiredProperties = {"files", "warnings", "runtimeFailures"})
record RulesStatus(@Schema(description = "Content hash of the rule files and parameters (null: none loaded)", nullable = true) String version,
                   @Schema(description = "The files of the set") List<String> files,
                   @Schema(nullable = true) OffsetDateTime loadedAt,
                   @Schema(type = SchemaType.OBJECT, description = "The parameters in force (rules/parameters.yaml over the defaults)", nullable = true) Map<String, Object> parameters,
                   @Schema(description = "The set's scenario tests as last run", nullable = true) ScenarioReport scenarios,
                   @Schema(description = "What does not refuse the set but likely is a mistake (a buffer for an unknown site, a rule no scenario covers)") List<RuleProblem> warnings,
                   @Schema(description = "The last failed reload (the previous set stays active); null: none", nullable = true) LastError lastError,
                   RuntimeFailures runtimeFailures) {

    @Schema(name = "RulesLastError", requiredProperties = {"message", "at"})
    record LastError(String file, Integer line, Integer column, String message, String key, OffsetDateTime at) {
    }

    @Schema(name = "RulesRuntimeFailures", description = "Live quotes a rule failed on (answered by the previous set)", requiredProperties = {"count"})
    record RuntimeFailures(long count, @Schema(nullable = true) LastFailure last) {
    }

    @Schema(name = "RulesRuntimeFailure", requiredProperties = {"version", "rule", "message", "at"})
    record LastFailure(String version, String rule, String message, OffsetDateTime at) {
    }
}
