package com.promisevalidator.validation.service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.promisevalidator.capacity.model.ServiceOffer;
import com.promisevalidator.capacity.service.CapacityService;
import com.promisevalidator.common.FieldError;
import com.promisevalidator.common.JsonErrors;
import com.promisevalidator.common.Limits;
import com.promisevalidator.common.ProblemException;
import com.promisevalidator.common.PromiseConfig;
import com.promisevalidator.performance.model.Distribution;
import com.promisevalidator.rules.model.Parameters;
import com.promisevalidator.rules.model.RuleSet;
import com.promisevalidator.rules.service.RuleBaseHolder;
import com.promisevalidator.validation.facts.DeliveryPlan;
import com.promisevalidator.validation.facts.ServicePlan;
import com.promisevalidator.validation.model.BatchProblem;
import com.promisevalidator.validation.model.DecisionKind;
import com.promisevalidator.validation.model.OwnHolds;
import com.promisevalidator.validation.model.QuoteRequest;
import com.promisevalidator.validation.model.ValidationResponse;
import com.promisevalidator.validation.wording.ReasonWriter;
import com.promisevalidator.validation.wording.Wording;

/**
 * Validates quotes, a thin shell around {@link QuoteEvaluator}: parses and checks the input, evaluates on
 * the live facts (in-memory views: no database on this path), holds capacity when asked and records the
 * decision.
 */
@Singleton
public class ValidationService {

    private final CapacityService capacity;
    private final FactSource live;
    private final LiveFacts liveFacts;
    private final QuoteEvaluator evaluator;
    private final RuleBaseHolder rules;
    private final PromiseConfig config;
    private final DecisionLog decisions;
    private final Clock clock;
    private final ObjectMapper json;
    private final com.promisevalidator.common.Caller caller;
    private final ReasonWriter writer;
    /** Decisions by verdict and reason code for /q/metrics. */
    @jakarta.inject.Inject
    com.promisevalidator.observability.PromiseMetrics metrics;
    /** Implemented by commitment (which depends on validation): resolved lazily, when a quote asks for a hold. */
    private final Instance<Holds> holds;
    /** Told of each live answer (the shadow run); resolved once, on first use. */
    private final Instance<AnswerListener> listenerBeans;
    private volatile List<AnswerListener> listeners;

    public ValidationService(CapacityService capacity, LiveFacts live, RuleBaseHolder rules, PromiseConfig config,
                             DecisionLog decisions, Clock clock, ObjectMapper json, Instance<Holds> holds,
                             com.promisevalidator.common.Caller caller, ReasonWriter writer, Instance<AnswerListener> listeners) {
        this.listenerBeans = listeners;
        this.caller = caller;
        this.writer = writer;
        this.json = json;
        this.holds = holds;
        this.capacity = capacity;
        this.live = live;
        this.liveFacts = live;
        this.evaluator = new QuoteEvaluator(config.maxOtherSites(), java.time.Duration.ofMinutes(config.commitBackdateMinutes()));
        this.rules = rules;
        this.config = config;
        this.decisions = decisions;
        this.clock = clock;
    }

    /**
     * A quote as read, in the caller's name, and its JSON text as it is to be recorded; {@code holder} is the calling key's
     * name (read here, on the request's thread), whose open holds are bounded.
     */
    public record Parsed(QuoteRequest quote, String requestJson, String holder) {
    }

    /**
     * Reads a quote; malformed JSON surfaces as Jackson's exception (a 400 through the problem mapper).
     * A rep key quotes in its own name: another rep's name is refused (403), no name takes the key's
     * (then the decision records the quote with it, not the text as sent).
     */
    public Parsed parse(String requestJson) throws JsonProcessingException {
        if (requestJson == null || requestJson.isBlank()) throw ProblemException.badRequest("body", "a JSON quote is required");
        QuoteRequest q = json.readValue(requestJson, QuoteRequest.class);
        if (q == null) throw ProblemException.badRequest("body", "a JSON quote is required");
        String rep = caller.repFor(q.rep());
        return java.util.Objects.equals(rep, q.rep()) ? new Parsed(q, requestJson, caller.name()) : new Parsed(q.withRep(rep), null, caller.name());
    }

    /**
     * Validates a parsed quote whose JSON text was {@code requestJson}; returns the answer as UTF-8
     * JSON, written once (the decision log keeps the request text as sent).
     */
    public byte[] validateParsed(Parsed parsed, List<java.util.Locale> languages) throws JsonProcessingException {
        QuoteRequest q = parsed.quote();
        check(q, "");
        return com.promisevalidator.common.JsonBytes.write(json, evaluateAndRecord(q, rules.active(), parsed.requestJson(), wording(languages),
                DecisionKind.VALIDATE, parsed.holder()));
    }

    /** The wording of answers in the first of {@code languages} there is a messages file for (else English). */
    private Wording wording(List<java.util.Locale> languages) {
        return writer.wording(languages, LocalDate.now(clock));
    }

