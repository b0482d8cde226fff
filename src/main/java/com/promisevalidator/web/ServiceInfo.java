package com.promisevalidator.web;

import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.promisevalidator.validation.service.DecisionLog;

/** The shape of GET /api/v1/info's answer, for the OpenAPI document only (ServiceInfoResource builds it as a map). */
@Schema(name = "ServiceInfo", requiredProperties = {"service", "version", "store", "decisionLog", "auth", "caller"})
record ServiceInfo(@Schema(description = "Always promise-validator") String service,
                   @Schema(description = "Build version") String version,
                   @Schema(enumeration = {"H2", "POSTGRESQL"}) String store,
                   @Schema(description = "The active rule set's version (null: none loaded)", nullable = true) String rulesVersion,
                   @Schema(description = "The decision log: writing (false while the store fails), answers waiting, written, set aside, refused") DecisionLog.Stats decisionLog,
                   @Schema(description = "How callers are authenticated", enumeration = {"api-keys", "demo-keys", "off"}) String auth,
                   Caller caller) {

    @Schema(name = "ServiceInfoCaller", description = "The calling key", requiredProperties = {"name", "roles"})
    record Caller(String name, Set<String> roles) {
    }
}
