package com.promisevalidator.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.promisevalidator.validation.facts.Say;

/** The words every rule uses for chances, counts and days. */
class SayTest {

    @Test
    void chancesKeepADecimalOnlyNearTheEnds() {
        assertEquals("12%", Say.pct(0.12));
        assertEquals("90%", Say.pct(0.9));
        assertEquals("99.6%", Say.pct(0.9961));
        assertEquals("0.6%", Say.pct(0.006));
        assertEquals("0%", Say.pct(0));
        assertEquals("100%", Say.pct(1));
    }

    @Test
    void countsHaveThousandsSeparatorsAndPlurals() {
        assertEquals("1 order", Say.count(1, "order"));
        assertEquals("412 orders", Say.count(412, "order"));
        assertEquals("2,057 orders", Say.count(2057, "order"));
        assertEquals("1,000,000 jobs", Say.count(1_000_000, "job"));
        assertEquals("0 promises", Say.count(0, "promise"));
    }

    @Test
    void daysReadLikeACalendar() {
        assertEquals("Fri Dec 4", Say.day(LocalDate.of(2026, 12, 4)));
        assertEquals("1 day", Say.days(1));
        assertEquals("9 days", Say.days(9));
    }
}
