package io.batchkit.mr.profile;

import static io.batchkit.mr.profile.Html.count;
import static io.batchkit.mr.profile.Html.esc;
import static io.batchkit.mr.profile.Html.num;
import static io.batchkit.mr.profile.Html.percent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One column's card in the report: its statistics, and the chart that shows its data: a time series
 * for dates and timestamps, the values themselves for a numeric column whose few values were all
 * counted exactly, a histogram for other numbers, the frequent values for the rest.
 */
final class ColumnCard {
  private ColumnCard() {}

  @SuppressWarnings("unchecked")
  static void append(Map<String, Object> c, StringBuilder h) {
    String name = String.valueOf(c.get("name"));
    h.append("<div class=\"card\" id=\"col-").append(esc(name)).append("\"><h3>");
    h.append(esc(name)).append(" <span class=\"type\">").append(esc(c.get("type")));
    h.append("</span></h3><div class=\"body\"><table class=\"stats\">");
    stats(c, h);
    h.append("</table><figure>");
    chart(c, h);
    h.append("</figure></div></div>\n");
  }

  @SuppressWarnings("unchecked")
  private static void stats(Map<String, Object> c, StringBuilder h) {
    long n = ((Number) c.get("count")).longValue();
    long nulls = ((Number) c.get("nulls")).longValue();
    row(h, "values", count(n));
    row(h, "nulls", count(nulls) + " (" + percent(nulls, n) + ")");
    row(h, "valid", count(c.get("valid")));
    Map<String, Number> v = (Map<String, Number>) c.get("violations");
    if (!v.isEmpty()) {
      StringBuilder vs = new StringBuilder(count(c.get("violating")));
      v.forEach((k, x) -> vs.append("<br>").append(esc(k)).append(' ').append(count(x)));
      h.append("<tr class=\"bad\"><td>violating</td><td>").append(vs).append("</td></tr>");
    }
    row(h, "distinct (\u2248)", count(c.get("distinct_approx")));
    row(h, "min", value(c.get("min")));
    row(h, "max", value(c.get("max")));
    if (c.containsKey("mean")) {
      row(h, "mean", num(c.get("mean")));
      row(h, "stddev", num(c.get("stddev")));
      row(h, "skewness", num(c.get("skewness")));
      row(
          h,
          "zeros",
          count(c.get("zeros")) + " (" + percent(((Number) c.get("zeros")).longValue(), n) + ")");
      StringBuilder qs = new StringBuilder();
      // Four to a line: p01..p25 then p50..p99.
      ((Map<String, Object>) c.get("quantiles"))
          .forEach(
              (k, q) ->
                  qs.append(qs.length() == 0 ? "" : k.equals("p50") ? "<br>" : " \u00b7 ")
                      .append(k)
                      .append(' ')
                      .append(num(q)));
      row(h, "quantiles (\u2248)", qs.toString());
    }
    if (c.get("length") instanceof Map<?, ?> l) {
      row(
          h,
          "length",
          "min " + l.get("min") + ", max " + l.get("max") + ", mean " + num(l.get("mean")));
    }
  }

  private static String value(Object v) {
    if (v == null) {
      return "-";
    }
    String s = v instanceof Number ? num(v) : String.valueOf(v);
    return "<span title=\"" + esc(s) + "\">" + esc(Html.clip(s, 40)) + "</span>";
  }

  private static void row(StringBuilder h, String k, String v) {
    h.append("<tr><td>").append(esc(k)).append("</td><td>").append(v).append("</td></tr>");
  }

  @SuppressWarnings("unchecked")
  private static void chart(Map<String, Object> c, StringBuilder h) {
    List<Map<String, Object>> top = (List<Map<String, Object>>) c.get("top_values");
    if (c.get("time_series") instanceof Map<?, ?> ts) {
      timeSeries((Map<String, Object>) ts, h);
    } else if (c.get("histogram") instanceof Map<?, ?> hist && !allCounted(c, top)) {
      histogram((Map<String, Object>) hist, h);
    } else if (!top.isEmpty()) {
      frequent(top, Boolean.TRUE.equals(c.get("top_values_exact")), h);
    } else if (c.get("top_values_note") != null) {
      h.append("<p class=\"none\">Frequent values: ").append(esc(c.get("top_values_note")));
      h.append(".</p>");
    }
  }

