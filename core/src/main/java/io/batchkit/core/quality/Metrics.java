package io.batchkit.core.quality;

import java.util.List;
import java.util.Set;

/**
 * The metrics a run measures and checks can name. Run metrics: counts and ratios of the records
 * read. Per rule: {@code quarantined_by_rule} (records quarantined for it, with {@code rule:}). Per
 * column, over the valid records: completeness and null_ratio, distinct (HLL, within 2% at 95%
 * confidence), and for numeric columns min, max, mean and the quantiles p05..p95 (KLL).
 */
public final class Metrics {
  public static final List<String> RUN =
      List.of(
          "rows", "clean", "quarantined", "duplicates", "quarantined_ratio", "duplicates_ratio");

  public static final String BY_RULE = "quarantined_by_rule";

  public static final List<String> COLUMN =
      List.of(
          "completeness",
          "null_ratio",
          "distinct",
          "min",
          "max",
          "mean",
          "p05",
          "p25",
          "p50",
          "p75",
          "p95");

  /** Column metrics only numeric columns have. */
  public static final Set<String> NUMERIC =
      Set.of("min", "max", "mean", "p05", "p25", "p50", "p75", "p95");

  private Metrics() {}

  /** The key of a metric value: the metric, and its column or rule (null for run metrics). */
  public static String key(String metric, String column) {
    return column == null ? metric : metric + "(" + column + ")";
  }
}
