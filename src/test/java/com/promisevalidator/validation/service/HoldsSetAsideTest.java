package com.promisevalidator.validation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.promisevalidator.capacity.model.BayBooking;
import com.promisevalidator.capacity.model.StockLevel;
import com.promisevalidator.validation.model.OwnHolds;

/** A promise planned again finds what it holds free for it, and nothing else changed. */
class HoldsSetAsideTest {

    static final LocalDate DAY = LocalDate.of(2027, 3, 2);
    static final Instant TEN = Instant.parse("2027-03-02T13:00:00Z");
    static final Instant HALF_PAST = TEN.plusSeconds(1800);

    private static QuoteEvaluatorTest.World world() {
        QuoteEvaluatorTest.World w = new QuoteEvaluatorTest.World().site("DC", 3).site("OTHER", 3);
        w.stock.put("DC/SKU", new StockLevel("DC", "SKU", 10, 8, List.of()));
        w.stock.put("OTHER/SKU", new StockLevel("OTHER", "SKU", 10, 8, List.of()));
        w.taken.put("DC", new TreeMap<>(Map.of(DAY, 2, DAY.plusDays(1), 1)));
        w.bookings.put("DC/OIL", List.of(new BayBooking(TEN, HALF_PAST), new BayBooking(TEN, HALF_PAST)));
        return w;
    }

    @Test
    void aDeliveryFindsItsUnitsAndItsPlaceOnItsDayFree() {
        FactSource f = new HoldsSetAside(world(), new OwnHolds("DC", Map.of("SKU", 6), DAY, null, null, null));
        assertEquals(2, f.stock("DC", "SKU").reserved(), "8 reserved, 6 of them its own");
        assertEquals(8, f.stock("DC", "SKU").availableOn(DAY));
        assertEquals(8, f.stock("OTHER", "SKU").reserved(), "another site's stock is not its own");
        assertEquals(1, f.ordersTaken("DC").get(DAY));
        assertEquals(1, f.ordersTaken("DC").get(DAY.plusDays(1)), "other days as they are");
    }

    @Test
    void aDayItAloneFillsIsEmptyAndUnitsNeverGoBelowNone() {
        QuoteEvaluatorTest.World w = world();
        w.taken.put("DC", new TreeMap<>(Map.of(DAY, 1)));
        FactSource f = new HoldsSetAside(w, new OwnHolds("DC", Map.of("SKU", 20), DAY, null, null, null));
        assertEquals(null, f.ordersTaken("DC").get(DAY));
        assertEquals(0, f.stock("DC", "SKU").reserved());
    }

    @Test
    void aServiceFindsOneBookingOfItsSlotFree() {
        FactSource f = new HoldsSetAside(world(), new OwnHolds("DC", null, null, "OIL", TEN, HALF_PAST));
        assertEquals(List.of(new BayBooking(TEN, HALF_PAST)), f.bookings("DC", "OIL"), "another job holds the same slot");
        assertEquals(List.of(), f.bookings("DC", "WASH"), "another service type: as it is (none)");
    }

    @Test
    void nothingHeldReadsThrough() {
        QuoteEvaluatorTest.World w = world();
        FactSource f = new HoldsSetAside(w, new OwnHolds("DC", null, null, null, null, null));
        assertSame(w.stock("DC", "SKU"), f.stock("DC", "SKU"));
        assertSame(w.ordersTaken("DC"), f.ordersTaken("DC"));
        assertSame(w.bookings("DC", "OIL"), f.bookings("DC", "OIL"));
    }
}
