package com.promisevalidator.replay.service;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import com.promisevalidator.validation.facts.Reason;
import com.promisevalidator.validation.model.QuoteRequest;
import com.promisevalidator.validation.model.Recommended;
import com.promisevalidator.validation.model.ValidationResponse;
import com.promisevalidator.validation.model.Verdict;

/**
 * The answers of two rule sets (the active one and a candidate) to the same quotes on the same facts, counted:
 * verdicts changed, recommended promises moved (by how many days or minutes), counts by reason code, and
 * against outcomes known now, how often each version's recommendation would have been kept and how long it
 * promised. Shared by backtest and shadow, so the two count alike. Thread-safe.
 */
public final class Comparison {

    /** What actually happened to a quote's order, when known: the day it was delivered (site's day) or the minutes taken. */
    public record Outcome(LocalDate deliveredOn, Double actualMinutes) {
    }

    /** One version's answer, reduced to what is compared. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "ComparedAnswer")
    public record Side(Verdict verdict, Recommended recommended, List<String> codes) {
        static Side of(ValidationResponse r) {
            Set<String> codes = new LinkedHashSet<>();
            if (r.reasons() != null) {
                for (Reason reason : r.reasons()) {
                    if (reason.code() != null) codes.add(reason.code().name());
                }
            }
            return new Side(r.verdict(), r.recommended(), List.copyOf(codes));
        }
    }

    /** A quote whose answer changed, with both answers. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "ComparedQuote")
    public record Example(String decisionId, String quoteId, String type, String site, String region, String serviceType,
                          OffsetDateTime evaluatedAt, Side active, Side candidate) {
    }

    /** Counts of one version. */
    public static final class Version {
        public final String version;
        final Map<String, Long> verdicts = new TreeMap<>();
        final Map<String, Long> reasonCodes = new TreeMap<>();
        long failed;
        long withOutcome, kept;
        long promisedDaysCount, promisedDaysSum;
        long promisedMinutesCount;
        double promisedMinutesSum;

        Version(String version) {
            this.version = version;
        }

        void add(QuoteRequest q, ValidationResponse r, Outcome outcome, OffsetDateTime evaluatedAt) {
            verdicts.merge(r.verdict().name(), 1L, Long::sum);
            for (String c : Side.of(r).codes()) reasonCodes.merge(c, 1L, Long::sum);
            Recommended rec = r.recommended();
            if (outcome == null || rec == null) return;
            if (rec.promisedBy() != null && outcome.deliveredOn() != null) {
                withOutcome++;
                if (!outcome.deliveredOn().isAfter(rec.promisedBy())) kept++;
                LocalDate ordered = q.orderedAt() != null ? q.orderedAt().toLocalDate() : evaluatedAt.toLocalDate();
                promisedDaysCount++;
                promisedDaysSum += ChronoUnit.DAYS.between(ordered, rec.promisedBy());
            } else if (rec.promisedMinutes() != null && outcome.actualMinutes() != null) {
                withOutcome++;
                if (outcome.actualMinutes() <= rec.promisedMinutes() + 1e-9) kept++;
                promisedMinutesCount++;
                promisedMinutesSum += rec.promisedMinutes();
            }
        }

