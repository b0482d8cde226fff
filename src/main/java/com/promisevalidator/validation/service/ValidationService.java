package com.promisevalidator.validation.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Singleton;

import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.promisevalidator.capacity.model.Lane;
import com.promisevalidator.capacity.model.ServiceOffer;
import com.promisevalidator.capacity.model.Site;
import com.promisevalidator.capacity.model.SiteCalendar;
import com.promisevalidator.capacity.service.CapacityService;
import com.promisevalidator.common.FieldError;
import com.promisevalidator.common.JsonErrors;
import com.promisevalidator.common.Limits;
import com.promisevalidator.common.ProblemException;
import com.promisevalidator.common.PromiseConfig;
import com.promisevalidator.performance.model.Distribution;
import com.promisevalidator.performance.service.MasteryService;
import com.promisevalidator.performance.service.PerformanceStats;
import com.promisevalidator.rules.model.Parameters;
import com.promisevalidator.rules.model.RuleSet;
import com.promisevalidator.rules.service.RuleBaseHolder;
import com.promisevalidator.validation.facts.Alternative;
import com.promisevalidator.validation.facts.BaySchedule;
import com.promisevalidator.validation.facts.DailyCapacity;
import com.promisevalidator.validation.facts.DeliveryPlan;
import com.promisevalidator.validation.facts.LineStock;
import com.promisevalidator.validation.facts.Finding;
import com.promisevalidator.validation.facts.Notes;
import com.promisevalidator.validation.facts.Reason;
import com.promisevalidator.validation.facts.ReasonCode;
import com.promisevalidator.validation.facts.ServicePlan;
import com.promisevalidator.validation.facts.TrackRecord;
import com.promisevalidator.validation.model.BatchProblem;
import com.promisevalidator.validation.model.DecisionKind;
import com.promisevalidator.validation.model.QuoteRequest;
import com.promisevalidator.validation.model.Recommended;
import com.promisevalidator.validation.model.ValidationResponse;
import com.promisevalidator.validation.model.Verdict;
import com.promisevalidator.validation.wording.ReasonWriter;
import com.promisevalidator.validation.wording.Wording;

/**
 * Validates quotes: checks the input, puts small facts about capacity and past performance into a
 * fresh rule session (one per evaluation, never shared), fires the active rules and turns the
 * plans they settled into one answer. Reads only in-memory views: no database on this path.
 */
@Singleton
public class ValidationService {

    /** A runaway rule (one that keeps re-activating itself) is stopped after this many firings. */
    static final int MAX_FIRINGS = 10_000;
    /** Extra firings watched, after the limit, to name the rule that keeps re-activating. */
    private static final int RUNAWAY_PROBE_FIRINGS = 200;

    private final CapacityService capacity;
    private final PerformanceStats stats;
    private final RuleBaseHolder rules;
    private final PromiseConfig config;
    private final DecisionLog decisions;
    private final Clock clock;
    private final ObjectMapper json;
    private final MasteryService mastery;
    private final com.promisevalidator.common.Caller caller;
    private final ReasonWriter writer;
    /** Decisions by verdict and reason code for /q/metrics (a field, so the constructor stays as it is). */
    @jakarta.inject.Inject
    com.promisevalidator.observability.PromiseMetrics metrics;
    /** Holds need commitments, which need validation: looked up lazily to break the cycle. */
    private final jakarta.enterprise.inject.Instance<com.promisevalidator.commitment.service.CommitmentService> holds;

    public ValidationService(CapacityService capacity, PerformanceStats stats, RuleBaseHolder rules, PromiseConfig config,
                             DecisionLog decisions, Clock clock, ObjectMapper json,
                             jakarta.enterprise.inject.Instance<com.promisevalidator.commitment.service.CommitmentService> holds,
                             MasteryService mastery, com.promisevalidator.common.Caller caller, ReasonWriter writer) {
        this.caller = caller;
        this.mastery = mastery;
        this.writer = writer;
        this.json = json;
        this.holds = holds;
        this.capacity = capacity;
        this.stats = stats;
        this.rules = rules;
        this.config = config;
        this.decisions = decisions;
        this.clock = clock;
    }

    /** A quote as read, in the caller's name, and its JSON text as it is to be recorded. */
    public record Parsed(QuoteRequest quote, String requestJson) {
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
        return java.util.Objects.equals(rep, q.rep()) ? new Parsed(q, requestJson) : new Parsed(q.withRep(rep), null);
    }

