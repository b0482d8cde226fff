package com.promisevalidator.common;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** One clock for the whole service, so tests and replays can reason about "now". */
@ApplicationScoped
public class ClockProducer {
    @Produces
    @jakarta.inject.Singleton // no client proxy on a call made several times per quote
    public Clock clock() {
        return Clock.systemUTC();
    }
}
