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
 */
public record Blend(double priorWeight, double planningConfidence, int minEvidence, int lostAfter, double driftZ) {

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
        return new Blend(priorWeight, planningConfidence, minEvidence, days, driftZ);
    }
}
