package com.promisevalidator.performance.model;

import java.util.Map;

/**
 * The standard minutes of every service offered (site>type -> minutes), as master data has them; {@code version} changes
 * whenever they do, so estimates worked out from them are kept only as long as they hold.
 */
public record Standards(long version, Map<String, Double> minutes) {

    public Standards {
        minutes = Map.copyOf(minutes);
    }
}
