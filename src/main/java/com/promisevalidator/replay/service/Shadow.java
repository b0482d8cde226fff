package com.promisevalidator.replay.service;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.promisevalidator.common.ProblemException;
import com.promisevalidator.common.PromiseConfig;
import com.promisevalidator.common.Timestamps;
import com.promisevalidator.rules.model.RuleFile;
import com.promisevalidator.rules.model.RuleSet;
import com.promisevalidator.rules.service.RuleBaseHolder;
import com.promisevalidator.validation.model.QuoteRequest;
import com.promisevalidator.validation.model.ValidationResponse;
import com.promisevalidator.validation.service.AnswerListener;
import com.promisevalidator.validation.service.FactsMet;
import com.promisevalidator.validation.service.QuoteEvaluator;
import com.promisevalidator.validation.service.RecordedFacts;
import com.promisevalidator.validation.wording.ReasonWriter;

/**
 * The shadow run: a candidate rule set answers every live quote too, off the request path, on the facts the live
 * answer met, and the two answers are counted by the backtest's {@link Comparison}, so a shadow run and a backtest
 * of the same quotes count alike. The request thread only offers the quote to a bounded queue (full: dropped and
 * counted); one background worker evaluates. One run per instance (each replica runs its own); kept in memory
 * only: a restart ends it, and its comparison is a view, not a record.
 */
@Singleton
public class Shadow implements AnswerListener {

    private static final Logger LOG = Logger.getLogger(Shadow.class);

    private final Candidates candidates;
    private final RuleBaseHolder rules;
    private final ReasonWriter writer;
    private final QuoteEvaluator evaluator;
    private final ShadowConfig config;
    private final Clock clock;
    private volatile Run run;

    public Shadow(Candidates candidates, RuleBaseHolder rules, ReasonWriter writer, PromiseConfig promise, ShadowConfig config, Clock clock) {
        this.candidates = candidates;
        this.rules = rules;
        this.writer = writer;
        this.evaluator = new QuoteEvaluator(promise.maxOtherSites(), java.time.Duration.ofMinutes(promise.commitBackdateMinutes()));
        this.config = config;
        this.clock = clock;
    }

    /**
     * Starts a shadow run of the candidate (built through the /rules/check gate: 400/422 change nothing); a running
     * one is replaced, its final comparison returned under {@code replaced}.
     */
    public Map<String, Object> start(List<RuleFile> files, String parameters) {
        RuleSet candidate = candidates.build(files, parameters);
        Run next = new Run(candidate, rules.active().version(), clock.instant());
        Run previous;
        synchronized (this) {
            previous = run;
            run = next;
        }
        next.worker.start();
        Map<String, Object> out = next.report();
        out.put("replaced", previous == null ? null : previous.stop(config.drainOnStop().toMillis()));
        return out;
    }

    /** The running comparison; 404 when no shadow runs. */
    public Map<String, Object> show() {
        Run r = run;
        if (r == null) throw notRunning();
        return r.report();
    }

    /** Stops the run: quotes already queued are compared (for a short while), then the final comparison. */
    public Map<String, Object> stop() {
        Run r;
        synchronized (this) {
            r = run;
            run = null;
        }
        if (r == null) throw notRunning();
        return r.stop(config.drainOnStop().toMillis());
    }

    @Override
    public void answered(QuoteRequest quote, FactsMet met, ValidationResponse answer) {
        Run r = run;
        if (r != null && met != null) r.offer(new Item(quote, met, answer));
    }

    private static ProblemException notRunning() {
        return new ProblemException(404, "No shadow run", "No candidate runs in shadow on this instance; start one with PUT /api/v1/rules/shadow.",
                null, null);
    }

    @PreDestroy
    void shutdown() {
        Run r = run;
        run = null;
        if (r != null) r.stop(0);
    }

    /** A live quote, the facts it met and its answer, waiting for the candidate. */
    private record Item(QuoteRequest quote, FactsMet met, ValidationResponse answer) {
    }

    /** One shadow run: its candidate, queue, worker and counts. */
    private final class Run {
        final RuleSet candidate;
        final String activeVersion;
        final Instant started;
        final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(Math.max(1, config.queue()));
        final Comparison comparison;
        final AtomicLong seen = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final Map<String, Long> failedByRule = new ConcurrentHashMap<>();
        final Map<String, Long> liveVersions = new ConcurrentHashMap<>();
        /** Differences after the first {@code samples}: a uniform reservoir sample of them. */
        final List<Comparison.Example> sampled = new ArrayList<>();
        long differences;
        final Thread worker;
        volatile boolean accepting = true;
        volatile boolean halted;
        volatile Instant stopped;

