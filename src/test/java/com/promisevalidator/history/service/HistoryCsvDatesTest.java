package com.promisevalidator.history.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.promisevalidator.common.ProblemException;
import com.promisevalidator.history.model.HistoryRow;

/**
 * Numeric dates ({@code 04/03/2025 10:15}) with the {@code dates} hint: read day-first or month-first into ISO times, the
 * calendar strict; without the hint refused, the reason naming it. (No "now" here: the parser alone, so fixed dates do.)
 */
class HistoryCsvDatesTest {

    private static final String HEADER = "kind,reference,site,region,orderedAt,promisedBy,completedAt";

    private static HistoryCsv.Parsed read(String rows, HistoryCsv.Dates dates, ZoneId zone) {
        return HistoryCsv.read(new StringReader(HEADER + "\n" + rows), null, dates, site -> zone, row -> List.of(), true);
    }

    private static HistoryRow only(HistoryCsv.Parsed p) {
        assertEquals(List.of(), p.refused());
        assertEquals(1, p.rows().size());
        return p.rows().get(0).row();
    }

    @Test
    void theHintIsDmyOrMdyAndAnythingElseIsA400NamingIt() {
        assertEquals(HistoryCsv.Dates.DMY, HistoryCsv.dates("dmy"));
        assertEquals(HistoryCsv.Dates.MDY, HistoryCsv.dates(" MDY "));
        assertNull(HistoryCsv.dates(null));
        assertNull(HistoryCsv.dates(""));
        ProblemException e = assertThrows(ProblemException.class, () -> HistoryCsv.dates("ymd"));
        assertEquals(400, e.status());
        assertEquals("dates", e.errors().get(0).field());
    }

    @Test
    void slashDotAndDashDatesAreRewrittenInTheHintsOrder() {
        assertEquals("2025-03-04T10:15", HistoryCsv.Written.of("04/03/2025 10:15", HistoryCsv.Dates.DMY).iso());
        assertEquals("2025-04-03T10:15", HistoryCsv.Written.of("04/03/2025 10:15", HistoryCsv.Dates.MDY).iso());
        assertEquals("2025-03-04T10:15:00", HistoryCsv.Written.of("04.03.2025 10:15:00", HistoryCsv.Dates.DMY).iso());
        assertEquals("2025-03-04T09:05", HistoryCsv.Written.of("3/4/2025 9:05", HistoryCsv.Dates.MDY).iso());
        assertEquals("2025-03-04", HistoryCsv.Written.of("4-3-2025", HistoryCsv.Dates.DMY).iso());
        assertEquals("2025-03-04T10:15-03:00", HistoryCsv.Written.of("04/03/2025 10:15-03:00", HistoryCsv.Dates.DMY).iso());
        assertEquals("2025-03-04T10:15Z", HistoryCsv.Written.of("04/03/2025 10:15Z", HistoryCsv.Dates.DMY).iso());
        // ISO stays as written, with the hint or without
        assertEquals("2025-03-04 10:15", HistoryCsv.Written.of("2025-03-04 10:15", HistoryCsv.Dates.DMY).iso());
        assertNull(HistoryCsv.Written.of("2025-03-04 10:15", null).problem());
    }

    @Test
    void theCalendarIsStrict() {
        assertTrue(HistoryCsv.Written.of("31/02/2025", HistoryCsv.Dates.DMY).problem().contains("February 2025 has no day 31"));
        assertTrue(HistoryCsv.Written.of("29/02/2025 10:00", HistoryCsv.Dates.DMY).problem().contains("has no day 29"));
        assertNull(HistoryCsv.Written.of("29/02/2024 10:00", HistoryCsv.Dates.DMY).problem());
        assertTrue(HistoryCsv.Written.of("13/04/2025", HistoryCsv.Dates.MDY).problem().contains("no month 13"));
        // a time of day that does not exist, and a two-digit year, are refused saying so (probe G10), not as "not ISO-8601"
        assertTrue(HistoryCsv.Written.of("04/03/2025 25:00", HistoryCsv.Dates.DMY).problem().contains("there is no time of day 25:00"));
        assertTrue(HistoryCsv.Written.of("04/03/2025 24:00", HistoryCsv.Dates.DMY).problem().contains("no time of day 24:00"));
        assertTrue(HistoryCsv.Written.of("04/03/2025 10:60", HistoryCsv.Dates.DMY).problem().contains("no time of day 10:60"));
        assertTrue(HistoryCsv.Written.of("04/03/2025 10:15:61", HistoryCsv.Dates.DMY).problem().contains("no time of day 10:15:61"));
        assertNull(HistoryCsv.Written.of("04/03/2025 23:59:59", HistoryCsv.Dates.DMY).problem());
        assertTrue(HistoryCsv.Written.of("04/03/25 10:00", HistoryCsv.Dates.DMY).problem().contains("two-digit year"));
        assertTrue(HistoryCsv.Written.of("10/03/25", null).problem().contains("two-digit year"));
        assertTrue(HistoryCsv.Written.of("31/02/2025", null).problem().contains("is no date, read day-first or month-first"));
        assertNull(HistoryCsv.Written.of("2025-03-04 10:00", HistoryCsv.Dates.DMY).problem());
        assertTrue(HistoryCsv.Written.of("04/03/2025 10h15", HistoryCsv.Dates.DMY).problem().contains("not a day-first date or time"));
    }

