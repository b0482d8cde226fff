package com.promisevalidator.commitment.service;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.event.Event;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.promisevalidator.commitment.model.PromiseStatus;
import com.promisevalidator.commitment.model.PromiseStatusChanged;
import com.promisevalidator.common.PromiseEvent;

/**
 * The one place a promise's status change is made known. Every transaction that writes a promise's
 * status calls {@link #record} inside it (a hook for work that must commit with the change, such as
 * an outbox row) and, after it committed, {@link #announce}, which fires {@link PromiseStatusChanged}
 * to CDI observers. A rolled-back change is never announced.
 */
@Singleton
public class PromiseStatusChanges {

    private static final Logger LOG = Logger.getLogger(PromiseStatusChanges.class);

    private final Event<PromiseStatusChanged> events;
    private final PromiseViews views;

    public PromiseStatusChanges(Event<PromiseStatusChanged> events, PromiseViews views) {
        this.events = events;
        this.views = views;
    }

    /** Notes a change inside the transaction {@code c} that writes it; adds it to {@code pending} unless the status stays. */
    void record(Connection c, List<PromiseStatusChanged> pending, String promiseId, PromiseStatus from, PromiseStatus to, Instant at) {
        if (from == to) return;
        pending.add(new PromiseStatusChanged(promiseId, from, to, at));
        // observers that must commit or roll back with the change (the webhooks outbox) write on this connection;
        // the promise as the API shows it is read only when someone subscribed
        // an at-risk promise back to OPEN is its own event: a CRM driven by webhooks stops calling the customer
        String event = from == PromiseStatus.AT_RISK && to == PromiseStatus.OPEN ? PromiseEvent.RECOVERED : to.name();
        PromiseEvent.fire(c, promiseId, event, at, () -> views.view(PromiseRepository.find(c, promiseId, false)));
    }

    /** After the commit: tells the observers. An observer's failure is logged, never the caller's (the change is already made). */
    void announce(List<PromiseStatusChanged> committed) {
        for (PromiseStatusChanged change : committed) {
            try {
                events.fire(change);
            } catch (RuntimeException e) {
                LOG.warnf("an observer of promise %s going %s failed: %s", change.promiseId(), change.to(), e.getMessage());
            }
        }
    }
}
