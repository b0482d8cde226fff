package com.promisevalidator.validation.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * What one promise holds, set aside when it is planned again (an at-risk promise's fresh recommendation): its units of stock
 * by SKU at its site, its place on a dispatch day, its bay time. Re-promised, it would release them first, so they are free
 * for it. Null parts hold nothing (a service has no stock; a delivery no bay).
 */
public record OwnHolds(String site, Map<String, Integer> stock, LocalDate dispatchDay, String serviceType, Instant bayFrom,
                       Instant bayUntil) {

    public OwnHolds {
        stock = stock == null ? Map.of() : Map.copyOf(stock);
    }
}
