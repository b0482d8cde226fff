package com.promisevalidator.commitment.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import com.promisevalidator.capacity.service.CapacityService;
import com.promisevalidator.commitment.model.OutcomeRequest;
import com.promisevalidator.commitment.model.PromiseStatus;
import com.promisevalidator.commitment.model.PromiseStatusChanged;
import com.promisevalidator.commitment.model.PromiseView;
import com.promisevalidator.common.FieldError;
import com.promisevalidator.common.Minutes;
import com.promisevalidator.common.ProblemException;
import com.promisevalidator.db.ChangeLog;
import com.promisevalidator.db.Database;
import com.promisevalidator.history.model.HistoryRow;
import com.promisevalidator.history.service.HistoryService;
import com.promisevalidator.performance.model.Observation;
import com.promisevalidator.performance.service.MasteryService;
import com.promisevalidator.performance.service.PerformanceStats;

/**
 * Outcomes: a committed promise closes as KEPT or BROKEN, becomes a history row, and the statistics
 * and the rep's record learn from it at once (an outlier waits for confirmation before it counts).
 */
@Singleton
public class Outcomes {

    /** What one outcome's transaction did, for the steps after its commit. */
    private record Recorded(PromiseRow promise, List<Observation> observations, Map<String, double[]> repRecord,
                            List<PromiseStatusChanged> changes) {
    }

    private final Database db;
    private final CapacityService capacity;
    private final PerformanceStats stats;
    private final HistoryService history;
    private final MasteryService mastery;
    private final Booking booking;
    private final PromiseViews views;
    private final PromiseStatusChanges statusChanges;
    private final ChangeLog changes;
    private final Clock clock;

    public Outcomes(Database db, CapacityService capacity, PerformanceStats stats, HistoryService history, MasteryService mastery,
                    Booking booking, PromiseViews views, PromiseStatusChanges statusChanges, ChangeLog changes, Clock clock) {
        this.db = db;
        this.capacity = capacity;
        this.stats = stats;
        this.history = history;
        this.mastery = mastery;
        this.booking = booking;
        this.views = views;
        this.statusChanges = statusChanges;
        this.changes = changes;
        this.clock = clock;
    }

    /** POST /api/v1/promises/{id}/outcome: KEPT or BROKEN, and the statistics learn from it at once. */
    public PromiseView outcome(String id, OutcomeRequest req) {
        if (req == null) throw ProblemException.badRequest("body", "a JSON body with completedAt or actualMinutes is required");
        Recorded r = db.inTransaction(c -> record(c, id, req));
        booking.afterChange(r.promise(), r.observations());
        mastery.apply(r.repRecord());
        statusChanges.announce(r.changes());
        return views.get(id);
    }

    private Recorded record(Connection c, String id, OutcomeRequest req) throws SQLException {
        PromiseRow p = PromiseRepository.find(c, id, true);
        if (p == null) throw ProblemException.notFound("Promise " + id + " does not exist");
        if (!p.status().isCommitted()) {
            String what = p.status() == PromiseStatus.HELD ? "only held, not committed" : "already " + p.status();
            throw new ProblemException(409, "Conflict", "Promise " + id + " is " + what + "; no outcome can be recorded",
                    null, Map.of("promiseStatus", p.status()));
        }
        Instant now = clock.instant();
        List<Observation> obs = new ArrayList<>();
        ZoneId zone = capacity.site(c, p.site()).timeZone();
        HistoryRow h = p.isDelivery() ? delivered(c, p, req, zone, now, obs) : serviced(c, p, req, zone, now, obs);
        PromiseStatus result = judged(p, h, zone);
        List<PromiseStatusChanged> made = new ArrayList<>(1);
        PromiseRepository.recordOutcome(c, id, result, p.isDelivery() ? req.completedAt().toInstant() : null,
                p.isDelivery() ? null : h.actualMinutes(), now);
        statusChanges.record(c, made, id, p.status(), result, now);
        // the promise is KEPT or BROKEN either way; an outcome far outside its key's spread stays out of the statistics until confirmed
        Observation outcome = obs.get(obs.size() - 1);
        String outlier = history.judgeOutcome(c, h, outcome, obs); // held-out rows of its lane judged again beside it
        if (outlier != null) obs.remove(outcome);
        Map<String, double[]> superseded = new HashMap<>();
        obs.addAll(0, history.supersede(c, h.reference(), superseded)); // an imported row under this promise's id
        Map<String, double[]> repRecord = new HashMap<>(history.insertInTransaction(c, List.of(h), outlier == null ? Map.of() : Map.of(h.reference(), outlier)));
        superseded.forEach((rep, d) -> repRecord.merge(rep, d, HistoryService::plus));
        HistoryService.recordJudged(c, stats.persist(c, obs)); // after the row: the chance its service was judged at stays with it
        changes.record(c, ChangeLog.Kind.CAPACITY, Booking.capacityChanges(p));
        changes.record(c, ChangeLog.Kind.STATS);
        return new Recorded(p, obs, repRecord, made);
    }

    /** KEPT or BROKEN: a delivery by the day it arrived at the site's clock, a service by its minutes (exact at the boundary). */
    static PromiseStatus judged(PromiseRow p, HistoryRow h, ZoneId zone) {
        return h.kind() == HistoryRow.Kind.DELIVERY
                ? (h.completedAt().atZoneSameInstant(zone).toLocalDate().isAfter(p.promisedBy()) ? PromiseStatus.BROKEN : PromiseStatus.KEPT)
                : (Minutes.within(h.actualMinutes(), p.promisedMinutes()) ? PromiseStatus.KEPT : PromiseStatus.BROKEN);
    }

