package com.promisevalidator.scenario.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.promisevalidator.rules.model.Parameters;
import com.promisevalidator.rules.model.RuleFile;
import com.promisevalidator.rules.model.RuleProblem;
import com.promisevalidator.rules.model.RuleSet;
import com.promisevalidator.rules.model.ScenarioReport;
import com.promisevalidator.rules.model.ScenarioResult;
import com.promisevalidator.rules.model.ScenarioResult.Mismatch;
import com.promisevalidator.rules.service.ParametersFile;
import com.promisevalidator.rules.service.RuleBaseHolder;
import com.promisevalidator.rules.service.RuleCompiler;
import com.promisevalidator.scenario.model.Scenario;
import com.promisevalidator.validation.model.QuoteRequest;
import com.promisevalidator.validation.model.Recommended;
import com.promisevalidator.validation.model.ValidationResponse;
import com.promisevalidator.validation.service.QuoteEvaluator;
import com.promisevalidator.validation.wording.ReasonWriter;
import com.promisevalidator.validation.wording.Wording;

/**
 * Runs scenario tests (rules/tests/*.yaml) against a compiled rule set with the same evaluator validate uses,
 * on each scenario's own world, parameters and clock: pure, no database, no side effects. Used by the test suite, by
 * POST /api/v1/rules/check, by reload (a set whose scenarios fail is not activated) and by the command line.
 */
public final class ScenarioRunner {

    /** Other sites considered per quote, as the service's default (promise.max-other-sites). */
    public static final int MAX_OTHER_SITES = 3;
    /** A recommended confidence is compared to this many decimals (answers carry four). */
    static final double CONFIDENCE_TOLERANCE = 0.00051;

    /** Scenarios check codes, not sentences: the built-in English words the answers (no rules directory is read). */
    private static final ReasonWriter WRITER = new ReasonWriter(Path.of("/nonexistent/scenario-wording"));
    private static final YAMLMapper YAML = new YAMLMapper();

    private final QuoteEvaluator evaluator;

    public ScenarioRunner(int maxOtherSites) {
        this.evaluator = new QuoteEvaluator(maxOtherSites);
    }

    public ScenarioRunner() {
        this(MAX_OTHER_SITES);
    }

    /** Every scenario of {@code scenarioFiles} (named tests/*.yaml) against {@code ruleSet}, in file order. */
    public List<ScenarioResult> run(RuleSet ruleSet, List<RuleFile> scenarioFiles) {
        java.util.Set<String> rules = ruleNames(ruleSet);
        List<ScenarioResult> out = new ArrayList<>();
        for (RuleFile f : scenarioFiles) {
            ScenarioFile.Result parsed = ScenarioFile.parse(f.name(), f.content());
            for (RuleProblem p : parsed.problems()) {
                out.add(ScenarioResult.failed(f.name(), null, List.of(), (p.line() == null ? "" : "line " + p.line() + ": ") + p.message()));
            }
            for (Scenario s : parsed.scenarios()) {
                String unknown = s.covers().stream().filter(c -> !rules.contains(c)).findFirst().orElse(null);
                // a typo, or a rule deleted while its scenarios stayed: either way the scenario no longer tests what it says
                out.add(unknown != null ? ScenarioResult.failed(s.file(), s.name(), s.covers(), "covers: no rule named \"" + unknown
                        + "\" in this rule set") : run(ruleSet, s));
            }
        }
        return out;
    }

    static java.util.Set<String> ruleNames(RuleSet ruleSet) {
        java.util.Set<String> names = new java.util.HashSet<>();
        ruleSet.kieBase().getKiePackages().forEach(p -> p.getRules().forEach(r -> names.add(r.getName())));
        return names;
    }

    public ScenarioReport report(RuleSet ruleSet, List<RuleFile> scenarioFiles) {
        return ScenarioReport.of(run(ruleSet, scenarioFiles));
    }

    /** One scenario: its answer compared field by field with what it expects. */
    public ScenarioResult run(RuleSet ruleSet, Scenario s) {
        ParametersFile.Result params = parameters(s, Parameters.BUILT_IN);
        if (!params.ok()) {
            return ScenarioResult.failed(s.file(), s.name(), s.covers(), "parameters: " + params.problems().get(0).message());
        }
        ScenarioFacts facts = new ScenarioFacts(s.world());
        String wrong = unanswerable(s.quote(), facts);
        if (wrong != null) return ScenarioResult.failed(s.file(), s.name(), s.covers(), "quote." + wrong);
        RuleSet withParams = new RuleSet(ruleSet.version(), ruleSet.files(), ruleSet.kieBase(), ruleSet.loadedAt(), ruleSet.pool(),
                params.parameters());
        ValidationResponse r;
        try {
            Wording words = WRITER.english(s.now().toLocalDate());
            r = evaluator.evaluate(s.quote(), facts, withParams, s.now().toInstant(), words).response();
        } catch (RuntimeException | Error e) { // RulesFailed, or an Error a rule caused (out of memory, stack overflow)
            return ScenarioResult.failed(s.file(), s.name(), s.covers(), "the rules failed on this quote: " + e.getMessage());
        }
        List<Mismatch> mismatches = compare(s.expect(), r);
        return new ScenarioResult(s.file(), s.name(), s.covers(), mismatches.isEmpty(), mismatches, null);
    }

