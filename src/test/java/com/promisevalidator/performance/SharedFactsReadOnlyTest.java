package com.promisevalidator.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.promisevalidator.capacity.model.Inbound;
import com.promisevalidator.capacity.model.Site;
import com.promisevalidator.capacity.model.StockLevel;
import com.promisevalidator.performance.model.Ageing;
import com.promisevalidator.performance.model.Distribution;

/**
 * What rules see of the shared estimates and master data cannot be changed through them: an estimate serves every quote
 * until the statistics change, and one rule writing into it changed every later promise on the lane (probe ops H2).
 */
class SharedFactsReadOnlyTest {

    @Test
    void anEstimatesChancesAreHandedOutAsACopy() {
        Distribution d = new Distribution(new double[]{0.0, 0.5, 1.0}, 10, 10, "lane", true);
        d.cdf()[0] = 1.0;
        assertEquals(0.0, d.cdf(0));
        assertEquals(1, d.quantile(0.5));
        assertEquals(3, d.steps());
        assertEquals(1, d.firstStepWithChance());
    }

    @Test
    void openOrdersSitesAndStockAreReadOnly() {
        TreeMap<Integer, Long> ages = new TreeMap<>(java.util.Map.of(3, 2L));
        Ageing a = new Ageing(2, ages, new Distribution(new double[]{1.0}, 1, 1, "lane", true));
        assertThrows(UnsupportedOperationException.class, () -> a.openByAge().clear());
        Site s = new Site("S", "S", ZoneOffset.UTC, LocalTime.NOON, EnumSet.allOf(DayOfWeek.class), new HashSet<>(), null, true);
        assertThrows(UnsupportedOperationException.class, () -> s.workingDays().clear());
        assertThrows(UnsupportedOperationException.class, () -> s.holidays().add(LocalDate.of(2027, 1, 1)));
        StockLevel st = new StockLevel("S", "K", 5, 0, new ArrayList<>(List.of(new Inbound(3, LocalDate.of(2027, 1, 1)))));
        assertThrows(UnsupportedOperationException.class, () -> st.inbound().clear());
        assertEquals(8, st.availableOn(LocalDate.of(2027, 1, 2)));
    }
}
