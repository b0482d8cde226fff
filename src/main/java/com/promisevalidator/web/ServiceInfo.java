package com.promisevalidator.web;

import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.promisevalidator.validation.service.DecisionLog;

/** The shape of GET /api/v1/info's answer, for the OpenAPI document only (ServiceInfoResource builds it as a map). */
@Schema(name = "ServiceInfo", requiredProperties = {"service", "version", "store", "decisionLog", "auth", "caller"})
record ServiceInfo(@Schema(description = "Always promise-validator") String service,
                   @Schema(description = "Build version") String version,
                   @Schema(description = "The commit the running build was made from (null: built without git history)", nullable = true) Build build,
                   @Schema(enumeration = {"H2", "POSTGRESQL"}) String store,
                   @Schema(description = "The active rule set's version (null: none loaded)", nullable = true) String rulesVersion,
                   @Schema(description = "The decision log: writing (false while the store fails), answers waiting, written, set aside, refused") DecisionLog.Stats decisionLog,
                   @Schema(description = "How callers are authenticated", enumeration = {"api-keys", "demo-keys", "off"}) String auth,
                   Caller caller) {

    @Schema(name = "ServiceInfoBuild", description = "Which build is running", requiredProperties = {"commit", "committedAt", "localChanges"})
    record Build(@Schema(description = "Abbreviated git commit id", example = "6f2afc4") String commit,
                 @Schema(description = "When that commit was made") java.time.OffsetDateTime committedAt,
                 @Schema(description = "Built from a tree with changes not committed") boolean localChanges) {
    }

    @Schema(name = "ServiceInfoCaller", description = "The calling key", requiredProperties = {"name", "roles"})
    record Caller(String name, Set<String> roles) {
    }
}
