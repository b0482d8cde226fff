package com.promisevalidator.validation.model;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One quote to validate: a delivery (type DELIVERY) or a service (type SERVICE). Fields that do not
 * apply to the type are ignored. See PRODUCT.md for the contract.
 */
public record QuoteRequest(
        String type,
        String quoteId,
        String rep,
        String customer,
        String site,
        String region,
        List<Line> lines,
        OffsetDateTime orderedAt,
        LocalDate promisedBy,
        Double confidence,
        String serviceType,
        OffsetDateTime startAt,
        @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = com.promisevalidator.common.Minutes.Json.class) Double promisedMinutes, // decimals allowed (12.5)
        Boolean hold) {

    public record Line(String sku, Integer quantity) {
    }

    /** The same quote asking for this promise (fields of the other type stay null); never a hold. */
    public QuoteRequest withPromise(String site, LocalDate promisedBy, OffsetDateTime startAt, Number promisedMinutes) {
        return new QuoteRequest(type, quoteId, rep, customer, site, region, lines, orderedAt,
                isDelivery() ? promisedBy : null, confidence, serviceType, isService() ? startAt : null,
                isService() && promisedMinutes != null ? Double.valueOf(promisedMinutes.doubleValue()) : null, null);
    }

    /** The same quote made in another rep's name. */
    public QuoteRequest withRep(String rep) {
        return new QuoteRequest(type, quoteId, rep, customer, site, region, lines, orderedAt, promisedBy, confidence, serviceType, startAt,
                promisedMinutes, hold);
    }

    /** The same quote placed at another time. */
    public QuoteRequest withOrderedAt(OffsetDateTime at) {
        return new QuoteRequest(type, quoteId, rep, customer, site, region, lines, at, promisedBy, confidence, serviceType, startAt,
                promisedMinutes, hold);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isDelivery() {
        return "DELIVERY".equals(type);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isService() {
        return "SERVICE".equals(type);
    }
}