        Map<String, Object> report() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", version);
            m.put("verdicts", new TreeMap<>(verdicts));
            m.put("reasonCodes", new TreeMap<>(reasonCodes));
            m.put("failed", failed);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("known", withOutcome);
            o.put("kept", kept);
            o.put("keptRate", withOutcome == 0 ? null : round(kept / (double) withOutcome));
            o.put("meanPromisedDays", promisedDaysCount == 0 ? null : round(promisedDaysSum / (double) promisedDaysCount));
            o.put("meanPromisedMinutes", promisedMinutesCount == 0 ? null : round(promisedMinutesSum / promisedMinutesCount));
            m.put("outcomes", o);
            return m;
        }
    }

    private final Version active;
    private final Version candidate;
    private final int maxExamples;
    private long compared;
    private long verdictsChanged;
    private final Map<String, Long> verdictChanges = new TreeMap<>();
    private long earlier, later, unmoved, siteChanged, appeared, disappeared;
    private final Map<Long, Long> days = new TreeMap<>();
    private final Map<Long, Long> minutes = new TreeMap<>();
    private final List<Example> examples = new ArrayList<>();

    public Comparison(String activeVersion, String candidateVersion, int maxExamples) {
        this.active = new Version(activeVersion);
        this.candidate = new Version(candidateVersion);
        this.maxExamples = maxExamples;
    }

    /**
     * Both answers to one quote; {@code outcome} when known; {@code evaluatedAt} when the quote was asked. True when
     * the answers differ (verdict, recommended site or promise).
     */
    public synchronized boolean add(String decisionId, QuoteRequest q, ValidationResponse a, ValidationResponse c, Outcome outcome,
                                 OffsetDateTime evaluatedAt) {
        compared++;
        active.add(q, a, outcome, evaluatedAt);
        candidate.add(q, c, outcome, evaluatedAt);
        boolean changed = false;
        if (a.verdict() != c.verdict()) {
            verdictsChanged++;
            verdictChanges.merge(a.verdict() + "->" + c.verdict(), 1L, Long::sum);
            changed = true;
        }
        Recommended ra = a.recommended(), rc = c.recommended();
        if (ra == null && rc != null) {
            appeared++;
            changed = true;
        } else if (ra != null && rc == null) {
            disappeared++;
            changed = true;
        } else if (ra != null) {
            if (!Objects.equals(ra.site(), rc.site())) {
                siteChanged++;
                changed = true;
            }
            long moved;
            Map<Long, Long> histogram;
            if (ra.promisedBy() != null && rc.promisedBy() != null) {
                moved = ChronoUnit.DAYS.between(ra.promisedBy(), rc.promisedBy());
                histogram = days;
            } else {
                moved = end(ra) == null || end(rc) == null ? 0 : Duration.between(end(ra), end(rc)).toMinutes();
                histogram = minutes;
            }
            if (moved == 0) {
                unmoved++;
            } else {
                if (moved < 0) earlier++;
                else later++;
                histogram.merge(moved, 1L, Long::sum);
                changed = true;
            }
        }
        if (changed && examples.size() < maxExamples) examples.add(example(decisionId, q, a, c, evaluatedAt));
        return changed;
    }

    /** A changed quote with both answers, as the examples show it. */
    public static Example example(String decisionId, QuoteRequest q, ValidationResponse a, ValidationResponse c, OffsetDateTime evaluatedAt) {
        Recommended ra = a.recommended();
        return new Example(decisionId, q.quoteId(), q.type(), ra != null ? ra.site() : q.site(), q.region(), q.serviceType(),
                evaluatedAt, Side.of(a), Side.of(c));
    }

    /** A quote one version could not answer (its rules failed on it). */
    public synchronized void failed(boolean candidateSide) {
        (candidateSide ? candidate : active).failed++;
    }

    /** When a service promise ends: its start plus its minutes. */
    private static OffsetDateTime end(Recommended r) {
        return r.startAt() == null || r.promisedMinutes() == null ? null : r.startAt().plusNanos(Math.round(r.promisedMinutes() * 60_000_000_000.0));
    }

    public synchronized long compared() {
        return compared;
    }

    /** The counts so far, as the API shows them. */
    public synchronized Map<String, Object> report() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("compared", compared);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("total", verdictsChanged);
        v.put("byChange", new TreeMap<>(verdictChanges));
        m.put("verdictsChanged", v);
        Map<String, Object> moved = new LinkedHashMap<>();
        moved.put("earlier", earlier);
        moved.put("later", later);
        moved.put("unmoved", unmoved);
        moved.put("siteChanged", siteChanged);
        moved.put("appeared", appeared);
        moved.put("disappeared", disappeared);
        moved.put("byDays", histogram(days));
        moved.put("byMinutes", histogram(minutes));
        m.put("recommendedMoved", moved);
        m.put("active", active.report());
        m.put("candidate", candidate.report());
        m.put("examples", List.copyOf(examples));
        return m;
    }

    private static Map<String, Long> histogram(Map<Long, Long> h) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map.Entry<Long, Long> e : h.entrySet()) out.put((e.getKey() > 0 ? "+" : "") + e.getKey(), e.getValue());
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
