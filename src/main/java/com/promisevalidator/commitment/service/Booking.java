package com.promisevalidator.commitment.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.promisevalidator.capacity.service.CapacityService;
import com.promisevalidator.commitment.model.PromiseStatus;
import com.promisevalidator.commitment.model.PromiseStatusChanged;
import com.promisevalidator.commitment.model.PromiseView;
import com.promisevalidator.common.Problem;
import com.promisevalidator.common.ProblemException;
import com.promisevalidator.common.PromiseConfig;
import com.promisevalidator.db.ChangeLog;
import com.promisevalidator.db.DataAccessException;
import com.promisevalidator.db.Database;
import com.promisevalidator.db.DbKind;
import com.promisevalidator.performance.model.Observation;
import com.promisevalidator.performance.service.PerformanceStats;
import com.promisevalidator.validation.facts.BaySchedule;
import com.promisevalidator.validation.facts.DeliveryPlan;
import com.promisevalidator.validation.facts.ServicePlan;
import com.promisevalidator.validation.model.DecisionKind;
import com.promisevalidator.validation.model.QuoteRequest;
import com.promisevalidator.validation.model.ValidationResponse;
import com.promisevalidator.validation.service.DecisionLog;
import com.promisevalidator.validation.service.ValidationService;

/**
 * Capacity taken and given back: a booked promise consumes its capacity exactly once (stock, a day's
 * order capacity, a bay slot), in one transaction with the promise row, its effect on the statistics
 * and the idempotency record, retried when concurrent bookings collide; closing a promise gives back
 * exactly what it held.
 */
@Singleton
public class Booking {

    private static final Logger LOG = Logger.getLogger(Booking.class);
    private static final int MAX_ATTEMPTS = 6;
    /** Plans made again after the capacity planned on was taken by a concurrent commit, before answering 409. */
    private static final int MAX_REPLANS = 8;

    private final Database db;
    private final CapacityService capacity;
    private final PerformanceStats stats;
    private final ValidationService validation;
    private final DecisionLog decisions;
    private final IdempotencyStore idempotency;
    private final PromiseConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final ChangeLog changes;
    private final PromiseViews views;
    private final PromiseStatusChanges statusChanges;

    public Booking(Database db, CapacityService capacity, PerformanceStats stats, ValidationService validation, DecisionLog decisions,
                   IdempotencyStore idempotency, PromiseConfig config, ObjectMapper json, Clock clock, ChangeLog changes,
                   PromiseViews views, PromiseStatusChanges statusChanges) {
        this.db = db;
        this.capacity = capacity;
        this.stats = stats;
        this.validation = validation;
        this.decisions = decisions;
        this.idempotency = idempotency;
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.changes = changes;
        this.views = views;
        this.statusChanges = statusChanges;
    }

    /** A booked promise as the API shows it, and as JSON (the 201's body, also kept with the idempotency key). */
    record Booked(PromiseView view, String json) {

        CommitAnswer answer() {
            return new CommitAnswer(201, json, "application/json", view.promiseId());
        }
    }

    /**
     * Re-checks a chosen promise and books its capacity as a promise in {@code status} (OPEN or HELD);
     * {@code key}, when given, is answered in the same transaction. Throws CapacityGone (with a fresh
     * recommendation) when the capacity it needs is gone.
     */
    Booked book(QuoteRequest q, String decisionId, PromiseStatus status, String key) throws JsonProcessingException {
        return book(q, decisionId, status, key, null, null, null);
    }

    /** A hold ({@link #book} as HELD) of the key {@code bound} names, within its bound (null: none); throws HoldBound.Reached. */
    Booked hold(QuoteRequest q, String decisionId, HoldBound bound) throws JsonProcessingException {
        return book(q, decisionId, PromiseStatus.HELD, null, null, null, bound);
    }

