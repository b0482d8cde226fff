package com.promisevalidator.validation.service;

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

import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;

import com.promisevalidator.capacity.model.Lane;
import com.promisevalidator.capacity.model.ServiceOffer;
import com.promisevalidator.capacity.model.Site;
import com.promisevalidator.capacity.model.SiteCalendar;
import com.promisevalidator.common.ProblemException;
import com.promisevalidator.performance.model.Distribution;
import com.promisevalidator.performance.model.SourceWords;
import com.promisevalidator.rules.model.Parameters;
import com.promisevalidator.rules.model.RuleSet;
import com.promisevalidator.validation.facts.Alternative;
import com.promisevalidator.validation.facts.BaySchedule;
import com.promisevalidator.validation.facts.DailyCapacity;
import com.promisevalidator.validation.facts.DeliveryPlan;
import com.promisevalidator.validation.facts.Finding;
import com.promisevalidator.validation.facts.LineStock;
import com.promisevalidator.validation.facts.Notes;
import com.promisevalidator.validation.facts.Reason;
import com.promisevalidator.validation.facts.ReasonCode;
import com.promisevalidator.validation.facts.ServicePlan;
import com.promisevalidator.validation.facts.TrackRecord;
import com.promisevalidator.validation.model.QuoteRequest;
import com.promisevalidator.validation.model.Recommended;
import com.promisevalidator.validation.model.ValidationResponse;
import com.promisevalidator.validation.model.Verdict;
import com.promisevalidator.validation.wording.Wording;

/**
 * Evaluates one quote: a pure function of (quote, the facts it meets, rule set, now, wording). Puts plans for
 * the asked site (and others when it cannot keep the promise) into a fresh rule session, fires the rules and
 * turns the plans they settled into one answer. No holds, no logging, no database, no CDI: the same evaluator
 * serves validate, commit re-checks, at-risk re-checks, backtest and shadow.
 */
public final class QuoteEvaluator {

    /** A runaway rule (one that keeps re-activating itself) is stopped after this many firings. */
    static final int MAX_FIRINGS = 10_000;
    /** Extra firings watched, after the limit, to name the rule that keeps re-activating. */
    private static final int RUNAWAY_PROBE_FIRINGS = 200;

    /** An answer with the plan of the asked site behind it (its dispatch day, its slot): what a commit books. */
    public record Evaluation(ValidationResponse response, DeliveryPlan delivery, ServicePlan service) {
    }

    /** Other sites planned besides the asked one (promise.max-other-sites). */
    private final int maxOtherSites;

    /** How long after its start a service start has not yet passed (promise.commit-backdate-minutes: what a commit still books). */
    private final Duration startSlack;

    public QuoteEvaluator(int maxOtherSites) {
        this(maxOtherSites, Duration.ZERO);
    }

    public QuoteEvaluator(int maxOtherSites, Duration startSlack) {
        this.maxOtherSites = maxOtherSites;
        this.startSlack = startSlack == null ? Duration.ZERO : startSlack;
    }

    /** Evaluates a checked quote (well-formed, known site, region, SKUs, service type) on {@code facts}. */
    public Evaluation evaluate(QuoteRequest q, FactSource facts, RuleSet ruleSet, Instant now, Wording words) {
        return q.isDelivery() ? evaluateDelivery(q, facts, ruleSet, now, words) : evaluateService(q, facts, ruleSet, now, words);
    }

    /** The quote's own confidence, else the rule set's target-confidence. */
    private static double target(QuoteRequest q, Parameters p) {
        return q.confidence() != null ? q.confidence() : p.targetConfidence();
    }

    // ---- deliveries ---------------------------------------------------------------------------

