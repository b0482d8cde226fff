package com.promisevalidator.validation.facts;

/** What delivery and service plans share, so one rule can speak about either (e.g. the rep's track record). */
public interface Plan {
    String getSite();

    boolean isAsked();

    /**
     * This plan may give the answer: the asked site's plan, or, when a delivery quote names no site, each candidate
     * site's (the best of them becomes the answer). What a rule about the quote as a whole (the rep's record) matches,
     * so the answer carries it whichever plan it is.
     */
    default boolean isAnswering() {
        return isAsked();
    }

    Notes getNotes();

    /** The chance the promise must be kept with. */
    double getTarget();

    /** Whether a promise kept with this chance meets the target (with a hair of tolerance for summed weights). */
    default boolean keeps(double confidence) {
        return confidence >= getTarget() - 1e-9;
    }

    /** Records a finding of the rule now firing. */
    default void note(Finding f) {
        getNotes().note(f);
    }
}
