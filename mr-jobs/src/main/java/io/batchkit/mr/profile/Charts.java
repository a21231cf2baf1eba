package io.batchkit.mr.profile;

import static io.batchkit.mr.profile.Html.esc;

import java.util.List;
import java.util.Locale;

/**
 * The report's inline SVG charts. Text is drawn in a monospace face whose advance is at most {@link
 * #CHAR} times the font size, and every box is sized from the longest text it holds, so no label or
 * count is ever cut (the browser test measures this in Chromium).
 */
final class Charts {
  static final int WIDTH = 560;
  static final int FONT = 11;
  static final double CHAR = 0.62;
  static final int LABEL_CHARS = 26;
  private static final int ROW = 18;
  private static final int PLOT = 160;

  private Charts() {}

  static double textWidth(String s) {
    return s.codePointCount(0, s.length()) * CHAR * FONT;
  }

  /**
   * Horizontal bars, one per value, its count written after the bar.
   *
   * @param titles each bar's tooltip
   * @param log bar lengths on a log scale (when counts span orders of magnitude)
   */
  static String bars(
      List<String> labels,
      long[] counts,
      List<String> countTexts,
      List<String> titles,
      boolean log) {
    double labelW = 0;
    double countW = 0;
    long max = 1;
    for (int i = 0; i < counts.length; i++) {
      labelW = Math.max(labelW, textWidth(Html.clip(labels.get(i), LABEL_CHARS)));
      countW = Math.max(countW, textWidth(countTexts.get(i)));
      max = Math.max(max, counts[i]);
    }
    labelW += 8;
    countW += 8;
    double area = WIDTH - labelW - countW;
    StringBuilder h = svgStart(WIDTH, ROW * counts.length + 4, "most frequent values");
    for (int i = 0; i < counts.length; i++) {
      double len = scale(counts[i], max, log) * area;
      int y = i * ROW;
      h.append(
          String.format(
              Locale.ROOT,
              "<g><title>%s</title><text x=\"0\" y=\"%d\">%s</text>"
                  + "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" class=\"bar\"/>"
                  + "<text x=\"%.1f\" y=\"%d\">%s</text></g>",
              esc(titles.get(i)),
              y + 13,
              esc(Html.clip(labels.get(i), LABEL_CHARS)),
              labelW,
              y + 3,
              len,
              ROW - 5,
              labelW + len + 4,
              y + 13,
              esc(countTexts.get(i))));
    }
    return h.append("</svg>").toString();
  }

  /**
   * Vertical bars over an ordered axis (histogram bins, time buckets), with the largest count on
   * the y axis and the first and last edges under the x axis.
   */
  static String columns(
      long[] counts,
      String firstEdge,
      String lastEdge,
      List<String> titles,
      boolean log,
      String what) {
    long max = 1;
    for (long c : counts) {
      max = Math.max(max, c);
    }
    String top = String.format(Locale.ROOT, "%,d", max);
    double left = textWidth(top) + 8;
    double plotW = WIDTH - left;
    double bar = plotW / counts.length;
    StringBuilder h = svgStart(WIDTH, PLOT + 40, what);
    h.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%d\" text-anchor=\"end\">%s</text>"
                + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"end\">%s</text>"
                + "<line x1=\"%.1f\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>",
            left - 4,
            14,
            top,
            left - 4,
            PLOT + 4,
            log ? "1" : "0",
            left,
            PLOT + 4,
            WIDTH,
            PLOT + 4));
    for (int i = 0; i < counts.length; i++) {
      double bh = scale(counts[i], max, log) * PLOT;
      h.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\" class=\"bar\"><title>%s</title></rect>",
              left + i * bar,
              PLOT + 4 - bh,
              Math.max(0.5, bar - (bar > 3 ? 1 : 0)),
              bh,
              esc(titles.get(i))));
    }
    h.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%d\">%s</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
            left,
            PLOT + 20,
            esc(firstEdge),
            WIDTH,
            PLOT + 32,
            esc(lastEdge)));
    return h.append("</svg>").toString();
  }

  /** A non-zero count is always at least a sliver; a log scale counts 1 as the baseline. */
  private static double scale(long c, long max, boolean log) {
    if (c <= 0) {
      return 0;
    }
    double s = log ? Math.log10(c + 1.0) / Math.log10(max + 1.0) : (double) c / max;
    return Math.max(s, 0.01);
  }

  /** A line over runs, min to max of the values; points of failed runs red. */
  static String sparkline(List<Double> values, List<Boolean> failed, String title) {
    int w = 240;
    int h = 48;
    double min = values.stream().mapToDouble(d -> d).min().orElse(0);
    double max = values.stream().mapToDouble(d -> d).max().orElse(0);
    double span = max - min;
    StringBuilder sb = svgStart(w, h, title);
    StringBuilder line = new StringBuilder();
    StringBuilder dots = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      double x = 4 + (w - 8) * (values.size() == 1 ? 0.5 : (double) i / (values.size() - 1));
      // A metric that never moved is drawn across the middle.
      double y = max > min ? h - 4 - (h - 8) * (values.get(i) - min) / span : h / 2.0;
      line.append(String.format(java.util.Locale.ROOT, "%.1f,%.1f ", x, y));
      dots.append(
          String.format(
              java.util.Locale.ROOT,
              "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"><title>%s</title></circle>",
              x,
              y,
              failed.get(i) ? "#b42318" : "#4c7fbf",
              esc(number(values.get(i)) + (failed.get(i) ? " (run failed its checks)" : ""))));
    }
    sb.append("<polyline fill=\"none\" stroke=\"#4c7fbf\" stroke-width=\"1.5\" points=\"")
        .append(line.toString().strip())
        .append("\"/>")
        .append(dots);
    return sb.append("</svg>").toString();
  }

  /** A value as a label: integers plainly, others to 4 significant digits. */
  static String number(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return String.format(java.util.Locale.ROOT, "%,d", (long) d);
    }
    return String.format(java.util.Locale.ROOT, "%.4g", d);
  }

  private static StringBuilder svgStart(int w, int h, String title) {
    return new StringBuilder(4096)
        .append("<svg width=\"")
        .append(w)
        .append("\" height=\"")
        .append(h)
        .append("\" viewBox=\"0 0 ")
        .append(w)
        .append(' ')
        .append(h)
        .append("\" role=\"img\"><title>")
        .append(esc(title))
        .append("</title>");
  }

  /** Whether counts span two orders of magnitude or more: then bars are drawn on a log scale. */
  static boolean wide(long[] counts) {
    long max = 0;
    long min = Long.MAX_VALUE;
    for (long c : counts) {
      if (c > 0) {
        max = Math.max(max, c);
        min = Math.min(min, c);
      }
    }
    return max > 0 && max >= 100L * min;
  }
}
