package io.batchkit.mr.profile;

import static io.batchkit.mr.profile.Html.count;
import static io.batchkit.mr.profile.Html.esc;
import static io.batchkit.mr.profile.Html.num;
import static io.batchkit.mr.profile.Html.percent;

import java.util.List;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG, no scripts, nothing fetched),
 * readable offline: an overview of the dataset with its alerts, a table of the columns, then a card
 * per column with its statistics and the chart that shows its data (see {@link ColumnCard}).
 */
public final class ProfileReport {
  private static final String CSS =
      String.join(
          "",
          "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;color:#1f2933;",
          "background:#f5f7fa}main{max-width:1180px;margin:0 auto;padding:1.5em 2em}",
          "h1{font-size:1.7em;margin:.2em 0}h2{font-size:1.25em;margin:1.4em 0 .5em}",
          ".sub{color:#616e7c;margin:0}.tiles{display:flex;flex-wrap:wrap;gap:.8em}",
          ".tile{background:#fff;border:1px solid #d9e2ec;border-radius:8px;padding:.6em 1em;",
          "min-width:9em}.tile b{display:block;font-size:1.35em}.tile span{color:#616e7c}",
          ".tile.warn b{color:#b44d12}ul.alerts{list-style:none;padding:0;margin:0}",
          "ul.alerts li{background:#fff;border-left:4px solid #f0b429;margin:.3em 0;",
          "padding:.35em .8em;border-radius:4px}ul.alerts li.bad{border-color:#d64545}",
          ".tag{display:inline-block;font-size:.8em;font-weight:600;text-transform:uppercase;",
          "letter-spacing:.03em;color:#7c5e10;background:#fff3c4;border-radius:3px;",
          "padding:0 .4em;margin-right:.5em}li.bad .tag{color:#8a1c1c;background:#ffe3e3}",
          "table{border-collapse:collapse}table.columns{width:100%;background:#fff;",
          "border:1px solid #d9e2ec}table.columns th,table.columns td{padding:.3em .6em;",
          "text-align:left;border-bottom:1px solid #eef2f7;white-space:nowrap}",
          "table.columns td.n{text-align:right;font-variant-numeric:tabular-nums}",
          "table.columns th{background:#f0f4f8}.card{background:#fff;border:1px solid #d9e2ec;",
          "border-radius:8px;padding:1em 1.2em;margin:1em 0}.card h3{margin:0 0 .6em;",
          "font-size:1.15em}.type{color:#616e7c;font-weight:normal;font-size:.85em}",
          ".body{display:flex;gap:2em;flex-wrap:wrap;align-items:flex-start}",
          ".stats td{padding:1px 10px 1px 0;vertical-align:top}.stats td:first-child{color:#616e7c}",
          ".bad{color:#b42318}figure{margin:0}figcaption{color:#616e7c;font-size:.85em;",
          "max-width:560px}svg text{font:11px ui-monospace,'DejaVu Sans Mono',Menlo,Consolas,",
          "monospace;fill:#323f4b}svg .bar{fill:#4c7fbf}svg .axis{stroke:#9aa5b1}",
          ".none{color:#616e7c;font-style:italic}");

  private ProfileReport() {}

  @SuppressWarnings("unchecked")
  public static String html(Map<String, Object> profile) {
    StringBuilder h = new StringBuilder(128 * 1024);
    String dataset = String.valueOf(profile.get("dataset"));
    List<Map<String, Object>> columns = (List<Map<String, Object>>) profile.get("columns");
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>Profile of ")
        .append(esc(dataset))
        .append("</title><style>")
        .append(CSS)
        .append("</style></head><body><main>\n<h1>Profile of ")
        .append(esc(dataset))
        .append("</h1><p class=\"sub\">Schema <code>")
        .append(esc(profile.get("schema")))
        .append("</code> \u00b7 generated ")
        .append(esc(profile.get("generated")))
        .append("</p>\n");
    overview((Map<String, Object>) profile.get("records"), columns.size(), h);
    if (profile.get("trends") instanceof Map<?, ?> trends && !trends.isEmpty()) {
      trends((Map<String, List<Map<String, Object>>>) trends, h);
    }
    alerts((List<Map<String, Object>>) profile.get("alerts"), h);
    columnTable(columns, h);
    h.append("<section id=\"cards\"><h2>Column details</h2>\n");
    for (Map<String, Object> c : columns) {
      ColumnCard.append(c, h);
    }
    return h.append("</section></main></body></html>\n").toString();
  }

  /** One small line chart per metric of the history; failed runs' points in red. */
  private static void trends(Map<String, List<Map<String, Object>>> trends, StringBuilder h) {
    int runs = trends.values().stream().mapToInt(List::size).max().orElse(0);
    h.append("<section id=\"trends\"><h2>Trends (last ")
        .append(runs)
        .append(" runs)</h2><div class=\"tiles\">");
    for (Map.Entry<String, List<Map<String, Object>>> e : trends.entrySet()) {
      List<Double> values = new java.util.ArrayList<>();
      List<Boolean> failed = new java.util.ArrayList<>();
      for (Map<String, Object> p : e.getValue()) {
        values.add(((Number) p.get("value")).doubleValue());
        failed.add(!"passed".equals(p.get("status")));
      }
      h.append("<figure class=\"trend\">")
          .append(Charts.sparkline(values, failed, e.getKey()))
          .append("<figcaption>")
          .append(esc(e.getKey()))
          .append(": ")
          .append(esc(Charts.number(values.get(values.size() - 1))))
          .append("</figcaption></figure>");
    }
    h.append("</div></section>\n");
  }

