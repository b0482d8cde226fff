package com.promisevalidator.capacity.model;

import java.time.LocalDate;
import java.util.List;

/** Stock of one SKU at one site; {@code reserved} is what open promises already hold. */
public record StockLevel(String site, String sku, int onHand, int reserved, List<Inbound> inbound) {

    /** Read-only: stock is shared by the quotes that read it, and rules see it. */
    public StockLevel {
        inbound = inbound == null ? null : java.util.Collections.unmodifiableList(inbound);
    }

    /** Available to promise for dispatch on {@code day}: on hand - reserved + inbound arrived by then. */
    public int availableOn(LocalDate day) {
        int atp = onHand - reserved;
        for (Inbound in : inbound) {
            if (!in.arrives().isAfter(day)) atp += in.quantity();
        }
        return atp;
    }
}