    /**
     * As {@link #book(QuoteRequest, String, PromiseStatus, String)}; {@code answeredChance}, when given, is the chance the
     * decision's answer gave this promise: a delivery whose chance has since fallen below that and below the target (its
     * stock or dispatch day was taken in between) is capacity gone, not a promise booked at a lower chance. {@code decidedTarget},
     * when given, is the target confidence the decision was answered at: the promise keeps it, whatever target the rules of
     * the instance committing it (another replica, mid roll-out) have now.
     */
    Booked book(QuoteRequest q, String decisionId, PromiseStatus status, String key, Double answeredChance, Double decidedTarget)
            throws JsonProcessingException {
        return book(q, decisionId, status, key, answeredChance, decidedTarget, null);
    }

    private Booked book(QuoteRequest q, String decisionId, PromiseStatus status, String key, Double answeredChance, Double decidedTarget,
                        HoldBound bound) throws JsonProcessingException {
        q = withRecommendedIfUnchosen(q);
        if (q.site() == null) {
            // by decisionId the body already names the decision: what is missing is the site of the promise it names
            throw ProblemException.badRequest("site", decisionId != null
                    ? "is required to name a promise of this answer: the validated quote named no site, so give the site with "
                      + "promisedBy (or send the decisionId alone to commit the answer's recommended promise)"
                    : "is required to commit (or commit by decisionId)");
        }
        PromiseRow planned = plannedOrCommitted(q, decisionId, status, answeredChance, decidedTarget);
        int attempt = 0, replans = 0;
        while (true) {
            java.util.concurrent.locks.Lock one = decisionId == null ? null : DECISIONS[Math.floorMod(decisionId.hashCode(), DECISIONS.length)];
            if (one != null) one.lock();
            PromiseRow row = planned;
            PromiseView shown = views.view(row);
            String view = json.writeValueAsString(shown);
            try {
                List<Observation> obs = new ArrayList<>();
                List<PromiseStatusChanged> made = new ArrayList<>(1);
                db.inTransaction(c -> {
                    if (decisionId != null) oneCommitPerDecision(c, decisionId);
                    if (bound != null) bound.admit(c, db.kind(), row.createdAt()); // before any capacity is taken
                    consume(c, row);
                    PromiseRepository.insert(c, row);
                    if (bound != null) bound.own(c, row.id());
                    statusChanges.record(c, made, row.id(), null, status, row.createdAt());
                    changes.record(c, ChangeLog.Kind.CAPACITY, capacityChanges(row));
                    if (status == PromiseStatus.OPEN && row.isDelivery()) {
                        obs.add(Observation.open(row.site(), row.region(), row.releaseDay()));
                        stats.persist(c, obs);
                        changes.record(c, ChangeLog.Kind.STATS);
                    }
                    if (key != null) idempotency.complete(c, key, 201, view, row.id());
                    return null;
                });
                afterChange(row, obs);
                statusChanges.announce(made);
                return new Booked(shown, view);
            } catch (RefusedException r) {
                refreshCapacity(row);
                if (++replans > MAX_REPLANS) throw gone(q, r.getMessage());
                // the stock or day it planned on was just taken by another commit: plan again on what is left, which
                // refuses (409) only when the promise itself no longer holds
                planned = plannedOrCommitted(q, decisionId, status, answeredChance, decidedTarget);
            } catch (DataAccessException e) {
                boolean collided = e.isTransient() || IdempotencyStore.isDuplicate(e);
                if (!collided) throw e;
                if (++attempt >= MAX_ATTEMPTS) {
                    throw new ProblemException(503, "Busy", "Too many concurrent commits on the same capacity; retry shortly.", null, null);
                }
                backoff(attempt);
            } finally {
                if (one != null) one.unlock();
            }
        }
    }

    /**
     * Commits of one decision one at a time on this instance (H2 is one instance); PostgreSQL instances besides take
     * {@link #DECISION_LOCK} for the decision in the transaction. Striped: two decisions sharing a stripe only wait.
     */
    private static final java.util.concurrent.locks.Lock[] DECISIONS = new java.util.concurrent.locks.Lock[64];

    static {
        for (int i = 0; i < DECISIONS.length; i++) DECISIONS[i] = new java.util.concurrent.locks.ReentrantLock();
    }

    /** The class of PostgreSQL advisory locks taken per decision (the statistics lock is a single key of its own). */
    private static final int DECISION_LOCK = 0x50524f4d; // "PROM"

