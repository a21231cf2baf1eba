package io.batchkit.mr.pipeline;

import io.batchkit.mr.common.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.Tool;
import org.apache.hadoop.util.ToolRunner;

/**
 * {@code run PIPELINE.yaml}: runs a pipeline's steps in order, in this JVM, with the same
 * configuration ({@code -D}, {@code -conf}) for each; stops at the first failing step, leaving the
 * completed steps' outputs in place, and says how to resume.
 */
public final class PipelineRunner extends Configured implements Tool {
  public static final String NAME = "run";
  public static final String DESCRIPTION =
      "run a pipeline file: a chain of the jobs above, each step's output feeding the next";

  static final String USAGE =
      String.join(
          "\n",
          "Usage: hadoop jar batchkit-jobs.jar run [generic options] PIPELINE.yaml [options]",
          "",
          "  " + DESCRIPTION + ".",
          "",
          "  --var NAME=VALUE    set or override a pipeline variable (repeatable)",
          "  --from STEP         start at this step (earlier steps' outputs must exist)",
          "  --overwrite         pass --overwrite to every step (re-run a pipeline in place)",
          "  --dry-run           print each step as a hadoop jar command line; run nothing",
          "  --emr-steps JAR     print the steps as Amazon EMR CUSTOM_JAR steps (JSON for aws emr",
          "                      add-steps --steps file://...), JAR being the job jar's s3:// URI; run nothing",
          "",
          "Pipeline file:",
          "  name: demo",
          "  vars: {work: target/demo}",
          "  steps:",
          "    - {name: clean, job: clean, args: {schema: examples/trips.yaml, input: raw.csv,",
          "       output: \"${work}/clean\", dedupe: true}}",
          "    - {name: daily, job: aggregate, args: {input: \"${steps.clean.output}\",",
          "       output: \"${work}/daily\", group-by: \"pickup_at:day\", metrics: \"count, sum(fare)\"}}",
          "    - {name: report, job: hql, args: {file: reports.hql,",
          "       define: {INPUT: \"${steps.daily.output}/data\"}}}     # hive -f ... -d INPUT=...",
          "",
          "Exit codes: 0 all steps done, 1 a step failed, 2 a problem with the pipeline file,",
          "3 a step stopped by a failed quality check.");

  /** The jobs a pipeline may run, by name. */
  private final Map<String, BiFunction<PrintStream, PrintStream, Tool>> jobs;

  private final PrintStream out;
  private final PrintStream err;

  public PipelineRunner(
      Map<String, BiFunction<PrintStream, PrintStream, Tool>> jobs,
      PrintStream out,
      PrintStream err) {
    this.jobs = jobs;
    this.out = out;
    this.err = err;
  }

  @Override
  public int run(String[] argv) throws Exception {
    try {
      return runPipeline(argv);
    } catch (UsageException e) {
      err.println(e.getMessage());
      return 2;
    }
  }

