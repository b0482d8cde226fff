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
}