    /**
     * One decision commits once, also when its commits race (other Idempotency-Keys, other instances): with the decision
     * locked, a promise that already holds its capacity makes this one a 409 naming it, as a commit after it would get.
     */
    private void oneCommitPerDecision(Connection c, String decisionId) throws SQLException {
        if (db.kind() == DbKind.POSTGRESQL) {
            try (var ps = c.prepareStatement("select pg_advisory_xact_lock(?, ?)")) {
                ps.setInt(1, DECISION_LOCK);
                ps.setInt(2, decisionId.hashCode());
                ps.executeQuery().close();
            }
        }
        PromiseRow other = PromiseRepository.findActiveByDecision(c, decisionId);
        if (other != null) throw alreadyCommitted(decisionId, other);
    }

    /** The 409 of a decision committed before (or held: its hold becomes the promise by its decisionId alone). */
    static ProblemException alreadyCommitted(String decisionId, PromiseRow done) {
        return new ProblemException(409, "Conflict", "Decision " + decisionId + " was already committed as promise " + done.id()
                + " (" + done.status() + "); validate again for another order, or cancel that promise first.", null,
                Map.of("promiseId", done.id()));
    }

    /** A full quote without its promise (the older wrapper form): the recommended one. */
    private QuoteRequest withRecommendedIfUnchosen(QuoteRequest q) {
        boolean unchosen = q.isDelivery() && q.promisedBy() == null || q.isService() && (q.startAt() == null || q.promisedMinutes() == null);
        if (!unchosen) return q;
        ValidationService.Check best = validation.check(q);
        var rec = best.response().recommended();
        if (rec == null) throw gone(q, "nothing is feasible for this quote within the planning horizon");
        // what the quote chose stays chosen: 45 minutes asked without a start are booked as 45 at the first free slot, not
        // as the 30 recommended there (a slot the asked minutes do not fit is a 409 with what holds, as any commit's)
        return q.withPromise(rec.site(), rec.promisedBy(), q.startAt() != null ? q.startAt() : rec.startAt(),
                q.promisedMinutes() != null ? (Number) q.promisedMinutes() : rec.promisedMinutes()); // Number: no unboxing of a null
    }

    /**
     * {@link #plannedRow} of the quote checked now; when that refuses, and a commit of the same decision landed meanwhile
     * (its own promise can move the estimate this one is checked on), the answer is that commit's 409, as if this one had
     * come after it: a race of one decision's commits names the promise made, never "its chance fell".
     */
    private PromiseRow plannedOrCommitted(QuoteRequest q, String decisionId, PromiseStatus status, Double answeredChance,
                                          Double decidedTarget) throws JsonProcessingException {
        try {
            return plannedRow(q, validation.check(q), decisionId, status, answeredChance, decidedTarget);
        } catch (CapacityGone refused) {
            if (decisionId == null) throw refused;
            PromiseRow done = db.query(c -> PromiseRepository.findActiveByDecision(c, decisionId));
            if (done != null) throw alreadyCommitted(decisionId, done);
            throw refused;
        }
    }

