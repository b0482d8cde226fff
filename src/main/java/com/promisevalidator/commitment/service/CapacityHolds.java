package com.promisevalidator.commitment.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.promisevalidator.access.service.KeyRing;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.promisevalidator.commitment.model.PromiseStatus;
import com.promisevalidator.commitment.model.PromiseStatusChanged;
import com.promisevalidator.commitment.model.PromiseView;
import com.promisevalidator.common.PromiseConfig;
import com.promisevalidator.db.ChangeLog;
import com.promisevalidator.db.Database;
import com.promisevalidator.performance.model.Observation;
import com.promisevalidator.performance.service.PerformanceStats;
import com.promisevalidator.validation.model.QuoteRequest;
import com.promisevalidator.validation.model.ValidationResponse;

/**
 * Holds: the capacity of an answer's promise kept for a while (validate with "hold": true), turned
 * into the promise when its decision is committed in time, given back when its time is up.
 */
@Singleton
public class CapacityHolds implements com.promisevalidator.validation.service.Holds {

    private final Booking booking;
    private final ChosenPromise chosen;
    private final IdempotencyStore idempotency;
    private final PromiseViews views;
    private final PromiseStatusChanges statusChanges;
    private final PerformanceStats stats;
    private final ChangeLog changes;
    private final Database db;
    private final ObjectMapper json;
    private final Clock clock;
    private final PromiseConfig config;
    private final KeyRing keys;

    public CapacityHolds(Booking booking, ChosenPromise chosen, IdempotencyStore idempotency, PromiseViews views,
                         PromiseStatusChanges statusChanges, PerformanceStats stats, ChangeLog changes, Database db, ObjectMapper json,
                         Clock clock, PromiseConfig config, KeyRing keys) {
        this.config = config;
        this.keys = keys;
        this.booking = booking;
        this.chosen = chosen;
        this.idempotency = idempotency;
        this.views = views;
        this.statusChanges = statusChanges;
        this.stats = stats;
        this.changes = changes;
        this.db = db;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Holds the capacity of an answer's promise for {@code promise.hold-minutes}, within the {@code holder} key's bound on
     * open holds; the answer says whether it is held.
     */
    @Override
    public ValidationResponse hold(QuoteRequest q, ValidationResponse answer, String holder) {
        if (answer.recommended() == null) {
            return answer.withHold(new ValidationResponse.Hold(null, null, "NOT_HELD", "nothing feasible to hold", null));
        }
        String backdated = chosen.backdated(q, null);
        if (backdated != null) return answer.withHold(new ValidationResponse.Hold(null, null, "NOT_HELD", backdated, null));
        QuoteRequest held = chosen.answered(q, answer);
        var passed = chosen.startPassed(held);
        if (passed != null) return answer.withHold(new ValidationResponse.Hold(null, null, "NOT_HELD", passed.message(), null));
        try {
            PromiseView v = booking.hold(held, answer.decisionId(), bound(holder)).view();
            return answer.withHold(new ValidationResponse.Hold(v.promiseId(), v.holdExpiresAt(), "HELD", null, null));
        } catch (HoldBound.Reached r) {
            return answer.withHold(new ValidationResponse.Hold(null, null, "NOT_HELD", "Not held: key '" + holder + "' already holds "
                    + r.open + " promises' capacity, its most at once (promise.holds.max-open-per-key); commit or cancel one of them"
                    + (r.nextExpiry == null ? "" : ", or wait until the next one expires at "
                    + r.nextExpiry.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)) + ".", HOLD_LIMIT));
        } catch (Booking.CapacityGone g) {
            return answer.withHold(new ValidationResponse.Hold(null, null, "NOT_HELD", g.problem.detail, null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hold's code in an answer when the key has its most holds open. */
    public static final String HOLD_LIMIT = "HOLD_LIMIT";

    /** The bound of the key holding; null for none (no key: an internal call, or authentication off on a trusted network). */
    private HoldBound bound(String holder) {
        if (holder == null || holder.isEmpty() || !keys.enabled()) return null;
        var own = config.holds().keys().get(holder);
        int max = own != null ? own.maxOpen() : config.holds().maxOpenPerKey();
        return max > 0 ? new HoldBound(holder, max) : null;
    }

    /** The decision's hold while its time is not up; null when there is none. */
    PromiseRow liveHold(String decisionId) {
        Instant now = clock.instant();
        PromiseRow held = db.query(c -> PromiseRepository.findHeldByDecision(c, decisionId));
        return held == null || held.holdExpiresAt() != null && held.holdExpiresAt().isBefore(now) ? null : held;
    }

    /** Gives a hold's capacity back (it becomes CANCELLED); false when it was no longer held. */
    boolean release(String id) {
        return booking.close(id, List.of(PromiseStatus.HELD), PromiseStatus.CANCELLED) != null;
    }

    /** Commit by decisionId of an answer whose capacity is held: the hold becomes the promise. Null when there is no live hold. */
    CommitAnswer commitHold(String key, String decisionId) {
        Instant now = clock.instant();
        List<Observation> obs = new ArrayList<>();
        List<PromiseStatusChanged> made = new ArrayList<>(1);
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
            statusChanges.record(c, made, held.id(), PromiseStatus.HELD, PromiseStatus.OPEN, now);
            PromiseRow open = PromiseRepository.find(c, held.id(), false);
            if (open.isDelivery()) {
                obs.add(Observation.open(open.site(), open.region(), open.releaseDay()));
                stats.persist(c, obs);
                changes.record(c, ChangeLog.Kind.STATS);
            }
            try {
                body[0] = json.writeValueAsString(views.view(open));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            idempotency.complete(c, key, 201, body[0], open.id());
            converted[0] = open;
            return null;
        });
        if (expired[0] != null) expire(expired[0]);
        if (converted[0] == null) return null;
        stats.apply(obs);
        statusChanges.announce(made);
        return new CommitAnswer(201, body[0], "application/json", converted[0].id());
    }

    /** Releases holds whose time is up; returns how many. */
    public int expireHolds() {
        List<PromiseRow> due = db.query(c -> PromiseRepository.expiredHolds(c, clock.instant(), 200));
        int n = 0;
        for (PromiseRow p : due) {
            if (expire(p.id())) n++;
        }
        return n;
    }

    private boolean expire(String id) {
        return booking.close(id, List.of(PromiseStatus.HELD), PromiseStatus.EXPIRED) != null;
    }
}
