package dev.tnet.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Grouped bars drawn with Java2D: per network, per thread count, tnet's and ONNX Runtime's median
 * latency side by side, on a log scale (latencies span milliseconds to seconds).
 */
final class Chart {
  private static final Color TNET = new Color(0x2b6cb0), ORT = new Color(0xdd6b20), GRID = new Color(0xdddddd), TEXT = new Color(0x222222);
  private static final int W = 1100, H = 600, LEFT = 80, RIGHT = 20, TOP = 70, BOTTOM = 90;

  private Chart() {}

  static void write(List<NetResult> results, String subtitle, Path file) {
    System.setProperty("java.awt.headless", "true");
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    draw(g, results, subtitle);
    g.dispose();
    try {
      java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
      ImageIO.write(img, "png", file.toFile());
    } catch (IOException e) {
      throw new dev.tnet.runtime.UserException("cannot write " + file + ": " + e.getMessage());
    }
  }

  private static void draw(Graphics2D g, List<NetResult> results, String subtitle) {
    Map<String, List<NetResult>> groups = new LinkedHashMap<>();
    for (NetResult r : results) groups.computeIfAbsent(r.label(), k -> new ArrayList<>()).add(r);
    double lo = Double.MAX_VALUE, hi = 0;
    for (NetResult r : results) {
      lo = Math.min(lo, Math.min(r.tnet().median(), r.ort().median()));
      hi = Math.max(hi, Math.max(r.tnet().median(), r.ort().median()));
    }
    double logLo = Math.floor(Math.log10(lo)), logHi = Math.ceil(Math.log10(hi));
    if (logHi == logLo) logHi++;
    int plotH = H - TOP - BOTTOM, plotW = W - LEFT - RIGHT;
    final double fLo = logLo, fHi = logHi;
    java.util.function.DoubleToIntFunction y = v -> TOP + plotH - (int) Math.round((Math.log10(v) - fLo) / (fHi - fLo) * plotH);

    g.setColor(TEXT);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
    g.drawString("Median latency, batch 1: tnet vs ONNX Runtime (lower is better, log scale)", LEFT, 28);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawString(subtitle, LEFT, 48);

    // Grid: 1, 2, 5 per decade.
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    FontMetrics fm = g.getFontMetrics();
    for (double d = logLo; d <= logHi; d++) {
      for (int m : new int[] {1, 2, 5}) {
        double v = m * Math.pow(10, d);
        if (Math.log10(v) > logHi + 1e-9) break;
        int py = y.applyAsInt(v);
        g.setColor(m == 1 ? GRID.darker() : GRID);
        g.drawLine(LEFT, py, W - RIGHT, py);
        g.setColor(TEXT);
        String label = axis(v);
        g.drawString(label, LEFT - 8 - fm.stringWidth(label), py + 4);
      }
    }
    g.setColor(TEXT);
    Graphics2D rotated = (Graphics2D) g.create();
    rotated.rotate(-Math.PI / 2);
    rotated.drawString("milliseconds", -(TOP + plotH / 2) - 35, 20);
    rotated.dispose();

    int groupW = plotW / Math.max(1, groups.size());
    int gi = 0;
    for (var e : groups.entrySet()) {
      int x0 = LEFT + gi * groupW;
      List<NetResult> rs = e.getValue();
      int slots = rs.size() * 2 + (rs.size() - 1);
      int bar = Math.min(44, (groupW - 70) / slots);
      int start = x0 + (groupW - slots * bar) / 2;
      for (int i = 0; i < rs.size(); i++) {
        NetResult r = rs.get(i);
        int bx = start + i * 3 * bar;
        bar(g, bx, bar, y.applyAsInt(r.tnet().median()), TOP + plotH, TNET, r.tnet().median());
        bar(g, bx + bar, bar, y.applyAsInt(r.ort().median()), TOP + plotH, ORT, r.ort().median());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        String t = r.threads() + (r.threads() == 1 ? " thread" : " threads");
        String ratio = "\u00d7" + (r.ratio() >= 10 ? String.format(Locale.ROOT, "%.0f", r.ratio()) : String.format(Locale.ROOT, "%.2f", r.ratio()));
        centered(g, t, bx + bar, TOP + plotH + 16);
        centered(g, ratio, bx + bar, TOP + plotH + 31);
      }
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
      centered(g, e.getKey(), x0 + groupW / 2, TOP + plotH + 52);
      gi++;
    }
    g.setColor(TEXT);
    g.setStroke(new BasicStroke(1.2f));
    g.drawLine(LEFT, TOP, LEFT, TOP + plotH);
    g.drawLine(LEFT, TOP + plotH, W - RIGHT, TOP + plotH);

    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    int lx = W - RIGHT - 200, ly = TOP - 14;
    g.setColor(TNET);
    g.fillRect(lx, ly - 10, 12, 12);
    g.setColor(TEXT);
    g.drawString("tnet", lx + 17, ly);
    g.setColor(ORT);
    g.fillRect(lx + 60, ly - 10, 12, 12);
    g.setColor(TEXT);
    g.drawString("ONNX Runtime", lx + 77, ly);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.drawString("\u00d7N under each pair: tnet's median time / ONNX Runtime's", LEFT, H - 12);
  }

  private static void bar(Graphics2D g, int x, int w, int top, int bottom, Color c, double value) {
    g.setColor(c);
    g.fillRect(x + 1, top, w - 2, bottom - top);
    g.setColor(TEXT);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    centered(g, ms(value), x + w / 2, top - 4);
  }

  private static void centered(Graphics2D g, String s, int cx, int baseline) {
    g.drawString(s, cx - g.getFontMetrics().stringWidth(s) / 2, baseline);
  }

  /** A grid value: 0.2, 5, 100. */
  private static String axis(double v) {
    return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(1)).stripTrailingZeros().toPlainString();
  }

  /** 0.5, 12, 130, 1200: few digits, enough to read. */
  private static String ms(double v) {
    if (v >= 100) return String.format(Locale.ROOT, "%.0f", v);
    if (v >= 10) return String.format(Locale.ROOT, "%.1f", v);
    if (v >= 1) return String.format(Locale.ROOT, "%.2f", v);
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
