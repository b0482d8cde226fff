package com.promisevalidator.history.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.promisevalidator.common.ProblemException;

/**
 * A comma-separated export from a spreadsheet in a comma-decimal locale quotes its decimals ({@code "41,9"}): one or
 * two digits after the comma are a decimal; three could be a thousands group, so they are refused with the line.
 */
class HistoryCsvQuotedDecimalTest {

    private static HistoryCsv.Parsed read(String actualMinutes) {
        String header = String.join(",", HistoryCsv.COLUMNS);
        String row = String.join(",", "SERVICE", "S-1", "G1", "", "OIL_CHANGE", "bob", "2026-01-05T09:00:00Z", "", "",
                "\"30\"", actualMinutes, "");
        return HistoryCsv.read(new StringReader(header + "\n" + row + "\n"), null, site -> null, r -> List.of(), false);
    }

    @Test
    void aQuotedDecimalCommaIsADecimal() {
        assertEquals(41.9, read("\"41,9\"").rows().get(0).row().actualMinutes());
        assertEquals(41.95, read("\"41,95\"").rows().get(0).row().actualMinutes());
        assertEquals(41.9, read("41.9").rows().get(0).row().actualMinutes(), "a point as before");
    }

    @Test
    void aCommaThatCouldGroupThousandsIsRefusedWithItsLine() {
        ProblemException e = assertThrows(ProblemException.class, () -> read("\"1,234\""));
        assertEquals("line 2", e.errors().get(0).field());
        assertTrue(e.errors().get(0).message().contains("actualMinutes '1,234' is not a number of minutes"), e.errors().get(0).message());
    }

    /** Thousands grouped where they cannot be misread (both separators, or spaces) are read; a repair of days in minutes. */
    @Test
    void thousandsGroupedBesideADecimalAreRead() {
        assertEquals(5600.5, read("\"5,600.5\"").rows().get(0).row().actualMinutes(), "a US spreadsheet's grouping");
        assertEquals(1041.5, read("\"1.041,5\"").rows().get(0).row().actualMinutes(), "a comma-decimal spreadsheet's grouping");
        assertEquals(1041.5, read("\"1 041,5\"").rows().get(0).row().actualMinutes(), "grouped with a space");
        assertEquals(1041.0, read("\"1\u00A0041\"").rows().get(0).row().actualMinutes(), "grouped with a no-break space");
        assertEquals(21234.25, read("\"21,234.25\"").rows().get(0).row().actualMinutes());
        ProblemException tooLong = assertThrows(ProblemException.class, () -> read("\"1,234,567.25\""));
        assertTrue(tooLong.errors().get(0).message().contains("at most 527040"), "read, then held to the limit as any value");
        ProblemException negative = assertThrows(ProblemException.class, () -> read("\"-1,041.5\""));
        assertTrue(negative.errors().get(0).message().contains("must not be negative"), negative.errors().get(0).message());
        // groups of other than three digits are not thousands: refused as before
        ProblemException odd = assertThrows(ProblemException.class, () -> read("\"1,04.5\""));
        assertTrue(odd.errors().get(0).message().contains("is not a number of minutes"), odd.errors().get(0).message());
    }

    @Test
    void ungroupedReadsOnlyWhatCannotBeMisread() {
        assertEquals("1041.5", HistoryCsv.ungrouped("1,041.5"));
        assertEquals("1041.5", HistoryCsv.ungrouped("1.041,5"));
        assertEquals(null, HistoryCsv.ungrouped("1,041"), "a lone comma group: thousands or decimals?");
        assertEquals(null, HistoryCsv.ungrouped("1.041"), "a lone dot group: thousands or decimals?");
        assertEquals(null, HistoryCsv.ungrouped("41.9"));
        assertEquals(null, HistoryCsv.ungrouped("1,041.5.2"));
    }
}
