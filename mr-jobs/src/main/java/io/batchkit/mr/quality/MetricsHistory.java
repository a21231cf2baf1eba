package io.batchkit.mr.quality;

import io.batchkit.core.quality.CheckRunner;
import io.batchkit.core.quality.Metrics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The metrics history of a dataset: one Hive text file per run ({@code DIR/metrics/run-<id>}), one
 * row per metric (run_id, time, dataset, metric, column_name, value, status), with its {@code
 * _SCHEMA.yaml}, so {@code ddl} makes it a table and HQL can chart it. Anomaly and change checks
 * read it: the values of runs whose status is {@code passed}, in run order.
 */
public final class MetricsHistory implements CheckRunner.History {
  public static final String NAME = "batchkit_metrics_history";

  static final String SCHEMA =
      String.join(
          "\n",
          "# Written by batchkit: one row per run and metric of a dataset's quality checks.",
          "name: " + NAME,
          "description: \"metrics of every batchkit run, for checks and trends\"",
          "format: {delimiter: \"\\t\", quote: null, header: false, encoding: UTF-8}",
          "nulls: [\"\\\\N\"]",
          "columns:",
          "  - {name: run_id, type: string, required: true}",
          "  - {name: time, type: timestamp, required: true, timezone: UTC}",
          "  - {name: dataset, type: string, required: true}",
          "  - {name: metric, type: string, required: true}",
          "  - {name: column_name, type: string, description: \"the column or rule measured\"}",
          "  - {name: value, type: double}",
          "  - {name: status, type: string, allowed: [passed, failed, skipped_checks]}",
          "");

  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  /** Values of passed runs by metric key, run order. */
  private final Map<String, List<Double>> passed = new HashMap<>();

  /** One run's value of a metric, for trend lines. */
  public record Point(String run, double value, String status) {}

  /** Every run's values by metric key (failed runs too), run order. */
  private final Map<String, List<Point>> series = new java.util.LinkedHashMap<>();

  private int runs;

  private MetricsHistory() {}

  /** Every run recorded under {@code dir} (none when it does not exist). */
  public static MetricsHistory read(Path history, Configuration conf) throws IOException {
    MetricsHistory h = new MetricsHistory();
    Path dir = table(history);
    FileSystem fs = dir.getFileSystem(conf);
    if (!fs.exists(dir)) {
      return h;
    }
    // run id -> its rows; run ids sort in time order
    Map<String, List<String[]>> byRun = new TreeMap<>();
    for (FileStatus f : fs.listStatus(dir)) {
      String n = f.getPath().getName();
      if (n.startsWith("_") || n.startsWith(".") || f.isDirectory()) {
        continue;
      }
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(fs.open(f.getPath()), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          String[] row = line.split("\t", -1);
          if (row.length == 7) {
            byRun.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row);
          }
        }
      }
    }
    for (List<String[]> rows : byRun.values()) {
      h.runs++;
      for (String[] row : rows) {
        if (row[5].equals("\\N")) {
          continue;
        }
        String key = Metrics.key(row[3], row[4].equals("\\N") ? null : row[4]);
        double value = Double.parseDouble(row[5]);
        h.series.computeIfAbsent(key, k -> new ArrayList<>()).add(new Point(row[0], value, row[6]));
        if (row[6].equals("passed")) {
          h.passed.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
      }
    }
    return h;
  }

  @Override
  public List<Double> values(String metricKey) {
    return passed.getOrDefault(metricKey, List.of());
  }

  /** Every run's value of a metric (failed runs too), oldest first. */
  public List<Point> series(String metricKey) {
    return series.getOrDefault(metricKey, List.of());
  }

  /** Runs recorded, whatever their status. */
  public int runs() {
    return runs;
  }

  /**
   * Where the rows are: {@code DIR/metrics/}, the table's location. Not DIR itself: the default DIR
   * is {@code OUT/_history}, and Hadoop's input formats (so Hive's queries) refuse a location whose
   * own name starts with {@code _}, while the jobs reading OUT must not see the history.
   */
  public static Path table(Path history) {
    return new Path(history, "metrics");
  }

  /** Records a run's metrics as one new file; the schema file is written with the first. */
  public static void append(
      Path history,
      String runId,
      Instant time,
      String dataset,
      Map<String, Double> metrics,
      String status,
      Configuration conf)
      throws IOException {
    Path dir = table(history);
    FileSystem fs = dir.getFileSystem(conf);
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Double> e : metrics.entrySet()) {
      String key = e.getKey();
      int open = key.indexOf('(');
      String metric = open < 0 ? key : key.substring(0, open);
      String column = open < 0 ? "\\N" : key.substring(open + 1, key.length() - 1);
      Double v = e.getValue();
      sb.append(runId).append('\t').append(TIME.format(time)).append('\t').append(dataset);
      sb.append('\t').append(metric).append('\t').append(column).append('\t');
      sb.append(v == null || v.isNaN() || v.isInfinite() ? "\\N" : Double.toString(v));
      sb.append('\t').append(status).append('\n');
    }
    Path schema = new Path(dir, "_SCHEMA.yaml");
    if (!fs.exists(schema)) {
      try (OutputStream os = fs.create(schema, true)) {
        os.write(SCHEMA.getBytes(StandardCharsets.UTF_8));
      }
    }
    // Written aside and renamed: a reader never sees half a run.
    Path tmp = new Path(dir, ".run-" + runId + ".tmp");
    try (OutputStream os = fs.create(tmp, true)) {
      os.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
    Path file = new Path(dir, "run-" + runId);
    fs.delete(file, false); // a re-run of the same run id (recovery) replaces its rows
    if (!fs.rename(tmp, file)) {
      throw new IOException("could not rename " + tmp + " to " + file);
    }
  }
}
