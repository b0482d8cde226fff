package com.promisevalidator.commitment.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

import jakarta.inject.Singleton;

import com.promisevalidator.commitment.model.CommitRequest;
import com.promisevalidator.common.Caller;
import com.promisevalidator.common.FieldError;
import com.promisevalidator.common.ProblemException;
import com.promisevalidator.common.PromiseConfig;
import com.promisevalidator.validation.model.QuoteRequest;
import com.promisevalidator.validation.model.ValidationResponse;
import com.promisevalidator.validation.model.Verdict;

/**
 * Which promise a commit (or a hold) books: the quote in the caller's name, placed now, with the
 * promise the caller chose or the one its validation answered.
 */
@Singleton
public class ChosenPromise {

    private final Caller caller;
    private final PromiseConfig config;
    private final Clock clock;
    private final com.promisevalidator.capacity.service.CapacityService capacity;

    public ChosenPromise(Caller caller, PromiseConfig config, Clock clock, com.promisevalidator.capacity.service.CapacityService capacity) {
        this.caller = caller;
        this.config = config;
        this.clock = clock;
        this.capacity = capacity;
    }

    /** A rep key commits in its own name only (403 for another rep's quote); a quote without a rep takes the key's name. */
    QuoteRequest inCallersName(QuoteRequest q) {
        String rep = caller.repFor(q.rep());
        return Objects.equals(rep, q.rep()) ? q : q.withRep(rep);
    }

    /** The quote with the promise to commit filled in: the one the request gives, else the one the answer stands for. */
    QuoteRequest chosen(QuoteRequest q, ValidationResponse answer, CommitRequest req) {
        boolean explicit = req.promisedBy() != null || req.startAt() != null || req.promisedMinutes() != null;
        QuoteRequest named;
        if (answer != null && !explicit) {
            if (answer.recommended() == null) {
                throw ProblemException.unprocessable("Decision " + answer.decisionId() + " was REJECTED: there is no promise to commit", null);
            }
            named = answered(q, answer);
        } else {
            named = placed(q).withPromise(req.site() != null ? req.site() : q.site(),
                    req.promisedBy() != null ? req.promisedBy() : q.promisedBy(),
                    req.startAt() != null ? req.startAt() : q.startAt(),
                    req.promisedMinutes() != null ? req.promisedMinutes() : q.promisedMinutes());
        }
        FieldError passed = startPassed(named); // the start the promise books, not the one first asked (it may have moved later)
        if (passed == null) passed = datePassed(named);
        if (passed != null) throw ProblemException.unprocessable(passed.message(), List.of(passed));
        return named;
    }

    /**
     * The chance the answer gave the promise a commit by decisionId books: the asked one, the recommended one or one
     * of the alternatives. A promise the answer never offered is a 422 naming it: the decision names what the customer
     * was shown, so a date it never held is validated and committed under its own decisionId, or committed as a quote.
     */
    double offeredChance(QuoteRequest asked, ValidationResponse answer, QuoteRequest named) {
        var rec = answer.recommended();
        // minutes asked without a start, APPROVED: they were judged at the first free start, the recommended one's
        OffsetDateTime askedStart = asked.startAt() == null && !asked.isDelivery() && answer.verdict() == Verdict.APPROVED && rec != null
                ? rec.startAt() : asked.startAt();
        if (offers(asked.site(), asked.promisedBy(), askedStart, asked.promisedMinutes(), named)) return answer.confidence();
        if (rec != null && offers(rec.site(), rec.promisedBy(), rec.startAt(), rec.promisedMinutes(), named)) return rec.confidence();
        if (answer.alternatives() != null) {
            for (var a : answer.alternatives()) {
                boolean single = a.parts() == null || a.parts().isEmpty(); // a split is several promises, never one
                if (single && offers(a.site(), a.promisedBy(), a.startAt(), a.promisedMinutes(), named)) return a.confidence();
            }
        }
        String field = named.isDelivery() ? "promisedBy" : "startAt";
        FieldError e = new FieldError(field, "Decision " + answer.decisionId() + " did not offer this promise (its asked, recommended "
                + "and alternative promises are what can be committed by decisionId); validate this promise and commit its decisionId, "
                + "or commit the quote body.");
        throw ProblemException.unprocessable(e.message(), List.of(e));
    }

    /** Whether an offer (site null: any site) is the named promise. */
    private static boolean offers(String site, java.time.LocalDate by, OffsetDateTime start, Number minutes, QuoteRequest named) {
        if (site != null && !site.equals(named.site())) return false;
        if (named.isDelivery()) return by != null && by.equals(named.promisedBy());
        return start != null && minutes != null && named.startAt() != null && named.promisedMinutes() != null
                && start.toInstant().equals(named.startAt().toInstant())
                && Math.abs(minutes.doubleValue() - named.promisedMinutes()) < 0.05;
    }