    /** The promise row a checked quote would become; refuses (409) when the plan is not feasible. */
    private PromiseRow plannedRow(QuoteRequest q, ValidationService.Check check, String decisionId, PromiseStatus status,
                                  Double answeredChance, Double decidedTarget) throws JsonProcessingException {
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        Instant holdUntil = status == PromiseStatus.HELD ? now.plus(Duration.ofMinutes(config.holdMinutes())) : null;
        String request = json.writeValueAsString(q);
        if (q.isDelivery()) {
            DeliveryPlan p = check.delivery();
            if (p == null || !p.isFeasible() || !p.isEstimated()) {
                // "any more" only of a promise an answer offered: a quote body may never have been feasible (docs1 L2: a SKU the site
                // never stocked read "cannot … any more")
                throw gone(q, q.site() + " cannot deliver this order within the planning horizon" + (answeredChance != null ? " any more" : ""));
            }
            if (q.promisedBy() != null && q.promisedBy().isBefore(p.getDispatch())) { // due before it can leave: never kept
                throw gone(q, q.site() + " can dispatch this order on " + day(p.getDispatch()) + " at the earliest now, after the promised "
                        + day(q.promisedBy()));
            }
            double chance = round(p.getConfidenceAsked());
            if (chance <= 0 && answeredChance == null && q.promisedBy() != null) { // leaves in time, but no delivery ever came that fast
                // said of what the estimate rests on: a lane with no delivery on record has a plan, not a history; and titled by the
                // cause: a day taken meanwhile moved the dispatch, which is capacity gone, as a race for stock is (probes contract3
                // M4, multi M2); with the day it could always leave on, no delivery that fast is a promise that cannot be kept
                LocalDate moved = p.getMovedFrom();
                boolean dayTaken = moved != null && p.getCapacity().leftOn(moved) <= 0; // capacity.drl's DAY_FULL test (no limit: never full)
                throw gone(q, dayTaken ? CAPACITY_GONE : CANNOT_BE_KEPT, (dayTaken ? day(moved) + " is full, so " : "") + q.site() + " can dispatch this order on " + day(p.getDispatch()) + " at the earliest now, and "
                        + (p.getLeadTime().fromHistory() ? "no delivery to " + q.region() + " has ever arrived by " + day(q.promisedBy()) + " from such a day"
                        : "with no delivery to " + q.region() + " on record yet, its planned transit cannot bring it by " + day(q.promisedBy())));
            }
            double target = decidedTarget != null ? decidedTarget : p.getTarget();
            if (answeredChance != null && chance < Math.min(answeredChance, target) - CHANCE_SLACK) {
                throw gone(q, NO_LONGER_HOLDS, "its chance of being kept fell from " + percent(answeredChance) + " to " + percent(chance)
                        + " since it was answered (dispatch now on " + day(p.getDispatch()) + ")");
            }
            List<PromiseRow.Line> lines = q.lines() == null ? List.of()
                    : q.lines().stream().map(l -> new PromiseRow.Line(l.sku(), l.quantity()))
                    .sorted(Comparator.comparing(PromiseRow.Line::sku)).toList();
            LocalDate release = p.getCalendar().releaseDay(p.getOrderedAt());
            return new PromiseRow(id, status, "DELIVERY", decisionId, q.quoteId(), q.rep(), q.customer(), q.site(), q.region(), null,
                    p.getOrderedAt(), release, p.getDispatch(), q.promisedBy(), null, null, null, target,
                    round(p.getConfidenceAsked()), round(p.getConfidenceAsked()), null, null, now, holdUntil, null, null, request, now, now,
                    lines);
        }
        ServicePlan p = check.service();
        if (p == null || !p.isFeasible() || p.getMinutes() <= 0) {
            throw gone(q, q.site() + " has no bay for " + q.serviceType() + " within the planning horizon");
        }
        if (p.isMoved()) {
            BaySchedule bays = p.getSchedule();
            int minutes = p.getMinutesWanted(); // what this commit would hold: the same minutes validate judged the start with
            java.time.ZonedDateTime at = q.startAt().atZoneSameInstant(bays.getCalendar().site().timeZone());
            // the site's clock, labelled with its offset as the reasons do ("Sun Dec 6 12:15 (UTC-3)", probe P13 L4)
            String local = day(at.toLocalDate()) + " " + at.toLocalTime().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                    + " (" + com.promisevalidator.validation.wording.Wording.utc(at.getOffset()) + ")";
            // closed then, closing before the job ends and busy then are different answers: a rep tells the customer which
            boolean open = bays.isOpenFor(q.startAt().toInstant(), minutes, p.getMinutes());
            // the opening hours, not capacity taken meanwhile, refuse a start when the garage is closed: the title says which
            throw gone(q, open ? CAPACITY_GONE : CANNOT_BE_KEPT, open
                    ? "every bay is taken at " + local
                    : bays.isOpenAt(q.startAt().toInstant())
                    ? q.site() + " is open at " + local + ", but the " + minutes + "-minute job would end after it closes at "
                      + bays.closesText()
                    : q.site() + " is closed at " + local);
        }
        // as for a delivery: a bay is free, but no such job ever took as few minutes as promised (probe P6 M5: booked at 0 %)
        if (round(p.getConfidenceAsked()) <= 0 && answeredChance == null && q.promisedMinutes() != null) {
            String asked = com.promisevalidator.common.Minutes.decimal(q.promisedMinutes()).stripTrailingZeros().toPlainString();
            throw gone(q, CANNOT_BE_KEPT, "no " + q.serviceType() + " at " + q.site() + " has ever taken " + asked + " minutes or less");
        }
        int booked = p.getHeldMinutes(); // the minutes the plan found a bay for (whole minutes, rounded up): never past closing
        return new PromiseRow(id, status, "SERVICE", decisionId, q.quoteId(), q.rep(), q.customer(), q.site(), null, q.serviceType(),
                q.orderedAt().toInstant(), null, null, null, q.startAt().toInstant(), q.promisedMinutes(), booked,
                decidedTarget != null ? decidedTarget : p.getTarget(),
                round(p.getConfidenceAsked()), round(p.getConfidenceAsked()), null, null, now, holdUntil, null, null, request, now, now,
                List.of());
    }

