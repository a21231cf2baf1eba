package io.batchkit.mr.profile;

import io.batchkit.core.quality.Metrics;
import io.batchkit.core.schema.Column;
import io.batchkit.core.schema.Schema;
import io.batchkit.mr.quality.MetricsHistory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The metrics history of the profiled dataset (written by checked or incremental {@code clean}
 * runs), as series for the report's trend lines: the run's counts and ratios, and each column's
 * completeness, distinct values and mean, over the last {@link #RUNS} runs, failed runs included
 * (drawn in red).
 */
final class Trends {
  static final int RUNS = 60;

  private Trends() {}

  /** {@code --history DIR}, else {@code _history/} inside the first input that has one. */
  static Path locate(String explicit, List<String> inputs, Configuration conf) throws IOException {
    if (explicit != null) {
      return new Path(explicit);
    }
    for (String in : inputs) {
      Path h = new Path(in, io.batchkit.mr.common.OutputDirectory.HISTORY);
      if (h.getFileSystem(conf).exists(h)) {
        return h;
      }
    }
    return null;
  }

  /** metric key -> [{run, value, status}], only metrics with two runs or more. */
  static Map<String, List<Map<String, Object>>> of(MetricsHistory history, Schema schema) {
    List<String> keys =
        new ArrayList<>(List.of("rows", "clean", "quarantined_ratio", "duplicates_ratio"));
    for (Column c : schema.columns()) {
      for (String m : List.of("completeness", "distinct", "mean")) {
        keys.add(Metrics.key(m, c.name()));
      }
    }
    Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
    for (String key : keys) {
      List<MetricsHistory.Point> s = history.series(key);
      if (s.size() < 2) {
        continue;
      }
      List<Map<String, Object>> points = new ArrayList<>();
      for (MetricsHistory.Point p : s.subList(Math.max(0, s.size() - RUNS), s.size())) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", p.run());
        m.put("value", p.value());
        m.put("status", p.status());
        points.add(m);
      }
      out.put(key, points);
    }
    return out;
  }
}
