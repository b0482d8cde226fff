package com.promisevalidator.replay.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.promisevalidator.capacity.model.Site;
import com.promisevalidator.common.ProblemException;
import com.promisevalidator.common.PromiseConfig;
import com.promisevalidator.rules.model.RuleSet;
import com.promisevalidator.rules.service.RuleBaseHolder;
import com.promisevalidator.validation.model.DecisionKind;
import com.promisevalidator.validation.model.QuoteRequest;
import com.promisevalidator.validation.model.Recommended;
import com.promisevalidator.validation.model.ValidationResponse;
import com.promisevalidator.validation.service.FactSource;
import com.promisevalidator.validation.service.QuoteEvaluator;
import com.promisevalidator.validation.service.RecordedDecisions;
import com.promisevalidator.validation.service.RecordedFacts;
import com.promisevalidator.validation.wording.ReasonWriter;

/**
 * Replays the recorded decisions of a period through a candidate rule set and the active one, each on the facts
 * the decision met then, and compares the answers ({@link Comparison}) with the outcomes known now. Streams the
 * decisions in pages (memory bounded by a page and the snapshot cache) and evaluates each page in parallel.
 * One backtest at a time: it uses every core while it runs.
 */
@Singleton
public class Backtest {

    private static final Logger LOG = Logger.getLogger(Backtest.class);
    static final int PAGE = 2_000;
    private static final int TASK = 100;
    /** Decisions replayed: validate answers and batch items (commit re-checks answer a commit, not a quote). */
    private static final List<DecisionKind> KINDS = List.of(DecisionKind.VALIDATE, DecisionKind.BATCH_ITEM);