    /**
     * Moves a promise from one of {@code from} to {@code to} (CANCELLED, EXPIRED), giving back what it
     * held; null when it was in none of them (lost a race, or already closed).
     */
    PromiseRow close(String id, List<PromiseStatus> from, PromiseStatus to) {
        List<Observation> obs = new ArrayList<>();
        List<PromiseStatusChanged> made = new ArrayList<>(1);
        PromiseRow row = db.inTransaction(c -> {
            PromiseRow p = PromiseRepository.find(c, id, true);
            if (p == null || !from.contains(p.status())) return null;
            release(c, p, false, true);
            Instant now = clock.instant();
            PromiseRepository.transition(c, id, from, to, now);
            statusChanges.record(c, made, id, p.status(), to, now);
            changes.record(c, ChangeLog.Kind.CAPACITY, capacityChanges(p));
            if (p.isDelivery() && p.status().isCommitted()) {
                obs.add(Observation.closed(p.site(), p.region(), p.releaseDay()));
                stats.persist(c, obs);
                changes.record(c, ChangeLog.Kind.STATS);
            }
            return p;
        });
        if (row != null) afterChange(row, obs);
        statusChanges.announce(made);
        return row;
    }

    /** Takes what the promise needs, in a fixed order (SKUs sorted, then the day, then the bay). */
    private void consume(Connection c, PromiseRow row) throws SQLException {
        try {
            if (row.isDelivery()) {
                for (PromiseRow.Line l : row.lines()) CapacityLedger.reserveStock(c, row.site(), l.sku(), l.quantity(), row.dispatchDay());
                // the limit as committed, not as this instance's view has it: another instance may have just changed it
                CapacityLedger.bookDay(c, row.site(), row.dispatchDay(), CapacityLedger.dailyLimit(c, row.site()));
            } else {
                CapacityLedger.bookBay(c, row.site(), row.serviceType(), row.startAt(), row.bookedUntil(), row.id());
            }
        } catch (CapacityLedger.Refused r) {
            throw new RefusedException(r.getMessage());
        }
    }

    /** Gives back what a promise holds. {@code shipped}: its goods left the shelf (a delivery outcome). */
    void release(Connection c, PromiseRow row, boolean shipped, boolean freeDay) throws SQLException {
        if (row.isDelivery()) {
            for (PromiseRow.Line l : row.lines()) CapacityLedger.releaseStock(c, row.site(), l.sku(), l.quantity(), shipped);
            if (freeDay && CapacityLedger.dailyLimit(c, row.site()) != null) { // as committed, like bookDay
                CapacityLedger.releaseDay(c, row.site(), row.dispatchDay());
            }
        } else if (freeDay) {
            CapacityLedger.releaseBay(c, row.id());
        }
    }

    /**
     * A service's outcome: the job is over, so its bay is free from when it ended (its start plus the actual minutes, or
     * now when that is earlier), not from the end it was booked for. The caller records the change (capacityChanges).
     */
    void finished(Connection c, PromiseRow row, Instant ended) throws SQLException {
        if (!row.isDelivery()) CapacityLedger.endBay(c, row.id(), ended);
    }

