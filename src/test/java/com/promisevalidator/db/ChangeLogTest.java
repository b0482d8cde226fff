package com.promisevalidator.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The NOTIFY payload: what one instance sends, another reads back; its own and malformed ones are ignored. */
class ChangeLogTest {

    private final ChangeLog mine = new ChangeLog(null, Clock.systemUTC());
    private final ChangeLog other = new ChangeLog(null, Clock.systemUTC());

    @Test
    void scopesSurviveTheRoundTrip() {
        String payload = "42" + ChangeLog.payloadAfterSeq(other.origin(), ChangeLog.Kind.CAPACITY, List.of("stock\tSP\tSKU-1", "day\tSP"));
        ChangeLog.Notice n = mine.parse(payload);
        assertEquals(42, n.seq());
        assertEquals(new ChangeLog.Changes(ChangeLog.Kind.CAPACITY, Set.of("stock\tSP\tSKU-1", "day\tSP")), n.changes());
    }

    @Test
    void noScopesMeansEverything() {
        ChangeLog.Notice n = mine.parse("7" + ChangeLog.payloadAfterSeq(other.origin(), ChangeLog.Kind.STATS, List.of()));
        assertEquals(ChangeLog.Kind.STATS, n.changes().kind());
        assertTrue(n.changes().everything());
    }

    @Test
    void ownNotificationsAndGarbageAreIgnored() {
        assertNull(mine.parse("1" + ChangeLog.payloadAfterSeq(mine.origin(), ChangeLog.Kind.CAPACITY, List.of("site\tSP"))));
        assertNull(mine.parse("x\n" + other.origin() + "\nCAPACITY"));
        assertNull(mine.parse("1\n" + other.origin() + "\nNOT_A_KIND"));
        assertNull(mine.parse("hello"));
    }

    @Test
    void whatCannotBeSaidInOneNotificationBecomesEverything() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 500; i++) many.add("stock\tSITE-" + i + "\tSKU-" + i);
        String payload = "1" + ChangeLog.payloadAfterSeq(other.origin(), ChangeLog.Kind.CAPACITY, many);
        assertTrue(payload.length() < ChangeLog.MAX_PAYLOAD, "payload length " + payload.length());
        assertTrue(mine.parse(payload).changes().everything());

        String broken = "1" + ChangeLog.payloadAfterSeq(other.origin(), ChangeLog.Kind.CAPACITY, List.of("site\tA", "site\nB"));
        assertTrue(mine.parse(broken).changes().everything());
    }
}
