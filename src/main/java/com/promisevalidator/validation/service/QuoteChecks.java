package com.promisevalidator.validation.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.promisevalidator.capacity.service.CapacityService;
import com.promisevalidator.common.FieldError;
import com.promisevalidator.common.Limits;
import com.promisevalidator.common.Minutes;
import com.promisevalidator.common.ProblemException;
import com.promisevalidator.validation.model.QuoteRequest;

/** Input checks for a quote: malformed fields (400) first, then unknown references (422). */
final class QuoteChecks {

    static final int MAX_LINES = Limits.MAX_LINES;

    private QuoteChecks() {
    }

    /** Field errors of a quote, each path prefixed with {@code prefix} (e.g. "quotes[3]."). */
    static List<FieldError> malformed(QuoteRequest q, String prefix) {
        List<FieldError> e = new ArrayList<>();
        if (q == null) {
            e.add(new FieldError(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1), "a quote object is required"));
            return e;
        }
        if (q.type() == null) {
            e.add(new FieldError(prefix + "type", "is required (DELIVERY or SERVICE)"));
        } else if (!q.isDelivery() && !q.isService()) {
            e.add(new FieldError(prefix + "type", "'" + q.type() + "' must be DELIVERY or SERVICE"));
        }
        if (q.confidence() != null && !(q.confidence() > 0.0 && q.confidence() < 1.0)) {
            e.add(new FieldError(prefix + "confidence", "must be between 0 and 1 (exclusive), e.g. 0.9"));
        }
        Limits.name(e, prefix + "quoteId", q.quoteId(), Limits.QUOTE_ID);
        Limits.name(e, prefix + "rep", q.rep(), Limits.REP);
        Limits.name(e, prefix + "customer", q.customer(), Limits.CUSTOMER);
        Limits.text(e, prefix + "site", q.site(), Limits.CODE);
        // a region is accepted unknown (the fallbacks promise it) and stored with the promise: it must be a code an import
        // and the lane API could hold, or it becomes a lane nobody can configure; an unknown site or type is a 422 anyway
        Limits.code(e, prefix + "region", q.region());
        Limits.text(e, prefix + "serviceType", q.serviceType(), Limits.CODE);
        if (q.orderedAt() != null && !Limits.dateInRange(q.orderedAt().toLocalDate())) e.add(new FieldError(prefix + "orderedAt", Limits.dateRangeMessage()));
        if (!Limits.dateInRange(q.promisedBy())) e.add(new FieldError(prefix + "promisedBy", Limits.dateRangeMessage()));
        if (q.startAt() != null && !Limits.dateInRange(q.startAt().toLocalDate())) e.add(new FieldError(prefix + "startAt", Limits.dateRangeMessage()));
        if (q.isDelivery()) {
            // a field of the other type would be silently ignored (no bay booked, no minutes judged): refused, naming it
            notPart(e, prefix, "serviceType", q.serviceType(), "DELIVERY");
            notPart(e, prefix, "startAt", q.startAt(), "DELIVERY");
            notPart(e, prefix, "promisedMinutes", q.promisedMinutes(), "DELIVERY");
            if (blank(q.region())) e.add(new FieldError(prefix + "region", "is required for a DELIVERY quote"));
            if (q.lines() != null) {
                if (q.lines().size() > MAX_LINES) e.add(new FieldError(prefix + "lines", "has more than " + MAX_LINES + " lines"));
                Set<String> skus = new HashSet<>();
                for (int i = 0; i < q.lines().size(); i++) {
                    QuoteRequest.Line l = q.lines().get(i);
                    String p = prefix + "lines[" + i + "]";
                    if (l == null) {
                        e.add(new FieldError(p, "must be an object with sku and quantity"));
                        continue;
                    }
                    if (blank(l.sku())) e.add(new FieldError(p + ".sku", "is required"));
                    else if (Limits.textProblem(l.sku(), Limits.SKU) != null) Limits.text(e, p + ".sku", l.sku(), Limits.SKU);
                    else if (!skus.add(l.sku())) e.add(new FieldError(p + ".sku", "'" + l.sku() + "' appears on two lines; put the total on one"));
                    if (l.quantity() == null) e.add(new FieldError(p + ".quantity", "is required"));
                    else if (l.quantity() <= 0) e.add(new FieldError(p + ".quantity", "must be at least 1"));
                    else if (l.quantity() > Limits.MAX_UNITS) e.add(new FieldError(p + ".quantity", "must be at most " + Limits.MAX_UNITS));
                }
            }
            if (q.promisedBy() != null && q.orderedAt() != null
                    && q.promisedBy().isBefore(q.orderedAt().toLocalDate().minusDays(1))) {
                e.add(new FieldError(prefix + "promisedBy", "is before orderedAt"));
            }
        } else if (q.isService()) {
            // a service books a bay, no stock and no delivery date: lines would reserve nothing, without a word
            notPart(e, prefix, "lines", q.lines(), "SERVICE");
            notPart(e, prefix, "region", q.region(), "SERVICE");
            notPart(e, prefix, "promisedBy", q.promisedBy(), "SERVICE");
            if (blank(q.serviceType())) e.add(new FieldError(prefix + "serviceType", "is required for a SERVICE quote"));
            if (q.promisedMinutes() != null && !Minutes.promisable(q.promisedMinutes(), Limits.MAX_PROMISED_MINUTES)) {
                e.add(new FieldError(prefix + "promisedMinutes", Minutes.notPromisable(Limits.MAX_PROMISED_MINUTES)));
            }
        }
        return e;
    }

    /**
     * The first reference the service does not know (site, SKU, service type), as a 422; null when all are known. A
     * delivery's region need not be known (PRODUCT.md: a new region gets a promise from the fallbacks). What the
     * in-memory view lacks is looked up in the database first (another instance may have just written
     * it), including the asked site's lane and stock, so the quote is judged on them. A service type not set up at a
     * site is known when {@code doneBefore} says the site (or, with no site asked, any site) has its history: no dead
     * end after an import of a service export.
     */
    static ProblemException unknown(QuoteRequest q, CapacityService capacity, String prefix,
                                    java.util.function.BiPredicate<String, String> doneBefore) {
        if (q.site() != null && capacity.findSite(q.site()) == null) return ProblemException.unknown(prefix + "site", "site", q.site());
        if (q.isDelivery()) {
            // a region never seen is no error: the lead time falls back on the site's and everyone's history (no dead end)
            capacity.findRegion(q.region());
            if (q.site() != null) capacity.findLane(q.site(), q.region()); // optional: history may stand in for it
            if (q.lines() != null) {
                for (int i = 0; i < q.lines().size(); i++) {
                    String sku = q.lines().get(i).sku();
                    boolean atSite = q.site() != null && capacity.findStock(q.site(), sku) != null;
                    if (!atSite && !capacity.findSku(sku)) return ProblemException.unknown(prefix + "lines[" + i + "].sku", "SKU", sku);
                }
            }
        } else {
            boolean offered = q.site() == null ? capacity.findServiceType(q.serviceType()) : capacity.findService(q.site(), q.serviceType()) != null;
            offered = offered || doneBefore.test(q.site(), q.serviceType());
            if (!offered) {
                return ProblemException.unknown(prefix + "serviceType", "service type", q.serviceType()
                        + (q.site() == null ? "" : "' at site '" + q.site()));
            }
        }
        return null;
    }

    /** A field of the other quote type, given a value (null, absent, [] or "" are fine: a form may send every field). */
    static void notPart(List<FieldError> e, String prefix, String field, Object value, String type) {
        boolean empty = value == null || value instanceof java.util.Collection<?> c && c.isEmpty()
                || value instanceof CharSequence s && s.toString().isBlank();
        if (!empty) e.add(notPart(prefix + field, type));
    }

    static FieldError notPart(String path, String type) {
        String other = "SERVICE".equals(type) ? "DELIVERY" : "SERVICE";
        return new FieldError(path, "is not part of a " + type + " quote (it belongs to a " + other + " quote); leave it out or null");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
