package com.promisevalidator.rules.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

import com.promisevalidator.access.rest.BodyLimited;
import com.promisevalidator.common.FieldError;
import com.promisevalidator.common.Limits;
import com.promisevalidator.common.ProblemException;
import com.promisevalidator.common.Roles;
import com.promisevalidator.capacity.service.CapacityService;
import com.promisevalidator.rules.model.RuleFile;
import com.promisevalidator.rules.model.RuleProblem;
import com.promisevalidator.rules.model.RuleSet;
import com.promisevalidator.rules.model.ScenarioReport;
import com.promisevalidator.rules.service.BufferCodes;
import com.promisevalidator.rules.service.MessagesCheck;
import com.promisevalidator.rules.service.ScenarioGate;
import com.promisevalidator.rules.service.RuleBaseHolder;
import com.promisevalidator.rules.service.RuleCompiler;

/** The active rule set, and a dry-run check (policy gate, compile, then its scenario tests) of a candidate one. */
@BodyLimited
@Path("/api/v1/rules")
@RolesAllowed({Roles.OPS, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class RulesResource {

    private final RuleBaseHolder holder;
    private final RuleCompiler compiler;
    private final CapacityService capacity;
    private final ScenarioGate scenarios;

    public RulesResource(RuleBaseHolder holder, RuleCompiler compiler, CapacityService capacity, ScenarioGate scenarios) {
        this.holder = holder;
        this.compiler = compiler;
        this.capacity = capacity;
        this.scenarios = scenarios;
    }

    public record CheckRequest(List<RuleFile> files) {
    }

    /**
     * {@code scenarios}: the candidate's scenario tests, run when it compiles (null when it does not); {@code warnings}: what
     * does not refuse it but likely is a mistake (a buffer for a site no site has).
     */
    public record CheckResponse(boolean ok, List<RuleProblem> errors, List<RuleProblem> violations, String version,
                                ScenarioReport scenarios, List<RuleProblem> warnings) {
    }

    /** Buffers naming a site, lane or service type the master data does not have; rules no scenario covers. */
    private List<RuleProblem> warnings(RuleSet r, List<RuleFile> scenarioFiles) {
        if (r == null) return List.of();
        List<RuleProblem> out = new ArrayList<>(BufferCodes.warnings(r.parameters(),
                new BufferCodes.Known(c -> capacity.findSite(c) != null, capacity::findRegion, capacity::findServiceType)));
        out.addAll(uncovered(r, scenarioFiles));
        for (RuleFile f : r.files()) {
            if (f.name().matches(MessagesCheck.NAME)) out.addAll(MessagesCheck.unreadKeys(f.name(), f.content()));
        }
        return out;
    }

    private record Coverage(RuleSet rules, List<RuleFile> scenarios, List<RuleProblem> uncovered) {
    }

    /** The last answer, kept while the rule set and its scenarios are the same (GET /rules parses no DRL per call). */
    private volatile Coverage coverage;

    private List<RuleProblem> uncovered(RuleSet r, List<RuleFile> scenarioFiles) {
        // the database's last good set runs without the directory's scenarios: "tested by no scenario" would be untrue (probe ops L1)
        if (holder.activeFromLastGood()) return List.of();
        Coverage c = coverage;
        if (c != null && c.rules() == r && c.scenarios().equals(scenarioFiles)) return c.uncovered();
        List<RuleProblem> found = scenarios.uncovered(r.files(), scenarioFiles);
        coverage = new Coverage(r, scenarioFiles, found);
        return found;
    }

    @GET
    @APIResponseSchema(value = RulesStatus.class, responseCode = "200", responseDescription = "The active rule set")
    public Map<String, Object> active() {
        RuleSet r = holder.activeOrNull();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", r == null ? null : r.version());
        m.put("files", r == null ? List.of() : r.files().stream().map(RuleFile::name).toList());
        m.put("loadedAt", r == null ? null : r.loadedAt());
        m.put("parameters", r == null ? null : r.parameters().describe());
        m.put("scenarios", r == null ? null : holder.activeReport());
        m.put("warnings", warnings(r, holder.activeScenarios()));
        RuleBaseHolder.LastError e = holder.lastError();
        if (e == null) {
            m.put("lastError", null);
        } else {
            Map<String, Object> err = new LinkedHashMap<>();
            err.put("file", e.file());
            err.put("line", e.line());
            err.put("column", e.column());
            err.put("message", e.message());
            err.put("key", e.key());
            err.put("at", e.at());
            m.put("lastError", err);
        }
        RuleBaseHolder.RuntimeFailure f = holder.lastRuntimeFailure();
        Map<String, Object> failures = new LinkedHashMap<>();
        failures.put("count", holder.runtimeFailures());
        failures.put("last", f == null ? null : Map.of("version", f.version(), "rule", String.valueOf(f.rule()),
                "message", f.message(), "at", f.at()));
        m.put("runtimeFailures", failures);
        return m;
    }

    @POST
    @Path("check")
    @Consumes(MediaType.APPLICATION_JSON)
    public CheckResponse check(CheckRequest body) {
        if (body == null || body.files() == null || body.files().isEmpty()) {
            throw ProblemException.badRequest("files", "is required: a list of {\"name\",\"content\"}");
        }
        if (body.files().size() > Limits.MAX_RULE_FILES) {
            throw ProblemException.badRequest("files", "has " + body.files().size() + " files; at most " + Limits.MAX_RULE_FILES);
        }
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < body.files().size(); i++) {
            RuleFile f = body.files().get(i);
            if (f == null || f.name() == null) errors.add(new FieldError("files[" + i + "].name", "is required"));
            else if (f.content() == null) errors.add(new FieldError("files[" + i + "].content", "is required"));
            else Limits.text(errors, "files[" + i + "].name", f.name(), 200);
        }
        RuleFile.requestProblems(errors, body.files());
        if (!errors.isEmpty()) throw ProblemException.badRequest("The candidate has " + errors.size() + " invalid field(s)", errors);
        // a rules directory sent as it stands (rules/*): what the service leaves out of the set, check leaves out too, and says so
        List<RuleProblem> leftOut = body.files().stream().filter(f -> RuleFile.leftOutOfTheSet(f.name()))
                .map(f -> new RuleProblem(f.name(), null, null, "not a rule set file (.drl, .yaml or .properties): left out, as the "
                        + "service leaves it out of a rules directory")).toList();
        List<RuleFile> files = body.files().stream().filter(f -> !RuleFile.leftOutOfTheSet(f.name())).toList();
        List<RuleFile> sent = files.stream().filter(f -> !RuleBaseHolder.isScenarioFile(f.name())).toList();
        List<RuleProblem> takenFromActive = new ArrayList<>();
        List<RuleFile> rules = laidOverTheActiveSet(sent, takenFromActive);
        RuleCompiler.Result result = compiler.compile(rules);
        if (!result.ok()) {
            List<RuleProblem> said = new ArrayList<>(leftOut);
            said.addAll(takenFromActive);
            return new CheckResponse(false, result.errors(), result.violations(), null, null, said);
        }
        List<RuleFile> scenarioFiles = scenarios(files);
        ScenarioReport scenarios = holder.runScenarios(result.ruleSet(), scenarioFiles);
        // a scenario that fails refuses the set as a compile error does: under errors, where programs look (probe api M2)
        List<RuleProblem> problems = new ArrayList<>(result.errors());
        for (var failure : scenarios.failures()) problems.add(new RuleProblem(failure.file(), null, null, failure.describe()));
        List<RuleProblem> warnings = new ArrayList<>(leftOut);
        warnings.addAll(warnings(result.ruleSet(), scenarioFiles));
        warnings.addAll(takenFromActive);
        return new CheckResponse(scenarios.ok(), problems, result.violations(), result.ruleSet().version(), scenarios, warnings);
    }

    /**
     * The candidate as shadow runs and backtests take it (probe api2 L9): the files sent laid over the active set, a file of the
     * same name replaced, a new one added, one sent with empty content left out (how a removal is checked). A whole set sent
     * is itself. The active set's files it kept are said in {@code taken} (a warning). Without any rule set file sent there is
     * nothing to lay over: the files as sent (the compiler says there are no rule files).
     */
    private List<RuleFile> laidOverTheActiveSet(List<RuleFile> sent, List<RuleProblem> taken) {
        RuleSet active = holder.activeOrNull();
        if (sent.isEmpty() || active == null) return sent;
        Map<String, RuleFile> byName = new java.util.TreeMap<>();
        for (RuleFile f : active.files()) byName.put(f.name(), f);
        java.util.Set<String> kept = new java.util.TreeSet<>(byName.keySet());
        for (RuleFile f : sent) {
            kept.remove(f.name());
            if (f.content().isEmpty()) byName.remove(f.name());
            else byName.put(f.name(), f);
        }
        if (!kept.isEmpty()) {
            taken.add(new RuleProblem(null, null, null, "checked laid over the active set: " + String.join(", ", kept) + " "
                    + (kept.size() == 1 ? "is" : "are") + " the active one" + (kept.size() == 1 ? "" : "s") + " (send a file with empty "
                    + "content to check the set without it)"));
        }
        return new ArrayList<>(byName.values());
    }

    /** The candidate's scenario files, plus the active set's that it does not replace (same name). */
    private List<RuleFile> scenarios(List<RuleFile> files) {
        Map<String, RuleFile> byName = new java.util.TreeMap<>();
        for (RuleFile f : holder.activeScenarios()) byName.put(f.name(), f);
        for (RuleFile f : files) if (RuleBaseHolder.isScenarioFile(f.name())) byName.put(f.name(), f);
        return new ArrayList<>(byName.values());
    }
}
