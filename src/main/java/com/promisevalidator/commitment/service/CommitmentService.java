package com.promisevalidator.commitment.service;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.promisevalidator.capacity.service.CapacityService;
import com.promisevalidator.commitment.model.CommitRequest;
import com.promisevalidator.commitment.model.PromiseStatus;
import com.promisevalidator.commitment.model.PromiseView;
import com.promisevalidator.common.Caller;
import com.promisevalidator.common.Limits;
import com.promisevalidator.common.Problem;
import com.promisevalidator.common.ProblemException;
import com.promisevalidator.validation.model.QuoteRequest;
import com.promisevalidator.validation.model.ValidationResponse;
import com.promisevalidator.validation.service.DecisionLog;

/**
 * Commit and cancel, as short steps over the commitment pieces: {@link CommitRequestReader} reads the
 * body, {@link IdempotencyStore} answers a repeated key once, {@link ChosenPromise} says which promise
 * is booked, {@link CapacityHolds} turns a live hold into the promise, {@link Booking} takes or gives
 * back the capacity.
 */
@Singleton
public class CommitmentService {

    private final CommitRequestReader reader;
    private final IdempotencyStore idempotency;
    private final ChosenPromise chosen;
    private final CapacityHolds holds;
    private final Booking booking;
    private final PromiseViews views;
    private final DecisionLog decisions;
    private final CapacityService capacity;
    private final Caller caller;
    private final ObjectMapper json;
    private final Clock clock;

    public CommitmentService(CommitRequestReader reader, IdempotencyStore idempotency, ChosenPromise chosen, CapacityHolds holds,
                             Booking booking, PromiseViews views, DecisionLog decisions, CapacityService capacity, Caller caller,
                             ObjectMapper json, Clock clock) {
        this.reader = reader;
        this.idempotency = idempotency;
        this.chosen = chosen;
        this.holds = holds;
        this.booking = booking;
        this.views = views;
        this.decisions = decisions;
        this.capacity = capacity;
        this.caller = caller;
        this.json = json;
        this.clock = clock;
    }

    /**
     * A replayed refusal says the id of the request it answers, as the header does: the stored one named the first
     * request, and support was sent to it (docs1 L3).
     */
    private String withThisRequestsId(String problem) throws JsonProcessingException {
        String id = com.promisevalidator.common.RequestIds.current();
        if (id == null || !(json.readTree(problem) instanceof com.fasterxml.jackson.databind.node.ObjectNode body)) return problem;
        return json.writeValueAsString(body.put("requestId", id));
    }

    /** POST /api/v1/promises: a new key books once; the same key and body replays the first answer. */
    public CommitAnswer commit(String idempotencyKey, String body) throws JsonProcessingException {
        requireKey(idempotencyKey);
        CommitRequest req = reader.read(body);
        String key = IdempotencyStore.scoped(caller.name(), idempotencyKey); // one caller's keys never answer another's
        IdempotencyStore.Stored stored = idempotency.claim(key, idempotencyKey, reader.fingerprint(body), clock.instant());
        if (stored != null) {
            // the first answer replayed whole, its Location too (probe api L2: a CRM retrying after a timeout reads it)
            String promiseId = stored.status() == 201 ? json.readTree(stored.body()).path("promiseId").asText(null) : null;
            return stored.status() >= 400 ? new CommitAnswer(stored.status(), withThisRequestsId(stored.body()), Problem.MEDIA_TYPE, null)
                    : new CommitAnswer(stored.status(), stored.body(), "application/json", promiseId);
        }
        try {
            return commitClaimed(key, req);
        } catch (Booking.CapacityGone gone) {
            String problem = json.writeValueAsString(gone.problem);
            idempotency.complete(key, 409, problem); // the same key replays the same refusal
            return new CommitAnswer(409, problem, Problem.MEDIA_TYPE, null);
        } catch (RuntimeException e) {
            idempotency.abandon(key); // nothing was done: a retry with the key runs again
            throw e;
        }
    }

    private static void requireKey(String key) {
        if (key == null || key.isBlank()) {
            throw ProblemException.badRequest("Idempotency-Key", "the Idempotency-Key header is required (any unique string per commit, e.g. a UUID)");
        }
        if (key.length() > Limits.IDEMPOTENCY_KEY) {
            throw ProblemException.badRequest("Idempotency-Key", "is longer than " + Limits.IDEMPOTENCY_KEY + " characters");
        }
    }

