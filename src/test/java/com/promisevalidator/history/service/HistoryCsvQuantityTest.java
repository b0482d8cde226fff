package com.promisevalidator.history.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.promisevalidator.common.ProblemException;

/** A count column written as decimals by a spreadsheet or a data frame ({@code 5.0}) is read; a fraction is refused. */
class HistoryCsvQuantityTest {

    private static HistoryCsv.Parsed read(String sep, String quantity) {
        String header = String.join(sep, HistoryCsv.COLUMNS);
        String row = String.join(sep, "DELIVERY", "R-1", "SP", "RJ", "", "alice", "2026-01-05T09:00:00Z", "2026-01-12", "2026-01-10T15:00:00Z",
                "", "", quantity);
        return HistoryCsv.read(new StringReader(header + "\n" + row + "\n"), null, site -> null, r -> List.of(), false);
    }

    @Test
    void aWholeNumberWrittenWithDecimalsIsThatNumber() {
        assertEquals(5, read(",", "5.0").rows().get(0).row().quantity());
        assertEquals(5, read(",", "5.00").rows().get(0).row().quantity());
        assertEquals(5, read(";", "5,0").rows().get(0).row().quantity(), "a decimal comma with a semicolon");
        assertEquals(5, read(",", "5").rows().get(0).row().quantity());
        assertEquals(5, read(",", "+5").rows().get(0).row().quantity());
        assertEquals(5, read(",", "+5.0").rows().get(0).row().quantity(), "a sign as the whole number takes it");
    }

    @Test
    void otherScriptsDigitsAndNegativesAreRefused() {
        for (String bad : List.of("\u0665", "\uFF15")) { // Arabic-Indic and full-width five
            ProblemException e = assertThrows(ProblemException.class, () -> read(",", bad), bad);
            assertTrue(e.errors().get(0).message().contains("is not a whole number"), e.errors().get(0).message());
        }
        ProblemException e = assertThrows(ProblemException.class, () -> read(",", "-5.0"));
        assertTrue(e.errors().get(0).message().contains("quantity must be at least 0"), e.errors().get(0).message());
    }

    @Test
    void aFractionIsRefusedWithItsLineAndReason() {
        for (String bad : List.of("5.5", "5.", "1e2", "99999999999.0")) {
            ProblemException e = assertThrows(ProblemException.class, () -> read(",", bad), bad);
            assertEquals("line 2", e.errors().get(0).field(), bad);
            assertTrue(e.errors().get(0).message().contains("quantity '" + bad + "' is not a whole number"), e.errors().get(0).message());
        }
    }
}
