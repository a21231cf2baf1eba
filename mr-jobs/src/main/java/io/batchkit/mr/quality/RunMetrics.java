package io.batchkit.mr.quality;

import io.batchkit.core.quality.Metrics;
import io.batchkit.core.schema.Schema;
import java.util.LinkedHashMap;
import java.util.Map;

/** A run's metric values by key ({@code rows}, {@code null_ratio(fare)}), in a stable order. */
public final class RunMetrics {
  private RunMetrics() {}

  /**
   * @param byRule records quarantined per rule (rules not named count 0)
   * @param columns merged column metrics, or null when the job did not measure them
   */
  public static Map<String, Double> of(
      long read,
      long clean,
      long quarantined,
      long duplicates,
      Map<String, Long> byRule,
      Iterable<String> allRules,
      Schema schema,
      ColumnMetrics[] columns) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("rows", (double) read);
    m.put("clean", (double) clean);
    m.put("quarantined", (double) quarantined);
    m.put("duplicates", (double) duplicates);
    if (read > 0) {
      m.put("quarantined_ratio", (double) quarantined / read);
      m.put("duplicates_ratio", (double) duplicates / read);
    }
    for (String rule : allRules) {
      m.put(Metrics.key(Metrics.BY_RULE, rule), (double) byRule.getOrDefault(rule, 0L));
    }
    if (columns != null) {
      for (int i = 0; i < columns.length; i++) {
        columns[i].values(schema.columns().get(i).name(), m);
      }
    }
    return m;
  }
}