    private Evaluation evaluateDelivery(QuoteRequest q, FactSource f, RuleSet ruleSet, Instant now, Wording words) {
        Instant orderedAt = q.orderedAt() != null ? q.orderedAt().toInstant() : now;
        Parameters params = ruleSet.parameters();
        double target = target(q, params);
        List<DeliveryPlan> plans = new ArrayList<>();
        if (q.site() != null) {
            // the asked site first; other sites are planned only when it cannot keep the asked promise
            DeliveryPlan asked = plan(q, f, q.site(), orderedAt, target, params);
            List<Object> facts = facts(List.of(asked));
            if (q.rep() != null) facts.add(new TrackRecord(q.rep(), f.repRecord(q.rep())));
            fire(ruleSet, facts);
            plans.add(asked);
            boolean holds = asked.isFeasible() && asked.isEstimated() && (q.promisedBy() == null || asked.isAskedKept());
            if (!holds) {
                List<DeliveryPlan> others = candidateSites(q, f, orderedAt, target, params).stream()
                        .map(s -> plan(q, f, s, orderedAt, target, params)).toList();
                if (!others.isEmpty()) fire(ruleSet, facts(others));
                plans.addAll(others);
            }
        } else {
            // no site asked: every candidate may be the answer, so each meets the rep's record (the answer shows its own)
            List<DeliveryPlan> all = candidateSites(q, f, orderedAt, target, params).stream().map(s -> plan(q, f, s, orderedAt, target, params)).toList();
            if (!all.isEmpty()) {
                List<Object> facts = facts(all);
                if (q.rep() != null) facts.add(new TrackRecord(q.rep(), f.repRecord(q.rep())));
                fire(ruleSet, facts);
            }
            plans.addAll(all);
        }

        DeliveryPlan asked = plans.stream().filter(DeliveryPlan::isAsked).findFirst().orElse(null);
        List<DeliveryPlan> feasible = plans.stream().filter(p -> p.isFeasible() && p.isEstimated())
                .sorted(Comparator.comparing(DeliveryPlan::getEarliest)
                        .thenComparing(DeliveryPlan::getConfidenceAtEarliest, Comparator.reverseOrder())
                        .thenComparing(DeliveryPlan::getSite))
                .toList();
        DeliveryPlan rec = asked != null && asked.isFeasible() && asked.isEstimated() ? asked : feasible.isEmpty() ? null : feasible.get(0);

        // a site named is part of what was asked: another site's date is an alternative to it, not an approval (probe api M4)
        boolean otherThanAsked = q.site() != null && rec != null && rec != asked;
        double confidence;
        if (otherThanAsked) {
            confidence = 0.0;
        } else if (q.promisedBy() == null) {
            confidence = rec == null ? 0.0 : rec.getConfidenceAtEarliest();
        } else if (q.site() != null) {
            confidence = asked != null && asked.isFeasible() && asked.isEstimated() ? asked.getConfidenceAsked() : 0.0;
        } else {
            // no site named: the asked date ships from the recommended site (a commit books it there), so its chance is that
            // site's, not the best of any site's (probe arr M2: 0.9997 shown, 0.9866 booked). The earliest site keeps the
            // date whenever any site does: its chance only grows with the date.
            confidence = rec == null ? 0.0 : rec.getConfidenceAsked();
        }
        Verdict verdict = rec == null ? Verdict.REJECTED
                : !otherThanAsked && (q.promisedBy() == null || confidence >= target - 1e-9) ? Verdict.APPROVED : Verdict.ALTERNATIVE;

        List<Alternative> alternatives = new ArrayList<>();
        if (rec != null) {
            for (Alternative a : rec.getNotes().alternatives()) {
                alternatives.add(a.withDescription(words.say("alternative." + a.kind(), Map.of("site", a.site()))));
            }
        }
        int others = 0;
        for (DeliveryPlan p : feasible) {
            if (p == rec || others >= maxOtherSites) continue;
            others++;
            alternatives.add(new Alternative("OTHER_SITE", p.getSite(), p.getEarliest(), null, null, round(p.getConfidenceAtEarliest()),
                    words.say("alternative.OTHER_SITE.delivery", Map.of("site", p.getSite(), "promisedBy", p.getEarliest())), null));
        }
        List<Notes.Noted> noted = mergeFindings(asked == null ? null : asked.getNotes(), rec == null || rec == asked ? null : rec.getNotes());
        if (rec == null && asked == null && !plans.isEmpty()) {
            noted.addAll(aboutTheQuote(plans.get(0).getNotes()));
            // what kept each candidate site out (a line short, no room in the horizon): with no site named, the one thing
            // a rep can tell the customer ("CWB has 39 of 100 free"), as an answer naming the site says it (probe P14 M7)
            plans.stream().limit(maxOtherSites + 1L).forEach(p -> p.getNotes().findings().stream()
                    .filter(n -> n.finding().severity() == Reason.Severity.ERROR).forEach(noted::add));
        }
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
                : askedPastHorizonHolds(rec, asked) ? new Recommended(rec.getAskedBy(), null, null, rec.getSite(), round(rec.getConfidenceAsked()))
                : new Recommended(rec.getEarliest(), null, null, rec.getSite(), round(rec.getConfidenceAtEarliest()));
        return new Evaluation(new ValidationResponse(newDecisionId(), q.quoteId(), verdict, round(confidence), target, recommended,
                alternatives, reasons, ruleSet.version(), now.atOffset(ZoneOffset.UTC), null), asked, null);
    }

