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

    private final Map<Object, Distribution> cache = new ConcurrentHashMap<>();
    private final Map<String, Object[]> derived = new ConcurrentHashMap<>(); // key -> {version, value}
    private final AtomicLong version = new AtomicLong();

    Distribution get(Object key, Supplier<Distribution> compute) {
        Distribution d = cache.get(key);
        if (d == null) {
            d = compute.get();
            cache.put(key, d);
        }
        return d;
    }

    /**
     * Something worked out from all the statistics (site factors, time-of-week effects…), per key (the settings it
     * depends on), until they change. Tagged with the version read before it was worked out, so a value computed while
     * the statistics changed is not kept as current.
     */
    @SuppressWarnings("unchecked")
    <T> T derived(String key, Supplier<T> compute) {
        long v = version.get();
        Object[] t = derived.get(key);
        if (t != null && (long) t[0] == v) return (T) t[1];
        T value = compute.get();
        derived.put(key, new Object[]{v, value});
        return value;
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
