package com.promisevalidator.commitment.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Locale;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.promisevalidator.capacity.model.BayBooking;
import com.promisevalidator.capacity.model.ServiceOffer;
import com.promisevalidator.capacity.model.Site;
import com.promisevalidator.capacity.model.StockLevel;
import com.promisevalidator.capacity.service.CapacityService;
import com.promisevalidator.commitment.model.PromiseStatus;
import com.promisevalidator.commitment.model.PromiseStatusChanged;
import com.promisevalidator.common.PromiseConfig;
import com.promisevalidator.db.Database;
import com.promisevalidator.performance.model.Distribution;
import com.promisevalidator.performance.service.PerformanceStats;
import com.promisevalidator.validation.facts.ReasonCode;
import com.promisevalidator.validation.model.OwnHolds;
import com.promisevalidator.validation.model.QuoteRequest;
import com.promisevalidator.validation.service.ValidationService;
import com.promisevalidator.validation.wording.ReasonWriter;

import io.quarkus.scheduler.Scheduled;

/**
 * Re-checks open promises after capacity or past performance changed, in the background and in
 * bounded batches. A promise whose chance of being kept fell below its target becomes AT_RISK, with
 * the reason and the promise that would hold now, so the rep can warn the customer before the date
 * slips; one that recovers goes back to OPEN. Also expires holds and old idempotency records.
 */
@Singleton
public class AtRiskMonitor {

    private static final Logger LOG = Logger.getLogger(AtRiskMonitor.class);

    private final Database db;
    private final CapacityService capacity;
    private final PerformanceStats stats;
    private final ValidationService validation;
    private final CapacityHolds holds;
    private final PromiseStatusChanges statusChanges;
    private final IdempotencyStore idempotency;
    private final PromiseConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final ReasonWriter writer;

    private long sweptVersion = -1;
    private long seenVersion = -1;
    private Instant changeSeenAt;

    public AtRiskMonitor(Database db, CapacityService capacity, PerformanceStats stats, ValidationService validation,
                         CapacityHolds holds, IdempotencyStore idempotency, PromiseConfig config, ObjectMapper json, Clock clock,
                         ReasonWriter writer, PromiseStatusChanges statusChanges) {
        this.statusChanges = statusChanges;
        this.writer = writer;
        this.db = db;
        this.capacity = capacity;
        this.stats = stats;
        this.validation = validation;
        this.holds = holds;
        this.idempotency = idempotency;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    @Scheduled(every = "${promise.recheck-interval:30s}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            int expired = holds.expireHolds();
            if (expired > 0) LOG.infof("%d holds expired", expired);
            idempotency.purgeExpired(clock.instant());
            recheck();
        } catch (RuntimeException e) {
            LOG.warn("background re-check failed; will retry: " + e.getMessage());
        }
    }

    /** One bounded pass; returns how many promises were re-checked. */
    public synchronized int recheck() {
        long version = capacity.version() * 1_000_003L + stats.version();
        if (version == sweptVersion) return 0;
        if (version != seenVersion) {
            seenVersion = version;
            changeSeenAt = clock.instant();
        }
        List<PromiseRow> batch = db.query(c -> PromiseRepository.openForCheck(c, config.recheckBatch()));
        int checked = 0;
        for (PromiseRow p : batch) {
            if (p.checkedAt() != null && !p.checkedAt().isBefore(changeSeenAt)) continue; // checked since the change
            check(p);
            checked++;
        }
        if (checked < config.recheckBatch()) sweptVersion = version; // every open promise has seen this change
        return checked;
    }

    /** Re-checks every open promise now, whatever changed (tests and ops). */
    public synchronized int recheckAll() {
        sweptVersion = -1;
        seenVersion = -1;
        int total = 0;
        int n;
        do {
            n = recheck();
            total += n;
        } while (n > 0 && sweptVersion == -1);
        return total;
    }