    /** A delivery's outcome: its goods left the shelf; the lane's lead time and open orders learn. */
    private HistoryRow delivered(Connection c, PromiseRow p, OutcomeRequest req, ZoneId zone, Instant now, List<Observation> obs)
            throws SQLException {
        // strict as quotes are: a field of the other kind is refused, not ignored (a CRM sending the wrong one learns it), and
        // named beside the missing one (probe contract3 L4: {"actualMinutes":34.5} on a delivery named only completedAt)
        List<FieldError> wrong = new ArrayList<>(2);
        if (req.completedAt() == null) wrong.add(new FieldError("completedAt", "is required for a delivery"));
        if (req.actualMinutes() != null) {
            wrong.add(new FieldError("actualMinutes", "is not part of a delivery's outcome (it belongs to a service's); leave it out or null"));
        }
        if (!wrong.isEmpty()) {
            // the detail names the field ("actualMinutes is not part of …"), as fieldProblem's do
            throw ProblemException.badRequest(req.completedAt() == null ? "A delivery's outcome needs completedAt"
                    : wrong.get(0).field() + " " + wrong.get(0).message(), wrong);
        }
        HistoryRow h = new HistoryRow(HistoryRow.Kind.DELIVERY, p.id(), p.site(), p.region(), null, p.rep(),
                // both with the site's offset (the body's is read as UTC): one object, one way of writing its times (P13 L6)
                p.orderedAt().atZone(zone).toOffsetDateTime(), p.promisedBy(), req.completedAt().atZoneSameInstant(zone).toOffsetDateTime(), null, null,
                p.lines().stream().mapToInt(PromiseRow.Line::quantity).sum());
        plausible(h, now);
        LocalDate delivered = req.completedAt().atZoneSameInstant(zone).toLocalDate();
        booking.release(c, p, true, false);
        int lead = (int) Math.max(0, ChronoUnit.DAYS.between(p.releaseDay(), delivered));
        obs.add(Observation.closed(p.site(), p.region(), p.releaseDay()));
        obs.add(Observation.outcome(Observation.Kind.DELIVERY, p.site(), p.region(), lead, delivered));
        return h;
    }

    /** A service's outcome: the minutes it took teach the service's duration, and its bay is free from when it ended. */
    private HistoryRow serviced(Connection c, PromiseRow p, OutcomeRequest req, ZoneId zone, Instant now, List<Observation> obs)
            throws SQLException {
        if (req.actualMinutes() == null && req.completedAt() == null) throw ProblemException.badRequest("A service's outcome needs actualMinutes or completedAt",
                List.of(new com.promisevalidator.common.FieldError("actualMinutes", "is required for a service (or completedAt, when it ended)")));
        if (req.actualMinutes() != null && req.completedAt() != null) throw fieldProblem("completedAt",
                "given with actualMinutes: a service's outcome is one of them (the minutes it took, or when it ended)");
        OffsetDateTime start = p.startAt().atZone(zone).toOffsetDateTime();
        // when it ended, as a workshop's job log says it (the history import reads such rows too): the minutes from its start
        boolean fromEnd = req.completedAt() != null;
        if (fromEnd && req.completedAt().toInstant().isBefore(p.startAt())) throw fieldProblem("completedAt",
                "is before the service's start at " + start);
        double minutes = fromEnd ? Duration.between(p.startAt(), req.completedAt().toInstant()).toMillis() / 60_000.0 : req.actualMinutes();
        if (!(minutes >= 0)) throw ProblemException.badRequest("actualMinutes", "must not be negative");
        Double actual = Minutes.normalise(minutes);
        HistoryRow h = new HistoryRow(HistoryRow.Kind.SERVICE, p.id(), p.site(), null, p.serviceType(), p.rep(), start, null, null,
                p.promisedMinutes(), actual, null);
        plausible(h, now, fromEnd);
        Instant ended = p.startAt().plus(Duration.ofMillis(Math.round(actual * 60_000)));
        booking.finished(c, p, ended.isAfter(now) ? now : ended); // the view is refreshed and other instances told in outcome/record
        obs.add(Observation.serviceOutcome(p.site(), p.serviceType(), actual, start.toLocalDateTime()).withReference(p.id()));
        return h;
    }

    /** A 400 whose detail is a sentence naming the field ("completedAt is before …"), not the field's message alone. */
    private static ProblemException fieldProblem(String field, String message) {
        return ProblemException.badRequest(field + " " + message, List.of(new FieldError(field, message)));
    }

    /** Refuses (400, naming the field) an outcome that cannot have happened: in the future, before the order, or implausibly long. */
    private void plausible(HistoryRow outcome, Instant now) {
        plausible(outcome, now, false);
    }

    /** {@code fromEnd}: a service's minutes were worked out from its completedAt, so their refusal names that field. */
    private void plausible(HistoryRow outcome, Instant now, boolean fromEnd) {
        List<FieldError> errors = history.sanity(outcome, now).stream()
                // a service's start is its history row's orderedAt; the promise calls it startAt
                .map(e -> outcome.kind() == HistoryRow.Kind.SERVICE && e.field().equals("orderedAt") ? new FieldError("startAt",
                        e.message() + ": a service's outcome can be recorded once it has started") : e)
                .map(e -> fromEnd && e.field().equals("actualMinutes") ? new FieldError("completedAt", "gives " + e.message()) : e)
                .toList();
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The outcome cannot be recorded: " + errors.get(0).field() + " " + errors.get(0).message(), errors);
        }
    }
}
