package io.batchkit.core.quality;

import java.util.Locale;

/**
 * One quality check of a run, as declared under {@code checks:} in a schema or a checks file: a
 * metric (of the run, of a column or of a rule) and the condition it must meet: bounds ({@code
 * min}, {@code max}), a largest relative change from the previous run ({@code max_change}), or no
 * anomaly against the history ({@code anomaly}). An {@code error} check that fails stops the run; a
 * {@code warn} check is printed and recorded.
 *
 * @param column the column (column metrics), the rule (quarantined_by_rule) or null
 * @param where the file and line that declared the check, for messages
 */
public record Check(
    String metric,
    String column,
    Double min,
    Double max,
    Double maxChange,
    Anomaly anomaly,
    Severity severity,
    String where) {

  public enum Severity {
    ERROR,
    WARN;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Fails a value more than {@code sigmas} standard deviations from the mean of the last {@code
   * runs} passed runs' values.
   */
  public record Anomaly(int runs, double sigmas) {}

  /** The metric as history rows name it: {@code null_ratio(fare)}, {@code rows}. */
  public String subject() {
    return column == null ? metric : metric + "(" + column + ")";
  }

  /** The condition, as a user would write it: {@code quarantined_ratio <= 0.01}. */
  public String condition() {
    StringBuilder sb = new StringBuilder();
    if (min != null) {
      sb.append(subject()).append(" >= ").append(number(min));
    }
    if (max != null) {
      sb.append(sb.isEmpty() ? "" : " and ").append(subject()).append(" <= ").append(number(max));
    }
    if (maxChange != null) {
      sb.append(sb.isEmpty() ? "" : " and ")
          .append(subject())
          .append(" changes by at most ")
          .append(number(maxChange * 100))
          .append("% from the previous run");
    }
    if (anomaly != null) {
      sb.append(sb.isEmpty() ? "" : " and ")
          .append(subject())
          .append(" within ")
          .append(number(anomaly.sigmas()))
          .append(" sigmas of the last ")
          .append(anomaly.runs())
          .append(" runs");
    }
    return sb.toString();
  }

  static String number(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return String.format(Locale.ROOT, "%,d", (long) d);
    }
    return String.format(Locale.ROOT, "%.6g", d).replaceAll("\\.?0+($|e)", "$1");
  }
}