    /**
     * Validates a parsed quote whose JSON text was {@code requestJson}; returns the answer as UTF-8
     * JSON, written once (the decision log keeps the request text as sent).
     */
    public byte[] validateParsed(QuoteRequest q, String requestJson, List<java.util.Locale> languages) throws JsonProcessingException {
        check(q, "");
        return json.writeValueAsBytes(evaluateAndRecord(q, rules.active(), requestJson, wording(languages), DecisionKind.VALIDATE));
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
        RuleSet ruleSet = rules.active(); // one rule set for the whole batch
        Wording words = wording(languages);
        List<Object> out = new ArrayList<>(quotes.size());
        for (int i = 0; i < quotes.size(); i++) out.add(answerOne(quotes.get(i), i, ruleSet, words));
        return out;
    }

    /** One quote of a batch: its answer, or its problem (status, title, detail, errors with paths inside the quote). */
    private Object answerOne(JsonNode node, int index, RuleSet ruleSet, Wording words) {
        String quoteId = node != null && node.path("quoteId").isTextual() ? node.path("quoteId").asText() : null;
        if (quoteId != null && quoteId.length() > Limits.QUOTE_ID) quoteId = null;
        QuoteRequest q;
        try {
            if (node == null || !node.isObject()) {
                return BatchProblem.of(quoteId, ProblemException.badRequest("quotes[" + index + "]", "must be a quote object"));
            }
            q = json.treeToValue(node, QuoteRequest.class);
        } catch (JsonProcessingException e) {
            FieldError fe = JsonErrors.fieldError(e);
            return BatchProblem.of(quoteId, ProblemException.badRequest("Invalid quote: " + fe.field() + ": " + fe.message(), List.of(fe)));
        }
        try {
            check(q, "");
            return evaluateAndRecord(q, ruleSet, null, words, DecisionKind.BATCH_ITEM);
        } catch (ProblemException p) {
            if (p.status() >= 500) throw p; // the service's own trouble (no rules, decision log full) concerns the whole batch
            return BatchProblem.of(quoteId, p);
        }
    }

    private void check(QuoteRequest q, String prefix) {
        List<FieldError> errors = QuoteChecks.malformed(q, prefix);
        if (!errors.isEmpty()) throw ProblemException.badRequest("The quote has " + errors.size() + " invalid field(s)", errors);
        ProblemException unknown = QuoteChecks.unknown(q, capacity, prefix);
        if (unknown != null) throw unknown;
    }

    /** Evaluates, holds capacity when asked, and logs the decision ({@code requestJson} null: written from the quote). */
    private ValidationResponse evaluateAndRecord(QuoteRequest q, RuleSet ruleSet, String requestJson, Wording words, DecisionKind kind) {
        decisions.ensureRoom(); // before anything is held: an answer is only given when its decision can be kept
        ValidationResponse r = detailed(q, ruleSet, words).response();
        if (Boolean.TRUE.equals(q.hold())) r = holds.get().hold(q, r);
        decisions.record(kind, q, r, requestJson);
        metrics.decided(kind.name(), r.verdict().name(), codes(r));
        return r;
    }

    /** The distinct reason codes of an answer (a code given for two sites counts once). */
    private static java.util.Set<String> codes(ValidationResponse r) {
        java.util.Set<String> codes = new java.util.TreeSet<>();
        if (r.reasons() != null) for (Reason reason : r.reasons()) codes.add(reason.code().name());
        return codes;
    }

    /** Evaluates a checked quote against a rule set; no side effects (used for replays and backtests too). */
    public ValidationResponse evaluate(QuoteRequest q, RuleSet ruleSet) {
        return detailed(q, ruleSet, wording(null)).response();
    }

    /** An answer with the plan of the asked site behind it (its dispatch day, its slot): what a commit books. */
    public record Check(ValidationResponse response, DeliveryPlan delivery, ServicePlan service) {
    }

    /** Field errors of a quote (400 material), paths prefixed with {@code prefix}; empty when well-formed. */
    public List<FieldError> fieldErrors(QuoteRequest q, String prefix) {
        return QuoteChecks.malformed(q, prefix);
    }

    /** Checks the input (400/422) and evaluates against the active rules, without logging a decision. */
    public Check check(QuoteRequest q) {
        check(q, "");
        return detailed(q, rules.active(), wording(null));
    }

    private Check detailed(QuoteRequest q, RuleSet ruleSet, Wording words) {
        return q.isDelivery() ? evaluateDelivery(q, ruleSet, words) : evaluateService(q, ruleSet, words);
    }

