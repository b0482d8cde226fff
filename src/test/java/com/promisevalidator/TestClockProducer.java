package com.promisevalidator;

import java.time.Clock;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Replaces common/ClockProducer's system clock under {@code @QuarkusTest} with {@link TestClock}. In test sources
 * only, so the packaged service (and the *IT tests that start it) always runs on the system clock.
 */
@ApplicationScoped
public class TestClockProducer {

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    public Clock clock() {
        return TestClock.UTC;
    }
}
