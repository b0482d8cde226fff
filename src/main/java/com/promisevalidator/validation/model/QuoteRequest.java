package com.promisevalidator.validation.model;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One quote to validate: a delivery (type DELIVERY) or a service (type SERVICE). Fields that do not
 * apply to the type are ignored. See PRODUCT.md for the contract.
 */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "A quote to check: a delivery (type DELIVERY: region, optional site and lines, optional promisedBy) or a service (type SERVICE: site, serviceType, startAt, promisedMinutes)",
        requiredProperties = {"type"})
public record QuoteRequest(
        @org.eclipse.microprofile.openapi.annotations.media.Schema(enumeration = {"DELIVERY", "SERVICE"}, description = "What is promised: a delivery date or a service duration") String type,
        @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "The caller's own id of the quote, echoed in the answer", maxLength = 200) String quoteId,
        @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "The rep quoting; a rep key quotes in its own name (defaults to it)") String rep,
        String customer,
        @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Site code; for a delivery optional (then any site may serve)") String site,
        @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Delivery destination region (DELIVERY)") String region,
        List<Line> lines,
        @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "When the order is placed (default now; may lie in the past)") OffsetDateTime orderedAt,
        @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "The asked delivery date (local date at the site); omit it to get the best promise") LocalDate promisedBy,
        @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Target confidence for this quote, between 0 and 1 exclusive (e.g. 0.9); default the ops parameter target-confidence", minimum = "0", exclusiveMinimum = true, maximum = "1", exclusiveMaximum = true) Double confidence,
        @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Service type code at the site (SERVICE), e.g. OIL_CHANGE") String serviceType,
        @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Service start (SERVICE); omit it to get the first start with a free bay (then promisedMinutes, if given, are judged at that start)") OffsetDateTime startAt,
        @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = com.promisevalidator.common.Minutes.Json.class) Double promisedMinutes, // decimals allowed (12.5)
        @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "true: hold the recommended promise's capacity for a short while (see hold in the answer)") Boolean hold) {

    /**
     * A rep is a name: surrounding spaces are not part of it, and a blank one is no rep (else a crm key's "   " would
     * become a rep nobody can sign in as, while a rep key's is read as its own name). The same for every role.
     */
    public QuoteRequest {
        if (rep != null) rep = rep.isBlank() ? null : rep.strip();
        // a blank site is no site (a delivery may then be served by any), as a blank code of any kind is none
        if (site != null && site.isBlank()) site = null;
        if (region != null && region.isBlank()) region = null;
        if (serviceType != null && serviceType.isBlank()) serviceType = null;
        // codes in one Unicode spelling (NFC): a decomposed SALÃO-2 is the site SALÃO-2 (Codes)
        rep = com.promisevalidator.common.Codes.nfc(rep);
        site = com.promisevalidator.common.Codes.nfc(site);
        region = com.promisevalidator.common.Codes.nfc(region);
        serviceType = com.promisevalidator.common.Codes.nfc(serviceType);
    }

    @org.eclipse.microprofile.openapi.annotations.media.Schema(requiredProperties = {"sku", "quantity"})
    public record Line(@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Stock-keeping unit at the site") String sku,
                       @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Units ordered (1 or more)", minimum = "1") Integer quantity) {
        public Line {
            sku = com.promisevalidator.common.Codes.nfc(sku);
        }
    }

    /** The same quote asking for this promise (fields of the other type stay null); never a hold. */
    public QuoteRequest withPromise(String site, LocalDate promisedBy, OffsetDateTime startAt, Number promisedMinutes) {
        return new QuoteRequest(type, quoteId, rep, customer, site, isService() ? null : region, isService() ? null : lines, orderedAt,
                isDelivery() ? promisedBy : null, confidence, isDelivery() ? null : serviceType, isService() ? startAt : null,
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