    /** The promise an answer stands for: the asked one if it was APPROVED as asked, else the recommended one. */
    QuoteRequest answered(QuoteRequest q, ValidationResponse answer) {
        var rec = answer.recommended();
        boolean asked = answer.verdict() == Verdict.APPROVED && (q.isDelivery() ? q.promisedBy() != null : q.promisedMinutes() != null);
        if (!asked) return placed(q).withPromise(rec.site(), rec.promisedBy(), rec.startAt(), rec.promisedMinutes());
        // minutes asked without a start hold at the first free start (the recommended one): those minutes there, not the
        // recommended minutes (probe rep H1: 75 minutes approved, 47.6 booked)
        return placed(q).withPromise(q.site() != null ? q.site() : rec.site(), q.promisedBy(),
                q.isDelivery() || q.startAt() != null ? q.startAt() : rec.startAt(), q.promisedMinutes());
    }

    /**
     * Commits are for orders placed now: a quote whose orderedAt lies further in the past (or ahead) than
     * {@code promise.commit-backdate-minutes} is refused, as is a service whose start has passed ({@link #startPassed}; validate still answers
     * backdated quotes, for replays). For a commit by decisionId "now" is when the quote was answered, as long as that
     * is within the hold time, so a customer who takes a few minutes to decide is not refused.
     */
    void placedNow(QuoteRequest q, OffsetDateTime answeredAt) {
        FieldError why = notNow(q, answeredAt);
        if (why != null) throw ProblemException.unprocessable(why.message(), List.of(why));
    }

    /** Why capacity cannot be booked for this quote now (its field and the reason), or null. */
    FieldError notNow(QuoteRequest q, OffsetDateTime answeredAt) {
        if (q == null) return null;
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Duration slack = Duration.ofMinutes(config.commitBackdateMinutes());
        Instant reference = now;
        if (answeredAt != null) {
            Instant holdStart = now.minus(Duration.ofMinutes(config.holdMinutes()));
            reference = answeredAt.toInstant().isAfter(holdStart) ? answeredAt.toInstant() : holdStart;
            if (reference.isAfter(now)) reference = now;
        }
        if (q.orderedAt() != null && q.orderedAt().toInstant().isBefore(reference.minus(slack))) {
            return new FieldError("orderedAt", "orderedAt " + q.orderedAt() + " lies in the past (now is " + now + "): commits are for "
                    + "orders placed now, at most " + config.commitBackdateMinutes() + " minutes back; leave orderedAt out to commit "
                    + "at the current time. Validation still answers backdated quotes.");
        }
        if (q.orderedAt() != null && q.orderedAt().toInstant().isAfter(now.plus(slack))) {
            return new FieldError("orderedAt", "orderedAt " + q.orderedAt() + " lies in the future (now is " + now + "): commits are for "
                    + "orders placed now; leave orderedAt out to commit at the current time.");
        }
        return null;
    }

    /** Why a chosen service promise cannot be booked because its start has passed, or null (deliveries: null). */
    FieldError startPassed(QuoteRequest chosen) {
        if (chosen == null || chosen.isDelivery() || chosen.startAt() == null) return null;
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (!chosen.startAt().toInstant().isBefore(now.minus(Duration.ofMinutes(config.commitBackdateMinutes())))) return null;
        // both times as the site's clocks show them, with their offset: the garage's time, whatever zone the caller is in
        com.promisevalidator.capacity.model.Site site = capacity.site(chosen.site());
        java.time.ZoneId zone = site != null ? site.timeZone() : chosen.startAt().getOffset();
        return new FieldError("startAt", "startAt " + atSite(chosen.startAt().toInstant(), zone) + " has passed (now is "
                + atSite(now, zone) + (site != null ? " at " + site.code() : "") + "): a bay can only be booked for a start to come.");
    }

    /**
     * Why a chosen delivery promise cannot be booked because its date has passed at the site, or null: an input error naming
     * {@code promisedBy} (probe contract3 M3: it was a 409 "Capacity gone", which a CRM reads as the slot just taken).
     */
    FieldError datePassed(QuoteRequest chosen) {
        if (chosen == null || !chosen.isDelivery() || chosen.promisedBy() == null || chosen.site() == null) return null;
        com.promisevalidator.capacity.model.Site site = capacity.site(chosen.site());
        if (site == null) return null; // an unknown site is named by its own check
        java.time.LocalDate today = clock.instant().atZone(site.timeZone()).toLocalDate();
        if (!chosen.promisedBy().isBefore(today)) return null;
        return new FieldError("promisedBy", "promisedBy " + chosen.promisedBy() + " has passed (today is " + today + " at " + site.code()
                + "): a promise can only be made for a day to come.");
    }

    private static String atSite(Instant t, java.time.ZoneId zone) {
        return com.promisevalidator.common.Timestamps.format(t.atZone(zone).toOffsetDateTime());
    }

    /** Why the quote is not one to book capacity for now, or null (see {@link #notNow}). */
    String backdated(QuoteRequest q, OffsetDateTime answeredAt) {
        FieldError why = notNow(q, answeredAt);
        return why == null ? null : why.message();
    }

    /** The order is placed now unless the quote says when (backdated quotes and replays). */
    private QuoteRequest placed(QuoteRequest q) {
        return q.orderedAt() != null ? q : q.withOrderedAt(OffsetDateTime.now(clock));
    }
}
