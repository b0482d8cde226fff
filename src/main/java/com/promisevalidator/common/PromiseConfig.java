package com.promisevalidator.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Application configuration (application.properties, prefix "promise"); see the README for each knob. The
 * thresholds ops tune (target confidence, horizons, default transit, stats) are only defaults here: the rule
 * set's rules/parameters.yaml wins for every key it sets, and is reloaded live.
 */
@ConfigMapping(prefix = "promise")
public interface PromiseConfig {
    /** Directory of the *.drl rule files (PROMISE_RULES_DIR). */
    @WithDefault("rules")
    String rulesDir();

    /**
     * A start whose rules directory is refused runs the last rule set activated clean (kept in the database); false
     * makes such a start fail fast instead (not ready, validation 503) for deployments that would rather stop.
     */
    @WithDefault("true")
    boolean rulesLastGoodAtStart();

    /** Load the demo data set into an empty database at start-up (PROMISE_DEMO_DATA). */
    @WithDefault("true")
    boolean demoData();

    /** Chance a promise must have of being kept; requests may override it. */
    @WithDefault("0.90")
    double targetConfidence();

    /** How far ahead a delivery may be planned before the answer is REJECTED. */
    @WithDefault("120")
    int deliveryHorizonDays();

    /** How far ahead a service slot is searched. */
    @WithDefault("14")
    int serviceHorizonDays();

    /** Transit assumed for a lane with neither history nor a planning value. */
    @WithDefault("5")
    int defaultTransitDays();

    /** Largest number of quotes in one validate-batch call. */
    @WithDefault("1000")
    int maxBatch();

    /** Most alternatives from other sites listed in one answer. */
    @WithDefault("3")
    int maxOtherSites();

    /** How often the rules directory is checked for edits. */
    @WithDefault("5s")
    String rulesPollInterval();

    /** How long "hold": true keeps the capacity of a quote's recommended promise. */
    @WithDefault("15")
    int holdMinutes();

    Holds holds();

    /** Bounds on "hold": true, per API key (probe P12 M1: one key could hold a site's whole days). */
    interface Holds {
        /** Most holds one key may have open at once, every role alike; 0 = no bound. A batch's holds count one by one. */
        @WithDefault("50")
        int maxOpenPerKey();

        /** Overrides for some key names, e.g. {@code promise.holds.keys."shop".max-open=500} for a CRM holding for its checkouts. */
        java.util.Map<String, KeyHolds> keys();

        interface KeyHolds {
            int maxOpen();
        }
    }

    /** How often open promises are re-checked for risk (and held capacity expired). */
    @WithDefault("30s")
    String recheckInterval();

    /** Most open promises re-checked in one pass (bounded work). */
    @WithDefault("500")
    int recheckBatch();

    /** How often an instance looks for changes other instances made to the shared database. */
    @WithDefault("2s")
    String syncInterval();

    /** How far (minutes) a commit's orderedAt may lie in the past: commits are for orders placed now. */
    @WithDefault("10")
    int commitBackdateMinutes();

    Stats stats();

    History history();

    /** What history (imported rows and recorded outcomes) is accepted, and which rows are held out as outliers. */
    interface History {
        /** Clocks disagree a little: a completion up to this many minutes after "now" is not yet "in the future". */
        @WithDefault("5")
        int clockSkewMinutes();

        /** Longest believable delivery lead time (orderedAt to completedAt); longer rows are refused. */
        @WithDefault("365")
        int maxLeadDays();

        /**
         * Longest believable service duration; longer rows are refused. 30 days: a multi-day repair or a helpdesk ticket of
         * weeks is work, not a typing error (probe kinds H2: a day refused a third of a repair shop's log; probe svckinds H1: a
         * week refused a helpdesk's 2 % longest tickets, and its promises fell 3 points under target). A type's estimate holds
         * a step per tenth of a minute up to its longest job (30 days: 432,000 steps, 3.5 MB), so longer needs more memory.
         */
        @WithDefault("43200")
        int maxServiceMinutes();

        /** Outlier rule: a value beyond P90 + max(k × (P90 − P10), P90, floor) of its key is held out until confirmed. */
        @WithDefault("3")
        double outlierK();

        /** Outlier rule floor for deliveries: never flag a lead time within this many days of the key's P90. */
        @WithDefault("14")
        int outlierFloorDays();

        /** Outlier rule floor for services: never flag a duration within this many minutes of the key's P90. */
        @WithDefault("60")
        int outlierFloorMinutes();

        /** A key needs this many finished rows to judge outliers by its own P10/P90; thinner keys are judged by their parent. */
        @WithDefault("20")
        int outlierMinRows();

        /**
         * A thinner key with at least this many other finished rows also judges each row by those others (the same rule,
         * leave-one-out): a parent mixing other lines of business can be too wide to catch one wild row on a thin lane.
         */
        @WithDefault("3")
        int outlierThinOthers();
    }

    DecisionLogSettings decisionLog();

    /** Writing validation answers (decisions) to the database, off the request path. */
    interface DecisionLogSettings {
        /** How often queued decisions are written; while the database accepts writes a decision is stored within about a second. */
        @WithDefault("250ms")
        java.time.Duration flushInterval();

        /** Most decisions waiting in memory; when full, validations answer 503 until the database catches up. */
        @WithDefault("20000")
        int capacity();

        /** Decisions evaluated longer ago than this are deleted by a scheduled job (every promise.decision-log.purge-interval, 1h). */
        @WithDefault("30d")
        java.time.Duration retention();
    }

    /** Past-performance statistics. */
    interface Stats {
        /** Outcomes lose half their weight every this many days (0 = no decay). */
        @WithDefault("30")
        int halfLifeDays();

        /** How many outcomes a parent level (region, site, everything, planning) counts for when mixed into a thin key. */
        @WithDefault("30")
        double priorWeight();

        /** Chance assumed for a planning value when there is no history at all. */
        @WithDefault("0.90")
        double planningConfidence();

        /** Finished outcomes a key (lane, site, service…) needs before its own history is used; thinner keys borrow their parent's. */
        @WithDefault("1")
        int minEvidenceOrders();

        /** Half-life of the short memory used when all deliveries slowed down (0 = none; not shorter than halfLifeDays = none). */
        @WithDefault("7")
        int driftHalfLifeDays();

        /** Standard errors by which the short memory must be slower before it answers. */
        @WithDefault("2")
        double driftZ();

        /** Hours per band of the week for time-of-week effects on service minutes (0 = off). */
        @WithDefault("3")
        int timeOfWeekBandHours();

        /** Standard errors by which everyone's time-of-week effect in a band must differ from none before it counts. */
        @WithDefault("2")
        double timeOfWeekZ();

        /** How many outcomes "no correction" counts for when service estimates are recalibrated on recent outcomes (0 = off). */
        @WithDefault("100")
        double recalibrationWeight();
    }
}