  /** Whether the exact frequent values are every valid value (a few codes): show them instead. */
  private static boolean allCounted(Map<String, Object> c, List<Map<String, Object>> top) {
    if (top.isEmpty() || !Boolean.TRUE.equals(c.get("top_values_exact"))) {
      return false;
    }
    long sum = 0;
    for (Map<String, Object> t : top) {
      sum += ((Number) t.get("count")).longValue();
    }
    return sum == ((Number) c.get("valid")).longValue();
  }

  @SuppressWarnings("unchecked")
  private static void timeSeries(Map<String, Object> ts, StringBuilder h) {
    List<String> starts = (List<String>) ts.get("starts");
    long[] counts = longs((List<Number>) ts.get("counts"));
    String unit = String.valueOf(ts.get("unit"));
    List<String> titles = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      titles.add(starts.get(i) + ": " + count(counts[i]) + " rows");
    }
    boolean log = Charts.wide(counts);
    h.append(
        Charts.columns(
            counts, starts.get(0), starts.get(starts.size() - 1), titles, log, "rows per " + unit));
    h.append("<figcaption>Rows per ").append(esc(unit));
    if (ts.get("timezone") != null) {
      h.append(" (").append(esc(ts.get("timezone"))).append(")");
    }
    h.append(", exact counts").append(log ? "; log scale" : "").append(".</figcaption>");
  }

  @SuppressWarnings("unchecked")
  private static void histogram(Map<String, Object> hist, StringBuilder h) {
    List<Number> edges = (List<Number>) hist.get("edges");
    long[] counts = longs((List<Number>) hist.get("counts"));
    List<String> titles = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      titles.add(
          "[" + num(edges.get(i)) + ", " + num(edges.get(i + 1)) + "): \u2248" + count(counts[i]));
    }
    boolean logY = Charts.wide(counts);
    boolean logX = "log".equals(hist.get("scale"));
    h.append(
        Charts.columns(
            counts,
            num(edges.get(0)),
            num(edges.get(edges.size() - 1)),
            titles,
            logY,
            "histogram"));
    h.append("<figcaption>Histogram, ")
        .append(counts.length)
        .append(logX ? " bins of equal width on a log scale of the values" : " bins of equal width")
        .append(logY ? "; counts on a log scale" : "")
        .append(
            String.format(
                Locale.ROOT,
                "; counts estimated by a KLL sketch (rank error %.1f%%).",
                100 * ((Number) hist.get("rank_error")).doubleValue()))
        .append("</figcaption>");
  }

  private static void frequent(List<Map<String, Object>> top, boolean exact, StringBuilder h) {
    List<String> labels = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    List<String> titles = new ArrayList<>();
    long[] counts = new long[top.size()];
    for (int i = 0; i < counts.length; i++) {
      Map<String, Object> t = top.get(i);
      String value = String.valueOf(t.get("value"));
      labels.add(value.isEmpty() ? "(empty string)" : value);
      if (exact) {
        counts[i] = ((Number) t.get("count")).longValue();
        texts.add(count(counts[i]));
        titles.add(value + ": " + count(counts[i]));
      } else {
        counts[i] = ((Number) t.get("estimate")).longValue();
        String bounds = count(t.get("lower_bound")) + " to " + count(t.get("upper_bound"));
        texts.add(count(t.get("lower_bound")) + "\u2013" + count(t.get("upper_bound")));
        titles.add(value + ": between " + bounds);
      }
    }
    boolean log = Charts.wide(counts);
    h.append(Charts.bars(labels, counts, texts, titles, log));
    h.append("<figcaption>Most frequent values, ")
        .append(
            exact ? "exact counts" : "the bounds that hold each true count (frequent-items sketch)")
        .append(log ? "; log scale" : "")
        .append(".</figcaption>");
  }

  private static long[] longs(List<Number> values) {
    long[] out = new long[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i).longValue();
    }
    return out;
  }
}