  private int runPipeline(String[] argv) throws Exception {
    String file = null;
    Map<String, String> vars = new LinkedHashMap<>();
    String from = null;
    boolean overwrite = false;
    boolean dryRun = false;
    String emrJar = null;
    for (int i = 0; i < argv.length; i++) {
      String a = argv[i];
      switch (a) {
        case "-h", "--help" -> {
          out.println(USAGE);
          return 0;
        }
        case "--var" -> {
          String kv = i + 1 < argv.length ? argv[++i] : "";
          int eq = kv.indexOf('=');
          if (eq <= 0) {
            throw new UsageException(NAME + ": --var takes NAME=VALUE, got '" + kv + "'");
          }
          vars.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        case "--from" -> from = i + 1 < argv.length ? argv[++i] : null;
        case "--overwrite" -> overwrite = true;
        case "--dry-run" -> dryRun = true;
        case "--emr-steps" -> {
          emrJar = i + 1 < argv.length ? argv[++i] : null;
          if (emrJar == null || emrJar.startsWith("--")) {
            throw new UsageException(NAME + ": --emr-steps takes the job jar's URI (s3://...)");
          }
        }
        default -> {
          if (a.startsWith("--") || file != null) {
            throw new UsageException(NAME + ": unexpected argument '" + a + "' (see run --help)");
          }
          file = a;
        }
      }
    }
    if (file == null) {
      throw new UsageException(NAME + ": name a pipeline file (see run --help)");
    }
    Configuration conf = getConf();
    String yaml;
    try {
      // A path without a scheme is the local file when there is one (the client's pipeline file),
      // else on the default filesystem (as on an EMR step reading from S3 or HDFS).
      java.nio.file.Path local = java.nio.file.Path.of(file);
      if (new java.net.URI(file).getScheme() == null && java.nio.file.Files.isRegularFile(local)) {
        yaml = java.nio.file.Files.readString(local);
      } else {
        Path p = new Path(file);
        try (var in = p.getFileSystem(conf).open(p)) {
          yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    } catch (IOException | java.net.URISyntaxException | java.nio.file.InvalidPathException e) {
      throw new UsageException(
          NAME + ": cannot read pipeline " + file + " (" + e.getMessage() + ")");
    }
    Pipeline pipeline = Pipeline.parse(file, yaml, vars, jobs.keySet());
    List<Pipeline.Step> steps = pipeline.steps();
    int start = 0;
    if (from != null) {
      start = -1;
      for (int i = 0; i < steps.size(); i++) {
        if (steps.get(i).name().equals(from)) {
          start = i;
        }
      }
      if (start < 0) {
        throw new UsageException(NAME + ": --from " + from + ": no such step in " + file);
      }
    }
    if (emrJar != null) {
      out.println(EmrSteps.json(steps.subList(start, steps.size()), emrJar, overwrite));
      return 0;
    }
    Instant began = Instant.now();
    List<String> done = new ArrayList<>();
    for (int i = start; i < steps.size(); i++) {
      Pipeline.Step step = steps.get(i);
      List<String> args = new ArrayList<>(step.args());
      if (overwrite
          && !args.contains("--overwrite")
          && !args.contains("--incremental") // it adds to its output, by design
          && !step.job().equals(Pipeline.HQL)) {
        args.add("--overwrite");
      }
      String line =
          step.job().equals(Pipeline.HQL)
              ? "hive " + String.join(" ", quote(HqlStep.hiveArgs(step)))
              : "hadoop jar batchkit-jobs.jar " + step.job() + " " + String.join(" ", quote(args));
      if (dryRun) {
        out.println(line);
        continue;
      }
      out.printf(Locale.ROOT, "[%d/%d] %s: %s%n", i + 1, steps.size(), step.name(), line);
      Instant t0 = Instant.now();
      int code =
          step.job().equals(Pipeline.HQL)
              ? HqlStep.run(step, conf, out, err)
              : ToolRunner.run(
                  new Configuration(conf),
                  jobs.get(step.job()).apply(out, err),
                  args.toArray(new String[0]));
      if (code == CHECK_FAILED) {
        err.printf(
            Locale.ROOT,
            "pipeline %s: stopped at step %d (%s): a quality check failed (above); the later steps"
                + " did not run. Fix the data and re-run with --from %s.%n",
            pipeline.name(),
            i + 1,
            step.name(),
            step.name());
        return CHECK_FAILED;
      }
      if (code != 0) {
        err.printf(
            Locale.ROOT,
            "pipeline %s: step %d (%s) failed with exit %d; %s. Fix the cause and re-run with"
                + " --from %s%s.%n",
            pipeline.name(),
            i + 1,
            step.name(),
            code,
            done.isEmpty()
                ? "no earlier step of this run completed"
                : "the outputs of completed steps are kept: " + String.join(", ", done),
            step.name(),
            code == 2 ? "" : " --overwrite");
        return 1;
      }
      if (step.output() != null) {
        done.add(step.name() + " -> " + step.output());
      }
      out.printf(
          Locale.ROOT,
          "[%d/%d] %s: done in %.1f s%n",
          i + 1,
          steps.size(),
          step.name(),
          Duration.between(t0, Instant.now()).toMillis() / 1000.0);
    }
    if (!dryRun) {
      out.printf(
          Locale.ROOT,
          "pipeline %s: %d steps done in %.1f s%n",
          pipeline.name(),
          steps.size() - start,
          Duration.between(began, Instant.now()).toMillis() / 1000.0);
    }
    return 0;
  }

  /** A step's exit code for a failed quality check, passed on as the pipeline's. */
  static final int CHECK_FAILED = 3;

  static List<String> quote(List<String> args) {
    List<String> out = new ArrayList<>();
    for (String a : args) {
      out.add(a.matches("[A-Za-z0-9_./:=,@+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
    }
    return out;
  }
}
