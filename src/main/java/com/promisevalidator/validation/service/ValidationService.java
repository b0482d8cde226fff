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
import com.promisevalidator.rules.model.RuleSet;
import com.promisevalidator.rules.service.RuleBaseHolder;
import com.promisevalidator.validation.facts.Alternative;
import com.promisevalidator.validation.facts.BaySchedule;
import com.promisevalidator.validation.facts.DailyCapacity;
import com.promisevalidator.validation.facts.DeliveryPlan;
import com.promisevalidator.validation.facts.LineStock;
import com.promisevalidator.validation.facts.Reason;
import com.promisevalidator.validation.facts.Say;
import com.promisevalidator.validation.facts.ServicePlan;
import com.promisevalidator.validation.facts.TrackRecord;
import com.promisevalidator.validation.model.BatchProblem;
import com.promisevalidator.validation.model.QuoteRequest;
import com.promisevalidator.validation.model.Recommended;
import com.promisevalidator.validation.model.ValidationResponse;
import com.promisevalidator.validation.model.Verdict;

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
    /** Holds need commitments, which need validation: looked up lazily to break the cycle. */
    private final jakarta.enterprise.inject.Instance<com.promisevalidator.commitment.service.CommitmentService> holds;

    public ValidationService(CapacityService capacity, PerformanceStats stats, RuleBaseHolder rules, PromiseConfig config,
                             DecisionLog decisions, Clock clock, ObjectMapper json,
                             jakarta.enterprise.inject.Instance<com.promisevalidator.commitment.service.CommitmentService> holds,
                             MasteryService mastery, com.promisevalidator.common.Caller caller) {
        this.caller = caller;
        this.mastery = mastery;
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
    public byte[] validateParsed(QuoteRequest q, String requestJson) throws JsonProcessingException {
        check(q, "");
        return json.writeValueAsBytes(evaluateAndRecord(q, rules.active(), requestJson));
    }

    /**
     * validate-batch: the body as a whole must be an object with a {@code quotes} array of at most
     * promise.max-batch entries (else 400 for all of it); each quote is then read, checked and
     * answered on its own, and a bad one (a field of the wrong type, out of range, an unknown site,
     * region, SKU or service type) gets its problem in its place while the others are answered.
     */
    public List<Object> validateBatch(String body) throws JsonProcessingException {
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
        List<Object> out = new ArrayList<>(quotes.size());
        for (int i = 0; i < quotes.size(); i++) out.add(answerOne(quotes.get(i), i, ruleSet));
        return out;
    }

    /** One quote of a batch: its answer, or its problem (status, title, detail, errors with paths inside the quote). */
    private Object answerOne(JsonNode node, int index, RuleSet ruleSet) {
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
            return evaluateAndRecord(q, ruleSet, null);
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
    private ValidationResponse evaluateAndRecord(QuoteRequest q, RuleSet ruleSet, String requestJson) {
        decisions.ensureRoom(); // before anything is held: an answer is only given when its decision can be kept
        ValidationResponse r = evaluate(q, ruleSet);
        if (Boolean.TRUE.equals(q.hold())) r = holds.get().hold(q, r);
        decisions.record(q, r, requestJson);
        return r;
    }

    /** Evaluates a checked quote against a rule set; no side effects (used for replays and backtests too). */
    public ValidationResponse evaluate(QuoteRequest q, RuleSet ruleSet) {
        return detailed(q, ruleSet).response();
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
        return detailed(q, rules.active());
    }

    private Check detailed(QuoteRequest q, RuleSet ruleSet) {
        return q.isDelivery() ? evaluateDelivery(q, ruleSet) : evaluateService(q, ruleSet);
    }

    private double target(QuoteRequest q) {
        return q.confidence() != null ? q.confidence() : config.targetConfidence();
    }

    // ---- deliveries ---------------------------------------------------------------------------

    private Check evaluateDelivery(QuoteRequest q, RuleSet ruleSet) {
        Instant orderedAt = q.orderedAt() != null ? q.orderedAt().toInstant() : clock.instant();
        double target = target(q);
        List<DeliveryPlan> plans = new ArrayList<>();
        if (q.site() != null) {
            // the asked site first; other sites are planned only when it cannot keep the asked promise
            DeliveryPlan asked = plan(q, q.site(), orderedAt, target);
            List<Object> facts = facts(List.of(asked));
            if (q.rep() != null) facts.add(new TrackRecord(q.rep(), mastery.rep(q.rep())));
            fire(ruleSet, facts);
            plans.add(asked);
            boolean holds = asked.isFeasible() && asked.isEstimated() && (q.promisedBy() == null || asked.isAskedKept());
            if (!holds) {
                List<DeliveryPlan> others = candidateSites(q).stream().filter(s -> !s.equals(q.site()))
                        .map(s -> plan(q, s, orderedAt, target)).toList();
                if (!others.isEmpty()) fire(ruleSet, facts(others));
                plans.addAll(others);
            }
        } else {
            List<DeliveryPlan> all = candidateSites(q).stream().map(s -> plan(q, s, orderedAt, target)).toList();
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
        if (rec != null) alternatives.addAll(rec.getNotes().alternatives());
        int others = 0;
        for (DeliveryPlan p : feasible) {
            if (p == rec || others >= config.maxOtherSites()) continue;
            others++;
            alternatives.add(new Alternative("OTHER_SITE", p.getSite(), p.getEarliest(), null, null, round(p.getConfidenceAtEarliest()),
                    "Ship from " + p.getSite() + ": delivered by " + Say.day(p.getEarliest()) + ".", null));
        }
        List<Reason> reasons = mergeReasons(asked == null ? null : asked.getNotes().reasons(),
                rec == null || rec == asked ? null : rec.getNotes().reasons());
        if (rec == null) {
            if (plans.isEmpty()) {
                reasons.add(new Reason("No site serves the region", Reason.Severity.ERROR,
                        "No site has stock and a lane to " + q.region() + " for this order.", Map.of("region", q.region())));
            } else if (asked == null || !asked.isFeasible()) {
                reasons.add(new Reason("Nothing feasible within the horizon", Reason.Severity.ERROR,
                        "No site can deliver this order within the " + config.deliveryHorizonDays() + "-day planning horizon.",
                        Map.of("horizonDays", config.deliveryHorizonDays(), "sitesChecked", plans.size())));
            }
        }
        Recommended recommended = rec == null ? null
                : new Recommended(rec.getEarliest(), null, null, rec.getSite(), round(rec.getConfidenceAtEarliest()));
        return new Check(new ValidationResponse(newDecisionId(), q.quoteId(), verdict, round(confidence), target, recommended,
                alternatives, reasons, ruleSet.version(), OffsetDateTime.now(clock), null), asked, null);
    }

    /** What past performance says about a lane now, with the same planning fallback quotes use. */
    public Distribution leadTime(String siteCode, String region) {
        Lane lane = capacity.lane(siteCode, region);
        boolean planned = lane != null && lane.transitDays() != null;
        return stats.leadTime(siteCode, region, planned ? lane.transitDays() : config.defaultTransitDays(),
                planned ? "the " + siteCode + "→" + region + " planning value" : "the default transit time");
    }

    /** What past performance says about a service type at a site now. */
    public Distribution serviceMinutes(String siteCode, String type) {
        ServiceOffer offer = capacity.service(siteCode, type);
        return stats.serviceMinutes(siteCode, type, offer == null ? 30 : offer.standardMinutes());
    }

    private DeliveryPlan plan(QuoteRequest q, String siteCode, Instant orderedAt, double target) {
        Site site = capacity.site(siteCode);
        SiteCalendar cal = new SiteCalendar(site);
        LocalDate orderDay = cal.orderDay(orderedAt);
        List<LineStock> lines = new ArrayList<>();
        if (q.lines() != null) {
            for (QuoteRequest.Line l : q.lines()) {
                lines.add(new LineStock(siteCode, l.sku(), l.quantity(), capacity.stock(siteCode, l.sku()), orderDay));
            }
        }
        Distribution lead = leadTime(siteCode, q.region());
        return new DeliveryPlan(siteCode, q.region(), siteCode.equals(q.site()), cal,
                new DailyCapacity(site.dailyOrders(), capacity.ordersTaken(siteCode)), lead, orderedAt, q.promisedBy(),
                target, config.deliveryHorizonDays(), lines);
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

    private Check evaluateService(QuoteRequest q, RuleSet ruleSet) {
        Instant askedStart = q.startAt() != null ? q.startAt().toInstant() : clock.instant();
        double target = target(q);
        List<ServicePlan> plans = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (Site s : capacity.sites()) {
            if (others.size() >= config.maxOtherSites()) break;
            if (!s.code().equals(q.site()) && capacity.service(s.code(), q.serviceType()) != null) others.add(s.code());
        }
        String first = q.site() != null ? q.site() : others.isEmpty() ? null : others.remove(0);
        if (first != null) {
            // the asked (or first offering) site first; others only when it cannot keep the asked promise
            ServicePlan asked = servicePlan(q, first, true, askedStart, target);
            List<Object> facts = new ArrayList<>(List.of(asked));
            if (q.rep() != null) facts.add(new TrackRecord(q.rep(), mastery.rep(q.rep())));
            fire(ruleSet, facts);
            plans.add(asked);
            boolean holds = asked.isFeasible() && asked.getMinutes() > 0 && !asked.isMoved()
                    && (q.promisedMinutes() == null || asked.isAskedKept());
            if (!holds && !others.isEmpty()) {
                List<ServicePlan> more = others.stream().map(c -> servicePlan(q, c, false, askedStart, target)).toList();
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
                    p.getServiceType() + " at " + p.getSite() + " from " + Say.time(p.localStart()) + ", " + p.getMinutes() + " minutes.", null));
        }
        List<Reason> reasons = mergeReasons(asked == null ? null : asked.getNotes().reasons(),
                rec == null || rec == asked ? null : rec.getNotes().reasons());
        if (rec == null) {
            reasons.add(new Reason("Nothing feasible within the horizon", Reason.Severity.ERROR,
                    "No bay offers " + q.serviceType() + " within the next " + config.serviceHorizonDays() + " days.",
                    Map.of("horizonDays", config.serviceHorizonDays())));
        }
        Recommended recommended = rec == null ? null
                : new Recommended(null, at(rec), rec.getMinutes(), rec.getSite(), round(rec.getConfidenceAtRealistic()));
        return new Check(new ValidationResponse(newDecisionId(), q.quoteId(), verdict, round(confidence), target, recommended,
                alternatives, reasons, ruleSet.version(), OffsetDateTime.now(clock), null), null, asked);
    }

    private ServicePlan servicePlan(QuoteRequest q, String code, boolean asked, Instant askedStart, double target) {
        ServiceOffer offer = capacity.service(code, q.serviceType());
        SiteCalendar cal = new SiteCalendar(capacity.site(code));
        BaySchedule schedule = new BaySchedule(offer, cal, capacity.bookings(code, q.serviceType()));
        Distribution minutes = stats.serviceMinutes(code, q.serviceType(), offer.standardMinutes());
        return new ServicePlan(code, q.serviceType(), asked, schedule, minutes, askedStart, q.promisedMinutes(), target,
                config.serviceHorizonDays());
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
            for (Object f : facts) session.insert(f);
            int fired = session.fireAllRules(MAX_FIRINGS);
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
                + (rule == null || rule.isEmpty() ? "" : " (rule " + rule + ")") + " " + what
                + "; the quote was not answered. Ops must fix the rule files.", null, extra);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private static List<Reason> mergeReasons(List<Reason> first, List<Reason> second) {
        Map<String, Reason> merged = new LinkedHashMap<>();
        if (first != null) for (Reason r : first) merged.put(r.rule() + "\u0000" + r.evidence().get("site"), r);
        if (second != null) for (Reason r : second) merged.putIfAbsent(r.rule() + "\u0000" + r.evidence().get("site"), r);
        return new ArrayList<>(merged.values());
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
