package com.promisevalidator.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;

import com.promisevalidator.access.service.KeyRing;
import com.promisevalidator.db.Database;
import com.promisevalidator.rules.model.RuleSet;
import com.promisevalidator.rules.service.RuleBaseHolder;
import com.promisevalidator.validation.service.DecisionLog;

/** What is running: build version, store, active rules, how callers are authenticated. Cheap on purpose (also the HTTP baseline in benchmarks). */
@Path("/api/v1/info")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ServiceInfoResource {

    private final RuleBaseHolder rules;
    private final Database db;
    private final String version;
    private final DecisionLog decisions;
    private final KeyRing keys;
    private final SecurityIdentity caller;

    public ServiceInfoResource(RuleBaseHolder rules, Database db, DecisionLog decisions, KeyRing keys, SecurityIdentity caller,
                               @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
        this.keys = keys;
        this.caller = caller;
        this.rules = rules;
        this.db = db;
        this.decisions = decisions;
        this.version = version;
    }

    @GET
    @APIResponseSchema(value = ServiceInfo.class, responseCode = "200", responseDescription = "The service and the caller")
    public Map<String, Object> info() {
        RuleSet r = rules.activeOrNull();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service", "promise-validator");
        m.put("version", version);
        m.put("store", db.kind().name());
        m.put("rulesVersion", r == null ? null : r.version());
        m.put("decisionLog", decisions.stats());
        // "api-keys", "demo-keys" (the public demo keys: demo only) or "off" (no authentication at all)
        m.put("auth", switch (keys.mode()) {
            case KEYS -> "api-keys";
            case DEMO_KEYS -> "demo-keys";
            case OFF -> "off";
        });
        m.put("caller", Map.of("name", caller.getPrincipal().getName(), "roles", caller.getRoles()));
        return m;
    }
}
