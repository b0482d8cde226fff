package com.promisevalidator.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.promisevalidator.db.Database;
import com.promisevalidator.rules.model.RuleSet;
import com.promisevalidator.rules.service.RuleBaseHolder;
import com.promisevalidator.validation.service.DecisionLog;

/** What is running: build version, store, active rules. Cheap on purpose (also the HTTP baseline in benchmarks). */
@Path("/api/v1/info")
@Produces(MediaType.APPLICATION_JSON)
public class ServiceInfoResource {

    private final RuleBaseHolder rules;
    private final Database db;
    private final String version;
    private final DecisionLog decisions;

    public ServiceInfoResource(RuleBaseHolder rules, Database db, DecisionLog decisions,
                               @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
        this.rules = rules;
        this.db = db;
        this.decisions = decisions;
        this.version = version;
    }

    @GET
    public Map<String, Object> info() {
        RuleSet r = rules.activeOrNull();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service", "promise-validator");
        m.put("version", version);
        m.put("store", db.kind().name());
        m.put("rulesVersion", r == null ? null : r.version());
        m.put("decisionLog", decisions.stats());
        return m;
    }
}
