package com.promisevalidator.calibration;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.promisevalidator.capacity.model.Site;
import com.promisevalidator.capacity.service.CapacityService;
import com.promisevalidator.commitment.model.OutcomeRequest;
import com.promisevalidator.commitment.service.CommitAnswer;
import com.promisevalidator.commitment.service.CommitmentService;
import com.promisevalidator.commitment.service.Outcomes;
import com.promisevalidator.history.model.HistoryRow;
import com.promisevalidator.rules.service.RuleBaseHolder;
import com.promisevalidator.validation.model.QuoteRequest;
import com.promisevalidator.validation.model.ValidationResponse;
import com.promisevalidator.validation.service.ValidationService;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Calibration with learning (a measurement, skipped unless asked for): the history is replayed in
 * time order through the real loop. Each order is validated when it was placed (best promise, no
 * history from its future), the recommended promise at 0.90 is committed, and its outcome is
 * recorded when the delivery happened, so the statistics learn exactly as they would have live.
 * Other targets are evaluated on the same orders (not committed) for the reliability plot.
 *
 * <pre>./mvnw test -Dtest=LearningReplay -Dcalibration.csv=../shared/data/olist-dev/history.csv</pre>
 *
 * Writes target/calibration/learning.md, learning-reliability.csv and learning-reliability.png.
 */
@QuarkusTest
@TestProfile(CalibrationProfile.class)
@EnabledIfSystemProperty(named = "calibration.csv", matches = ".+")
class LearningReplay {

    static final double COMMITTED = 0.9;

    @Inject ValidationService validation;
    @Inject CommitmentService commitments;
    @Inject Outcomes outcomes;
    @Inject RuleBaseHolder rules;
    @Inject CapacityService capacity;
    @Inject ObjectMapper json;

    record Event(Instant at, boolean order, HistoryRow row) {
    }

    @Test
    void replay() throws Exception {
        Path csv = Path.of(System.getProperty("calibration.csv"));
        List<HistoryRow> rows = ReplayTally.deliveries(csv);
        List<Event> events = new ArrayList<>();
        for (HistoryRow r : rows) {
            events.add(new Event(r.orderedAt().toInstant(), true, r));
            events.add(new Event(r.completedAt().toInstant(), false, r));
        }
        events.sort((a, b) -> a.at().equals(b.at()) ? Boolean.compare(a.order(), b.order()) : a.at().compareTo(b.at()));

        Map<Double, Map<YearMonth, ReplayTally>> tallies = new TreeMap<>();
        Map<String, String> promiseOf = new HashMap<>();
        int refused = 0;
        for (Event e : events) {
            HistoryRow r = e.row();
            if (!e.order()) {
                String id = promiseOf.get(r.reference());
                if (id != null) outcomes.outcome(id, new OutcomeRequest(r.completedAt(), null));
                continue;
            }
            ensureSiteAndRegion(r);
            ZoneId zone = capacity.site(r.site()).timeZone();
            LocalDate orderDay = r.orderedAt().atZoneSameInstant(zone).toLocalDate();
            LocalDate delivered = r.completedAt().atZoneSameInstant(zone).toLocalDate();
            for (double t : ReplayTally.TARGETS) {
                QuoteRequest q = new QuoteRequest("DELIVERY", r.reference(), r.rep(), null, r.site(), r.region(), null, r.orderedAt(),
                        null, t, null, null, null, null);
                ValidationResponse resp = validation.evaluate(q, rules.active());
                if (resp.recommended() == null) continue;
                LocalDate promised = resp.recommended().promisedBy();
                ReplayTally.of(tallies, t, YearMonth.from(orderDay)).count(orderDay, delivered, promised, r.promisedBy());
                if (t == COMMITTED) {
                    String body = json.writeValueAsString(Map.of("quote", q, "promisedBy", promised.toString(), "site", r.site()));
                    CommitAnswer a = commitments.commit("replay-" + r.reference(), body);
                    if (a.status() == 201) promiseOf.put(r.reference(), a.promiseId());
                    else refused++;
                }
            }
        }
        Path out = Path.of("target", "calibration");
        Files.createDirectories(out);
        String report = report(csv, tallies, refused);
        Files.writeString(out.resolve("learning.md"), report);
        Files.writeString(out.resolve("learning-reliability.csv"), ReplayTally.reliability(tallies));
        plot(out.resolve("learning-reliability.png"), tallies);
        System.out.println(report);
        // without capacity limits, a commit is refused only when its lane's lead time runs past the planning horizon
        assertTrue(refused * 100 < rows.size(), refused + " of " + rows.size() + " commits were refused");
        assertTrue(ReplayTally.sum(tallies.get(COMMITTED).values()).n > 0, "nothing was replayed");
    }

