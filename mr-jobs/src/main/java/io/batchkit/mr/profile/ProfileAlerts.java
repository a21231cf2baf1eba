package io.batchkit.mr.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What deserves a look before the data is used, in ydata-profiling's vocabulary: each alert names
 * its kind, its column (none for the dataset's own) and what was seen. Computed from the summary
 * {@code profile.json} holds, so the JSON and the report always agree.
 */
public final class ProfileAlerts {
  /** A column with at least this share of nulls. */
  static final double MISSING_SHARE = 0.05;

  /** A numeric column with at least this share of zeros. */
  static final double ZEROS_SHARE = 0.05;

  /** A numeric column whose skewness is beyond this, either way (ydata-profiling's default). */
  static final double SKEWNESS = 20;

  /** A column whose distinct values reach this share of its values (HLL estimate) is unique. */
  static final double UNIQUE_SHARE = 0.99;

  static final Set<String> BOUND_RULES =
      Set.of("min", "max", "allowed", "min_length", "max_length");

  private ProfileAlerts() {}

  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> of(Map<String, Object> profile) {
    List<Map<String, Object>> alerts = new ArrayList<>();
    Map<String, Object> records = (Map<String, Object>) profile.get("records");
    Map<String, Number> rejected = (Map<String, Number>) records.get("record_violations");
    if (rejected != null && !rejected.isEmpty()) {
      alerts.add(
          alert("rejected_records", null, "records rejected as a whole: " + rules(rejected)));
    }
    Map<String, Object> keys = (Map<String, Object>) records.get("keys");
    if (keys != null && ((Number) keys.get("duplicates_lower_bound")).longValue() > 0) {
      alerts.add(
          alert(
              "duplicate_keys",
              null,
              String.format(
                  Locale.ROOT,
                  "about %,d valid records repeat a key (%s) of another (95%%: %,d to %,d)",
                  ((Number) keys.get("duplicates_estimate")).longValue(),
                  String.join(", ", (List<String>) keys.get("columns")),
                  ((Number) keys.get("duplicates_lower_bound")).longValue(),
                  ((Number) keys.get("duplicates_upper_bound")).longValue())));
    }
    for (Map<String, Object> c : (List<Map<String, Object>>) profile.get("columns")) {
      column(c, alerts);
    }
    return alerts;
  }

  @SuppressWarnings("unchecked")
  private static void column(Map<String, Object> c, List<Map<String, Object>> alerts) {
    String name = (String) c.get("name");
    String type = (String) c.get("type");
    long count = n(c.get("count"));
    long nulls = n(c.get("nulls"));
    long valid = n(c.get("valid"));
    if (count > 0 && nulls >= MISSING_SHARE * count) {
      alerts.add(alert("missing", name, share(nulls, count) + " of the values are null"));
    }
    if (valid > 0 && c.get("min") != null && c.get("min").equals(c.get("max"))) {
      alerts.add(alert("constant", name, "every valid value is " + c.get("min")));
    } else if (valid > 1 && unique(c, valid)) {
      boolean id = nulls == 0 && Set.of("int", "bigint", "string").contains(type);
      alerts.add(
          alert(
              id ? "identifier" : "unique",
              name,
              (id ? "possible identifier: " : "")
                  + String.format(
                      Locale.ROOT,
                      "about %,d distinct values for %,d valid values",
                      n(c.get("distinct_approx")),
                      valid)));
    }
    if (c.get("skewness") instanceof Number s && Math.abs(s.doubleValue()) > SKEWNESS) {
      alerts.add(
          alert(
              "skewed",
              name,
              String.format(Locale.ROOT, "highly skewed: skewness %.1f", s.doubleValue())));
    }
    if (c.get("zeros") instanceof Number z && count > 0 && z.longValue() >= ZEROS_SHARE * count) {
      alerts.add(alert("zeros", name, share(z.longValue(), count) + " of the values are 0"));
    }
    Map<String, Number> violations = (Map<String, Number>) c.get("violations");
    Map<String, Number> bounds = new LinkedHashMap<>();
    Map<String, Number> other = new LinkedHashMap<>();
    violations.forEach((rule, k) -> (BOUND_RULES.contains(rule) ? bounds : other).put(rule, k));
    if (!bounds.isEmpty()) {
      alerts.add(
          alert("out_of_bounds", name, "values outside the schema's bounds: " + rules(bounds)));
    }
    if (!other.isEmpty()) {
      alerts.add(alert("violations", name, "values breaking the schema's rules: " + rules(other)));
    }
  }

  /** No value is frequent, and the distinct values (HLL) are nearly as many as the values. */
  @SuppressWarnings("unchecked")
  private static boolean unique(Map<String, Object> c, long valid) {
    return ((List<Object>) c.get("top_values")).isEmpty()
        && n(c.get("distinct_approx")) >= UNIQUE_SHARE * valid;
  }

  private static Map<String, Object> alert(String kind, String column, String message) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("alert", kind);
    a.put("column", column);
    a.put("message", message);
    return a;
  }

  static String rules(Map<String, Number> byRule) {
    StringBuilder sb = new StringBuilder();
    byRule.forEach(
        (rule, k) ->
            sb.append(sb.length() == 0 ? "" : ", ")
                .append(rule)
                .append(' ')
                .append(String.format(Locale.ROOT, "%,d", k.longValue())));
    return sb.toString();
  }

  private static String share(long part, long whole) {
    return String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
  }

  private static long n(Object o) {
    return o == null ? 0 : ((Number) o).longValue();
  }
}