    /** What past performance says about a lane, with the same planning fallback quotes use, plus the ops buffer. */
    public static Distribution leadTime(FactSource facts, String siteCode, String region, Parameters p) {
        Lane lane = facts.lane(siteCode, region);
        boolean planned = lane != null && lane.transitDays() != null;
        return facts.leadTime(siteCode, region, planned ? lane.transitDays() : p.defaultTransitDays(),
                planned ? SourceWords.lanePlanning(siteCode, region) : SourceWords.defaultTransit(), p)
                .withBuffer(p.buffers().days(siteCode, region));
    }

    /** What past performance says about a service type at a site, plus the ops buffer. */
    public static Distribution serviceMinutes(FactSource facts, String siteCode, String type, double standardMinutes, Parameters p) {
        return serviceMinutes(facts, siteCode, type, standardMinutes, p, null);
    }

    /** The same for work starting at {@code startAt} (its band of the week may make it longer or shorter; null = not known). */
    public static Distribution serviceMinutes(FactSource facts, String siteCode, String type, double standardMinutes, Parameters p, Instant startAt) {
        return facts.serviceMinutes(siteCode, type, standardMinutes, p, startAt).withBuffer(p.buffers().minutes(type));
    }

    private static DeliveryPlan plan(QuoteRequest q, FactSource f, String siteCode, Instant orderedAt, double target, Parameters params) {
        Site site = f.site(siteCode);
        SiteCalendar cal = new SiteCalendar(site);
        LocalDate orderDay = cal.orderDay(orderedAt);
        List<LineStock> lines = new ArrayList<>();
        if (q.lines() != null) {
            for (QuoteRequest.Line l : q.lines()) {
                lines.add(new LineStock(siteCode, l.sku(), l.quantity(), f.stock(siteCode, l.sku()), orderDay));
            }
        }
        Distribution lead = leadTime(f, siteCode, q.region(), params);
        return new DeliveryPlan(siteCode, q.region(), f.regionLike(q.region()), siteCode.equals(q.site()), q.site() == null, cal,
                new DailyCapacity(site.dailyOrders(), f.ordersTaken(siteCode)), lead, orderedAt, q.promisedBy(),
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

    /**
     * The sites planned besides the asked one (every candidate when the quote names none): of all that could serve (stock
     * all lines and have a lane to the region, else history to it; for a region nobody has served yet, the sites that ship), the {@code maxOtherSites} that look soonest to deliver by
     * {@link #roughEarliest}, so the bound on rule evaluations never leaves out a fast site for the spelling of its code.
     */
    private List<String> candidateSites(QuoteRequest q, FactSource f, Instant orderedAt, double target, Parameters params) {
        List<String> sites = new ArrayList<>();
        List<String> configured = new ArrayList<>();
        for (Lane l : f.lanesTo(q.region())) configured.add(l.site());
        configured.sort(null);
        addServing(q, f, configured, sites);
        List<String> history = List.of();
        if (sites.stream().allMatch(s -> s.equals(q.site()))) {
            // no other site has a configured lane: any site whose history shows deliveries to the region (also as another
            // site's offer when the asked one cannot keep the promise: ops seldom set lanes for what history shows, probe dlv M3)
            history = f.sitesWithHistoryTo(q.region());
            addServing(q, f, history, sites);
        }
        // only a region nobody has served yet (no lane to it, no history) goes further: a region that is served, by sites
        // that do not stock the lines, is NO_SITE, not a promise from a garage that never shipped there (probe P13 M2)
        if (q.site() == null && sites.isEmpty() && configured.isEmpty() && history.isEmpty()) {
            // a region nobody has served yet: every site that ships and stocks the lines may, on its own and everyone's
            // history (a service garage with no lane, no deliveries and no order capacity is no place to ship from);
            // should none ship, every site that stocks the lines, rather than no answer
            List<String> all = new ArrayList<>();
            for (Site s : f.sites()) all.add(s.code());
            all.sort(null);
            List<String> shipping = f.sitesShipping();
            if (shipping != null) addServing(q, f, all.stream().filter(s -> ships(q, f, shipping, s)).toList(), sites);
            if (sites.isEmpty()) addServing(q, f, all, sites);
        }
        sites.remove(q.site());
        if (sites.size() <= maxOtherSites) return sites;
        Map<String, Rough> rough = new java.util.HashMap<>();
        for (String s : sites) rough.put(s, roughEarliest(q, f, s, orderedAt, target, params));
        // as the answer ranks plans: earliest, then the surer; equal ones keep their order (by code; a stable sort)
        return sites.stream().sorted(Comparator.comparing((String s) -> rough.get(s).earliest())
                .thenComparing(s -> rough.get(s).chance(), Comparator.reverseOrder())).limit(maxOtherSites).toList();
    }

    /** A site's rough earliest date for a quote and its chance there (LocalDate.MAX, 0: not within the horizon). */
    private record Rough(LocalDate earliest, double chance) {
        static final Rough NONE = new Rough(LocalDate.MAX, 0.0);
    }

    /**
     * A cheap estimate of the earliest date a site delivers the quote at the target, without rules: the release day
     * (cut-off, working days), the day stock covers every line, the first working day with room, plus the lane's lead
     * time at the target (its statistics with their fallbacks and the ops buffer, as the plan reads it). Only ranks the
     * candidates; the rules then plan the first ones. A site that cannot deliver within the horizon sorts last.
     */
    private static Rough roughEarliest(QuoteRequest q, FactSource f, String code, Instant orderedAt, double target, Parameters params) {
        SiteCalendar cal = new SiteCalendar(f.site(code));
        LocalDate orderDay = cal.orderDay(orderedAt);
        LocalDate horizonEnd = orderDay.plusDays(params.deliveryHorizonDays());
        LocalDate day = cal.releaseDay(orderedAt);
        if (q.lines() != null) {
            for (QuoteRequest.Line l : q.lines()) {
                LocalDate ready = new LineStock(code, l.sku(), l.quantity(), f.stock(code, l.sku()), orderDay).getReadyDay();
                if (ready == null) return Rough.NONE;
                if (ready.isAfter(day)) day = ready;
            }
        }
        DailyCapacity capacity = new DailyCapacity(f.site(code).dailyOrders(), f.ordersTaken(code));
        while (day != null && !day.isAfter(horizonEnd) && (!cal.isWorkingDay(day) || capacity.leftOn(day) <= 0)) {
            day = cal.isWorkingDay(day) ? capacity.nextDayWithRoom(day, cal, horizonEnd) : cal.workingDayFrom(day);
        }
        if (day == null || day.isAfter(horizonEnd)) return Rough.NONE;
        Distribution lead = leadTime(f, code, q.region(), params);
        int days = lead.quantile(target);
        return new Rough(day.plusDays(days), lead.cdf(days));
    }

    /**
     * Whether a site can ship a quote naming no site: it has a lane or delivery history ({@code shipping}), a daily order
     * capacity set, or the quote has lines (a site that stocks them all: {@link #addServing} checks that).
     */
    private static boolean ships(QuoteRequest q, FactSource f, List<String> shipping, String site) {
        if (shipping.contains(site) || q.lines() != null && !q.lines().isEmpty()) return true;
        Site s = f.site(site);
        return s != null && s.dailyOrders() != null;
    }

    private static void addServing(QuoteRequest q, FactSource f, List<String> from, List<String> into) {
        for (String s : from) {
            if (into.contains(s) || f.site(s) == null) continue; // a replay knows only the sites its decision met
            boolean stocksAll = q.lines() == null || q.lines().stream().allMatch(l -> f.stock(s, l.sku()) != null);
            if (stocksAll) into.add(s);
        }
    }

    // ---- services -----------------------------------------------------------------------------

    /**
     * Whether another garage may be offered for a service at the named one: the customer brings the work there, so only a
     * site on the same clock at the start (a garage in another time zone is another region, probe svc MH2). No site named:
     * every site is.
     */
    private static boolean nearby(Site named, Site other, Instant at) {
        if (named == null) return true;
        return named.timeZone().getRules().getOffset(at).equals(other.timeZone().getRules().getOffset(at));
    }

    /** Another garage is worth offering beside the asked one's own answer when it finishes sooner or promises fewer minutes. */
    private static boolean betterThan(ServicePlan other, ServicePlan asked) {
        Instant end = other.getStart().plus(Duration.ofMillis(Math.round(other.getPromisedMinutes() * 60_000)));
        Instant askedEnd = asked.getStart().plus(Duration.ofMillis(Math.round(asked.getPromisedMinutes() * 60_000)));
        return end.isBefore(askedEnd) || other.getPromisedMinutes() < asked.getPromisedMinutes();
    }

    /** {@code t}, or the next whole second after it. */
    static Instant wholeSecondFrom(Instant t) {
        Instant s = t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return s.equals(t) ? t : s.plusSeconds(1);
    }

    private Evaluation evaluateService(QuoteRequest q, FactSource f, RuleSet ruleSet, Instant now, Wording words) {
        // no start asked: the earliest is now, and the first free slot from then is the answer (not a move from "now")
        boolean startAsked = q.startAt() != null;
        boolean noneAsked = !startAsked && q.promisedMinutes() == null;
        // answers and promises say times to the second: a start of "now" is the next whole second, so the start booked is the
        // start shown (docs1 L4: a job shown as starting 13:02:12 was booked at 13:02:12.49, and its outcome came out 3.49)
        Instant askedStart = startAsked ? q.startAt().toInstant() : wholeSecondFrom(now);
        Parameters params = ruleSet.parameters();
        double target = target(q, params);
        List<ServicePlan> plans = new ArrayList<>();
        ServicePlan atAskedStart = null;
        List<String> others = new ArrayList<>();
        Site named = q.site() == null ? null : f.site(q.site());
        for (Site s : f.sites()) {
            if (others.size() >= maxOtherSites) break;
            if (!s.code().equals(q.site()) && f.service(s.code(), q.serviceType()) != null && nearby(named, s, askedStart)) others.add(s.code());
        }
        String first = q.site() != null ? q.site() : others.isEmpty() ? null : others.remove(0);
        if (first != null) {
            // the asked (or first offering) site first; others only when it cannot keep the asked promise
            List<Object> record = q.rep() != null ? List.of(new TrackRecord(q.rep(), f.repRecord(q.rep()))) : List.of();
            ServicePlan asked = servicePlan(q, f, first, true, askedStart, startAsked, target, params, askedStart, now);
            List<Object> facts = new ArrayList<>(List.of(asked));
            facts.addAll(record);
            fire(ruleSet, facts);
            atAskedStart = asked; // the asked start's own band: what the promise as asked is judged by
            asked = atItsSlot(asked, q, f, askedStart, now, target, params, ruleSet, record);
            plans.add(asked);
            boolean holds = asked.isFeasible() && asked.getMinutes() > 0 && !asked.isMoved()
                    && (q.promisedMinutes() == null || asked.isAskedKept());
            if (!holds && !others.isEmpty()) {
                List<ServicePlan> more = others.stream()
                        .map(c -> servicePlan(q, f, c, false, askedStart, startAsked, target, params, askedStart, now)).toList();
                fire(ruleSet, new ArrayList<>(more));
                for (ServicePlan p : more) plans.add(atItsSlot(p, q, f, askedStart, now, target, params, ruleSet, List.of()));
            }
        }

        ServicePlan asked = plans.stream().filter(ServicePlan::isAsked).findFirst().orElse(null);
        List<ServicePlan> feasible = plans.stream().filter(p -> p.isFeasible() && p.getMinutes() > 0)
                .sorted(Comparator.comparing((ServicePlan p) -> p.getStart().plus(Duration.ofMinutes(p.getMinutes())))
                        .thenComparing(ServicePlan::getSite))
                .toList();
        boolean askedOk = asked != null && asked.isFeasible() && asked.getMinutes() > 0;
        ServicePlan rec = askedOk ? asked : feasible.isEmpty() ? null : feasible.get(0);

        // the customer arrives at the asked start; a later bay eats into the promised minutes, and the promise as asked is
        // judged by the asked start's band (the plan moved to a later slot has that slot's minutes). No start asked: the
        // customer comes at the plan's start, and asked minutes are judged from there.
        double confidence = 0.0;
        if (noneAsked) {
            confidence = rec == null ? 0.0 : rec.getConfidenceAtRealistic(); // as a delivery without promisedBy: the best promise's
        } else if (askedOk) {
            ServicePlan judged = startAsked && atAskedStart != null ? atAskedStart : asked;
            long delay = startAsked ? Duration.between(askedStart, asked.getStart()).toMinutes() : 0;
            double asks = q.promisedMinutes() != null ? q.promisedMinutes() : judged.getPromisedMinutes();
            confidence = judged.getDuration().cdfAt(asks - delay); // 12.5 minutes asked is judged as 12.5
            if (startAsked && asked.isMoved() && q.promisedMinutes() != null) askedAsJudged(asked, round(confidence));
        }
        // asked at least the minutes recommended, where recommended: nothing better to offer, so not an ALTERNATIVE naming the
        // very promise asked
        boolean asBest = askedOk && !asked.isMoved() && (q.promisedMinutes() == null || q.promisedMinutes() >= asked.getPromisedMinutes() - 1e-9)
                && confidence > 0; // a promise that would certainly break does not hold, best or not (probe P5 H2)
        Verdict verdict = rec == null ? Verdict.REJECTED
                : askedOk && (noneAsked || !asked.isMoved() && (confidence >= target - 1e-9 || asBest)) ? Verdict.APPROVED : Verdict.ALTERNATIVE;

        List<Alternative> alternatives = new ArrayList<>();
        for (ServicePlan p : feasible) {
            if (p == rec || rec == asked && !p.isAsked() && !betterThan(p, asked)) continue;
            alternatives.add(new Alternative("OTHER_SITE", p.getSite(), null, at(p), p.getPromisedMinutes(), round(p.getConfidenceAtRealistic()),
                    words.say("alternative.OTHER_SITE.service", Map.of("serviceType", p.getServiceType(), "site", p.getSite(),
                            "startAt", at(p), "promisedMinutes", com.promisevalidator.common.Minutes.decimal(p.getPromisedMinutes()))), null));
        }
        List<Notes.Noted> noted = mergeFindings(asked == null ? null : asked.getNotes(), rec == null || rec == asked ? null : rec.getNotes());
        if (rec == null) {
            noted.add(new Notes.Noted("Nothing feasible within the horizon", Finding.of(ReasonCode.NOTHING_FEASIBLE,
                    Reason.Severity.ERROR, "service", "horizonDays", params.serviceHorizonDays(), "serviceType", q.serviceType())));
        }
        List<Reason> reasons = say(noted, words);
        Recommended recommended = rec == null ? null
                : new Recommended(null, at(rec), rec.getPromisedMinutes(), rec.getSite(), round(rec.getConfidenceAtRealistic()));
        return new Evaluation(new ValidationResponse(newDecisionId(), q.quoteId(), verdict, round(confidence), target, recommended,
                alternatives, reasons, ruleSet.version(), now.atOffset(ZoneOffset.UTC), null), null, asked);
    }

    /** A site's plan for the quote, its minutes estimated for work starting at {@code estimateAt} (the asked start, or now). */
    private ServicePlan servicePlan(QuoteRequest q, FactSource f, String code, boolean asked, Instant askedStart, boolean startAsked,
                                           double target, Parameters params, Instant estimateAt, Instant answeredAt) {
        ServiceOffer offer = f.service(code, q.serviceType());
        return servicePlan(q, f, code, asked, askedStart, startAsked, target, params,
                serviceMinutes(f, code, q.serviceType(), offer.standardMinutes(), params, estimateAt), answeredAt);
    }

    private ServicePlan servicePlan(QuoteRequest q, FactSource f, String code, boolean asked, Instant askedStart, boolean startAsked,
                                           double target, Parameters params, Distribution minutes, Instant answeredAt) {
        ServiceOffer offer = f.service(code, q.serviceType());
        SiteCalendar cal = new SiteCalendar(f.site(code));
        BaySchedule schedule = new BaySchedule(offer, cal, f.bookings(code, q.serviceType()));
        ServicePlan plan = new ServicePlan(code, q.serviceType(), asked, schedule, minutes, askedStart, startAsked, q.promisedMinutes(), target,
                params.serviceHorizonDays());
        plan.answeredAt(answeredAt, startSlack); // a start asked before now has passed: the slot offered is one still to come
        return plan;
    }

    /**
     * A start asked with no bay, moved to a later slot: the duration's reason speaks of the slot (its minutes are the ones
     * recommended), but the minutes asked are judged as the answer's {@code confidence} judges them, from the start asked,
     * the wait for the bay included. The reason said the slot's chance of the minutes asked instead (probe svckinds M2: "330
     * minutes is kept 43% of the time" to a customer coming on Monday, whose promise as asked could not be kept at all).
     */
    private static void askedAsJudged(ServicePlan moved, double confidence) {
        moved.getNotes().restate(ReasonCode.SERVICE_DURATION, Finding.serviceDuration(moved, confidence)); // only where a rule noted one
    }

    /** Searches for a slot whose band of the week has an estimate of its own: at most this many times per plan (a safety net). */
    static final int MAX_SLOT_SEARCHES = 32;

    /**
     * A quote that asked for no start is promised the first free slot, which may lie in another band of the week (another
     * day, other hours) than now, the start its minutes were first estimated for. The minutes (and the chance they are
     * kept) must be those of the slot recommended: when the slot's band has another estimate, the plan is made again
     * with it, first from now (with other minutes the first free slot may be another), then, should that slot's band
     * differ again (minutes that change band to band can send the search back and forth), from the slot found on, until
     * the plan's minutes are those of its own start. Should the slot's minutes fit nowhere within the horizon, the slot
     * found stays (a statistic never makes a quote REJECTED). A plan whose asked start holds is returned as it is (its
     * minutes are already those of the asked start). A start asked with no free bay moves to a later slot, which the work
     * is done at: that slot's band's minutes, the same way, the asked start staying the one asked and without a bay (its own
     * band's minutes found none there), the slot searched after it (ServicePlan.searchFrom).
     *
     * @param now the asked start, or now when none was asked
     * @param answeredAt when the quote is answered (a start before it has passed)
     * @param context the facts fired with the plan besides it (the rep's record, for the asked site)
     */
    private ServicePlan atItsSlot(ServicePlan p, QuoteRequest q, FactSource f, Instant now, Instant answeredAt, double target, Parameters params,
                                         RuleSet ruleSet, List<Object> context) {
        if (p.isStartAsked() && !p.isMoved()) return p;
        double standard = p.getSchedule().getOffer().standardMinutes();
        int minutesAtAskedStart = p.getMinutes();
        Instant estimatedAt = now;
        for (int i = 0; i < MAX_SLOT_SEARCHES && p.isFeasible() && p.getMinutes() > 0; i++) {
            Distribution atSlot = serviceMinutes(f, p.getSite(), q.serviceType(), standard, params, p.getStart());
            if (sameEstimate(atSlot, p.getDuration())) break;
            Instant from = i == 0 ? now : p.getStart();
            ServicePlan again = servicePlan(q, f, p.getSite(), p.isAsked(), now, p.isStartAsked(), target, params, atSlot, answeredAt);
            again.searchFrom(from, minutesAtAskedStart);
            List<Object> facts = new ArrayList<>(List.of(again));
            facts.addAll(context);
            fire(ruleSet, facts);
            if (!again.isFeasible() || again.getMinutes() <= 0) {
                // a statistic never takes away the slot found: keep it, and read its estimate last, so the decision's
                // recorded facts hold the one it was answered with
                serviceMinutes(f, p.getSite(), q.serviceType(), standard, params, estimatedAt);
                break;
            }
            estimatedAt = p.getStart();
            p = again;
        }
        return p;
    }

    /** Whether two estimates say the same (the same band's, read twice), whether or not they are the same object. */
    static boolean sameEstimate(Distribution a, Distribution b) {
        return a == b || a.equals(b) || a.sameChances(b) && a.n() == b.n() && a.perUnit() == b.perUnit()
                && a.buffer() == b.buffer() && Double.compare(a.timeFactor(), b.timeFactor()) == 0
                && java.util.Objects.equals(a.timeBand(), b.timeBand()) && java.util.Objects.equals(a.source(), b.source());
    }

    private static OffsetDateTime at(ServicePlan p) {
        ZoneOffset offset = p.getSchedule().getCalendar().site().timeZone().getRules().getOffset(p.getStart());
        return p.getStart().atOffset(offset);
    }

    // ---- shared -------------------------------------------------------------------------------

    /**
     * Runs the rules on one quote's facts in a fresh session (never shared). A rule set that fails here
     * throws {@link RulesFailed}; the request never hangs.
     */
    private static void fire(RuleSet ruleSet, List<Object> facts) {
        KieSession session = ruleSet.newSession();
        try {
            int fired = RulePhases.fire(session, facts, MAX_FIRINGS);
            if (fired >= MAX_FIRINGS) {
                // name the culprit in a short, bounded extra run: the rule that changes the facts most (an update, modify,
                // insert or delete re-activates rules, itself and others: a rule it wakes fires as often as it does), else
                // the one that fires most; and say why: with no change, the firings are each a new combination of facts
                Map<String, Integer> counts = new java.util.HashMap<>();
                Map<String, Integer> changes = new java.util.HashMap<>();
                org.kie.api.event.rule.RuleRuntimeEventListener watch = new org.kie.api.event.rule.DefaultRuleRuntimeEventListener() {
                    @Override
                    public void objectInserted(org.kie.api.event.rule.ObjectInsertedEvent e) {
                        if (e.getRule() != null) changes.merge(e.getRule().getName(), 1, Integer::sum);
                    }

                    @Override
                    public void objectUpdated(org.kie.api.event.rule.ObjectUpdatedEvent e) {
                        if (e.getRule() != null) changes.merge(e.getRule().getName(), 1, Integer::sum);
                    }

                    @Override
                    public void objectDeleted(org.kie.api.event.rule.ObjectDeletedEvent e) {
                        if (e.getRule() != null) changes.merge(e.getRule().getName(), 1, Integer::sum);
                    }
                };
                session.addEventListener(watch);
                session.fireAllRules(match -> {
                    counts.merge(match.getRule().getName(), 1, Integer::sum);
                    return true;
                }, RUNAWAY_PROBE_FIRINGS);
                session.removeEventListener(watch);
                Map<String, Integer> by = changes.isEmpty() ? counts : changes;
                String culprit = by.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
                throw rulesFailed(ruleSet, culprit, "fired " + fired + " times on one quote and was stopped: " + (changes.isEmpty()
                        ? "a rule matches more combinations of the quote's facts than one quote may fire (it joins facts there "
                                + "are many of, such as order lines)"
                        : "a rule keeps re-activating itself"));
            }
        } catch (ConsequenceException e) {
            throw rulesFailed(ruleSet, e.getRule() == null ? null : e.getRule().getName(), "a rule failed: " + rootMessage(e));
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException | Error e) { // an Error too (a huge allocation, a deep stack): this quote's failure, not the service's
            throw rulesFailed(ruleSet, null, "a rule failed: " + rootMessage(e));
        } finally {
            session.dispose();
        }
    }

    private static RulesFailed rulesFailed(RuleSet ruleSet, String rule, String what) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("rulesVersion", ruleSet.version());
        if (rule != null && !rule.isEmpty()) extra.put("rule", rule);
        return new RulesFailed(ruleSet.version(), rule, what, extra);
    }

    /**
     * A rule set failed on one quote (a rule that keeps re-firing, an exception in a rule): a 503 naming the
     * rule set and the rule; the fault is ops', not the caller's. The shell records it against the rule set.
     */
    public static final class RulesFailed extends ProblemException {
        private final String version;
        private final String rule;
        private final String what;

        RulesFailed(String version, String rule, String what, Map<String, Object> extra) {
            super(503, "Rule set is faulty", "Rule set " + version + (rule == null || rule.isEmpty() ? "" : " (rule " + rule + ")") + " "
                    // the failure's Java exception class is for ops (GET /api/v1/rules), not for the caller: only its message
                    + what.replaceFirst("^a rule failed: [A-Za-z0-9_$.]*(Exception|Error)(: |$)", "a rule failed: ").replaceFirst(": $", "")
                    + "; the quote was not answered. Ops must fix the rule files.", null, extra);
            this.version = version;
            this.rule = rule;
            this.what = what;
        }

        public String version() { return version; }
        public String rule() { return rule; }
        public String what() { return what; }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /**
     * A lane slower than the horizon: its earliest date is the horizon's last day, at the lower chance it has; an asked date
     * beyond it that reaches the target is the better promise to quote, not a day kept 12 % of the time.
     */
    private static boolean askedPastHorizonHolds(DeliveryPlan rec, DeliveryPlan asked) {
        return rec == asked && rec.getAskedBy() != null && rec.isAskedKept() && !rec.keeps(rec.getConfidenceAtEarliest())
                && rec.getAskedBy().isAfter(rec.getEarliest());
    }

    /** The asked plan's findings, then the recommended plan's (one per rule and site). */
    private static List<Notes.Noted> mergeFindings(Notes first, Notes second) {
        Map<String, Notes.Noted> merged = new LinkedHashMap<>();
        if (first != null) for (Notes.Noted n : first.findings()) merged.put(n.rule() + "\u0000" + n.finding().evidence().get("site"), n);
        if (second != null) for (Notes.Noted n : second.findings()) merged.putIfAbsent(n.rule() + "\u0000" + n.finding().evidence().get("site"), n);
        return new ArrayList<>(merged.values());
    }

    /** Codes whose findings speak of the quote, not of a site: the same on every candidate's plan. */
    private static final java.util.Set<ReasonCode> ABOUT_THE_QUOTE = java.util.EnumSet.of(ReasonCode.REP_RECORD, ReasonCode.REGION_UNKNOWN);

    /**
     * The findings of a plan about the quote as a whole (the rep's record, a region that looks mistyped): what an answer naming no site and with
     * no plan to recommend still says, once (each candidate's plan has them alike).
     */
    private static List<Notes.Noted> aboutTheQuote(Notes notes) {
        return notes.findings().stream().filter(n -> ABOUT_THE_QUOTE.contains(n.finding().code())).toList();
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
        return new java.util.UUID(msb, lsb).toString();
    }
}
