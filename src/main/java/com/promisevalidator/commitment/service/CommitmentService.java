package com.promisevalidator.commitment.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.promisevalidator.common.Minutes;
import com.promisevalidator.capacity.model.Site;
import com.promisevalidator.capacity.service.CapacityService;
import com.promisevalidator.commitment.model.CommitRequest;
import com.promisevalidator.commitment.model.OutcomeRequest;
import com.promisevalidator.commitment.model.PromiseStatus;
import com.promisevalidator.commitment.model.PromiseView;
import com.promisevalidator.common.Caller;
import com.promisevalidator.common.FieldError;
import com.promisevalidator.common.Limits;
import com.promisevalidator.common.Problem;
import com.promisevalidator.common.ProblemException;
import com.promisevalidator.common.PromiseConfig;
import com.promisevalidator.common.PromiseEvent;
import com.promisevalidator.db.ChangeLog;
import com.promisevalidator.db.DataAccessException;
import com.promisevalidator.db.Database;
import com.promisevalidator.history.model.HistoryRow;
import com.promisevalidator.history.service.HistoryService;
import com.promisevalidator.performance.model.Observation;
import com.promisevalidator.performance.service.MasteryService;
import com.promisevalidator.performance.service.PerformanceStats;
import com.promisevalidator.validation.facts.DeliveryPlan;
import com.promisevalidator.validation.facts.ServicePlan;
import com.promisevalidator.validation.model.QuoteRequest;
import com.promisevalidator.validation.model.ValidationResponse;
import com.promisevalidator.validation.service.DecisionLog;
import com.promisevalidator.validation.service.ValidationService;

/**
 * Commitments: a committed promise consumes capacity exactly once (stock, a day's order capacity, a
 * bay slot), in one transaction with the promise row, its effect on the statistics and the
 * idempotency record. Cancelling gives back exactly what it held; an outcome closes it as KEPT or
 * BROKEN and teaches the statistics at once.
 */
@Singleton
public class CommitmentService {

    private static final Logger LOG = Logger.getLogger(CommitmentService.class);
    private static final int MAX_ATTEMPTS = 6;

    /** An HTTP answer: status, JSON body, content type, and the promise it concerns. */
    public record Answer(int status, String body, String contentType, String promiseId) {
    }

    private final Database db;
    private final CapacityService capacity;
    private final PerformanceStats stats;
    private final ValidationService validation;
    private final DecisionLog decisions;
    private final IdempotencyStore idempotency;
    private final HistoryService history;
    private final PromiseConfig config;
    private final ObjectMapper json;
    private final ObjectMapper canonical;
    private final Clock clock;
    private final ChangeLog changes;
    private final MasteryService mastery;
    private final Caller caller;

    public CommitmentService(Database db, CapacityService capacity, PerformanceStats stats, ValidationService validation,
                             DecisionLog decisions, IdempotencyStore idempotency, HistoryService history, PromiseConfig config,
                             ObjectMapper json, Clock clock, ChangeLog changes, MasteryService mastery, Caller caller) {
        this.caller = caller;
        this.mastery = mastery;
        this.changes = changes;
        this.db = db;
        this.capacity = capacity;
        this.stats = stats;
        this.validation = validation;
        this.decisions = decisions;
        this.idempotency = idempotency;
        this.history = history;
        this.config = config;
        this.json = json;
        this.canonical = json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        this.clock = clock;
    }

    // ---- commit -------------------------------------------------------------------------------