    private final RecordedDecisions decisions;
    private final Outcomes outcomes;
    private final RuleBaseHolder rules;
    private final ReasonWriter writer;
    private final QuoteEvaluator evaluator;
    private final AtomicBoolean running = new AtomicBoolean();
    private final int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private final ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
        Thread t = new Thread(r, "backtest");
        t.setDaemon(true);
        return t;
    });

    public Backtest(RecordedDecisions decisions, Outcomes outcomes, RuleBaseHolder rules, ReasonWriter writer, PromiseConfig config) {
        this.decisions = decisions;
        this.outcomes = outcomes;
        this.rules = rules;
        this.writer = writer;
        this.evaluator = new QuoteEvaluator(config.maxOtherSites(), java.time.Duration.ofMinutes(config.commitBackdateMinutes()));
    }

    /** The comparison of {@code candidate} with the active rule set over the decisions made in [from, to). */
    public Map<String, Object> run(RuleSet candidate, Instant from, Instant to, int examples) {
        return run(candidate, from, to, examples, () -> false);
    }

    /**
     * The same, stopped between two pages of decisions once {@code callerGone} says the caller has hung up: its answer
     * would go to nobody, and one backtest runs at a time, so an abandoned run would make every other one wait (probe P12).
     */
    public Map<String, Object> run(RuleSet candidate, Instant from, Instant to, int examples, java.util.function.BooleanSupplier callerGone) {
        if (!running.compareAndSet(false, true)) {
            throw new ProblemException(409, "Backtest running", "Another backtest is running; retry when it is done.", null, null);
        }
        try {
            return replay(candidate, from, to, examples, callerGone);
        } catch (Abandoned a) {
            LOG.infof("backtest of %s from %s to %s stopped after %d decisions: its caller has gone", candidate.version(), from, to, a.replayed);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("abandoned", true);
            out.put("replayed", a.replayed);
            return out;
        } finally {
            running.set(false);
        }
    }

    /** The caller hung up: the run stops where it is. */
    private static final class Abandoned extends RuntimeException {
        final long replayed;

        Abandoned(long replayed) {
            super(null, null, false, false);
            this.replayed = replayed;
        }
    }

    private Map<String, Object> replay(RuleSet candidate, Instant from, Instant to, int examples, java.util.function.BooleanSupplier callerGone) {
        long started = System.nanoTime();
        RuleSet active = rules.active();
        Comparison comparison = new Comparison(active.version(), candidate.version(), examples);
        Tally tally = new Tally();
        AtomicLong replayed = new AtomicLong();
        RecordedDecisions.Pass pass = decisions.stream(from, to, KINDS, PAGE, page -> {
            if (callerGone.getAsBoolean()) throw new Abandoned(replayed.get());
            replayed.addAndGet(page.size());
            Map<String, Outcomes.Done> byDecision = outcomes.byDecision(page.stream().map(r -> r.row().id()).toList());
            Map<String, Outcomes.Done> byReference = outcomes.byReference(page.stream()
                    .map(r -> r.decision().request().quoteId()).filter(Objects::nonNull).toList());
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < page.size(); i += TASK) {
                List<RecordedDecisions.Recorded> part = page.subList(i, Math.min(page.size(), i + TASK));
                tasks.add(() -> {
                    for (RecordedDecisions.Recorded r : part) replayOne(r, active, candidate, comparison, tally, byDecision, byReference);
                    return null;
                });
            }
            try {
                for (Future<Void> f : pool.invokeAll(tasks)) f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProblemException(503, "Backtest interrupted", "The service is stopping.", null, null);
            } catch (ExecutionException e) {
                throw new IllegalStateException("backtest failed: " + e.getCause(), e.getCause());
            }
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", from.toString());
        out.put("to", to.toString());
        out.putAll(comparison.report());
        Map<String, Object> skipped = new LinkedHashMap<>();
        skipped.put("withoutFacts", tally.withoutFacts.get());
        skipped.put("unreadable", pass.unreadable());
        out.put("skipped", skipped);
        Map<String, Object> fidelity = new LinkedHashMap<>();
        fidelity.put("recordedUnderActiveVersion", tally.sameVersion.get());
        fidelity.put("sameAnswerAsRecorded", tally.sameAnswer.get());
        out.put("fidelity", fidelity);
        out.put("elapsedMs", (System.nanoTime() - started) / 1_000_000);
        return out;
    }

    /** Counts beside the comparison. */
    private static final class Tally {
        final AtomicLong withoutFacts = new AtomicLong();
        final AtomicLong sameVersion = new AtomicLong();
        final AtomicLong sameAnswer = new AtomicLong();
    }

    private void replayOne(RecordedDecisions.Recorded r, RuleSet active, RuleSet candidate, Comparison comparison, Tally tally,
                           Map<String, Outcomes.Done> byDecision, Map<String, Outcomes.Done> byReference) {
        if (r.facts() == null) {
            tally.withoutFacts.incrementAndGet();
            return;
        }
        QuoteRequest q = r.decision().request();
        Instant now = r.row().evaluatedAt();
        var words = writer.english(now.atOffset(ZoneOffset.UTC).toLocalDate());
        FactSource facts = new RecordedFacts(r.facts());
        ValidationResponse a, c;
        try {
            a = evaluator.evaluate(q, facts, active, now, words).response();
        } catch (QuoteEvaluator.RulesFailed e) {
            comparison.failed(false);
            return;
        }
        try {
            c = evaluator.evaluate(q, facts, candidate, now, words).response();
        } catch (QuoteEvaluator.RulesFailed e) {
            comparison.failed(true);
            return;
        }
        if (active.version().equals(r.row().rulesVersion())) {
            tally.sameVersion.incrementAndGet();
            ValidationResponse recorded = r.decision().response();
            if (a.verdict() == recorded.verdict() && same(a.recommended(), recorded.recommended())) tally.sameAnswer.incrementAndGet();
        }
        Outcomes.Done done = byDecision.get(r.row().id());
        if (done == null && q.quoteId() != null) done = byReference.get(q.quoteId());
        comparison.add(r.row().id(), q, a, c, outcome(done, q, a, facts), now.atOffset(ZoneOffset.UTC));
    }

    /** The outcome as compared: the delivery day in the delivering site's time zone, or the minutes taken. */
    private static Comparison.Outcome outcome(Outcomes.Done done, QuoteRequest q, ValidationResponse answer, FactSource facts) {
        if (done == null) return null;
        if (done.actualMinutes() != null) return new Comparison.Outcome(null, done.actualMinutes());
        if (done.completedAt() == null) return null;
        String site = q.site() != null ? q.site() : answer.recommended() != null ? answer.recommended().site() : null;
        Site s = site == null ? null : facts.site(site);
        ZoneId zone = s == null ? ZoneOffset.UTC : s.timeZone();
        LocalDate day = done.completedAt().atZone(zone).toLocalDate();
        return new Comparison.Outcome(day, null);
    }

    private static boolean same(Recommended a, Recommended b) {
        if (a == null || b == null) return a == b;
        return Objects.equals(a.promisedBy(), b.promisedBy()) && Objects.equals(a.promisedMinutes(), b.promisedMinutes())
                && Objects.equals(a.site(), b.site())
                && Objects.equals(a.startAt() == null ? null : a.startAt().toInstant(), b.startAt() == null ? null : b.startAt().toInstant());
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
