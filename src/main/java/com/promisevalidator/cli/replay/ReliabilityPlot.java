package com.promisevalidator.cli.replay;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import javax.imageio.ImageIO;

/** Target confidence against the kept rate observed on the judged orders (Java2D, no chart library). */
public final class ReliabilityPlot {

    private static final int W = 560, H = 480, LEFT = 70, RIGHT = 20, TOP = 40, BOTTOM = 60;
    private static final double LO = 0.4, HI = 1.0;

    private ReliabilityPlot() {
    }

    public static void write(ReplayReport report, Path png) throws IOException {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(new Color(225, 225, 225));
        for (double v = LO; v <= HI + 1e-9; v += 0.1) {
            g.drawLine(x(v), y(LO), x(v), y(HI));
            g.drawLine(x(LO), y(v), x(HI), y(v));
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(x(LO), y(HI), x(HI) - x(LO), y(LO) - y(HI));
        for (double v = LO; v <= HI + 1e-9; v += 0.1) {
            String s = String.format(Locale.ROOT, "%.1f", v);
            g.drawString(s, x(v) - 8, y(LO) + 18);
            g.drawString(s, x(LO) - 30, y(v) + 4);
        }
        g.drawString("target confidence", x(0.62), H - 15);
        g.rotate(-Math.PI / 2);
        g.drawString("kept rate observed", -y(0.62), 22);
        g.rotate(Math.PI / 2);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString("Reliability: " + (report.openOrders() ? "with" : "without") + " open orders, judged from "
                + (report.judgeFrom() == null ? "start" : report.judgeFrom()), LEFT, 24);
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 5f}, 0f));
        g.setColor(Color.GRAY);
        g.drawLine(x(LO), y(LO), x(HI), y(HI));
        g.setStroke(new BasicStroke(2.2f));
        g.setColor(new Color(30, 90, 180));
        int px = -1, py = -1;
        for (ReplayReport.ReliabilityPoint p : report.reliability()) {
            if (Double.isNaN(p.kept())) continue;
            int cx = x(p.target()), cy = y(Math.max(LO, p.kept()));
            if (px >= 0) g.drawLine(px, py, cx, cy);
            g.fillOval(cx - 4, cy - 4, 8, 8);
            // labels to the lower right, or to the upper left near the right edge where the points crowd
            boolean crowded = p.target() > 0.85;
            g.drawString(String.format(Locale.ROOT, "%.3f", p.kept()), crowded ? cx - 44 : cx + 6, crowded ? cy - 6 : cy + 14);
            px = cx;
            py = cy;
        }
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    private static int x(double v) {
        return LEFT + (int) Math.round((v - LO) / (HI - LO) * (W - LEFT - RIGHT));
    }

    private static int y(double v) {
        return H - BOTTOM - (int) Math.round((v - LO) / (HI - LO) * (H - TOP - BOTTOM));
    }
}