    /** The quote's own confidence, else the rule set's target-confidence. */
    private static double target(QuoteRequest q, Parameters p) {
        return q.confidence() != null ? q.confidence() : p.targetConfidence();
    }

    // ---- deliveries ---------------------------------------------------------------------------

    private Check evaluateDelivery(QuoteRequest q, RuleSet ruleSet, Wording words) {
        Instant orderedAt = q.orderedAt() != null ? q.orderedAt().toInstant() : clock.instant();
        Parameters params = ruleSet.parameters();
        double target = target(q, params);
        List<DeliveryPlan> plans = new ArrayList<>();
        if (q.site() != null) {
            // the asked site first; other sites are planned only when it cannot keep the asked promise
            DeliveryPlan asked = plan(q, q.site(), orderedAt, target, params);
            List<Object> facts = facts(List.of(asked));
            if (q.rep() != null) facts.add(new TrackRecord(q.rep(), mastery.rep(q.rep())));
            fire(ruleSet, facts);
            plans.add(asked);
            boolean holds = asked.isFeasible() && asked.isEstimated() && (q.promisedBy() == null || asked.isAskedKept());
            if (!holds) {
                List<DeliveryPlan> others = candidateSites(q).stream().filter(s -> !s.equals(q.site()))
                        .map(s -> plan(q, s, orderedAt, target, params)).toList();
                if (!others.isEmpty()) fire(ruleSet, facts(others));
                plans.addAll(others);
            }
        } else {
            List<DeliveryPlan> all = candidateSites(q).stream().map(s -> plan(q, s, orderedAt, target, params)).toList();
            if (!all.isEmpty()) fire(ruleSet, facts(all));
            plans.addAll(all);
        }

        DeliveryPlan asked = plans.stream().filter(DeliveryPlan::isAsked).findFirst().orElse(null);
        List<DeliveryPlan> feasible = plans.stream().filter(p -> p.isFeasible() && p.isEstimated())
                .sorted(Comparator.comparing(DeliveryPlan::getEarliest)
                        .thenComparing(DeliveryPlan::getConfidenceAtEarliest, Comparator.reverseOrder())
                        .thenComparing(DeliveryPlan::getSite))
                .toList();
        DeliveryPlan rec = asked != null && asked.isFeasible() && asked.isEstimated() ? asked : feasible.isEmpty() ? null : feasible.get(0);

        double confidence;
        if (q.promisedBy() == null) {
            confidence = rec == null ? 0.0 : rec.getConfidenceAtEarliest();
        } else if (q.site() != null) {
            confidence = asked != null && asked.isFeasible() && asked.isEstimated() ? asked.getConfidenceAsked() : 0.0;
        } else {
            confidence = feasible.stream().mapToDouble(DeliveryPlan::getConfidenceAsked).max().orElse(0.0);
        }
        Verdict verdict = rec == null ? Verdict.REJECTED
                : q.promisedBy() == null || confidence >= target - 1e-9 ? Verdict.APPROVED : Verdict.ALTERNATIVE;

        List<Alternative> alternatives = new ArrayList<>();
        if (rec != null) {
            for (Alternative a : rec.getNotes().alternatives()) {
                alternatives.add(a.withDescription(words.say("alternative." + a.kind(), Map.of("site", a.site()))));
            }
        }
        int others = 0;
        for (DeliveryPlan p : feasible) {
            if (p == rec || others >= config.maxOtherSites()) continue;
            others++;
            alternatives.add(new Alternative("OTHER_SITE", p.getSite(), p.getEarliest(), null, null, round(p.getConfidenceAtEarliest()),
                    words.say("alternative.OTHER_SITE.delivery", Map.of("site", p.getSite(), "promisedBy", p.getEarliest())), null));
        }
        List<Notes.Noted> noted = mergeFindings(asked == null ? null : asked.getNotes(), rec == null || rec == asked ? null : rec.getNotes());
        if (rec == null) {
            if (plans.isEmpty()) {
                noted.add(new Notes.Noted("No site serves the region",
                        Finding.of(ReasonCode.NO_SITE, Reason.Severity.ERROR, "", "region", q.region())));
            } else if (asked == null || !asked.isFeasible()) {
                noted.add(new Notes.Noted("Nothing feasible within the horizon", Finding.of(ReasonCode.NOTHING_FEASIBLE,
                        Reason.Severity.ERROR, "delivery", "horizonDays", params.deliveryHorizonDays(), "sitesChecked", plans.size())));
            }
        }
        List<Reason> reasons = say(noted, words);
        Recommended recommended = rec == null ? null
                : new Recommended(rec.getEarliest(), null, null, rec.getSite(), round(rec.getConfidenceAtEarliest()));
        return new Check(new ValidationResponse(newDecisionId(), q.quoteId(), verdict, round(confidence), target, recommended,
                alternatives, reasons, ruleSet.version(), OffsetDateTime.now(clock), null), asked, null);
    }