    /**
     * validate-batch: the body as a whole must be an object with a {@code quotes} array of at most
     * promise.max-batch entries (else 400 for all of it); each quote is then read, checked and
     * answered on its own, and a bad one (a field of the wrong type, out of range, an unknown site,
     * region, SKU or service type) gets its problem in its place while the others are answered.
     */
    public List<Object> validateBatch(String body, List<java.util.Locale> languages) throws JsonProcessingException {
        if (body == null || body.isBlank()) throw ProblemException.badRequest("body", "a JSON object {\"quotes\":[...]} is required");
        JsonNode root = json.readTree(body);
        if (root == null || !root.isObject()) throw ProblemException.badRequest("body", "must be a JSON object {\"quotes\":[...]}");
        List<FieldError> unknownFields = new ArrayList<>();
        root.fieldNames().forEachRemaining(f -> {
            if (!f.equals("quotes")) unknownFields.add(new FieldError(f, "unknown field '" + f + "'"));
        });
        if (!unknownFields.isEmpty()) throw ProblemException.badRequest("The batch has unknown field(s)", unknownFields);
        JsonNode quotes = root.get("quotes");
        if (quotes == null || quotes.isNull()) throw ProblemException.badRequest("quotes", "is required (a list of quotes)");
        if (!quotes.isArray()) throw ProblemException.badRequest("quotes", "must be a list of quotes");
        if (quotes.size() > config.maxBatch()) {
            throw ProblemException.badRequest("quotes", "has " + quotes.size() + " quotes; at most " + config.maxBatch() + " per call");
        }
        decisions.ensureRoomForBatch(quotes.size()); // batches give way to single quotes when the decision log fills
        RuleSet ruleSet = rules.active(); // one rule set for the whole batch
        Wording words = wording(languages);
        String holder = caller.name(); // each quote's hold counts against this key's bound, one by one
        List<Object> out = new ArrayList<>(quotes.size());
        for (int i = 0; i < quotes.size(); i++) out.add(answerOne(quotes.get(i), i, ruleSet, words, holder));
        return out;
    }

    /** One quote of a batch: its answer, or its problem (status, title, detail, errors with paths inside the quote). */
    private Object answerOne(JsonNode node, int index, RuleSet ruleSet, Wording words, String holder) {
        String quoteId = node != null && node.path("quoteId").isTextual() ? node.path("quoteId").asText() : null;
        if (quoteId != null && quoteId.length() > Limits.QUOTE_ID) quoteId = null;
        QuoteRequest q;
        try {
            if (node == null || !node.isObject()) {
                // the field is a path inside the quote, as for every item problem; the item as a whole is "body", as
                // validate names the same quote sent alone (probe P13 L3: was "quotes[8]", a path in the batch)
                String what = node == null || node.isNull() ? "null" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
                return BatchProblem.of(quoteId, ProblemException.badRequest("quotes[" + index + "] is " + what + ", not a quote object",
                        List.of(new FieldError("body", "must be a quote object, not " + what))));
            }
            q = json.treeToValue(node, QuoteRequest.class);
        } catch (JsonProcessingException e) {
            FieldError fe = JsonErrors.fieldError(e);
            return BatchProblem.of(quoteId, ProblemException.badRequest("Invalid quote: " + fe.field() + ": " + fe.message(), List.of(fe)));
        }
        try {
            check(q, "");
            return evaluateAndRecord(q, ruleSet, null, words, DecisionKind.BATCH_ITEM, holder);
        } catch (QuoteEvaluator.RulesFailed f) {
            return BatchProblem.of(quoteId, f); // a rule that fails on this quote's facts fails only this quote
        } catch (ProblemException p) {
            if (p.status() >= 500) throw p; // the service's own trouble (no rules, decision log full) concerns the whole batch
            return BatchProblem.of(quoteId, p);
        }
    }

    private void check(QuoteRequest q, String prefix) {
        List<FieldError> errors = QuoteChecks.malformed(q, prefix);
        if (!errors.isEmpty()) throw ProblemException.badRequest("The quote has " + errors.size() + " invalid field(s)", errors);
        ProblemException unknown = QuoteChecks.unknown(q, capacity, prefix, liveFacts::serviceDoneBefore);
        if (unknown != null) throw unknown;
    }

    /**
     * Evaluates, holds capacity when asked (in the name of the {@code holder} key), and logs the decision ({@code requestJson}
     * null: written from the quote).
     */
    private ValidationResponse evaluateAndRecord(QuoteRequest q, RuleSet ruleSet, String requestJson, Wording words, DecisionKind kind,
                                                 String holder) {
        decisions.ensureRoom(); // before anything is held: an answer is only given when its decision can be kept
        RecordingFacts met = new RecordingFacts(live);
        ValidationResponse answer = evaluate(q, met, ruleSet, words).response();
        ValidationResponse r = Boolean.TRUE.equals(q.hold()) ? holds.get().hold(q, answer, holder) : answer;
        decisions.record(kind, q, r, requestJson, met.met());
        metrics.decided(kind.name(), r.verdict().name(), r.reasonCodes());
        tell(q, met.met(), answer);
        return r;
    }