    private CommitAnswer commitClaimed(String key, CommitRequest req) throws JsonProcessingException {
        return req.decisionId() != null ? commitDecision(key, req) : commitQuote(key, req);
    }

    /** By decisionId: its live hold becomes the promise; else what it answered (or the promise the request names) is booked. */
    private CommitAnswer commitDecision(String key, CommitRequest req) throws JsonProcessingException {
        String decisionId = req.decisionId();
        java.util.Optional<DecisionLog.Decision> found = decisions.find(decisionId);
        if (found.isEmpty()) {
            CommitAnswer held = heldWithoutItsDecision(key, req);
            if (held != null) return held;
        }
        DecisionLog.Decision d = found.orElseThrow(() -> ProblemException.unknown("decisionId", "decision", decisionId));
        QuoteRequest asked = chosen.inCallersName(d.request());
        chosen.placedNow(asked, d.response().evaluatedAt());
        // the decision may come from another instance: its site into the view before the hold's answer is written
        capacity.findSite(d.request().site());
        if (d.response().recommended() != null) capacity.findSite(d.response().recommended().site());
        releaseHoldOfAnother(asked, d.response(), req);
        CommitAnswer held = holds.commitHold(key, decisionId);
        if (held != null) return held;
        PromiseRow done = views.committedFor(decisionId); // a decision is one customer's order: it commits once
        if (done != null) throw Booking.alreadyCommitted(decisionId, done);
        QuoteRequest named = chosen.chosen(asked, d.response(), req);
        double answered = chosen.offeredChance(asked, d.response(), named);
        return booking.book(named, decisionId, PromiseStatus.OPEN, key, answered, d.response().targetConfidence()).answer();
    }

    /**
     * A hold whose decision was never written (its instance stopped within the second the log takes): the hold carries
     * the decision's id, rep and promise, so committing that id alone still turns it into the promise.
     */
    private CommitAnswer heldWithoutItsDecision(String key, CommitRequest req) {
        if (req.promisedBy() != null || req.startAt() != null || req.promisedMinutes() != null) return null; // needs the answer
        PromiseRow live = holds.liveHold(req.decisionId());
        if (live == null) return null;
        caller.requireOwn(live.rep(), "Promise " + live.id());
        return holds.commitHold(key, req.decisionId());
    }

    /**
     * A commit naming another of the answer's promises than the one its hold keeps (the asked date where the recommended
     * one is held, an alternative): the hold gives its capacity back so the named promise is booked instead. A promise
     * the answer never offered is a 422 first, and the hold stays.
     */
    private void releaseHoldOfAnother(QuoteRequest asked, ValidationResponse answer, CommitRequest req) {
        if (req.promisedBy() == null && req.startAt() == null && req.promisedMinutes() == null) return; // the held one
        PromiseRow live = holds.liveHold(req.decisionId());
        if (live == null) return;
        QuoteRequest named = chosen.chosen(asked, answer, req);
        chosen.offeredChance(asked, answer, named);
        if (!live.isPromise(named)) holds.release(live.id());
    }

    /** A quote with its chosen promise (the quote body, or the older wrapper). */
    private CommitAnswer commitQuote(String key, CommitRequest req) throws JsonProcessingException {
        QuoteRequest asked = chosen.inCallersName(req.quote());
        chosen.placedNow(asked, null);
        return booking.book(chosen.chosen(asked, null, req), null, PromiseStatus.OPEN, key).answer();
    }

    /** DELETE /api/v1/promises/{id}: releases exactly what it held; 409 when it is no longer held or open. */
    public PromiseView cancel(String id) {
        caller.requireOwn(views.requireRow(id).rep(), "Promise " + id);
        PromiseRow p = booking.close(id, List.of(PromiseStatus.HELD, PromiseStatus.OPEN, PromiseStatus.AT_RISK), PromiseStatus.CANCELLED);
        if (p == null) {
            PromiseRow current = views.requireRow(id);
            throw new ProblemException(409, "Conflict", "Promise " + id + " is " + current.status() + "; only a held or open promise can be cancelled",
                    null, Map.of("promiseStatus", current.status()));
        }
        return views.get(id);
    }
}
