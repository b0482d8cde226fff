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
        Integer promisedMinutes,
        Boolean hold) {

    public record Line(String sku, Integer quantity) {
    }

    public boolean isDelivery() {
        return "DELIVERY".equals(type);
    }

    public boolean isService() {
        return "SERVICE".equals(type);
    }
}
