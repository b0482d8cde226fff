package com.promisevalidator.api;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import com.promisevalidator.commitment.model.PromiseStatusChanged;

/** Keeps every PromiseStatusChanged event the service fires, as a webhook sender would observe them. */
@Singleton
public class StatusChangeRecorder {

    private final List<PromiseStatusChanged> seen = new CopyOnWriteArrayList<>();

    void on(@Observes PromiseStatusChanged change) {
        seen.add(change);
    }

    /** The changes of one promise, in the order they were fired. */
    List<String> of(String promiseId) {
        return seen.stream().filter(c -> c.promiseId().equals(promiseId)).map(c -> c.from() + "->" + c.to()).toList();
    }
}
