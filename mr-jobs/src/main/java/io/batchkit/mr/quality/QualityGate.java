package io.batchkit.mr.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.batchkit.core.quality.CheckResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** A run's check results: printed, written as {@code _CHECKS.json}, and the verdict. */
public final class QualityGate {
  public static final String FILE = "_CHECKS.json";

  /** The exit code of a run stopped by a failed error check. */
  public static final int EXIT_CHECK_FAILED = 3;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final List<CheckResult> results;
  private final boolean skipped;

  QualityGate(List<CheckResult> results, boolean skipped) {
    this.results = List.copyOf(results);
    this.skipped = skipped;
  }

  public List<CheckResult> results() {
    return results;
  }

  private long count(CheckResult.Status s) {
    return results.stream().filter(r -> r.status() == s).count();
  }

  /** Whether an error check failed and the run must stop (unless told to skip the checks). */
  public boolean stops() {
    return !skipped && count(CheckResult.Status.FAIL) > 0;
  }

  /** The history status of the run. */
  public String status() {
    if (count(CheckResult.Status.FAIL) == 0) {
      return "passed";
    }
    return skipped ? "skipped_checks" : "failed";
  }

  /** For the manifest: how many checks passed, warned and failed, and whether they were skipped. */
  public Map<String, Object> summary() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("passed", count(CheckResult.Status.PASS));
    m.put("warned", count(CheckResult.Status.WARN));
    m.put("failed", count(CheckResult.Status.FAIL));
    m.put("skipped", skipped);
    m.put("file", FILE);
    return m;
  }

  /** One line per warning and failure, then the tally. */
  public void print(String job, PrintStream out, PrintStream err) {
    if (results.isEmpty()) {
      return;
    }
    for (CheckResult r : results) {
      if (r.status() != CheckResult.Status.PASS) {
        err.println(job + ": check " + r.line());
      }
    }
    out.printf(
        "  checks: %d passed, %d warned, %d failed%s%n",
        count(CheckResult.Status.PASS),
        count(CheckResult.Status.WARN),
        count(CheckResult.Status.FAIL),
        skipped && count(CheckResult.Status.FAIL) > 0 ? " (--skip-checks: accepted)" : "");
  }

  public void write(Path dir, String runId, Configuration conf) throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("run_id", runId);
    root.put("summary", summary());
    List<Map<String, Object>> list = new ArrayList<>();
    for (CheckResult r : results) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("metric", r.check().metric());
      m.put(
          r.check().metric().equals("quarantined_by_rule") ? "rule" : "column", r.check().column());
      m.put("condition", r.check().condition());
      m.put("severity", r.check().severity().id());
      m.put("value", r.value());
      m.put("status", r.status().id());
      m.put("detail", r.detail());
      m.put("declared", r.check().where());
      list.add(m);
    }
    root.put("checks", list);
    FileSystem fs = dir.getFileSystem(conf);
    try (OutputStream os = fs.create(new Path(dir, FILE), true)) {
      JSON.writeValue(os, root);
    }
  }
}