    /**
     * The documented defaults (the values parameters.yaml ships with) and the scenario's overrides (same keys and
     * ranges). Not the candidate's parameters.yaml: a scenario is complete in itself, so ops changing a threshold
     * never breaks one (a backtest shows what such a change does); scenarios guard the rules' logic.
     */
    static ParametersFile.Result parameters(Scenario s, Parameters base) {
        if (s.parameters() == null || s.parameters().isNull() || s.parameters().isEmpty()) return new ParametersFile.Result(base, List.of());
        try {
            return ParametersFile.parse(YAML.writeValueAsString(s.parameters()), base);
        } catch (JsonProcessingException e) {
            return new ParametersFile.Result(null, List.of(new RuleProblem(s.file(), null, null, e.getOriginalMessage())));
        }
    }

    /** What keeps the quote from being answered in this world (the checks validate makes), or null. */
    static String unanswerable(QuoteRequest q, ScenarioFacts facts) {
        if (!q.isDelivery() && !q.isService()) return "type: DELIVERY or SERVICE";
        if (q.site() != null && facts.site(q.site()) == null) return "site: '" + q.site() + "' is not one of the world's sites";
        if (q.isDelivery()) {
            if (q.region() == null) return "region: is required for a delivery";
            if (q.lines() != null) {
                for (int i = 0; i < q.lines().size(); i++) {
                    QuoteRequest.Line l = q.lines().get(i);
                    if (l == null || l.sku() == null || l.quantity() == null || l.quantity() < 1) {
                        return "lines[" + i + "]: a sku and a quantity of at least 1";
                    }
                }
            }
        } else {
            if (q.serviceType() == null) return "serviceType: is required for a service";
            if (q.site() != null && facts.service(q.site(), q.serviceType()) == null) {
                return "site: '" + q.site() + "' does not offer " + q.serviceType() + " in the world's services";
            }
        }
        return null;
    }

    static List<Mismatch> compare(Scenario.Expect e, ValidationResponse r) {
        List<Mismatch> out = new ArrayList<>();
        Recommended rec = r.recommended();
        check(out, "verdict", e.verdict(), r.verdict());
        if (e.promisedBy() != null) check(out, "recommended.promisedBy", e.promisedBy(), rec == null ? null : rec.promisedBy());
        if (e.startAt() != null) {
            boolean same = rec != null && rec.startAt() != null && rec.startAt().toInstant().equals(e.startAt().toInstant());
            if (!same) out.add(new Mismatch("recommended.startAt", e.startAt().toString(), rec == null ? "none" : String.valueOf(rec.startAt())));
        }
        if (e.promisedMinutes() != null) { // 44 and 44.0 are one promise; compared as the answer shows them (to the hundredth)
            check(out, "recommended.promisedMinutes", com.promisevalidator.common.Minutes.decimal(e.promisedMinutes()),
                    rec == null ? null : com.promisevalidator.common.Minutes.decimal(rec.promisedMinutes()));
        }
        if (e.site() != null) check(out, "recommended.site", e.site(), rec == null ? null : rec.site());
        if (e.confidence() != null && Math.abs(e.confidence() - r.confidence()) > CONFIDENCE_TOLERANCE) {
            out.add(new Mismatch("confidence", String.valueOf(e.confidence()), String.valueOf(r.confidence())));
        }
        List<String> codes = r.reasons() == null ? List.of() : r.reasons().stream().map(x -> x.code().name()).distinct().toList();
        if (e.reasons() != null) {
            for (String c : e.reasons()) if (!codes.contains(c)) out.add(new Mismatch("reasons", "has " + c, String.valueOf(codes)));
        }
        if (e.noReasons() != null) {
            for (String c : e.noReasons()) if (codes.contains(c)) out.add(new Mismatch("reasons", "no " + c, String.valueOf(codes)));
        }
        return out;
    }

    private static void check(List<Mismatch> out, String field, Object expected, Object actual) {
        if (expected != null && !Objects.equals(expected, actual)) {
            out.add(new Mismatch(field, String.valueOf(expected), actual == null ? "none" : String.valueOf(actual)));
        }
    }

    // ---- a rules directory, as ops keep it ----------------------------------------------------

    /** A rules directory read and compiled: its rule set (null when it does not compile) and its scenario files. */
    public record Loaded(RuleSet ruleSet, List<RuleProblem> problems, List<RuleFile> scenarioFiles) {
    }

    /** Reads the rule files of {@code dir} and its tests/*.yaml, and compiles the rules (built-in defaults for left-out parameters). */
    public static Loaded load(Path dir) throws IOException {
        List<RuleFile> rules = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> RuleFile.belongs(p.getFileName().toString()) && Files.isRegularFile(p)).sorted().toList()) {
                rules.add(new RuleFile(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8)));
            }
        }
        RuleCompiler.Result compiled = new RuleCompiler().compile(rules);
        List<RuleProblem> problems = new ArrayList<>(compiled.violations());
        problems.addAll(compiled.errors());
        return new Loaded(compiled.ruleSet(), problems, RuleBaseHolder.readScenarios(dir));
    }
}
