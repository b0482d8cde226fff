package com.promisevalidator.performance.model;

/**
 * How evidence levels are mixed into one distribution (read-time settings, nothing stored depends on them).
 *
 * @param priorWeight        how many outcomes a parent level counts for when mixed into a thin key
 * @param planningConfidence chance assumed for a planning value when there is no history at all
 * @param minEvidence        finished outcomes a level needs before its own history is used (else its parent speaks)
 */
public record Blend(double priorWeight, double planningConfidence, int minEvidence) {
}
