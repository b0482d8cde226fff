package com.promisevalidator.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

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
    /** Read once: the build does not change while the service runs (and info is the benchmarks' baseline). */
    private static final Map<String, Object> BUILD = build();

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
        m.put("build", BUILD);
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

    /**
     * The commit the jar was built from (written by the build into build-commit.properties), so ops can tell which
     * replicas already run a new build while the version stays the same; null when built without git history.
     */
    static Map<String, Object> build() {
        Properties p = new Properties();
        try (InputStream in = ServiceInfoResource.class.getResourceAsStream("/build-commit.properties")) {
            if (in == null) return null;
            p.load(in);
        } catch (IOException e) {
            return null;
        }
        String commit = p.getProperty("git.commit.id.abbrev", "");
        if (commit.isBlank()) return null;
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("commit", commit);
        b.put("committedAt", p.getProperty("git.commit.time"));
        b.put("localChanges", Boolean.parseBoolean(p.getProperty("git.dirty"))); // built from a tree with uncommitted changes
        return b;
    }
}