    /** What past performance says about a lane now, under the active rule set's parameters (buffers included). */
    public Distribution leadTime(String siteCode, String region) {
        return leadTime(siteCode, region, activeParameters());
    }

    /** The active rule set's parameters; the configured ones while no rule set could be loaded (at-risk re-checks go on). */
    private Parameters activeParameters() {
        RuleSet r = rules.activeOrNull();
        return r == null ? Parameters.of(config) : r.parameters();
    }

    /** What past performance says about a lane, with the same planning fallback quotes use, plus the ops buffer. */
    public Distribution leadTime(String siteCode, String region, Parameters p) {
        Lane lane = capacity.lane(siteCode, region);
        boolean planned = lane != null && lane.transitDays() != null;
        return stats.leadTime(siteCode, region, planned ? lane.transitDays() : p.defaultTransitDays(),
                planned ? "the " + siteCode + "→" + region + " planning value" : "the default transit time", p.stats().blend())
                .withBuffer(p.buffers().days(siteCode, region));
    }

    /** What past performance says about a service type at a site now, under the active rule set's parameters. */
    public Distribution serviceMinutes(String siteCode, String type) {
        ServiceOffer offer = capacity.service(siteCode, type);
        return serviceMinutes(siteCode, type, offer == null ? 30 : offer.standardMinutes(), activeParameters());
    }

    private Distribution serviceMinutes(String siteCode, String type, int standardMinutes, Parameters p) {
        return stats.serviceMinutes(siteCode, type, standardMinutes, p.stats().blend()).withBuffer(p.buffers().minutes(type));
    }

    private DeliveryPlan plan(QuoteRequest q, String siteCode, Instant orderedAt, double target, Parameters params) {
        Site site = capacity.site(siteCode);
        SiteCalendar cal = new SiteCalendar(site);
        LocalDate orderDay = cal.orderDay(orderedAt);
        List<LineStock> lines = new ArrayList<>();
        if (q.lines() != null) {
            for (QuoteRequest.Line l : q.lines()) {
                lines.add(new LineStock(siteCode, l.sku(), l.quantity(), capacity.stock(siteCode, l.sku()), orderDay));
            }
        }
        Distribution lead = leadTime(siteCode, q.region(), params);
        return new DeliveryPlan(siteCode, q.region(), siteCode.equals(q.site()), cal,
                new DailyCapacity(site.dailyOrders(), capacity.ordersTaken(siteCode)), lead, orderedAt, q.promisedBy(),
                target, params.deliveryHorizonDays(), lines);
    }

    private static List<Object> facts(List<DeliveryPlan> plans) {
        List<Object> facts = new ArrayList<>();
        for (DeliveryPlan p : plans) {
            facts.add(p);
            facts.addAll(p.getLines());
        }
        return facts;
    }

    /** The asked site first, then others that could serve: stock all lines and have a lane (configured or learned). */
    private List<String> candidateSites(QuoteRequest q) {
        List<String> sites = new ArrayList<>();
        if (q.site() != null) sites.add(q.site());
        int limit = config.maxOtherSites() + (q.site() != null ? 1 : 0);
        List<String> configured = new ArrayList<>();
        for (Lane l : capacity.lanesTo(q.region())) configured.add(l.site());
        configured.sort(null);
        addServing(q, configured, sites, limit);
        if (q.site() == null && sites.isEmpty()) {
            // no configured lane: any site whose history shows deliveries to the region
            List<String> learned = new ArrayList<>();
            for (Site s : capacity.sites()) {
                if (!stats.histogram(PerformanceStats.LANE, s.code() + ">" + q.region()).isEmpty()) learned.add(s.code());
            }
            addServing(q, learned, sites, limit);
        }
        return sites;
    }