    /** After the commit: this instance's capacity view and statistics catch up. */
    void afterChange(PromiseRow row, List<Observation> obs) {
        refreshCapacity(row);
        stats.apply(obs);
    }

    private void refreshCapacity(PromiseRow row) {
        if (row.isDelivery()) {
            for (PromiseRow.Line l : row.lines()) capacity.refreshStock(row.site(), l.sku());
            capacity.refreshDayLoad(row.site());
        } else {
            capacity.refreshBookings(row.site(), row.serviceType());
        }
    }

    /** What a promise holds, as change-log scopes: other instances refresh just these rows (as refreshCapacity does here). */
    static List<String> capacityChanges(PromiseRow row) {
        List<String> scopes = new ArrayList<>();
        if (row.isDelivery()) {
            for (PromiseRow.Line l : row.lines()) scopes.add(CapacityService.stockChange(row.site(), l.sku()));
            scopes.add(CapacityService.dayLoadChange(row.site()));
        } else {
            scopes.add(CapacityService.bookingsChange(row.site(), row.serviceType()));
        }
        return scopes;
    }

    /**
     * A 409 carrying the promise that would hold now (also logged, so it can be committed by decisionId). A delivery keeps
     * its promised date: the asked site no longer keeps it, so the fresh answer also plans other sites that may (its
     * OTHER_SITE alternatives, as validate offers them), and recommends the asked site's earliest date all the same.
     */
    /** The 409's title: capacity taken meanwhile (the usual case), or a promise whose chance is not there, capacity or not. */
    private static final String CAPACITY_GONE = "Capacity gone", NO_LONGER_HOLDS = "Promise no longer holds",
            CANNOT_BE_KEPT = "Promise cannot be kept";

    /** A day as the reasons write it (Thu Dec 10; with the year when it is not this year's). */
    private String day(LocalDate d) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        return d.format(java.time.format.DateTimeFormatter.ofPattern(d.getYear() == today.getYear() ? "EEE MMM d" : "EEE MMM d, yyyy",
                java.util.Locale.ENGLISH));
    }

    private CapacityGone gone(QuoteRequest q, String why) {
        return gone(q, CAPACITY_GONE, why);
    }

    private CapacityGone gone(QuoteRequest q, String title, String why) {
        QuoteRequest fresh = q.withPromise(q.site(), q.isDelivery() ? q.promisedBy() : null, q.startAt(), null);
        Map<String, Object> extra = new LinkedHashMap<>();
        try {
            ValidationResponse r = validation.check(fresh).response();
            decisions.record(DecisionKind.COMMIT_RECHECK, fresh, r, null);
            extra.put("decisionId", r.decisionId());
            extra.put("recommended", r.recommended());
            extra.put("alternatives", r.alternatives());
            extra.put("reasons", r.reasons()); // why, with stable codes (e.g. NO_FREE_BAY, DAY_FULL)
        } catch (ProblemException e) {
            LOG.debugf("no fresh recommendation: %s", e.getMessage());
        }
        return new CapacityGone(new Problem(title, 409, "The promise cannot be committed: " + why + ".", "/api/v1/promises",
                null, extra));
    }

    /** How far a decision's chance may drift (other outcomes recorded meanwhile) before its commit is refused. */
    private static final double CHANCE_SLACK = 0.005;

    private static String percent(double p) {
        return Math.round(p * 1000) / 10.0 + "%";
    }

    private static double round(double p) {
        return Math.round(p * 10000) / 10000.0;
    }

    private static void backoff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L << Math.min(attempt, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Capacity taken by someone else between the check and the booking. */
    private static final class RefusedException extends RuntimeException {
        RefusedException(String message) {
            super(message, null, false, false);
        }
    }

    /** A 409 with its problem body. */
    static final class CapacityGone extends RuntimeException {
        final transient Problem problem;

        CapacityGone(Problem problem) {
            super(problem.detail, null, false, false);
            this.problem = problem;
        }
    }
}
