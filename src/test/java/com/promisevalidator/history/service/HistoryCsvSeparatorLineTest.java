package com.promisevalidator.history.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.promisevalidator.common.ProblemException;

/** Excel's {@code sep=;} line before the header names the separator, as Excel itself reads it. */
class HistoryCsvSeparatorLineTest {

    static final String HEADER = String.join(";", HistoryCsv.COLUMNS);
    static final String ROW = "SERVICE;R-1;G1;;OIL;bob;2026-01-05T09:00:00Z;;;30;41,9;";

    private static HistoryCsv.Parsed read(String csv) {
        return HistoryCsv.read(new StringReader(csv), null, site -> null, row -> List.of(), false);
    }

    @Test
    void theSeparatorLineIsReadNotTakenForTheHeader() {
        for (String first : List.of("sep=;\n", "sep=;\r\n", "SEP=;\n", "\"sep=;\"\n", "\uFEFFsep=;\n")) {
            HistoryCsv.Parsed p = read(first + HEADER + "\n" + ROW + "\n");
            assertEquals(1, p.rows().size(), first);
            assertEquals(3, p.rows().get(0).line(), "lines are counted as in the file");
            assertEquals(41.9, p.rows().get(0).row().actualMinutes(), 1e-9, "a decimal comma with a semicolon");
        }
    }

    @Test
    void aBadRowIsNamedByItsLineInTheFile() {
        ProblemException e = assertThrows(ProblemException.class, () -> read("sep=;\n" + HEADER + "\n" + ROW + "\n" + ROW.replace("R-1", "R-2").replace("41,9", "x") + "\n"));
        assertEquals("line 4", e.errors().get(0).field(), e.getMessage());
    }

    @Test
    void aFileWithoutOneIsReadAsBefore() {
        assertEquals(1, read(HEADER + "\n" + ROW + "\n").rows().size());
        assertTrue(read(HEADER.replace(';', ',') + "\n" + ROW.replace(";", ",").replace("41,9", "41.9") + "\n").rows().size() == 1);
    }
}