    /** The rules' answer (before any hold: what a replay of it gives) to the listeners; never fails the answer. */
    private void tell(QuoteRequest q, FactsMet met, ValidationResponse answer) {
        List<AnswerListener> all = listeners;
        if (all == null) listeners = all = listenerBeans.stream().toList();
        for (AnswerListener l : all) {
            try {
                l.answered(q, met, answer);
            } catch (RuntimeException e) {
                // a listener's fault is its own: the caller has their answer
            }
        }
    }

    /** Evaluates a checked quote against a rule set on live facts; no side effects. */
    public ValidationResponse evaluate(QuoteRequest q, RuleSet ruleSet) {
        return evaluate(q, live, ruleSet, wording(null)).response();
    }

    /** An answer with the plan of the asked site behind it (its dispatch day, its slot): what a commit books. */
    public record Check(ValidationResponse response, DeliveryPlan delivery, ServicePlan service) {
    }

    /** Field errors of a quote (400 material), paths prefixed with {@code prefix}; empty when well-formed. */
    public List<FieldError> fieldErrors(QuoteRequest q, String prefix) {
        return QuoteChecks.malformed(q, prefix);
    }

    /** The error for {@code path} naming a field that is not part of a quote of {@code type} (DELIVERY or SERVICE). */
    public static FieldError notPartOf(String path, String type) {
        return QuoteChecks.notPart(path, type);
    }

    /**
     * Checks the input (400/422) and evaluates against the active rules, without logging a decision; the facts
     * it met wait in the decision log for a caller that records the answer (a commit's re-check).
     */
    public Check check(QuoteRequest q) {
        return check(q, (OwnHolds) null);
    }

    /**
     * The same, for a promise planned again: what it holds ({@code own}, null for nothing) is free for it, as it would be once
     * released (an at-risk promise's fresh recommendation must not wait behind its own stock, day or bay).
     */
    public Check check(QuoteRequest q, OwnHolds own) {
        check(q, "");
        RecordingFacts met = new RecordingFacts(own == null ? live : new HoldsSetAside(live, own));
        QuoteEvaluator.Evaluation e = evaluate(q, met, rules.active(), wording(null));
        decisions.factsMet(e.response().decisionId(), met.met());
        return new Check(e.response(), e.delivery(), e.service());
    }

    /**
     * The one evaluator, on {@code facts}. A rule set failing at run time is recorded against it (GET /api/v1/rules), and the
     * quote is answered by the set it replaced, whose version the answer and its decision carry: a rule that passed its
     * scenarios but fails on live facts does not stop the reps; only when there is no such set is the quote refused (503).
     */
    private QuoteEvaluator.Evaluation evaluate(QuoteRequest q, FactSource facts, RuleSet ruleSet, Wording words) {
        try {
            return evaluator.evaluate(q, facts, ruleSet, clock.instant(), words);
        } catch (QuoteEvaluator.RulesFailed f) {
            rules.recordRuntimeFailure(f.version(), f.rule(), f.what());
            RuleSet before = rules.previousOrNull();
            if (before == null || before.version().equals(ruleSet.version())) throw f;
            try {
                return evaluator.evaluate(q, facts, before, clock.instant(), words);
            } catch (QuoteEvaluator.RulesFailed again) {
                throw f; // the failure to fix is the active set's
            }
        }
    }

    /** What past performance says about a lane now, under the active rule set's parameters (buffers included). */
    public Distribution leadTime(String siteCode, String region) {
        return QuoteEvaluator.leadTime(live, siteCode, region, activeParameters());
    }

    /** What past performance says about a service type at a site now, under the active rule set's parameters. */
    public Distribution serviceMinutes(String siteCode, String type) {
        return serviceMinutes(siteCode, type, null);
    }

    /** The same for work starting at {@code startAt} (null = not known). */
    public Distribution serviceMinutes(String siteCode, String type, java.time.Instant startAt) {
        ServiceOffer offer = live.service(siteCode, type);
        return QuoteEvaluator.serviceMinutes(live, siteCode, type, offer == null ? 30 : offer.standardMinutes(), activeParameters(), startAt);
    }

    /** The active rule set's parameters; the configured ones while no rule set could be loaded (at-risk re-checks go on). */
    private Parameters activeParameters() {
        RuleSet r = rules.activeOrNull();
        return r == null ? Parameters.of(config) : r.parameters();
    }

    /** A new decision reference (UUIDv7, sorts by time). */
    static String newDecisionId() {
        return QuoteEvaluator.newDecisionId();
    }
}