    private void addServing(QuoteRequest q, List<String> from, List<String> into, int limit) {
        for (String s : from) {
            if (into.size() >= limit) return;
            if (into.contains(s)) continue;
            boolean stocksAll = q.lines() == null || q.lines().stream().allMatch(l -> capacity.stock(s, l.sku()) != null);
            if (stocksAll) into.add(s);
        }
    }

    // ---- services -----------------------------------------------------------------------------

    private Check evaluateService(QuoteRequest q, RuleSet ruleSet, Wording words) {
        Instant askedStart = q.startAt() != null ? q.startAt().toInstant() : clock.instant();
        Parameters params = ruleSet.parameters();
        double target = target(q, params);
        List<ServicePlan> plans = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (Site s : capacity.sites()) {
            if (others.size() >= config.maxOtherSites()) break;
            if (!s.code().equals(q.site()) && capacity.service(s.code(), q.serviceType()) != null) others.add(s.code());
        }
        String first = q.site() != null ? q.site() : others.isEmpty() ? null : others.remove(0);
        if (first != null) {
            // the asked (or first offering) site first; others only when it cannot keep the asked promise
            ServicePlan asked = servicePlan(q, first, true, askedStart, target, params);
            List<Object> facts = new ArrayList<>(List.of(asked));
            if (q.rep() != null) facts.add(new TrackRecord(q.rep(), mastery.rep(q.rep())));
            fire(ruleSet, facts);
            plans.add(asked);
            boolean holds = asked.isFeasible() && asked.getMinutes() > 0 && !asked.isMoved()
                    && (q.promisedMinutes() == null || asked.isAskedKept());
            if (!holds && !others.isEmpty()) {
                List<ServicePlan> more = others.stream().map(c -> servicePlan(q, c, false, askedStart, target, params)).toList();
                fire(ruleSet, new ArrayList<>(more));
                plans.addAll(more);
            }
        }

        ServicePlan asked = plans.stream().filter(ServicePlan::isAsked).findFirst().orElse(null);
        List<ServicePlan> feasible = plans.stream().filter(p -> p.isFeasible() && p.getMinutes() > 0)
                .sorted(Comparator.comparing((ServicePlan p) -> p.getStart().plus(Duration.ofMinutes(p.getMinutes())))
                        .thenComparing(ServicePlan::getSite))
                .toList();
        boolean askedOk = asked != null && asked.isFeasible() && asked.getMinutes() > 0;
        ServicePlan rec = askedOk ? asked : feasible.isEmpty() ? null : feasible.get(0);

        // the customer arrives at the asked start; a later bay eats into the promised minutes
        double confidence = 0.0;
        if (askedOk) {
            long delay = Duration.between(askedStart, asked.getStart()).toMinutes();
            double asks = q.promisedMinutes() != null ? q.promisedMinutes() : asked.getMinutes();
            confidence = asked.getDuration().cdfAt(asks - delay); // 12.5 minutes asked is judged as 12.5
        }
        Verdict verdict = rec == null ? Verdict.REJECTED
                : askedOk && !asked.isMoved() && confidence >= target - 1e-9 ? Verdict.APPROVED : Verdict.ALTERNATIVE;

        List<Alternative> alternatives = new ArrayList<>();
        for (ServicePlan p : feasible) {
            if (p == rec) continue;
            alternatives.add(new Alternative("OTHER_SITE", p.getSite(), null, at(p), p.getMinutes(), round(p.getConfidenceAtRealistic()),
                    words.say("alternative.OTHER_SITE.service", Map.of("serviceType", p.getServiceType(), "site", p.getSite(),
                            "startAt", p.localStart(), "promisedMinutes", p.getMinutes())), null));
        }
        List<Notes.Noted> noted = mergeFindings(asked == null ? null : asked.getNotes(), rec == null || rec == asked ? null : rec.getNotes());
        if (rec == null) {
            noted.add(new Notes.Noted("Nothing feasible within the horizon", Finding.of(ReasonCode.NOTHING_FEASIBLE,
                    Reason.Severity.ERROR, "service", "horizonDays", params.serviceHorizonDays(), "serviceType", q.serviceType())));
        }
        List<Reason> reasons = say(noted, words);
        Recommended recommended = rec == null ? null
                : new Recommended(null, at(rec), rec.getMinutes(), rec.getSite(), round(rec.getConfidenceAtRealistic()));
        return new Check(new ValidationResponse(newDecisionId(), q.quoteId(), verdict, round(confidence), target, recommended,
                alternatives, reasons, ruleSet.version(), OffsetDateTime.now(clock), null), null, asked);
    }