    private void ensureSiteAndRegion(HistoryRow r) {
        if (capacity.site(r.site()) == null) {
            // as an import would create it: every day working, no cut-off, capacity not configured
            capacity.putSite(new Site(r.site(), r.site(), r.orderedAt().getOffset(), null, EnumSet.allOf(DayOfWeek.class), Set.of(), null, false));
        }
        if (!capacity.regionExists(r.region()) || capacity.lane(r.site(), r.region()) == null) {
            capacity.putLane(r.site(), r.region(), null);
        }
    }

    static String report(Path csv, Map<Double, Map<YearMonth, ReplayTally>> tallies, int refused) {
        double worst = 1;
        YearMonth worstMonth = null;
        for (var m : tallies.get(COMMITTED).entrySet()) {
            ReplayTally t = m.getValue();
            double rate = (double) t.kept / Math.max(1, t.n);
            if (t.n >= 50 && rate < worst) {
                worst = rate;
                worstMonth = m.getKey();
            }
        }
        return "# Calibration with learning: " + csv.getFileName() + "\n\n" + ReplayTally.tables(tallies, COMMITTED)
                + String.format(Locale.ROOT, "%nWorst month with at least 50 orders: %s, %.1f%%. Commits refused: %d.%n", worstMonth,
                100 * worst, refused);
    }

    /** Reliability plot: target confidence (x) against the kept rate observed (y); the diagonal is perfect calibration. */
    static void plot(Path file, Map<Double, Map<YearMonth, ReplayTally>> tallies) throws IOException {
        int w = 640, h = 520, left = 70, right = 30, top = 40, bottom = 60;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        double lo = 0.4, hi = 1.0;
        int pw = w - left - right, ph = h - top - bottom;
        java.util.function.DoubleUnaryOperator x = v -> left + (v - lo) / (hi - lo) * pw;
        java.util.function.DoubleUnaryOperator y = v -> top + ph - (v - lo) / (hi - lo) * ph;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (double v = lo; v <= hi + 1e-9; v += 0.1) {
            g.setColor(new Color(230, 230, 230));
            g.drawLine((int) x.applyAsDouble(v), top, (int) x.applyAsDouble(v), top + ph);
            g.drawLine(left, (int) y.applyAsDouble(v), left + pw, (int) y.applyAsDouble(v));
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%.1f", v), (int) x.applyAsDouble(v) - 8, top + ph + 18);
            g.drawString(String.format(Locale.ROOT, "%.1f", v), left - 30, (int) y.applyAsDouble(v) + 4);
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[]{6, 6}, 0));
        g.drawLine((int) x.applyAsDouble(lo), (int) y.applyAsDouble(lo), (int) x.applyAsDouble(hi), (int) y.applyAsDouble(hi));
        g.setStroke(new BasicStroke(2.5f));
        g.setColor(new Color(31, 119, 180));
        int[] px = new int[tallies.size()], py = new int[tallies.size()];
        int i = 0;
        for (var e : tallies.entrySet()) {
            ReplayTally a = ReplayTally.sum(e.getValue().values());
            px[i] = (int) x.applyAsDouble(e.getKey());
            py[i] = (int) y.applyAsDouble((double) a.kept / a.n);
            i++;
        }
        g.drawPolyline(px, py, px.length);
        for (int k = 0; k < px.length; k++) g.fillOval(px[k] - 5, py[k] - 5, 10, 10);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString("Reliability: target confidence vs kept rate (replay with learning)", left - 40, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString("target confidence", left + pw / 2 - 50, h - 20);
        g.rotate(-Math.PI / 2);
        g.drawString("kept rate of recommended", -(top + ph / 2 + 70), 20);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }
}
