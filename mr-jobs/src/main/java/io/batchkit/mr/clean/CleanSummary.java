package io.batchkit.mr.clean;

import io.batchkit.mr.common.Manifest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.Path;

/** The few lines a clean run prints when it ends. */
final class CleanSummary {
  private CleanSummary() {}

  /** The counts, the rules records were quarantined by, and where everything is. */
  static String of(
      String dataset, Manifest m, Map<String, Long> rules, Path output, Duration took) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "clean: %s: read %,d records in %.1f s: %,d clean, %,d quarantined, %,d duplicates%n",
            dataset,
            m.count("read"),
            took.toMillis() / 1000.0,
            m.count("clean"),
            m.count("quarantined"),
            m.count("duplicates")));
    if (!rules.isEmpty()) {
      sb.append("  quarantined records by rule:");
      rules.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(
              e -> sb.append(String.format(Locale.ROOT, " %s %,d;", e.getKey(), e.getValue())));
      sb.setLength(sb.length() - 1);
      sb.append('\n');
    }
    sb.append("  clean:      ").append(new Path(output, "clean")).append('\n');
    sb.append("  quarantine: ").append(new Path(output, "quarantine")).append('\n');
    sb.append("  manifest:   ").append(new Path(output, Manifest.FILE)).append('\n');
    return sb.toString();
  }

  /** What an incremental run added, the totals, and the Hive statements for its partitions. */
  static String incremental(String runId, Map<String, Object> totals, String hql) {
    @SuppressWarnings("unchecked")
    Map<String, Long> c = (Map<String, Long>) totals.get("counts");
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "  run %s committed; totals over %d runs and %,d files: read %,d: %,d clean,"
                + " %,d quarantined, %,d duplicates%n",
            runId,
            ((List<?>) totals.get("runs")).size(),
            (Integer) totals.get("files"),
            c.get("read"),
            c.get("clean"),
            c.get("quarantined"),
            c.get("duplicates")));
    if (!hql.isEmpty()) {
      sb.append("  new partitions for Hive (also in the run's partitions.hql):\n");
      hql.lines().forEach(l -> sb.append("    ").append(l).append('\n'));
    }
    return sb.toString();
  }
}
