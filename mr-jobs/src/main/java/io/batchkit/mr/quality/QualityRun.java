package io.batchkit.mr.quality;

import io.batchkit.core.quality.Check;
import io.batchkit.core.quality.CheckRunner;
import io.batchkit.core.quality.Metrics;
import io.batchkit.core.rules.Rule;
import io.batchkit.core.schema.ChecksParser;
import io.batchkit.core.schema.Schema;
import io.batchkit.mr.common.Args;
import io.batchkit.mr.common.OutputDirectory;
import io.batchkit.mr.common.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The quality side of a run: which checks apply (the schema's {@code checks:}, or {@code --checks
 * FILE} instead), whether column metrics are measured (when checks, a history or an incremental run
 * ask for them; otherwise the job pays nothing), and after the job: the metrics evaluated against
 * the history, {@code _CHECKS.json} written, and the run appended to the history.
 */
public final class QualityRun {
  public static final String USAGE =
      String.join(
          "\n",
          "  --checks FILE       quality checks to run instead of the schema's (YAML; docs/daily-batches.md)",
          "  --skip-checks       run the checks and record them, but let a failed one pass",
          "  --history DIR       metrics history to append this run to and to read for change and",
          "                      anomaly checks (default OUT/_history/ when checks or --incremental)");

  public static final List<String> OPTIONS = List.of("checks", "history");
  public static final String SKIP = "skip-checks";

  private final List<Check> checks;
  private final Path history;
  private final boolean skip;

  private QualityRun(List<Check> checks, Path history, boolean skip) {
    this.checks = checks;
    this.history = history;
    this.skip = skip;
  }

  /**
   * Reads the checks and, when anything is to be measured, turns the tasks' column metrics on in
   * {@code jobConf}.
   */
  public static QualityRun configure(
      String job,
      Args args,
      Schema schema,
      byte[] schemaYaml,
      Path output,
      boolean incremental,
      Configuration jobConf)
      throws IOException, UsageException {
    List<Check> checks;
    String file = args.get("checks", null);
    if (file != null) {
      Path p = new Path(file);
      byte[] yaml;
      try (InputStream in = p.getFileSystem(jobConf).open(p)) {
        yaml = in.readAllBytes();
      } catch (IOException e) {
        throw new UsageException(
            job + ": cannot read --checks " + file + " (" + e.getMessage() + ")");
      }
      checks = ChecksParser.ofFile(yaml, file, schema);
    } else {
      checks = ChecksParser.ofSchema(schemaYaml, schema);
    }
    for (Check c : checks) {
      if (c.metric().equals(Metrics.BY_RULE)
          && Arrays.stream(Rule.values()).noneMatch(r -> r.id().equals(c.column()))) {
        throw new UsageException(
            job
                + ": check at "
                + c.where()
                + ": unknown rule '"
                + c.column()
                + "' (rules: "
                + String.join(", ", Arrays.stream(Rule.values()).map(Rule::id).toList())
                + ")");
      }
    }
    boolean measured = !checks.isEmpty() || args.has("history") || incremental;
    if (!measured) {
      return new QualityRun(checks, null, args.has(SKIP));
    }
    jobConf.setBoolean(TaskMetrics.ENABLED, true);
    Path history =
        args.has("history")
            ? new Path(args.get("history", null))
            : new Path(output, OutputDirectory.HISTORY);
    return new QualityRun(checks, history, args.has(SKIP));
  }

  /** Whether the tasks measure column metrics and the run is recorded in a history. */
  public boolean measured() {
    return history != null;
  }

  public Path history() {
    return history;
  }

  /** The rule ids metrics are kept for. */
  public static List<String> rules() {
    return Arrays.stream(Rule.values()).map(Rule::id).toList();
  }

  /**
   * Evaluates the checks on the run's metrics against the history, writes {@code _CHECKS.json} into
   * {@code dir} and appends the run to the history.
   */
  public QualityGate check(
      String runId,
      Instant time,
      String dataset,
      Map<String, Double> metrics,
      Path dir,
      Configuration conf)
      throws IOException {
    if (history == null) {
      return new QualityGate(List.of(), skip);
    }
    MetricsHistory past = MetricsHistory.read(history, conf);
    QualityGate gate = new QualityGate(CheckRunner.evaluate(checks, metrics, past), skip);
    gate.write(dir, runId, conf);
    FileSystem fs = history.getFileSystem(conf);
    fs.mkdirs(MetricsHistory.table(history));
    MetricsHistory.append(history, runId, time, dataset, metrics, gate.status(), conf);
    return gate;
  }
}
