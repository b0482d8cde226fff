package com.promisevalidator.performance.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.promisevalidator.performance.model.Distribution;

/**
 * Estimates already worked out, per question (lane or service, planning value, blend settings), until the
 * statistics change; and the version number callers use to cache what they derive from them.
 */
final class EstimateCache {

    private final Map<String, Distribution> cache = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();

    Distribution get(String key, Supplier<Distribution> compute) {
        Distribution d = cache.get(key);
        if (d == null) {
            d = compute.get();
            cache.put(key, d);
        }
        return d;
    }

    /** The statistics changed: nothing cached holds any more. */
    void invalidate() {
        cache.clear();
        version.incrementAndGet();
    }

    long version() {
        return version.get();
    }
}