    @Test
    void withoutTheHintANumericDateIsRefusedNamingIt() {
        assertTrue(HistoryCsv.Written.of("04/03/2025 10:15", null).problem().contains("day-first or month-first? add ?dates=dmy or ?dates=mdy"));
        assertTrue(HistoryCsv.Written.of("13/03/2025", null).problem().contains("only be day-first"));
        assertTrue(HistoryCsv.Written.of("13/03/2025", null).problem().contains("?dates=dmy"));
        assertTrue(HistoryCsv.Written.of("03/13/2025", null).problem().contains("?dates=mdy"));
        // a whole file that reads only day-first is still refused, its answer naming the hint
        String rows = "DELIVERY,R1,S,R,04/03/2025 10:15,,06/03/2025 10:00\nDELIVERY,R2,S,R,13/03/2025 10:15,,\n";
        ProblemException e = assertThrows(ProblemException.class, () -> HistoryCsv.read(new StringReader(HEADER + "\n" + rows), null, null,
                site -> null, row -> List.of(), false));
        assertEquals(List.of("line 2", "line 3"), e.errors().stream().map(x -> x.field()).toList());
        assertTrue(e.getMessage().contains("read only day-first (line 3: '13/03/2025 10:15'): import it with ?dates=dmy"), e.getMessage());
        assertTrue(e.errors().get(0).message().contains("orderedAt '04/03/2025 10:15' is day-first or month-first?"), e.errors().get(0).message());

        // a file whose dates read either way: the first line's reason gives the hint, and the detail says it once
        ProblemException either = assertThrows(ProblemException.class, () -> HistoryCsv.read(new StringReader(HEADER + "\n"
                + "DELIVERY,R1,S,R,04/03/2025 10:15,,\n"), null, null, site -> null, row -> List.of(), false));
        assertEquals(1, either.getMessage().split("\\?dates=dmy", -1).length - 1, either.getMessage());
    }

    @Test
    void readDatesAreTheSitesLocalTimeAsIsoOnesAre() {
        ZoneId sp = ZoneId.of("America/Sao_Paulo");
        HistoryRow dmy = only(read("DELIVERY,R1,S,R,04/03/2025 10:15,10.03.2025,06-03-2025 16:30:00\n", HistoryCsv.Dates.DMY, sp));
        assertEquals(OffsetDateTime.of(2025, 3, 4, 10, 15, 0, 0, sp.getRules().getOffset(java.time.LocalDateTime.of(2025, 3, 4, 10, 15))),
                dmy.orderedAt());
        assertEquals(LocalDate.of(2025, 3, 10), dmy.promisedBy());
        assertEquals(java.time.LocalDateTime.of(2025, 3, 6, 16, 30).atZone(sp).toOffsetDateTime(), dmy.completedAt());
        HistoryRow mdy = only(read("DELIVERY,R1,S,R,3/4/2025 10:15+00:00,3/10/2025,3/6/2025\n", HistoryCsv.Dates.MDY, sp));
        assertEquals(OffsetDateTime.parse("2025-03-04T10:15:00Z"), mdy.orderedAt());
        assertEquals(java.time.LocalDate.of(2025, 3, 6).atStartOfDay(sp).toOffsetDateTime(), mdy.completedAt());
        // an offset after a space, as many logs and Rails write it (probe G9), in either spelling
        HistoryRow spaced = only(read("DELIVERY,R1,S,R,04/03/2025 10:15 -03:00,,2025-03-06 16:30:00 -0300\n", HistoryCsv.Dates.DMY, sp));
        assertEquals(OffsetDateTime.parse("2025-03-04T10:15:00-03:00"), spaced.orderedAt());
        assertEquals(OffsetDateTime.parse("2025-03-06T16:30:00-03:00"), spaced.completedAt());
        // a completion dated the order's own day is the order's time, as with ISO dates
        HistoryRow sameDay = only(read("DELIVERY,R1,S,R,04/03/2025 10:15,,04/03/2025\n", HistoryCsv.Dates.DMY, sp));
        assertEquals(sameDay.orderedAt(), sameDay.completedAt());
    }

    @Test
    void aLocalTimeInTheHourTheClocksGoBackIsNamedAsForIsoTimes() {
        HistoryCsv.Parsed p = read("DELIVERY,R1,S,R,26/10/2025 02:50,,26/10/2025 02:10\n", HistoryCsv.Dates.DMY, ZoneId.of("Europe/Berlin"));
        assertEquals(1, p.refused().size());
        String reason = p.refused().get(0).reason();
        assertTrue(reason.contains("completedAt is before orderedAt") && reason.contains("clocks go back"), reason);
    }

    @Test
    void aBadDateIsRefusedWithItsLine() {
        HistoryCsv.Parsed p = read("DELIVERY,R1,S,R,04/03/2025 10:15,,\nDELIVERY,R2,S,R,31/02/2025 10:15,,\n", HistoryCsv.Dates.DMY, ZoneId.of("UTC"));
        assertEquals(1, p.rows().size());
        assertEquals(3, p.refused().get(0).line());
        assertTrue(p.refused().get(0).reason().contains("orderedAt '31/02/2025 10:15' is not a day-first date"), p.refused().get(0).reason());
    }
}
