package com.promisevalidator.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.promisevalidator.TestClock;
import com.promisevalidator.TestDates;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The replay against the test service over HTTP, on small generated histories that end before the test
 * clock's now (the service refuses exports "as of" its future). Sites and regions are the test's own.
 */
@QuarkusTest
class ReplayEndToEndTest {

    private static final String HEADER = String.join(",", HistoryFile.COLUMNS) + "\n";

    @TestHTTPResource("/")
    URL url;

    @TempDir
    Path dir;

    @Test
    void deliveryHistoryWalkedWeekByWeekWithOpenOrders() throws Exception {
        Random random = new Random(11);
        StringBuilder csv = new StringBuilder(HEADER);
        List<String> judgedRefs = new ArrayList<>();
        LocalDate judgeFrom = TestDates.day(-42);
        for (int d = -98; d <= -2; d++) {
            for (int k = 0; k < 4; k++) {
                OffsetDateTime ordered = TestDates.day(d).atTime(8 + 2 * k, 15).atOffset(TestClock.OFFSET);
                int lead = 2 + random.nextInt(8); // 2..9 days; the seller always quotes 12
                OffsetDateTime done = ordered.plusDays(lead).plusHours(random.nextInt(6));
                String ref = "RPLY-D" + d + "-" + k;
                boolean delivered = done.isBefore(TestDates.day(0).atStartOfDay().atOffset(TestClock.OFFSET));
                csv.append(String.format("DELIVERY,%s,RPLY-SITE,RPLY-R%d,,,%s,%s,%s,,,1%n", ref, k % 2, ordered,
                        ordered.toLocalDate().plusDays(12), delivered ? done : ""));
                if (delivered && !ordered.toLocalDate().isBefore(judgeFrom)) judgedRefs.add(ref);
            }
        }
        // a row dated later than the service's clock (a typo, a planned order): the walk ends before it, the report is made
        csv.append(String.format("DELIVERY,RPLY-LATER,RPLY-SITE,RPLY-R0,,,%s,,,,,1%n", TestDates.day(30).atTime(10, 0).atOffset(TestClock.OFFSET)));
        Path file = dir.resolve("deliveries.csv");
        Files.writeString(file, csv);
        ReplayReport report = Replay.run(new ReplayOptions(URI.create(url.toString()), "test-key-admin", file, List.of(0.9),
                judgeFrom, WalkForward.StepSize.WEEK, true, dir.resolve("out"), List.of(0.5, 0.9), 100, true));

        ReplayReport.TargetReport at90 = report.targets().get(0);
        assertEquals(judgedRefs.size(), at90.judged());
        assertEquals(0, at90.withoutPromise(), () -> "left without a promise: " + at90.withoutPromiseWhy());
        assertEquals(at90.judged(), at90.recommended().n());
        assertEquals(at90.judged(), at90.seller().n(), "the seller judged on the same orders");
        assertEquals(1.0, at90.seller().keptRate(), "12 days were always enough");
        assertEquals(12.0, at90.seller().meanPromised(), 1e-9);
        assertEquals(at90.judged(), at90.plain().n());
        assertTrue(at90.recommended().keptRate() > 0.5, "a steady lane at target 0.9: " + at90.recommended());
        assertEquals(1, report.rowsRefused(), report.refusedWhy().toString());
        assertEquals(Map.of("ordered after the service's clock: not replayed", 1), report.refusedWhy());
        assertEquals("days", report.unit());
        ReplayReport.ReliabilityPoint p50 = report.reliability().get(0), p90 = report.reliability().get(1);
        assertTrue(p50.meanPromised() <= p90.meanPromised(), "a higher target never promises earlier on average");
        assertTrue(p50.kept() <= p90.kept());
        assertEquals(1 + 2 * 97 * 4, Files.readAllLines(dir.resolve("out/results.csv")).size(), "one line per order and target");
        assertNotNull(ImageIO.read(dir.resolve("out/reliability.png").toFile()));
        assertTrue(Files.readString(dir.resolve("out/report.md")).contains("seller's quotes"));
    }

    @Test
    void serviceMinutesWalkedDayByDay() throws Exception {
        Random random = new Random(5);
        StringBuilder csv = new StringBuilder("\uFEFF" + HEADER.replace(',', ';'));
        int judged = 0;
        LocalDate judgeFrom = TestDates.day(-10);
        for (int d = -30; d <= -1; d++) {
            for (int k = 0; k < 12; k++) {
                OffsetDateTime start = TestDates.day(d).atTime(8, 0).plusMinutes(40L * k).atOffset(TestClock.OFFSET);
                String minutes = String.format("%d,%d", 20 + random.nextInt(20), random.nextInt(10)); // decimal comma
                csv.append(String.format("SERVICE;RPLY-S%d-%d;RPLY-GARAGE;;RPLY-WASH;;%s;;;45;%s;%n", -d, k, start, minutes));
                if (!start.toLocalDate().isBefore(judgeFrom)) judged++;
            }
        }
        Path file = dir.resolve("services.csv");
        Files.writeString(file, csv);
        ReplayReport report = Replay.run(new ReplayOptions(URI.create(url.toString()), "test-key-admin", file, List.of(0.9),
                judgeFrom, null, false, dir.resolve("svc"), List.of(0.9), 200, true));

        assertEquals("day", report.step());
        assertEquals("minutes", report.unit());
        ReplayReport.TargetReport at90 = report.targets().get(0);
        assertEquals(judged, at90.judged());
        assertEquals(0, at90.withoutPromise(), () -> "left without a promise: " + at90.withoutPromiseWhy());
        assertEquals(1.0, at90.seller().keptRate(), "45 minutes were always enough");
        assertTrue(at90.recommended().meanPromised() > 20 && at90.recommended().meanPromised() < 60, at90.recommended().toString());
        assertTrue(at90.plain().n() > 0);
    }
}
