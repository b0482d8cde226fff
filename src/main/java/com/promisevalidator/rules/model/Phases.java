package com.promisevalidator.rules.model;

import java.util.List;

/** The phases a rule may name ({@code ruleflow-group}), in the order a quote goes through them. */
public final class Phases {

    /** start: when the work can begin (cut-off, the job's realistic minutes); settle: calendar, stock, capacity, bays;
     *  estimate: the date from the lead time; offers: split deliveries; evidence: what was checked and the rep's record. */
    public static final List<String> ORDER = List.of("start", "settle", "estimate", "offers", "evidence");

    private Phases() {
    }
}