    private ServicePlan servicePlan(QuoteRequest q, String code, boolean asked, Instant askedStart, double target, Parameters params) {
        ServiceOffer offer = capacity.service(code, q.serviceType());
        SiteCalendar cal = new SiteCalendar(capacity.site(code));
        BaySchedule schedule = new BaySchedule(offer, cal, capacity.bookings(code, q.serviceType()));
        Distribution minutes = serviceMinutes(code, q.serviceType(), offer.standardMinutes(), params);
        return new ServicePlan(code, q.serviceType(), asked, schedule, minutes, askedStart, q.promisedMinutes(), target,
                params.serviceHorizonDays());
    }

    private static OffsetDateTime at(ServicePlan p) {
        ZoneOffset offset = p.getSchedule().getCalendar().site().timeZone().getRules().getOffset(p.getStart());
        return p.getStart().atOffset(offset);
    }

    // ---- shared -------------------------------------------------------------------------------

    /**
     * Runs the rules on one quote's facts. A rule set that fails here (a rule that keeps re-firing, an
     * exception in a rule) is counted and logged, and the quote gets a 503 naming the rule set and the
     * rule: the fault is ops', not the caller's, and the request never hangs.
     */
    private void fire(RuleSet ruleSet, List<Object> facts) {
        KieSession session = ruleSet.newSession();
        try {
            int fired = RulePhases.fire(session, facts, MAX_FIRINGS);
            if (fired >= MAX_FIRINGS) {
                // name the culprit: the rule that fires most in a short, bounded extra run
                Map<String, Integer> counts = new java.util.HashMap<>();
                session.fireAllRules(match -> {
                    counts.merge(match.getRule().getName(), 1, Integer::sum);
                    return true;
                }, RUNAWAY_PROBE_FIRINGS);
                String culprit = counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
                throw rulesFailed(ruleSet, culprit,
                        "fired " + fired + " times on one quote and was stopped: a rule keeps re-activating itself");
            }
        } catch (ConsequenceException e) {
            throw rulesFailed(ruleSet, e.getRule() == null ? null : e.getRule().getName(), "a rule failed: " + rootMessage(e));
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw rulesFailed(ruleSet, null, "a rule failed: " + rootMessage(e));
        } finally {
            session.dispose();
        }
    }

    private ProblemException rulesFailed(RuleSet ruleSet, String rule, String what) {
        rules.recordRuntimeFailure(ruleSet.version(), rule, what);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("rulesVersion", ruleSet.version());
        if (rule != null && !rule.isEmpty()) extra.put("rule", rule);
        return new ProblemException(503, "Rule set is faulty", "Rule set " + ruleSet.version()
                + (rule == null || rule.isEmpty() ? "" : " (rule " + rule + ")") + " "
                // the failure's Java exception class is for ops (GET /api/v1/rules), not for the caller: only its message
                + what.replaceFirst("^a rule failed: [A-Za-z0-9_$.]*(Exception|Error)(: |$)", "a rule failed: ").replaceFirst(": $", "")
                + "; the quote was not answered. Ops must fix the rule files.", null, extra);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** The asked plan's findings, then the recommended plan's (one per rule and site). */
    private static List<Notes.Noted> mergeFindings(Notes first, Notes second) {
        Map<String, Notes.Noted> merged = new LinkedHashMap<>();
        if (first != null) for (Notes.Noted n : first.findings()) merged.put(n.rule() + "\u0000" + n.finding().evidence().get("site"), n);
        if (second != null) for (Notes.Noted n : second.findings()) merged.putIfAbsent(n.rule() + "\u0000" + n.finding().evidence().get("site"), n);
        return new ArrayList<>(merged.values());
    }

    private static List<Reason> say(List<Notes.Noted> noted, Wording words) {
        List<Reason> out = new ArrayList<>(noted.size());
        for (Notes.Noted n : noted) out.add(words.reason(n.rule(), n.finding()));
        return out;
    }

    static double round(double p) {
        return Math.round(p * 10000) / 10000.0;
    }

    /**
     * A UUID version 7: the time in milliseconds first, then random bits. Unique and unguessable
     * enough for a decision reference, sorts by time (the decision table grows at its end instead
     * of rewriting index pages everywhere), and needs no SecureRandom on the request path.
     */
    static String newDecisionId() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        long msb = (System.currentTimeMillis() << 16) | 0x7000L | (r.nextLong() & 0x0FFFL);
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
