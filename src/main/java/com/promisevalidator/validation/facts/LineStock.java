package com.promisevalidator.validation.facts;

import java.time.LocalDate;

import com.promisevalidator.capacity.model.StockLevel;

/**
 * One order line against one site's stock. {@code readyDay} is the first day the available-to-promise
 * (on hand - already promised + inbound arrived) covers the quantity; null when it never does.
 */
public class LineStock {
    private final String site;
    private final String sku;
    private final int quantity;
    private final StockLevel stock;
    private final int availableNow;
    private final LocalDate readyDay;

    public LineStock(String site, String sku, int quantity, StockLevel stock, LocalDate today) {
        this.site = site;
        this.sku = sku;
        this.quantity = quantity;
        this.stock = stock;
        this.availableNow = stock == null ? 0 : Math.max(0, stock.availableOn(today));
        this.readyDay = stock == null ? null : firstDayCovering(stock, quantity, today);
    }

    private static LocalDate firstDayCovering(StockLevel s, int qty, LocalDate today) {
        if (s.availableOn(today) >= qty) return today;
        for (var in : s.inbound()) { // sorted by arrival; ATP only grows with each arrival
            if (in.arrives().isAfter(today) && s.availableOn(in.arrives()) >= qty) return in.arrives();
        }
        return null;
    }

    public String getSite() { return site; }
    public String getSku() { return sku; }
    public int getQuantity() { return quantity; }
    public boolean isStocked() { return stock != null; }
    public int getAvailableNow() { return availableNow; }
    public LocalDate getReadyDay() { return readyDay; }
    public boolean isShortNow() { return availableNow < quantity; }
    public int getOnHand() { return stock == null ? 0 : stock.onHand(); }
    public int getReserved() { return stock == null ? 0 : stock.reserved(); }
    public int getInboundTotal() { return stock == null ? 0 : stock.inbound().stream().mapToInt(i -> i.quantity()).sum(); }
}
