package com.promisevalidator.validation.facts;

/** What delivery and service plans share, so one rule can speak about either (e.g. the rep's track record). */
public interface Plan {
    String getSite();

    boolean isAsked();

    Notes getNotes();

    /** Records a finding of the rule now firing. */
    default void note(Finding f) {
        getNotes().note(f);
    }
}
