package com.promisevalidator.history.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.promisevalidator.common.ProblemException;
import com.promisevalidator.history.model.HistoryRow;

/** An empty kind is read off the row, as a missing kind column is; a kind that names something else is refused. */
class HistoryCsvKindTest {

    private static HistoryCsv.Parsed read(String... rows) {
        return HistoryCsv.read(new StringReader(String.join(",", HistoryCsv.COLUMNS) + "\n" + String.join("\n", rows) + "\n"),
                null, site -> null, r -> List.of(), false);
    }

    @Test
    void anEmptyKindIsReadOffTheRow() {
        HistoryCsv.Parsed p = read(",S-1,G1,,OIL,bob,2026-01-05T09:00:00Z,,,30,41.9,",
                " ,D-1,SP,RJ,,alice,2026-01-05T09:00:00Z,2026-01-12,2026-01-10T15:00:00Z,,,1");
        assertEquals(HistoryRow.Kind.SERVICE, p.rows().get(0).row().kind(), "it names a service type");
        assertEquals(HistoryRow.Kind.DELIVERY, p.rows().get(1).row().kind());
    }

    @Test
    void anotherKindIsRefused() {
        ProblemException e = assertThrows(ProblemException.class, () -> read("PICKUP,D-1,SP,RJ,,alice,2026-01-05T09:00:00Z,2026-01-12,,,,1"));
        assertTrue(e.errors().get(0).message().contains("kind 'PICKUP' must be DELIVERY or SERVICE"), e.errors().get(0).message());
    }
}
