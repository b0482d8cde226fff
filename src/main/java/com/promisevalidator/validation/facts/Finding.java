package com.promisevalidator.validation.facts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.promisevalidator.performance.model.SourceWords;

/**
 * What a rule found: a reason code, how serious it is, which wording of the code applies
 * ({@code variant}, e.g. "history.kept"; empty when the code has one) and the evidence, as plain
 * values (text, numbers, true/false; dates as ISO text). No sentence: the writer words it from the
 * messages file. The factories below are what rules call; each reads the plan after it moved.
 */
public record Finding(ReasonCode code, Reason.Severity severity, String variant, Map<String, Object> evidence) {

    public Finding {
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }

    /** The messages-file key of this finding's sentence, e.g. "LEAD_TIME.history.kept". */
    public String key() {
        return variant.isEmpty() ? code.name() : code.name() + "." + variant;
    }

    public static Finding of(ReasonCode code, Reason.Severity severity, String variant, Object... keyThenValue) {
        return new Finding(code, severity, variant, map(keyThenValue));
    }

    /** Evidence from key, value pairs; null values are left out. */
    static Map<String, Object> map(Object... keyThenValue) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyThenValue.length; i += 2) {
            Object v = keyThenValue[i + 1];
            if (v != null) m.put((String) keyThenValue[i], v instanceof java.time.temporal.Temporal ? v.toString() : v);
        }
        return m;
    }

    // ---- deliveries ---------------------------------------------------------------------------

    public static Finding cutoffPassed(DeliveryPlan p) {
        return of(ReasonCode.CUTOFF_PASSED, Reason.Severity.INFO, "", "site", p.getSite(),
                "cutoff", p.getCalendar().site().cutoff().toString(), "orderDay", p.getOrderDay(), "dispatch", p.getDispatch());
    }

    public static Finding siteClosed(DeliveryPlan p) {
        return of(ReasonCode.SITE_CLOSED, Reason.Severity.INFO, p.isFeasible() ? "" : "none", "site", p.getSite(),
                "closedDay", p.getMovedFrom(), "dispatch", p.getDispatch());
    }

    public static Finding dayFull(DeliveryPlan p) {
        return of(ReasonCode.DAY_FULL, Reason.Severity.WARNING, p.isFeasible() ? "" : "none", "site", p.getSite(),
                "fullDay", p.getMovedFrom(), "dailyCapacity", p.getCapacity().getLimit(),
                "taken", p.getCapacity().takenOn(p.getMovedFrom()), "dispatch", p.isFeasible() ? p.getDispatch() : null);
    }

    public static Finding waitsForInbound(DeliveryPlan p, LineStock l) {
        return of(ReasonCode.WAITS_FOR_INBOUND, Reason.Severity.WARNING, "", "site", p.getSite(), "sku", l.getSku(),
                "needed", l.getQuantity(), "availableNow", l.getAvailableNow(), "onHand", l.getOnHand(),
                "alreadyPromised", l.getReserved(), "readyDay", l.getReadyDay());
    }

    public static Finding lineShort(DeliveryPlan p, LineStock l) {
        return of(ReasonCode.LINE_SHORT, Reason.Severity.ERROR, l.isStocked() ? "" : "notStocked", "site", p.getSite(),
                "sku", l.getSku(), "needed", l.getQuantity(), "availableNow", l.getAvailableNow(), "inbound", l.getInboundTotal(),
                "stocked", l.isStocked());
    }

    public static Finding inStock(DeliveryPlan p) {
        return of(ReasonCode.IN_STOCK, Reason.Severity.INFO, "", "site", p.getSite(), "lines", p.getLines().size());
    }

    public static Finding splitOffered(DeliveryPlan p, Alternative split) {
        return of(ReasonCode.SPLIT_OFFERED, Reason.Severity.INFO, "", "site", p.getSite(),
                "firstBy", split.parts().get(0).promisedBy(), "restBy", split.parts().get(split.parts().size() - 1).promisedBy());
    }

    /**
     * The lead-time estimate: history (with open orders ageing past it: "counting the orders still on the way", not "took",
     * since no delivery took that long yet) or planning value; best date, asked date kept, or asked date missed.
     */
    public static Finding leadTime(DeliveryPlan p) {
        var lead = p.getLeadTime();
        boolean asked = p.getAskedBy() != null;
        // no date asked, yet even the horizon's last day misses the target: said as the gamble it is, not as a date that holds
        boolean pastHorizon = !asked && !p.keeps(p.getConfidenceAtEarliest());
        String verdict = !asked ? (pastHorizon ? "pastHorizon" : "best") : p.isAskedKept() ? "kept" : "notKept";
        int atTarget = lead.quantile(p.getTarget()) - lead.buffer();
        // resting on a planning value alone: the value ops set and how often it is kept, to tell from what the target needs
        int planningAt = lead.fromHistory() ? -1 : lead.firstStepWithChance(); // the planning value's step
        Integer planningDays = planningAt < 0 ? null : planningAt / Math.max(1, lead.perUnit()) - lead.buffer();
        // the target needs more than the value, and past it the estimate goes as the levels above go (other lanes' tails)
        boolean beyond = planningDays != null && atTarget > planningDays && lead.steps() > planningAt + 1;
        String kind = lead.fromHistory() ? planned(lead.source()) ? "planned." : p.isOpenOrdersAgeing() ? "ageing." : "history."
                : beyond ? "planningBeyond." : "planning.";
        return of(ReasonCode.LEAD_TIME, asked && !p.isAskedKept() || pastHorizon ? Reason.Severity.WARNING : Reason.Severity.INFO,
                kind + verdict,
                "lane", p.getLane(), "source", lead.source(), "fromHistory", lead.fromHistory(), "sampleSize", lead.n(),
                "effectiveSampleSize", Math.round(lead.nEff() * 10) / 10.0, "leadDaysAtTarget", lead.quantile(p.getTarget()) + p.getBufferDays(),
                // what history (or the plan) says, before the ops buffer: a sentence must not tell ops' margin as past deliveries
                "historyDaysAtTarget", lead.quantile(p.getTarget()) - lead.buffer(),
                "target", p.getTarget(), "dispatch", p.getDispatch(), "earliest", p.getEarliest(),
                "confidenceAtEarliest", p.getConfidenceAtEarliest(), "askedBy", p.getAskedBy(),
                "confidenceAsked", asked ? p.getConfidenceAsked() : null,
                "bufferDays", lead.buffer() > 0 ? lead.buffer() : null,
                "recentMemoryDays", lead.memoryDays() > 0 ? lead.memoryDays() : null,
                // deliveries everywhere lately faster (below 1) or slower than the usual memory says: the estimate allows for it
                "recentPace", lead.fromHistory() && Math.abs(lead.pace() - 1) >= 0.005 ? Math.round(lead.pace() * 100) / 100.0 : null,
                "planningDays", planningDays, "planningConfidence", planningAt < 0 ? null : lead.cdf(planningAt),
                // the quantile fell on a day the site's deliveries never arrive on: the promise is the arrival day before it
                "movedBackFrom", p.getMovedBackFrom(), "noArrivalDays", p.getMovedBackFrom() == null ? null
                        : com.promisevalidator.performance.model.ArrivalDays.names(lead.noArrivalDays()),
                "arrivalsAt", p.getMovedBackFrom() == null ? null : p.getSite());
    }

    /** Source kinds of a lane's history weighed together with something else: "come to up to", not "took up to". */
    private static final java.util.Set<String> PLANNED_KINDS = java.util.Set.of("lanePlanned", "laneWithFrom", "laneWithTo", "laneWithAll");

    /**
     * Whether an estimate rests on a lane's history weighed together with its planning value ({@link SourceWords#lanePlanned})
     * or with a parent that counts for more ({@link SourceWords#laneLeaning}).
     */
    private static boolean planned(String source) {
        SourceWords.Parsed parsed = SourceWords.parse(source);
        return parsed != null && PLANNED_KINDS.contains(parsed.kind());
    }

    /** Open orders ageing past the lane's quantile moved the promise: how many, how old, the quantile without them, now. */
    public static Finding openOrdersAgeing(DeliveryPlan p) {
        var lead = p.getLeadTime();
        var ageing = lead.ageing();
        int without = ageing.withoutOpen().quantile(p.getTarget());
        int past = without - lead.buffer(); // ages are of the evidence, before any ops buffer
        // the open orders' own words (the lane's deliveries), not what the estimate rests on as a whole
        return of(ReasonCode.OPEN_ORDERS_AGEING, Reason.Severity.WARNING, "", "lane", p.getLane(), "source", ageing.withoutOpen().source(),
                "openOrders", ageing.olderThan(past), "openLongerThan", past,
                "oldestOpenDays", ageing.openByAge().lastKey(), "allOpen", ageing.open(),
                "leadDaysWithoutOpen", without, "leadDaysAtTarget", lead.quantile(p.getTarget()), "target", p.getTarget(),
                "earliest", p.getEarliest());
    }

    public static Finding bufferAdded(DeliveryPlan p, int days) {
        return of(ReasonCode.BUFFER_ADDED, Reason.Severity.INFO, "", "site", p.getSite(), "days", days,
                "bufferDays", p.getBufferDays(), "earliest", p.getEarliest(), "confidenceAtEarliest", p.getConfidenceAtEarliest());
    }

    // ---- services -----------------------------------------------------------------------------

    public static Finding serviceDuration(ServicePlan p) {
        return serviceDuration(p, p.getConfidenceAsked());
    }

    /** The same, the minutes asked judged at {@code confidenceAsked} (a moved start's: from the start asked, the wait included). */
    public static Finding serviceDuration(ServicePlan p, double confidenceAsked) {
        boolean asked = p.getAskedMinutes() != null, kept = p.keeps(confidenceAsked);
        String verdict = !asked ? "best" : kept ? "kept" : "notKept";
        return of(ReasonCode.SERVICE_DURATION, asked && !kept ? Reason.Severity.WARNING : Reason.Severity.INFO,
                (!p.getDuration().fromHistory() ? "planning." : asTaken(p.getDuration()) ? "history." : "estimate.") + verdict,
                "site", p.getSite(), "serviceType", p.getServiceType(), "source", p.getDuration().source(),
                "fromHistory", p.getDuration().fromHistory(), "sampleSize", p.getDuration().n(), "minutesAtTarget", minutes(p.getPromisedMinutes()),
                "historyMinutesAtTarget", minutes(Math.max(1, p.getPromisedAtTarget() - p.getDuration().buffer())),
                "standardMinutes", minutes(p.getSchedule().getOffer().standardMinutes()), "target", p.getTarget(),
                "askedMinutes", p.getAskedMinutes(), "confidenceAsked", asked ? confidenceAsked : null,
                "confidenceAtRealistic", p.getConfidenceAtRealistic(),
                "bufferMinutes", p.getDuration().buffer() > 0 ? p.getDuration().buffer() : null,
                "recentMemoryDays", p.getDuration().memoryDays() > 0 ? p.getDuration().memoryDays() : null,
                "timeOfWeek", p.getDuration().timeBandText(),
                "timeOfWeekFactor", p.getDuration().timeBand() == null ? null : Math.round(p.getDuration().timeFactor() * 1000) / 1000.0,
                "timeOfWeekFrom", p.getDuration().timeBand() == null ? null : p.getDuration().timeFromOwnJobs() ? "site" : "all",
                "standardTurnsOut", standard(p) == null ? null : Math.round(standard(p).median() * 100) / 100.0,
                "standardJobs", standard(p) == null ? null : standard(p).jobs(),
                "standardServices", standard(p) == null ? null : standard(p).services());
    }

    /**
     * Whether the minutes are what the site's own jobs of the type took, as they were: then the sentence says "took up to".
     * Otherwise (jobs of other sites, stretched by this site's speed, or blended with them; jobs re-read for the start's
     * time of the week) the figure is an estimate, and saying the jobs took it was untrue (probe svckinds M1: "took up to
     * 283 minutes" of 403 jobs whose own P90 was 244, before a Monday clause).
     */
    private static boolean asTaken(com.promisevalidator.performance.model.Distribution d) {
        com.promisevalidator.performance.model.SourceWords.Parsed source = com.promisevalidator.performance.model.SourceWords.parse(d.source());
        return d.timeBand() == null && source != null && "serviceAt".equals(source.kind());
    }

    /** How standard times have turned out, when the plan rests on the standard alone (with history, the history speaks). */
    private static com.promisevalidator.performance.model.Distribution.StandardRatio standard(ServicePlan p) {
        return p.getDuration().fromHistory() ? null : p.getDuration().standard();
    }

    /** The realistic minutes run past the opening hours: the job starts within them and keeps its bay until it is done. */
    public static Finding longerThanOpeningHours(ServicePlan p) {
        var offer = p.getSchedule().getOffer();
        return of(ReasonCode.LONGER_THAN_OPENING_HOURS, Reason.Severity.INFO, "", "site", p.getSite(), "serviceType", p.getServiceType(),
                "minutesAtTarget", minutes(p.getPromisedAtTarget()), "target", p.getTarget(), "opens", offer.opens(),
                "closes", p.getSchedule().closesText(), "minutes", p.getMinutes(), "confidence", p.getConfidenceAtRealistic());
    }

    /** Minutes as evidence shows them: 14.6, 42 (never 42.0). */
    private static java.math.BigDecimal minutes(double m) {
        return com.promisevalidator.common.Minutes.decimal(m);
    }

    /**
     * No bay at the asked start: closed then, open but closing before the job ends, or every bay busy; or none within the
     * horizon. Null (nothing to say) when
     * the quote asked for no start and a slot was found: the first free slot is the answer, said by {@code BAY_FREE}.
     */
    public static Finding noFreeBay(ServicePlan p) {
        if (!p.isStartAsked() && p.isFeasible()) return null;
        java.time.Instant wanted = p.getMovedFrom();
        // the minutes a commit of the asked promise would hold say why the asked start has no bay; when a later slot's band's
        // (shorter) minutes would have had one there, the asked start's own band's minutes do (the job wanted there)
        int minutes = p.isFeasible() && p.getSchedule().fits(wanted, p.getHeldMinutes(), p.getMinutes()) ? p.getMinutesWanted() : p.getHeldMinutes();
        // the slot offered holds fewer minutes than asked (a padded promise): the sentence says the slot is for those
        boolean shorter = p.isFeasible() && p.getAskedMinutes() != null
                && minutes == com.promisevalidator.common.Minutes.ceil(p.getAskedMinutes().doubleValue()) && p.getMinutes() < minutes;
        // three causes told apart: closed at that time; open, but the job would end after closing; every bay busy
        boolean open = p.getSchedule().isOpenAt(wanted);
        boolean endsAfterClosing = open && !p.getSchedule().isOpenFor(wanted, minutes, p.getMinutes());
        String closes = p.getSchedule().isConfigured() ? p.getSchedule().closesText() : null; // 24:00, not 23:59
        return of(ReasonCode.NO_FREE_BAY, Reason.Severity.WARNING,
                (!p.isFeasible() ? "none" : !open ? "closed" : endsAfterClosing ? "closing" : "busy") + (shorter && open ? ".shorter" : ""),
                "site", p.getSite(), "asked", p.atSite(wanted), "open", open, "endsAfterClosing", endsAfterClosing, "closes", closes,
                "busyBays", p.getSchedule().busyDuring(wanted, minutes), "bays", p.getSchedule().getBays(),
                "minutes", minutes, "start", p.isFeasible() ? p.atSite(p.getStart()) : null,
                "slotMinutes", p.isFeasible() ? p.getMinutes() : null);
    }

    /** The asked start lies before the time the quote is answered: the answer is as of then; only a start to come can be booked. */
    public static Finding startPassed(ServicePlan p) {
        return of(ReasonCode.START_PASSED, Reason.Severity.WARNING, "", "site", p.getSite(), "asked", p.atSite(p.getAskedStart()),
                "now", p.atSite(p.getNow()));
    }

    public static Finding baysNotSet(ServicePlan p) {
        var offer = p.getSchedule().getOffer();
        boolean hours = offer.hasHistoryHours(); // the start checked against the hours its past jobs started in: said, with them
        return of(ReasonCode.BAYS_NOT_SET, Reason.Severity.WARNING, hours ? "historyHours" : "", "site", p.getSite(),
                "serviceType", p.getServiceType(), "start", p.atSite(p.getStart()),
                "opens", hours ? offer.opens().toString() : null, "closes", hours ? p.getSchedule().closesText() : null);
    }

    public static Finding bayFree(ServicePlan p) {
        return of(ReasonCode.BAY_FREE, Reason.Severity.INFO, "", "site", p.getSite(), "bays", p.getSchedule().getBays(),
                "start", p.atSite(p.getStart()), "minutes", minutes(p.getPromisedMinutes())); // the promise it is free for (47.5), as recommended says
    }

    // ---- either -------------------------------------------------------------------------------

    /**
     * The region is new, but a known one looks like it ({@code didYouMean}); codes are case-sensitive, so the promise
     * rests on the fallbacks ({@code source}).
     */
    public static Finding regionUnknown(DeliveryPlan p) {
        return of(ReasonCode.REGION_UNKNOWN, Reason.Severity.WARNING, "", "region", p.getRegion(), "didYouMean", p.getRegionLike(),
                "source", p.getLeadTime().source());
    }

    /** The rep's record, worded for what is quoted: a service's sentence does not speak of delivery mastery. */
    public static Finding repRecord(TrackRecord r, Plan p) {
        return repRecord(r, p instanceof ServicePlan ? "service" : "");
    }

    /** The rep's record in delivery words (rule files written before {@link #repRecord(TrackRecord, Plan)}). */
    public static Finding repRecord(TrackRecord r) {
        return repRecord(r, "");
    }

    private static Finding repRecord(TrackRecord r, String variant) {
        // with no promises there is no kept rate and no score: left out (0.0 and 1.0 filed every new rep as the worst, P13 M5)
        boolean none = r.mastery().n() == 0;
        return of(ReasonCode.REP_RECORD, Reason.Severity.INFO, none ? "none" : variant, "rep", r.rep(),
                "promises", r.mastery().n(), "kept", r.mastery().kept(), "keptRate", none ? null : r.mastery().keptRate(),
                "masteryScore", none ? null : r.mastery().score());
    }
}
