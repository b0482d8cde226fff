package com.promisevalidator.replay.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.promisevalidator.replay.service.Comparison;

/**
 * The shapes of the backtest and shadow answers, for the OpenAPI document only: Backtest, Shadow and Comparison build
 * them as maps, these records say what those maps hold.
 */
final class ReplayViews {

    private ReplayViews() {
    }

    @Schema(name = "BacktestReport", description = "The candidate against the active rule set over the recorded decisions of a period",
            requiredProperties = {"from", "to", "compared", "verdictsChanged", "recommendedMoved", "active", "candidate", "examples", "skipped", "fidelity", "elapsedMs"})
    record BacktestReport(@Schema(description = "Start of the period (inclusive)") OffsetDateTime from,
                          @Schema(description = "End of the period (exclusive; a date `to` is through its end)") OffsetDateTime to,
                          @Schema(description = "Decisions replayed through both versions") long compared,
                          VerdictsChanged verdictsChanged, RecommendedMoved recommendedMoved,
                          VersionCounts active, VersionCounts candidate,
                          @Schema(description = "The first quotes whose answer changed (at most `examples` of the request)") List<Comparison.Example> examples,
                          Skipped skipped, Fidelity fidelity,
                          @Schema(description = "How long the replay took") long elapsedMs) {
    }

    @Schema(name = "ShadowReport", description = "A shadow run: the candidate answering live quotes beside the active rule set, compared as a backtest compares",
            requiredProperties = {"version", "activeVersion", "started", "running", "seen", "compared", "dropped", "failed", "pending", "failedByRule",
                    "liveVersions", "queueCapacity", "verdictsChanged", "recommendedMoved", "active", "candidate", "examples", "sampled"})
    record ShadowReport(@Schema(description = "The candidate's version") String version,
                        @Schema(description = "The active version when the shadow started") String activeVersion,
                        OffsetDateTime started, boolean running,
                        @Schema(description = "When it stopped (absent while running)") OffsetDateTime stopped,
                        @Schema(description = "Live quotes taken") long seen,
                        @Schema(description = "Of them compared") long compared,
                        @Schema(description = "Left out: the queue was full, or still queued when it stopped") long dropped,
                        @Schema(description = "The candidate's rules failed on them") long failed,
                        @Schema(description = "Queued, not compared yet") long pending,
                        @Schema(description = "Failures by rule name") Map<String, Long> failedByRule,
                        @Schema(description = "Quotes seen by the active version that answered them") Map<String, Long> liveVersions,
                        long queueCapacity,
                        VerdictsChanged verdictsChanged, RecommendedMoved recommendedMoved,
                        VersionCounts active, VersionCounts candidate,
                        @Schema(description = "The first quotes whose answer changed") List<Comparison.Example> examples,
                        @Schema(description = "Later changed quotes, sampled at random") List<Comparison.Example> sampled,
                        @Schema(description = "PUT only: the final report of the shadow this one replaced (null: none ran)", nullable = true) ShadowReport replaced) {
    }

    @Schema(name = "VerdictsChanged", requiredProperties = {"total", "byChange"})
    record VerdictsChanged(long total, @Schema(description = "By change, e.g. APPROVED->ALTERNATIVE") Map<String, Long> byChange) {
    }

    @Schema(name = "RecommendedMoved", description = "How the recommended promise moved from the active answer to the candidate's",
            requiredProperties = {"earlier", "later", "unmoved", "siteChanged", "appeared", "disappeared", "byDays", "byMinutes"})
    record RecommendedMoved(long earlier, long later, long unmoved, long siteChanged,
                            @Schema(description = "Only the candidate recommends something") long appeared,
                            @Schema(description = "Only the active version recommends something") long disappeared,
                            @Schema(description = "Histogram of delivery moves in days, e.g. {\"+1\": 3}") Map<String, Long> byDays,
                            @Schema(description = "Histogram of service moves in minutes") Map<String, Long> byMinutes) {
    }

    @Schema(name = "VersionCounts", description = "What one version answered", requiredProperties = {"version", "verdicts", "reasonCodes", "failed", "outcomes"})
    record VersionCounts(String version, @Schema(description = "Answers by verdict") Map<String, Long> verdicts,
                         @Schema(description = "Answers carrying each reason code") Map<String, Long> reasonCodes,
                         long failed, Outcomes outcomes) {
    }

    @Schema(name = "VersionOutcomes", description = "The outcomes known now of the promises this version would have made",
            requiredProperties = {"known", "kept"})
    record Outcomes(long known, long kept, @Schema(nullable = true) Double keptRate,
                    @Schema(nullable = true) Double meanPromisedDays, @Schema(nullable = true) Double meanPromisedMinutes) {
    }

    @Schema(name = "BacktestSkipped", description = "Decisions not replayed", requiredProperties = {"withoutFacts", "unreadable"})
    record Skipped(@Schema(description = "Recorded without the facts they met") long withoutFacts, long unreadable) {
    }

    @Schema(name = "BacktestFidelity", description = "How faithfully the active version's replay reproduces what was answered",
            requiredProperties = {"recordedUnderActiveVersion", "sameAnswerAsRecorded"})
    record Fidelity(long recordedUnderActiveVersion, long sameAnswerAsRecorded) {
    }
}
