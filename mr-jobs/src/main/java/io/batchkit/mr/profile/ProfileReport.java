package io.batchkit.mr.profile;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG, no scripts, nothing fetched),
 * readable offline: the dataset's totals, then a card per column with its statistics and a chart:
 * the histogram of a numeric column, else its most frequent values.
 */
public final class ProfileReport {
  private ProfileReport() {}

  @SuppressWarnings("unchecked")
  public static String html(Map<String, Object> profile) {
    StringBuilder h = new StringBuilder(64 * 1024);
    String dataset = String.valueOf(profile.get("dataset"));
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    h.append("<title>Profile of ").append(esc(dataset)).append("</title><style>");
    h.append("body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222;background:#fafafa}");
    h.append("h1{font-size:1.6em}.col{background:#fff;border:1px solid #ddd;border-radius:6px;");
    h.append("padding:1em;margin:1em 0;display:flex;gap:2em;flex-wrap:wrap}");
    h.append("table{border-collapse:collapse}td{padding:1px 8px}td:first-child{color:#666}");
    h.append(".bad{color:#b00}.type{color:#666;font-weight:normal}svg text{font-size:11px}");
    h.append("</style></head><body>\n");
    h.append("<h1>Profile of ").append(esc(dataset)).append("</h1>\n");
    Map<String, Object> records = (Map<String, Object>) profile.get("records");
    h.append("<p>")
        .append(fmt(records.get("read")))
        .append(" records read; ")
        .append(fmt(records.get("valid")))
        .append(" broke no rule; ")
        .append(fmt(records.get("record_violations_total")))
        .append(" were rejected as a whole ")
        .append(esc(String.valueOf(records.get("record_violations"))))
        .append(". Schema: <code>")
        .append(esc(String.valueOf(profile.get("schema"))))
        .append("</code>. Generated ")
        .append(esc(String.valueOf(profile.get("generated"))))
        .append(".</p>\n");
    for (Map<String, Object> c : (List<Map<String, Object>>) profile.get("columns")) {
      column(c, h);
    }
    h.append("</body></html>\n");
    return h.toString();
  }

  @SuppressWarnings("unchecked")
  private static void column(Map<String, Object> c, StringBuilder h) {
    h.append("<div class=\"col\" id=\"col-")
        .append(esc(String.valueOf(c.get("name"))))
        .append("\">");
    h.append("<div><h2>").append(esc(String.valueOf(c.get("name"))));
    h.append(" <span class=\"type\">")
        .append(esc(String.valueOf(c.get("type"))))
        .append("</span></h2>");
    h.append("<table>");
    row(h, "values", fmt(c.get("count")));
    row(h, "nulls", fmt(c.get("nulls")));
    Object completeness = c.get("completeness");
    if (completeness != null) {
      row(
          h,
          "completeness",
          String.format(Locale.ROOT, "%.2f%%", 100 * ((Number) completeness).doubleValue()));
    }
    row(h, "distinct (approx.)", fmt(c.get("distinct_approx")));
    row(h, "min", esc(String.valueOf(c.get("min"))));
    row(h, "max", esc(String.valueOf(c.get("max"))));
    if (c.containsKey("mean")) {
      row(h, "mean", num(c.get("mean")));
      row(h, "stddev", num(c.get("stddev")));
      Map<String, Object> q = (Map<String, Object>) c.get("quantiles");
      StringBuilder qs = new StringBuilder();
      q.forEach((k, v) -> qs.append(k).append(' ').append(num(v)).append("<br>"));
      row(h, "quantiles", qs.toString());
    }
    if (c.containsKey("length")) {
      Map<String, Object> l = (Map<String, Object>) c.get("length");
      row(
          h,
          "length",
          "min " + l.get("min") + ", max " + l.get("max") + ", mean " + num(l.get("mean")));
    }
    Map<String, Object> v = (Map<String, Object>) c.get("violations");
    if (!v.isEmpty()) {
      StringBuilder vs = new StringBuilder();
      v.forEach((k, n) -> vs.append(esc(k)).append(' ').append(fmt(n)).append("<br>"));
      h.append("<tr class=\"bad\"><td>violations</td><td>").append(vs).append("</td></tr>");
    }
    h.append("</table></div>");
    if (c.containsKey("histogram")) {
      Map<String, Object> hist = (Map<String, Object>) c.get("histogram");
      histogram((List<Number>) hist.get("edges"), (List<Number>) hist.get("counts"), h);
    } else {
      topValues((List<Map<String, Object>>) c.get("top_values"), h);
    }
    h.append("</div>\n");
  }

  private static void histogram(List<Number> edges, List<Number> counts, StringBuilder h) {
    int w = 420;
    int height = 160;
    long max = 1;
    for (Number n : counts) {
      max = Math.max(max, n.longValue());
    }
    double bar = (double) w / counts.size();
    h.append("<svg width=\"")
        .append(w)
        .append("\" height=\"")
        .append(height + 30)
        .append("\" role=\"img\">");
    h.append("<title>histogram</title>");
    for (int i = 0; i < counts.size(); i++) {
      double bh = (double) height * counts.get(i).longValue() / max;
      h.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#4a7fb5\"><title>[%s, %s): %s</title></rect>",
              i * bar,
              height - bh,
              Math.max(1, bar - 1),
              bh,
              num(edges.get(i)),
              num(edges.get(i + 1)),
              fmt(counts.get(i))));
    }
    h.append(
        String.format(
            Locale.ROOT, "<text x=\"0\" y=\"%d\">%s</text>", height + 15, num(edges.get(0))));
    h.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
            w,
            height + 15,
            num(edges.get(edges.size() - 1))));
    h.append("</svg>");
  }

  private static void topValues(List<Map<String, Object>> top, StringBuilder h) {
    if (top.isEmpty()) {
      return;
    }
    int w = 420;
    int line = 18;
    long max = 1;
    for (Map<String, Object> t : top) {
      max = Math.max(max, ((Number) t.get("count")).longValue());
    }
    h.append("<svg width=\"")
        .append(w)
        .append("\" height=\"")
        .append(line * top.size() + 4)
        .append("\" role=\"img\">");
    h.append("<title>most frequent values</title>");
    for (int i = 0; i < top.size(); i++) {
      Map<String, Object> t = top.get(i);
      long n = ((Number) t.get("count")).longValue();
      String label = String.valueOf(t.get("value"));
      if (label.length() > 24) {
        label = label.substring(0, 23) + "\u2026";
      }
      double bw = 220.0 * n / max;
      h.append(
          String.format(
              Locale.ROOT,
              "<text x=\"0\" y=\"%d\">%s</text><rect x=\"170\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#6a9f58\"/><text x=\"%.1f\" y=\"%d\">%s</text>",
              i * line + 13,
              esc(label),
              i * line + 2,
              bw,
              line - 4,
              174 + bw,
              i * line + 13,
              fmt(n)));
    }
    h.append("</svg>");
  }

  private static void row(StringBuilder h, String k, String v) {
    h.append("<tr><td>").append(k).append("</td><td>").append(v).append("</td></tr>");
  }

  private static String fmt(Object n) {
    return n instanceof Number x
        ? String.format(Locale.ROOT, "%,d", x.longValue())
        : esc(String.valueOf(n));
  }

  private static String num(Object n) {
    if (!(n instanceof Number x)) {
      return esc(String.valueOf(n));
    }
    double d = x.doubleValue();
    return Math.abs(d) >= 1e6 || (d != 0 && Math.abs(d) < 1e-3)
        ? String.format(Locale.ROOT, "%.4g", d)
        : String.format(Locale.ROOT, "%.4f", d).replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
