package com.promisevalidator.performance.model;

/**
 * How evidence levels are mixed into one distribution (read-time settings, nothing stored depends on them).
 *
 * @param priorWeight        how many outcomes a parent level counts for when mixed into a thin key
 * @param planningConfidence chance assumed for a planning value when there is no history at all
 * @param minEvidence        finished outcomes a level needs before its own history is used (else its parent speaks)
 * @param lostAfter          an order open longer than this many days (the planning horizon) counts as lost, not as
 *                           an ever-longer lead time; 0 = never
 */
public record Blend(double priorWeight, double planningConfidence, int minEvidence, int lostAfter) {

    public Blend(double priorWeight, double planningConfidence, int minEvidence) {
        this(priorWeight, planningConfidence, minEvidence, 0);
    }

    /** The same settings, with open orders older than {@code days} counted as lost. */
    public Blend lostAfter(int days) {
        return new Blend(priorWeight, planningConfidence, minEvidence, days);
    }
}