  @SuppressWarnings("unchecked")
  private static void overview(Map<String, Object> records, int columns, StringBuilder h) {
    long read = ((Number) records.get("read")).longValue();
    long valid = ((Number) records.get("valid")).longValue();
    long invalid = ((Number) records.get("invalid")).longValue();
    h.append("<section id=\"overview\"><h2>Overview</h2><div class=\"tiles\">");
    tile(h, count(read), "records read", false);
    tile(h, count(columns), "columns", false);
    tile(
        h, count(valid) + " <small>(" + percent(valid, read) + ")</small>", "valid records", false);
    tile(
        h,
        count(invalid) + " <small>(" + percent(invalid, read) + ")</small>",
        "quarantined records",
        invalid > 0);
    long whole = ((Number) records.get("record_violations_total")).longValue();
    tile(h, count(whole), "rejected as a whole", whole > 0);
    Map<String, Object> keys = (Map<String, Object>) records.get("keys");
    if (keys != null) {
      long lo = ((Number) keys.get("duplicates_lower_bound")).longValue();
      long hi = ((Number) keys.get("duplicates_upper_bound")).longValue();
      tile(
          h,
          "\u2248" + count(keys.get("duplicates_estimate")),
          "duplicate keys (95%: " + count(lo) + " to " + count(hi) + ")",
          lo > 0);
    }
    h.append("</div>");
    Map<String, Number> rules = (Map<String, Number>) records.get("record_violations");
    if (rules != null && !rules.isEmpty()) {
      h.append("<p>Rejected as a whole, by rule: ").append(esc(ProfileAlerts.rules(rules)));
      h.append(".</p>");
    }
    if (keys != null) {
      h.append("<p class=\"sub\">Keys <code>")
          .append(esc(String.join(", ", (List<String>) keys.get("columns"))))
          .append("</code>: about ")
          .append(count(keys.get("distinct_estimate")))
          .append(" distinct among the valid records (HLL estimate); <code>clean --dedupe</code>")
          .append(" counts the duplicates exactly.</p>");
    }
    h.append("</section>\n");
  }

  private static void tile(StringBuilder h, String value, String label, boolean warn) {
    h.append("<div class=\"tile")
        .append(warn ? " warn" : "")
        .append("\"><b>")
        .append(value)
        .append("</b><span>")
        .append(esc(label))
        .append("</span></div>");
  }

  private static void alerts(List<Map<String, Object>> alerts, StringBuilder h) {
    h.append("<section id=\"alerts\"><h2>Alerts (").append(alerts.size()).append(")</h2>");
    if (alerts.isEmpty()) {
      h.append("<p class=\"none\">Nothing stands out.</p>");
    }
    h.append("<ul class=\"alerts\">");
    for (Map<String, Object> a : alerts) {
      String kind = String.valueOf(a.get("alert"));
      boolean bad = List.of("violations", "out_of_bounds", "rejected_records").contains(kind);
      h.append("<li class=\"alert").append(bad ? " bad" : "").append("\" data-alert=\"");
      h.append(esc(kind)).append("\"><span class=\"tag\">").append(esc(kind.replace('_', ' ')));
      h.append("</span>");
      Object column = a.get("column");
      if (column != null) {
        h.append("<a href=\"#col-")
            .append(esc(column))
            .append("\">")
            .append(esc(column))
            .append("</a>: ");
      }
      h.append(esc(a.get("message"))).append("</li>");
    }
    h.append("</ul></section>\n");
  }

  @SuppressWarnings("unchecked")
  private static void columnTable(List<Map<String, Object>> columns, StringBuilder h) {
    h.append("<section id=\"columns\"><h2>Columns</h2><table class=\"columns\"><thead><tr>");
    for (String t : List.of("column", "type", "nulls", "distinct (\u2248)", "min", "max")) {
      h.append("<th>").append(esc(t)).append("</th>");
    }
    h.append("<th>violations</th></tr></thead><tbody>");
    for (Map<String, Object> c : columns) {
      String name = String.valueOf(c.get("name"));
      long n = ((Number) c.get("count")).longValue();
      long nulls = ((Number) c.get("nulls")).longValue();
      Map<String, Number> v = (Map<String, Number>) c.get("violations");
      long bad = ((Number) c.get("violating")).longValue();
      h.append("<tr><td><a href=\"#col-").append(esc(name)).append("\">").append(esc(name));
      h.append("</a></td><td>").append(esc(c.get("type"))).append("</td><td class=\"n\">");
      h.append(percent(nulls, n)).append("</td><td class=\"n\">");
      h.append(count(c.get("distinct_approx"))).append("</td>");
      cell(h, c.get("min"));
      cell(h, c.get("max"));
      h.append("<td class=\"n").append(bad > 0 ? " bad" : "").append("\"");
      if (!v.isEmpty()) {
        h.append(" title=\"").append(esc(ProfileAlerts.rules(v))).append("\"");
      }
      h.append(">").append(count(bad)).append("</td></tr>");
    }
    h.append("</tbody></table></section>\n");
  }

  private static void cell(StringBuilder h, Object value) {
    String s = value instanceof Number ? num(value) : String.valueOf(value);
    if (value == null) {
      s = "-";
    }
    h.append("<td title=\"").append(esc(s)).append("\">");
    h.append(esc(Html.clip(s, 24))).append("</td>");
  }
}