        Run(RuleSet candidate, String activeVersion, Instant started) {
            this.candidate = candidate;
            this.activeVersion = activeVersion;
            this.started = started;
            this.comparison = new Comparison(activeVersion, candidate.version(), config.samples());
            this.worker = new Thread(this::drain, "shadow-" + candidate.version());
            worker.setDaemon(true);
            worker.setPriority(Thread.MIN_PRIORITY); // the live answers come first
        }

        void offer(Item item) {
            if (!accepting) return;
            seen.incrementAndGet();
            if (!queue.offer(item)) dropped.incrementAndGet();
        }

        /** The worker: compares queued quotes until stopped and the queue is empty (or halted). */
        private void drain() {
            while (!halted) {
                Item item;
                try {
                    item = queue.poll(200, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                if (item == null) {
                    if (!accepting) return;
                    continue;
                }
                compare(item);
            }
        }

        private void compare(Item item) {
            ValidationResponse live = item.answer();
            liveVersions.merge(String.valueOf(live.rulesVersion()), 1L, Long::sum);
            Instant now = live.evaluatedAt().toInstant();
            ValidationResponse c;
            try {
                c = evaluator.evaluate(item.quote(), new RecordedFacts(item.met()), candidate, now,
                        writer.english(now.atOffset(ZoneOffset.UTC).toLocalDate())).response();
            } catch (QuoteEvaluator.RulesFailed f) {
                failed(f.rule() == null || f.rule().isEmpty() ? "(rule set)" : f.rule());
                return;
            } catch (RuntimeException | StackOverflowError e) {
                // a fault of the candidate or of its evaluation: counted, never anyone else's concern
                failed("(" + e.getClass().getSimpleName() + ")");
                LOG.debugf(e, "shadow candidate %s failed on decision %s", candidate.version(), live.decisionId());
                return;
            }
            if (comparison.add(live.decisionId(), item.quote(), live, c, null, live.evaluatedAt())) sample(item.quote(), live, c);
        }

        private void failed(String rule) {
            failed.incrementAndGet();
            failedByRule.merge(rule, 1L, Long::sum);
            comparison.failed(true);
        }

        /** The first differences are the comparison's examples; later ones replace sampled ones at random (reservoir). */
        private void sample(QuoteRequest q, ValidationResponse live, ValidationResponse c) {
            int size = config.samples();
            synchronized (sampled) {
                long later = ++differences - size;
                if (later <= 0 || size <= 0) return;
                Comparison.Example e = Comparison.example(live.decisionId(), q, live, c, live.evaluatedAt());
                if (sampled.size() < size) sampled.add(e);
                else {
                    long j = ThreadLocalRandom.current().nextLong(later);
                    if (j < size) sampled.set((int) j, e);
                }
            }
        }

        /** Stops taking quotes, lets the worker compare what is queued for up to {@code drainMillis}; the final report. */
        Map<String, Object> stop(long drainMillis) {
            accepting = false;
            try {
                worker.join(Math.max(1, drainMillis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            halted = true;
            if (worker.isAlive()) {
                worker.interrupt();
                try {
                    worker.join(1_000); // a candidate evaluation in flight ends within its firing limit
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            List<Item> left = new ArrayList<>();
            queue.drainTo(left);
            dropped.addAndGet(left.size());
            stopped = clock.instant();
            return report();
        }

        Map<String, Object> report() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", candidate.version());
            m.put("activeVersion", activeVersion);
            m.put("started", Timestamps.format(started)); // to the second, as every answer
            m.put("running", stopped == null);
            if (stopped != null) m.put("stopped", Timestamps.format(stopped));
            Map<String, Object> counts = comparison.report();
            long compared = (Long) counts.get("compared");
            m.put("seen", seen.get());
            m.put("compared", compared);
            m.put("dropped", dropped.get());
            m.put("failed", failed.get());
            m.put("pending", Math.max(0, seen.get() - compared - dropped.get() - failed.get()));
            m.put("failedByRule", new TreeMap<>(failedByRule));
            m.put("liveVersions", new TreeMap<>(liveVersions));
            m.put("queueCapacity", config.queue());
            m.putAll(counts);
            synchronized (sampled) {
                m.put("sampled", List.copyOf(sampled));
            }
            return m;
        }
    }
}