    /** Why a promise is at risk, as stored in promise.risk_reason: a stable code, a sentence, the numbers. */
    public record RiskReason(String code, String message, Map<String, Object> evidence) {
    }

    private void check(PromiseRow p) {
        double confidence;
        RiskReason reason;
        if (p.isDelivery()) {
            Distribution lead = validation.leadTime(p.site(), p.region());
            // a dispatch day the site has closed since (a holiday added, a working day dropped) leaves on its next working day
            java.time.LocalDate dispatch = p.dispatchDay();
            Site site = capacity.site(p.site());
            if (site != null && !site.isWorkingDay(dispatch)) {
                dispatch = new com.promisevalidator.capacity.model.SiteCalendar(site).workingDayFrom(dispatch);
            }
            long days = ChronoUnit.DAYS.between(dispatch, p.promisedBy());
            confidence = days < 0 ? 0.0 : lead.chanceBy(dispatch, p.promisedBy(), 0); // a promise on a day without arrivals: as by the gap's end
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("confidence", Math.round(confidence * 10000) / 10000.0);
            evidence.put("source", lead.source());
            evidence.put("promisedBy", p.promisedBy().toString());
            boolean closed = !dispatch.equals(p.dispatchDay());
            if (closed) { // the site closed the dispatch day since: that is the cause the rep tells the customer
                evidence.put("site", p.site());
                evidence.put("closedDay", p.dispatchDay().toString());
                evidence.put("dispatchDay", dispatch.toString());
            }
            reason = new RiskReason(closed ? ReasonCode.SITE_CLOSED.name()
                    : ageing(lead, p.target(), evidence) ? ReasonCode.OPEN_ORDERS_AGEING.name() : ReasonCode.LEAD_TIME.name(), null, evidence);
            if (!closed && site != null) {
                Estimate full = dayFull(p, site, lead);
                if (full != null) {
                    confidence = full.confidence();
                    reason = full.reason();
                }
            }
            RiskReason shortage = db.query(c -> shortage(c, p));
            if (shortage != null) {
                confidence = 0.0;
                reason = shortage;
            }
        } else {
            Distribution minutes = validation.serviceMinutes(p.site(), p.serviceType(), p.startAt());
            confidence = minutes.cdfAt(p.promisedMinutes());
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("confidence", Math.round(confidence * 10000) / 10000.0);
            evidence.put("promisedMinutes", com.promisevalidator.common.Minutes.decimal(p.promisedMinutes()));
            evidence.put("site", p.site());
            evidence.put("serviceType", p.serviceType());
            reason = new RiskReason(ReasonCode.SERVICE_DURATION.name(), null, evidence);
            RiskReason noBay = noFreeBay(p);
            if (noBay != null) {
                confidence = 0.0;
                reason = noBay;
            }
        }
        boolean atRisk = confidence < riskLine(p) - 1e-9;
        String recommended = null;
        String stored = null;
        if (atRisk) {
            reason.evidence().put("target", p.target());
            if (p.confidence() < p.target()) reason.evidence().put("committedConfidence", p.confidence());
            // stored worded in English (the default language); the code and evidence let a reader word it again
            String words = writer.english(java.time.LocalDate.now(clock)).atRisk(reason.code(), reason.evidence());
            RiskReason said = new RiskReason(reason.code(), words, reason.evidence());
            try {
                stored = json.writeValueAsString(said);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            recommended = freshRecommendation(p);
        }
        PromiseStatus status = atRisk ? PromiseStatus.AT_RISK : PromiseStatus.OPEN;
        double c = Math.round(confidence * 10000) / 10000.0;
        String r = stored;
        String rec = recommended;
        List<PromiseStatusChanged> made = new ArrayList<>(1);
        db.inTransaction(conn -> {
            Instant now = clock.instant();
            PromiseStatus before = PromiseRepository.lockStatus(conn, p.id());
            if (PromiseRepository.recordCheck(conn, p.id(), status, c, r, rec, now)) statusChanges.record(conn, made, p.id(), before, status, now);
            return null;
        });
        statusChanges.announce(made);
        if (!made.isEmpty()) LOG.infof("promise %s is now %s (%s)", p.id(), status, String.format(Locale.ROOT, "%.2f", c));
    }

    /**
     * The chance below which a promise is at risk: its target, or for a promise the rep knowingly committed below
     * target, the chance it was committed at (less half a point of re-estimation noise): it is at risk when it got
     * worse than what the customer was promised, not from the moment it was made.
     */
    static double riskLine(PromiseRow p) {
        return p.confidence() < p.target() ? Math.min(p.target(), p.confidence() - 0.005) : p.target();
    }

    /** Whether open orders ageing past the lane's quantile moved it (drift); if so, their numbers join the evidence. */
    private static boolean ageing(Distribution lead, double target, Map<String, Object> evidence) {
        var a = lead.ageing();
        if (a == null) return false;
        int without = a.withoutOpen().quantile(target);
        long older = a.olderThan(without - lead.buffer());
        if (lead.quantile(target) <= without || older == 0) return false;
        evidence.put("source", a.withoutOpen().source()); // the open orders' own words (the lane's deliveries)
        evidence.put("openOrders", older);
        evidence.put("openLongerThan", without - lead.buffer());
        evidence.put("leadDaysWithoutOpen", without);
        evidence.put("leadDaysAtTarget", lead.quantile(target));
        return true;
    }

    /**
     * Stock no longer covering this promise (ops counted less, inbound cancelled). The stock there
     * by a promise's dispatch day goes to the promises that dispatch first (then the older ones):
     * only those it can no longer cover are short, not every promise of the SKU.
     */
    private RiskReason shortage(java.sql.Connection c, PromiseRow p) throws java.sql.SQLException {
        for (PromiseRow.Line l : p.lines()) {
            StockLevel s = capacity.stock(p.site(), l.sku());
            if (s != null && s.availableOn(p.dispatchDay()) >= 0) continue;
            int have = s == null ? 0 : Math.max(0, s.availableOn(p.dispatchDay()) + s.reserved()); // on hand + inbound arrived by then
            int ahead = PromiseRepository.unitsAhead(c, p, l.sku());
            int shortBy = Math.min(l.quantity(), ahead + l.quantity() - have);
            if (shortBy <= 0) continue;
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("site", p.site());
            evidence.put("sku", l.sku());
            evidence.put("dispatchDay", p.dispatchDay().toString());
            evidence.put("available", have);
            evidence.put("promisedBefore", ahead);
            evidence.put("quantity", l.quantity());
            evidence.put("short", shortBy);
            return new RiskReason(ReasonCode.STOCK_SHORT.name(), null, evidence);
        }
        return null;
    }

    /** A chance with the reason it rests on. */
    private record Estimate(double confidence, RiskReason reason) {
    }

    /**
     * The site's daily order capacity lowered below what is committed on the promise's dispatch day: the orders committed
     * first keep their place; one committed after the day is full leaves on a later working day with room (after that
     * day's own orders and the ones of its day ahead of it), and its chance is re-estimated from there (0 when no day
     * before its date has room). Null when it still fits its day, or the day has passed (it has left).
     */
    private Estimate dayFull(PromiseRow p, Site site, Distribution lead) {
        Integer limit = site.dailyOrders();
        if (limit == null || p.dispatchDay().isBefore(LocalDate.now(clock.withZone(site.timeZone())))) return null;
        NavigableMap<LocalDate, Integer> taken = capacity.ordersTaken(p.site());
        if (taken.getOrDefault(p.dispatchDay(), 0) <= limit) return null; // the day holds every order it has taken
        int before = db.query(c -> PromiseRepository.ordersAhead(c, p)); // only for a day taken beyond its capacity
        if (before < limit) return null;
        int queue = before - limit; // orders of the day that leave later too, ahead of this one
        LocalDate leaves = null;
        for (LocalDate d = p.dispatchDay().plusDays(1); !d.isAfter(p.promisedBy()) && leaves == null; d = d.plusDays(1)) {
            if (!site.isWorkingDay(d)) continue;
            int room = Math.max(0, limit - taken.getOrDefault(d, 0));
            if (queue < room) leaves = d;
            else queue -= room;
        }
        double confidence = leaves == null ? 0.0 : lead.cdf((int) ChronoUnit.DAYS.between(leaves, p.promisedBy()));
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("confidence", Math.round(confidence * 10000) / 10000.0);
        evidence.put("site", p.site());
        evidence.put("dispatchDay", p.dispatchDay().toString());
        evidence.put("dailyCapacity", limit);
        evidence.put("taken", taken.getOrDefault(p.dispatchDay(), 0));
        evidence.put("committedBefore", before); // first committed, first served: the ones before it keep the day
        if (leaves != null) evidence.put("leavesOn", leaves.toString());
        evidence.put("promisedBy", p.promisedBy().toString());
        evidence.put("source", lead.source());
        return new Estimate(confidence, new RiskReason(ReasonCode.DAY_FULL.name(), null, evidence));
    }

    /**
     * The service's bays lowered below the jobs booked at its time: the jobs booked first keep their bays; one booked
     * after they are all taken cannot start at its start. Null when it still has a bay, or it has started (it is on one).
     */
    private RiskReason noFreeBay(PromiseRow p) {
        ServiceOffer offer = capacity.service(p.site(), p.serviceType());
        Site site = capacity.site(p.site());
        if (offer == null || offer.fromHistory() || site == null || p.bookedMinutes() == null || !p.startAt().isAfter(clock.instant())) {
            return null;
        }
        Instant start = p.startAt(), end = p.bookedUntil();
        if (BayBooking.mostAtOnce(capacity.bookings(p.site(), p.serviceType()), start, end) <= offer.bays()) return null; // its own included
        int busy = BayBooking.mostAtOnce(db.query(c -> PromiseRepository.bookingsAhead(c, p, start, end)), start, end); // only for a slot overbooked
        if (busy < offer.bays()) return null;
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("confidence", 0.0);
        evidence.put("site", p.site());
        evidence.put("serviceType", p.serviceType());
        evidence.put("start", com.promisevalidator.common.Timestamps.format(OffsetDateTime.ofInstant(start, site.timeZone())));
        evidence.put("minutes", p.bookedMinutes());
        evidence.put("bays", offer.bays());
        evidence.put("busyBays", busy); // jobs booked before this one, at once during its slot
        return new RiskReason(ReasonCode.NO_FREE_BAY.name(), null, evidence);
    }

    /** What the promise holds, free for it when it is planned again (it would release them first). */
    static OwnHolds ownHolds(PromiseRow p) {
        if (p.isDelivery()) {
            Map<String, Integer> units = new HashMap<>();
            for (PromiseRow.Line l : p.lines()) units.merge(l.sku(), l.quantity(), Integer::sum);
            return new OwnHolds(p.site(), units, p.dispatchDay(), null, null, null);
        }
        return new OwnHolds(p.site(), null, null, p.serviceType(), p.startAt(), p.bookedUntil());
    }

    private String freshRecommendation(PromiseRow p) {
        try {
            QuoteRequest q = json.readValue(p.request(), QuoteRequest.class);
            OffsetDateTime now = OffsetDateTime.now(clock);
            OffsetDateTime from = q.orderedAt() == null || q.orderedAt().isBefore(now) ? now : q.orderedAt();
            QuoteRequest again = (p.isDelivery() ? q.withOrderedAt(from) : q).withPromise(q.site(), null, q.startAt(), null);
            var answer = validation.check(again, ownHolds(p)).response();
            return answer.recommended() == null ? null : json.writeValueAsString(answer.recommended());
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.debugf("no fresh recommendation for %s: %s", p.id(), e.getMessage());
            return null;
        }
    }

}
