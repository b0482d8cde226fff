package com.promisevalidator.performance.model;

/**
 * The settings a newly finished service is judged with (the chance the estimate in force gave it, for the
 * recalibration): the active rule set's mixing, band of the week and significance, and the standards of the services
 * offered. The same on every instance, whatever quotes (or shadow evaluations) it has answered.
 */
public record ServiceJudging(Blend blend, int bandHours, double z, Standards standards) {
}
