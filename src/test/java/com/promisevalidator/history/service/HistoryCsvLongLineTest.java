package com.promisevalidator.history.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.promisevalidator.common.ProblemException;

/** A first line too long to be a header row is refused naming line 1, not with the reader's "Mark invalid". */
class HistoryCsvLongLineTest {

    private static ProblemException refused(String csv) {
        return assertThrows(ProblemException.class, () -> HistoryCsv.read(new StringReader(csv), null, site -> null, row -> List.of(), false));
    }

    @Test
    void aFirstLineOverTheHeaderLimitIsNamedAsLineOne() {
        ProblemException e = refused("x".repeat(70_000) + "\n");
        assertEquals(400, e.status());
        assertTrue(e.getMessage().startsWith("line 1 is longer than 65,536 characters"), e.getMessage());
        assertFalse(e.getMessage().contains("Mark"), e.getMessage());
        assertEquals("line 1", e.errors().get(0).field());
        // without a line break at all, and just over the limit
        assertTrue(refused("y".repeat(65_536 + 1)).getMessage().startsWith("line 1 is longer than"));
    }

    @Test
    void aLongFirstLineWithinTheLimitIsJudgedAsAHeader() {
        ProblemException e = refused("z".repeat(65_536) + "\n");
        assertTrue(e.getMessage().startsWith("line 1: the header row lacks column(s)"), e.getMessage());
    }
}