    /** POST /api/v1/promises. */
    public Answer commit(String idempotencyKey, String body) throws JsonProcessingException {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw ProblemException.badRequest("Idempotency-Key", "the Idempotency-Key header is required (any unique string per commit, e.g. a UUID)");
        }
        if (idempotencyKey.length() > Limits.IDEMPOTENCY_KEY) {
            throw ProblemException.badRequest("Idempotency-Key", "is longer than " + Limits.IDEMPOTENCY_KEY + " characters");
        }
        if (body == null || body.isBlank()) throw ProblemException.badRequest("body", "a JSON body is required");
        CommitRequest req = json.readValue(body, CommitRequest.class);
        if (req == null) throw ProblemException.badRequest("body", "a JSON body is required");
        checkShape(req);
        Instant now = clock.instant();
        IdempotencyStore.Stored stored = idempotency.claim(idempotencyKey, hash(body), now);
        if (stored != null) {
            return new Answer(stored.status(), stored.body(), stored.status() >= 400 ? Problem.MEDIA_TYPE : "application/json", null);
        }
        try {
            return commitClaimed(idempotencyKey, req);
        } catch (CapacityGone gone) {
            String problem = json.writeValueAsString(gone.problem);
            idempotency.complete(idempotencyKey, 409, problem); // the same key replays the same refusal
            return new Answer(409, problem, Problem.MEDIA_TYPE, null);
        } catch (RuntimeException e) {
            idempotency.abandon(idempotencyKey); // nothing was done: a retry with the key runs again
            throw e;
        }
    }

    private void checkShape(CommitRequest req) {
        List<FieldError> errors = new ArrayList<>();
        if (req.decisionId() == null && req.quote() == null) {
            errors.add(new FieldError("decisionId", "either decisionId or quote is required"));
        }
        if (req.decisionId() != null && req.quote() != null) {
            errors.add(new FieldError("quote", "give either decisionId or quote, not both"));
        }
        if (req.promisedMinutes() != null && (req.promisedMinutes() <= 0 || req.promisedMinutes() > Limits.MAX_PROMISED_MINUTES)) {
            errors.add(new FieldError("promisedMinutes", "must be more than 0 and at most " + Limits.MAX_PROMISED_MINUTES));
        }
        Limits.text(errors, "decisionId", req.decisionId(), Limits.ID);
        Limits.text(errors, "site", req.site(), Limits.CODE);
        if (!Limits.dateInRange(req.promisedBy())) errors.add(new FieldError("promisedBy", Limits.dateRangeMessage()));
        if (req.startAt() != null && !Limits.dateInRange(req.startAt().toLocalDate())) errors.add(new FieldError("startAt", Limits.dateRangeMessage()));
        if (req.quote() != null) errors.addAll(validation.fieldErrors(req.quote(), "quote."));
        if (!errors.isEmpty()) throw ProblemException.badRequest("The commit has " + errors.size() + " invalid field(s)", errors);
    }

    private Answer commitClaimed(String key, CommitRequest req) throws JsonProcessingException {
        QuoteRequest quote;
        String decisionId = req.decisionId();
        if (decisionId != null) {
            DecisionLog.Decision d = decisions.find(decisionId)
                    .orElseThrow(() -> ProblemException.unknown("decisionId", "decision", decisionId));
            QuoteRequest asked = inCallersName(d.request());
            placedNow(asked, d.response().evaluatedAt());
            // the decision may come from another instance: its site into the view before the hold's answer is written
            capacity.findSite(d.request().site());
            if (d.response().recommended() != null) capacity.findSite(d.response().recommended().site());
            Answer held = commitHold(key, decisionId);
            if (held != null) return held;
            quote = chosen(asked, d.response(), req);
        } else {
            QuoteRequest asked = inCallersName(req.quote());
            placedNow(asked, null);
            quote = chosen(asked, null, req);
        }
        return book(quote, decisionId, PromiseStatus.OPEN, key);
    }

    /** A rep key commits in its own name only (403 for another rep's quote); a quote without a rep takes the key's name. */
    private QuoteRequest inCallersName(QuoteRequest q) {
        String rep = caller.repFor(q.rep());
        return java.util.Objects.equals(rep, q.rep()) ? q : q.withRep(rep);
    }

    /** The quote with the promise to commit filled in. */
    private QuoteRequest chosen(QuoteRequest q, ValidationResponse answer, CommitRequest req) {
        boolean explicit = req.promisedBy() != null || req.startAt() != null || req.promisedMinutes() != null;
        if (answer != null && !explicit) {
            if (answer.recommended() == null) {
                throw ProblemException.unprocessable("Decision " + answer.decisionId() + " was REJECTED: there is no promise to commit", null);
            }
            return answered(q, answer);
        }
        return placed(q).withPromise(req.site() != null ? req.site() : q.site(),
                req.promisedBy() != null ? req.promisedBy() : q.promisedBy(),
                req.startAt() != null ? req.startAt() : q.startAt(),
                req.promisedMinutes() != null ? req.promisedMinutes() : q.promisedMinutes());
    }

    /** The promise an answer stands for: the asked one if it was APPROVED as asked, else the recommended one. */
    private QuoteRequest answered(QuoteRequest q, ValidationResponse answer) {
        var rec = answer.recommended();
        boolean asked = answer.verdict() == com.promisevalidator.validation.model.Verdict.APPROVED
                && (q.isDelivery() ? q.promisedBy() != null : q.promisedMinutes() != null && q.startAt() != null);
        return asked
                ? placed(q).withPromise(q.site() != null ? q.site() : rec.site(), q.promisedBy(), q.startAt(), q.promisedMinutes())
                : placed(q).withPromise(rec.site(), rec.promisedBy(), rec.startAt(), rec.promisedMinutes());
    }

    /**
     * Commits are for orders placed now: a quote whose orderedAt lies further in the past than
     * {@code promise.commit-backdate-minutes} is refused (validate still answers backdated quotes, for
     * replays). For a commit by decisionId "now" is when the quote was answered, as long as that is
     * within the hold time, so a customer who takes a few minutes to decide is not refused.
     */
    private void placedNow(QuoteRequest q, OffsetDateTime answeredAt) {
        String why = backdated(q, answeredAt);
        if (why != null) throw ProblemException.unprocessable(why, List.of(new FieldError("orderedAt", why)));
    }

    /** Why the quote is too far backdated to book capacity for, or null. */
    private String backdated(QuoteRequest q, OffsetDateTime answeredAt) {
        if (q == null || q.orderedAt() == null) return null;
        Instant now = clock.instant();
        Instant reference = now;
        if (answeredAt != null) {
            Instant holdStart = now.minus(Duration.ofMinutes(config.holdMinutes()));
            reference = answeredAt.toInstant().isAfter(holdStart) ? answeredAt.toInstant() : holdStart;
            if (reference.isAfter(now)) reference = now;
        }
        Instant earliest = reference.minus(Duration.ofMinutes(config.commitBackdateMinutes()));
        if (!q.orderedAt().toInstant().isBefore(earliest)) return null;
        return "orderedAt " + q.orderedAt() + " lies in the past (now is " + now + "): commits are for orders placed now, at most "
                + config.commitBackdateMinutes() + " minutes back; leave orderedAt out to commit at the current time. "
                + "Validation still answers backdated quotes.";
    }

    /** The order is placed now unless the quote says when (backdated quotes and replays). */
    private QuoteRequest placed(QuoteRequest q) {
        return q.orderedAt() != null ? q : q.withOrderedAt(OffsetDateTime.now(clock));
    }

    /**
     * Re-checks a chosen promise and books its capacity; throws CapacityGone (with a fresh
     * recommendation) when the capacity it needs is gone.
     */
    private Answer book(QuoteRequest q, String decisionId, PromiseStatus status, String key) throws JsonProcessingException {
        if (q.isDelivery() && q.promisedBy() == null || q.isService() && (q.startAt() == null || q.promisedMinutes() == null)) {
            // a full quote without its promise: take the recommended one
            ValidationService.Check best = validation.check(q);
            if (best.response().recommended() == null) throw gone(q, "nothing is feasible for this quote within the planning horizon");
            var rec = best.response().recommended();
            q = q.withPromise(rec.site(), rec.promisedBy(), rec.startAt(), rec.promisedMinutes());
        }
        if (q.site() == null) throw ProblemException.badRequest("site", "is required to commit (or commit by decisionId)");
        ValidationService.Check check = validation.check(q);
        PromiseRow row = plannedRow(q, check, decisionId, status);
        String view = json.writeValueAsString(view(row));
        int attempt = 0;
        while (true) {
            try {
                List<Observation> obs = new ArrayList<>();
                db.inTransaction(c -> {
                    consume(c, row);
                    PromiseRepository.insert(c, row);
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
                return new Answer(201, view, "application/json", row.id());
            } catch (RefusedException r) {
                refreshCapacity(row);
                throw gone(q, r.getMessage());
            } catch (DataAccessException e) {
                if (!(e.isTransient() || IdempotencyStore.isDuplicate(e)) || ++attempt >= MAX_ATTEMPTS) {
                    if (e.isTransient() || IdempotencyStore.isDuplicate(e)) {
                        throw new ProblemException(503, "Busy", "Too many concurrent commits on the same capacity; retry shortly.", null, null);
                    }
                    throw e;
                }
                backoff(attempt);
            }
        }
    }

    /** The promise row a checked quote would become; refuses (409) when the plan is not feasible. */
    private PromiseRow plannedRow(QuoteRequest q, ValidationService.Check check, String decisionId, PromiseStatus status)
            throws JsonProcessingException {
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        Instant holdUntil = status == PromiseStatus.HELD ? now.plus(Duration.ofMinutes(config.holdMinutes())) : null;
        String request = json.writeValueAsString(q);
        if (q.isDelivery()) {
            DeliveryPlan p = check.delivery();
            if (p == null || !p.isFeasible() || !p.isEstimated()) {
                throw gone(q, q.site() + " cannot deliver this order within the planning horizon any more");
            }
            List<PromiseRow.Line> lines = q.lines() == null ? List.of()
                    : q.lines().stream().map(l -> new PromiseRow.Line(l.sku(), l.quantity()))
                    .sorted(Comparator.comparing(PromiseRow.Line::sku)).toList();
            LocalDate release = p.getCalendar().releaseDay(p.getOrderedAt());
            return new PromiseRow(id, status, "DELIVERY", decisionId, q.quoteId(), q.rep(), q.customer(), q.site(), q.region(), null,
                    p.getOrderedAt(), release, p.getDispatch(), q.promisedBy(), null, null, null, p.getTarget(),
                    round(p.getConfidenceAsked()), round(p.getConfidenceAsked()), null, null, now, holdUntil, null, null, request, now, now,
                    lines);
        }
        ServicePlan p = check.service();
        if (p == null || !p.isFeasible() || p.getMinutes() <= 0) {
            throw gone(q, q.site() + " has no bay for " + q.serviceType() + " within the planning horizon");
        }
        if (p.isMoved()) throw gone(q, "no bay is free at " + q.startAt() + " any more");
        int booked = Math.max(p.getMinutes(), Minutes.ceil(q.promisedMinutes())); // bays are held in whole minutes, rounded up
        return new PromiseRow(id, status, "SERVICE", decisionId, q.quoteId(), q.rep(), q.customer(), q.site(), null, q.serviceType(),
                q.orderedAt().toInstant(), null, null, null, q.startAt().toInstant(), q.promisedMinutes(), booked, p.getTarget(),
                round(p.getConfidenceAsked()), round(p.getConfidenceAsked()), null, null, now, holdUntil, null, null, request, now, now,
                List.of());
    }

    /** Takes what the promise needs, in a fixed order (SKUs sorted, then the day, then the bay). */
    private void consume(Connection c, PromiseRow row) throws SQLException {
        try {
            if (row.isDelivery()) {
                for (PromiseRow.Line l : row.lines()) CapacityLedger.reserveStock(c, row.site(), l.sku(), l.quantity(), row.dispatchDay());
                // the limit as committed, not as this instance's view has it: another instance may have just changed it
                CapacityLedger.bookDay(c, row.site(), row.dispatchDay(), CapacityLedger.dailyLimit(c, row.site()));
            } else {
                CapacityLedger.bookBay(c, row.site(), row.serviceType(), row.startAt(),
                        row.startAt().plus(Duration.ofMinutes(row.bookedMinutes())), row.id());
            }
        } catch (CapacityLedger.Refused r) {
            throw new RefusedException(r.getMessage());
        }
    }

    /** Gives back what a promise holds. {@code shipped}: its goods left the shelf (a delivery outcome). */
    private void release(Connection c, PromiseRow row, boolean shipped, boolean freeDay) throws SQLException {
        if (row.isDelivery()) {
            for (PromiseRow.Line l : row.lines()) CapacityLedger.releaseStock(c, row.site(), l.sku(), l.quantity(), shipped);
            if (freeDay && CapacityLedger.dailyLimit(c, row.site()) != null) { // as committed, like bookDay
                CapacityLedger.releaseDay(c, row.site(), row.dispatchDay());
            }
        } else if (freeDay) {
            CapacityLedger.releaseBay(c, row.id());
        }
    }

    private void afterChange(PromiseRow row, List<Observation> obs) {
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
    private static List<String> capacityChanges(PromiseRow row) {
        List<String> scopes = new ArrayList<>();
        if (row.isDelivery()) {
            for (PromiseRow.Line l : row.lines()) scopes.add(CapacityService.stockChange(row.site(), l.sku()));
            scopes.add(CapacityService.dayLoadChange(row.site()));
        } else {
            scopes.add(CapacityService.bookingsChange(row.site(), row.serviceType()));
        }
        return scopes;
    }

    /** A 409 carrying the promise that would hold now (also logged, so it can be committed by decisionId). */
    private CapacityGone gone(QuoteRequest q, String why) {
        QuoteRequest fresh = q.withPromise(q.site(), null, q.startAt(), null);
        Map<String, Object> extra = new LinkedHashMap<>();
        try {
            ValidationResponse r = validation.check(fresh).response();
            decisions.record(com.promisevalidator.validation.model.DecisionKind.COMMIT_RECHECK, fresh, r, null);
            extra.put("decisionId", r.decisionId());
            extra.put("recommended", r.recommended());
            extra.put("alternatives", r.alternatives());
            extra.put("reasons", r.reasons()); // why, with stable codes (e.g. NO_FREE_BAY, DAY_FULL)
        } catch (ProblemException e) {
            LOG.debugf("no fresh recommendation: %s", e.getMessage());
        }
        return new CapacityGone(new Problem("Capacity gone", 409, "The promise cannot be committed: " + why + ".", "/api/v1/promises",
                null, extra));
    }

    // ---- holds --------------------------------------------------------------------------------

    /** Holds the capacity of an answer's recommended promise for a while (validate with "hold": true). */
    public ValidationResponse hold(QuoteRequest q, ValidationResponse answer) {
        if (answer.recommended() == null) {
            return answer.withHold(new ValidationResponse.Hold(null, null, "NOT_HELD", "nothing feasible to hold"));
        }
        String backdated = backdated(q, null);
        if (backdated != null) return answer.withHold(new ValidationResponse.Hold(null, null, "NOT_HELD", backdated));
        try {
            Answer a = book(answered(q, answer), answer.decisionId(), PromiseStatus.HELD, null);
            PromiseView v = json.readValue(a.body(), PromiseView.class);
            return answer.withHold(new ValidationResponse.Hold(a.promiseId(), v.holdExpiresAt(), "HELD", null));
        } catch (CapacityGone g) {
            return answer.withHold(new ValidationResponse.Hold(null, null, "NOT_HELD", g.problem.detail));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Commit by decisionId of an answer whose capacity is held: the hold becomes the promise. Null when there is no live hold. */
    private Answer commitHold(String key, String decisionId) throws JsonProcessingException {
        Instant now = clock.instant();
        List<Observation> obs = new ArrayList<>();
        PromiseRow[] converted = new PromiseRow[1];
        String[] expired = new String[1];
        String[] body = new String[1];
        db.inTransaction(c -> {
            PromiseRow held = PromiseRepository.findHeldByDecision(c, decisionId);
            if (held == null) return null;
            if (held.holdExpiresAt() != null && held.holdExpiresAt().isBefore(now)) {
                expired[0] = held.id(); // its time is up: give its capacity back before booking afresh
                return null;
            }
            PromiseRepository.commitHold(c, held.id(), now);
            PromiseRow open = PromiseRepository.find(c, held.id(), false);
            if (open.isDelivery()) {
                obs.add(Observation.open(open.site(), open.region(), open.releaseDay()));
                stats.persist(c, obs);
                changes.record(c, ChangeLog.Kind.STATS);
            }
            try {
                body[0] = json.writeValueAsString(view(open));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            idempotency.complete(c, key, 201, body[0], open.id());
            converted[0] = open;
            return null;
        });
        if (expired[0] != null) close(expired[0], List.of(PromiseStatus.HELD), PromiseStatus.EXPIRED);
        if (converted[0] == null) return null;
        stats.apply(obs);
        return new Answer(201, body[0], "application/json", converted[0].id());
    }

    /** Releases holds whose time is up; returns how many. */
    public int expireHolds() {
        List<PromiseRow> expired = db.query(c -> PromiseRepository.expiredHolds(c, clock.instant(), 200));
        int n = 0;
        for (PromiseRow p : expired) {
            if (close(p.id(), List.of(PromiseStatus.HELD), PromiseStatus.EXPIRED) != null) n++;
        }
        return n;
    }

    // ---- cancel, outcome, reads ---------------------------------------------------------------

    /** DELETE /api/v1/promises/{id}: releases exactly what it held. */
    public PromiseView cancel(String id) {
        caller.requireOwn(requireRow(id).rep(), "Promise " + id);
        PromiseRow p = close(id, List.of(PromiseStatus.HELD, PromiseStatus.OPEN, PromiseStatus.AT_RISK), PromiseStatus.CANCELLED);
        if (p == null) {
            PromiseRow current = requireRow(id);
            throw new ProblemException(409, "Conflict", "Promise " + id + " is " + current.status() + "; only a held or open promise can be cancelled",
                    null, Map.of("promiseStatus", current.status()));
        }
        return get(id);
    }

    private PromiseRow close(String id, List<PromiseStatus> from, PromiseStatus to) {
        List<Observation> obs = new ArrayList<>();
        PromiseRow row = db.inTransaction(c -> {
            PromiseRow p = PromiseRepository.find(c, id, true);
            if (p == null || !from.contains(p.status())) return null;
            release(c, p, false, true);
            PromiseRepository.transition(c, id, from, to, clock.instant());
            PromiseEvent.fire(c, id, to.name(), clock.instant(), () -> view(PromiseRepository.find(c, id, false))); // webhooks' outbox, same transaction
            changes.record(c, ChangeLog.Kind.CAPACITY, capacityChanges(p));
            if (p.isDelivery() && p.status().isCommitted()) {
                obs.add(Observation.closed(p.site(), p.region(), p.releaseDay()));
                stats.persist(c, obs);
                changes.record(c, ChangeLog.Kind.STATS);
            }
            return p;
        });
        if (row != null) afterChange(row, obs);
        return row;
    }

    /** POST /api/v1/promises/{id}/outcome: KEPT or BROKEN, and the statistics learn from it at once. */
    public PromiseView outcome(String id, OutcomeRequest req) {
        if (req == null) throw ProblemException.badRequest("body", "a JSON body with completedAt or actualMinutes is required");
        List<Observation> obs = new ArrayList<>();
        List<Map<String, double[]>> repRecords = new ArrayList<>(1);
        PromiseRow row = db.inTransaction(c -> {
            PromiseRow p = PromiseRepository.find(c, id, true);
            if (p == null) throw ProblemException.notFound("Promise " + id + " does not exist");
            if (!p.status().isCommitted()) {
                String what = p.status() == PromiseStatus.HELD ? "only held, not committed" : "already " + p.status();
                throw new ProblemException(409, "Conflict", "Promise " + id + " is " + what + "; no outcome can be recorded",
                        null, Map.of("promiseStatus", p.status()));
            }
            Instant now = clock.instant();
            HistoryRow h;
            PromiseStatus result;
            if (p.isDelivery()) {
                if (req.completedAt() == null) throw ProblemException.badRequest("completedAt", "is required for a delivery");
                ZoneId zone = capacity.site(c, p.site()).timeZone();
                plausible(new HistoryRow(HistoryRow.Kind.DELIVERY, p.id(), p.site(), p.region(), null, p.rep(),
                        p.orderedAt().atZone(zone).toOffsetDateTime(), p.promisedBy(), req.completedAt(), null, null, null), now);
                LocalDate delivered = req.completedAt().atZoneSameInstant(zone).toLocalDate();
                result = delivered.isAfter(p.promisedBy()) ? PromiseStatus.BROKEN : PromiseStatus.KEPT;
                release(c, p, true, false);
                PromiseRepository.recordOutcome(c, id, result, req.completedAt().toInstant(), null, now);
                int lead = (int) Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(p.releaseDay(), delivered));
                obs.add(Observation.closed(p.site(), p.region(), p.releaseDay()));
                obs.add(Observation.outcome(Observation.Kind.DELIVERY, p.site(), p.region(), lead, delivered));
                h = new HistoryRow(HistoryRow.Kind.DELIVERY, p.id(), p.site(), p.region(), null, p.rep(),
                        p.orderedAt().atZone(zone).toOffsetDateTime(), p.promisedBy(), req.completedAt(), null, null,
                        p.lines().stream().mapToInt(PromiseRow.Line::quantity).sum());
            } else {
                if (req.actualMinutes() == null) throw ProblemException.badRequest("actualMinutes", "is required for a service");
                if (!(req.actualMinutes() >= 0)) throw ProblemException.badRequest("actualMinutes", "must not be negative");
                Double actual = Minutes.normalise(req.actualMinutes());
                ZoneId zone = capacity.site(c, p.site()).timeZone();
                OffsetDateTime start = p.startAt().atZone(zone).toOffsetDateTime();
                plausible(new HistoryRow(HistoryRow.Kind.SERVICE, p.id(), p.site(), null, p.serviceType(), p.rep(), start, null, null,
                        p.promisedMinutes(), actual, null), now);
                result = Minutes.within(actual, p.promisedMinutes()) ? PromiseStatus.KEPT : PromiseStatus.BROKEN;
                PromiseRepository.recordOutcome(c, id, result, null, actual, now);
                obs.add(Observation.serviceOutcome(p.site(), p.serviceType(), actual, start.toLocalDate()));
                h = new HistoryRow(HistoryRow.Kind.SERVICE, p.id(), p.site(), null, p.serviceType(), p.rep(), start, null, null,
                        p.promisedMinutes(), actual, null);
            }
            // the promise is KEPT or BROKEN either way; an outcome far outside its key's spread stays out of the statistics until confirmed
            Observation outcome = obs.get(obs.size() - 1);
            String outlier = stats.outliers(List.of(outcome)).get(0);
            if (outlier != null) obs.remove(outcome);
            repRecords.add(history.insertInTransaction(c, List.of(h), outlier == null ? Map.of() : Map.of(h.reference(), outlier)));
            stats.persist(c, obs);
            changes.record(c, ChangeLog.Kind.CAPACITY, capacityChanges(p));
            changes.record(c, ChangeLog.Kind.STATS);
            PromiseEvent.fire(c, id, result.name(), now, () -> view(PromiseRepository.find(c, id, false))); // webhooks' outbox, same transaction
            return p;
        });
        afterChange(row, obs);
        repRecords.forEach(mastery::apply);
        return get(id);
    }

    /** Refuses (400, naming the field) an outcome that cannot have happened: in the future, before the order, or implausibly long. */
    private void plausible(HistoryRow outcome, Instant now) {
        List<FieldError> errors = history.sanity(outcome, now);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The outcome cannot be recorded: " + errors.get(0).field() + " " + errors.get(0).message(), errors);
        }
    }

    /** One promise; a rep key sees only its own (403). */
    public PromiseView get(String id) {
        PromiseRow p = requireRow(id);
        caller.requireOwn(p.rep(), "Promise " + id);
        capacity.findSite(p.site()); // a site another instance created: its time zone, not UTC
        return view(p);
    }

    /** Promises, newest first; a rep key lists only its own. */
    public List<PromiseView> list(PromiseStatus status, int limit, int offset) {
        String rep = caller.restrictedRep();
        List<PromiseRow> rows = db.query(c -> PromiseRepository.list(c, status, rep, limit, offset));
        rows.stream().map(PromiseRow::site).distinct().forEach(capacity::findSite);
        return rows.stream().map(this::view).toList();
    }

    private PromiseRow requireRow(String id) {
        PromiseRow p = db.query(c -> PromiseRepository.find(c, id, false));
        if (p == null) throw ProblemException.notFound("Promise " + id + " does not exist");
        return p;
    }

    PromiseView view(PromiseRow p) {
        ZoneId zone = capacity.site(p.site()) == null ? ZoneId.of("UTC") : capacity.site(p.site()).timeZone();
        List<Map<String, Object>> stock = p.lines().isEmpty() ? null
                : p.lines().stream().map(l -> Map.<String, Object>of("sku", l.sku(), "quantity", l.quantity())).toList();
        PromiseView.Holds holds = p.isDelivery()
                ? new PromiseView.Holds(stock, p.dispatchDay(), null, null)
                : new PromiseView.Holds(null, null, at(p.startAt(), zone), at(p.startAt().plus(Duration.ofMinutes(p.bookedMinutes())), zone));
        PromiseView.Risk risk = p.status() == PromiseStatus.AT_RISK ? risk(p, zone) : null;
        return new PromiseView(p.id(), p.status(), p.kind(), p.decisionId(), p.quoteId(), p.rep(), p.customer(), p.site(), p.region(),
                p.serviceType(), at(p.orderedAt(), zone), p.promisedBy(), at(p.startAt(), zone), p.promisedMinutes(), p.target(),
                p.confidence(), p.currentConfidence(), risk, holds, at(p.holdExpiresAt(), zone), at(p.completedAt(), zone),
                p.actualMinutes(), at(p.createdAt(), zone), at(p.updatedAt(), zone));
    }

    /** risk_reason holds {"code","message","evidence"} (see AtRiskMonitor); older rows hold the plain sentence. */
    private PromiseView.Risk risk(PromiseRow p, ZoneId zone) {
        Object recommended = readJson(p.riskRecommended());
        String text = p.riskReason();
        if (text != null && text.startsWith("{")) {
            try {
                AtRiskMonitor.RiskReason r = json.readValue(text, AtRiskMonitor.RiskReason.class);
                return new PromiseView.Risk(r.code(), r.message(), r.evidence(), recommended, at(p.checkedAt(), zone));
            } catch (JsonProcessingException e) {
                LOG.debugf("unreadable risk reason of %s: %s", p.id(), e.getMessage());
            }
        }
        return new PromiseView.Risk(null, text, null, recommended, at(p.checkedAt(), zone));
    }

    private Object readJson(String s) {
        if (s == null) return null;
        try {
            return json.readTree(s);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static OffsetDateTime at(Instant t, ZoneId zone) {
        return t == null ? null : t.atZone(zone).toOffsetDateTime();
    }

    private String hash(String body) {
        try {
            // same JSON, any key order or spacing: read into maps, written with their keys sorted
            String normal = canonical.writeValueAsString(canonical.readValue(body, Object.class));
            byte[] d = MessageDigest.getInstance("SHA-256").digest(normal.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
        final Problem problem;

        CapacityGone(Problem problem) {
            super(problem.detail, null, false, false);
            this.problem = problem;
        }
    }
}
