package com.promisevalidator.performance.model;

/**
 * How evidence levels are mixed into one distribution (read-time settings, nothing stored depends on them).
 *
 * @param priorWeight        how many outcomes a parent level counts for when mixed into a thin key
 * @param planningConfidence chance assumed for a planning value when there is no history at all
 * @param minEvidence        finished outcomes a level needs before its own history is used (else its parent speaks)
 * @param lostAfter          an order open longer than this many days (the planning horizon) counts as lost, not as
 *                           an ever-longer lead time; 0 = never
 * @param driftZ             standard errors by which all deliveries' short-memory tail must exceed the long-memory one
 *                           before every level answers from its short memory (drift-adaptive recency)
 * @param planningWeight     how many outcomes the planning value counts for against the most general level with history;
 *                           negative = priorWeight (a value ops set); the built-in default transit time, which nobody set,
 *                           counts for one outcome, so it cannot lend a slow business's lanes a chance of 5 days
 * @param planningOfKey      the planning value is ops' value for the most specific key itself (a lane's transit days): it is
 *                           that key's prior in place of the levels above, rather than the bottom of the chain, where
 *                           everything else's history would drown it
 */
public record Blend(double priorWeight, double planningConfidence, int minEvidence, int lostAfter, double driftZ, double planningWeight,
                    boolean planningOfKey) {

    public Blend(double priorWeight, double planningConfidence, int minEvidence, int lostAfter, double driftZ, double planningWeight) {
        this(priorWeight, planningConfidence, minEvidence, lostAfter, driftZ, planningWeight, false);
    }

    public Blend(double priorWeight, double planningConfidence, int minEvidence, int lostAfter, double driftZ) {
        this(priorWeight, planningConfidence, minEvidence, lostAfter, driftZ, -1);
    }

    /** The weight of the planning value against the most general level with history. */
    public double planningPriorWeight() {
        return planningWeight < 0 ? priorWeight : planningWeight;
    }

    /** The same settings for a planning value nobody set (the built-in default): it counts for one outcome. */
    public Blend withPlaceholderPlanning() {
        return new Blend(priorWeight, planningConfidence, minEvidence, lostAfter, driftZ, Math.min(1.0, priorWeight), false);
    }

    /** The same settings for a planning value ops set for the key itself (see {@code planningOfKey}). */
    public Blend withPlanningOfKey() {
        return new Blend(priorWeight, planningConfidence, minEvidence, lostAfter, driftZ, planningWeight, true);
    }

    /** The drift test's default: two standard errors. */
    public static final double DEFAULT_DRIFT_Z = 2.0;

    public Blend(double priorWeight, double planningConfidence, int minEvidence) {
        this(priorWeight, planningConfidence, minEvidence, 0, DEFAULT_DRIFT_Z);
    }

    public Blend(double priorWeight, double planningConfidence, int minEvidence, double driftZ) {
        this(priorWeight, planningConfidence, minEvidence, 0, driftZ);
    }

    /** The same settings, with open orders older than {@code days} counted as lost. */
    public Blend lostAfter(int days) {
        return new Blend(priorWeight, planningConfidence, minEvidence, days, driftZ, planningWeight, planningOfKey);
    }
}
