package io.batchkit.mr.clean;

import io.batchkit.core.infer.SchemaEvolution;
import io.batchkit.core.io.RowFormat;
import io.batchkit.core.schema.Column;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.schema.SchemaParser;
import io.batchkit.core.schema.SchemaWriter;
import io.batchkit.mr.common.Args;
import io.batchkit.mr.common.CatalogOptions;
import io.batchkit.mr.common.ColumnSelection;
import io.batchkit.mr.common.HmacKey;
import io.batchkit.mr.common.InputFiles;
import io.batchkit.mr.common.JobTool;
import io.batchkit.mr.common.Manifest;
import io.batchkit.mr.common.OutputCompression;
import io.batchkit.mr.common.OutputDirectory;
import io.batchkit.mr.common.RunId;
import io.batchkit.mr.common.UsageException;
import io.batchkit.mr.drift.ColumnScan;
import io.batchkit.mr.drift.SchemaPolicy;
import io.batchkit.mr.io.BadFiles;
import io.batchkit.mr.io.DatasetInput;
import io.batchkit.mr.io.HeaderCheck;
import io.batchkit.mr.io.JobSchema;
import io.batchkit.mr.io.ReaderOptions;
import io.batchkit.mr.io.RecordLimits;
import io.batchkit.mr.io.SplitSize;
import io.batchkit.mr.quality.QualityGate;
import io.batchkit.mr.quality.QualityRun;
import io.batchkit.mr.quality.RunMetrics;
import io.batchkit.mr.quality.TaskMetrics;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.util.ToolRunner;

/**
 * {@code clean}: reads raw CSV against a schema and sends every record to exactly one place: {@code
 * OUT/clean/} (typed, normalised, partitioned), {@code OUT/quarantine/} (one JSON line per record
 * with every violation) or, with {@code --dedupe}, away as a counted duplicate of an earlier record
 * with the same key. Map-only unless deduplicating; then the shuffle carries only valid rows,
 * already formatted, keyed by their key columns and source position.
 */
public final class CleanJob extends JobTool {
  public static final String NAME = "clean";
  public static final String DESCRIPTION =
      "validate, type and normalise CSV against a schema; quarantine bad records; optionally dedupe";

  static final String VIOLATIONS_GROUP = "batchkit violations (rule column)";
  static final String RULES_GROUP = "batchkit violations (rule)";

  static final String USAGE =
      String.join(
          "\n",
          "Usage: hadoop jar batchkit-jobs.jar clean [generic options] --schema S --input IN --output OUT [options]",
          "",
          "  " + DESCRIPTION + ".",
          "",
          "  --schema S          dataset schema (YAML), on any Hadoop filesystem",
          SchemaPolicy.USAGE,
          ReaderOptions.USAGE,
          "  --input IN          file, directory or glob; repeat or comma-separate for more",
          "                      (.gz and .bz2 are read through Hadoop's codecs)",
          "  --output OUT        output directory: OUT/clean/, OUT/quarantine/, OUT/_MANIFEST.json",
          "  --incremental       add to OUT only the input files no earlier run read (bookmarked in",
          "                      OUT); each run exactly once, even when killed (docs/daily-batches.md)",
          "  --relist            with --incremental: list every input directory, also those",
          "                      unchanged since an earlier run read all their files",
          "  --dedupe            drop records whose key (the schema's keys, else the whole row)",
          "                      was seen earlier in file/line order; counted as duplicates",
          "  --overwrite         replace OUT if it exists (otherwise an existing OUT is refused)",
          "  --output-format F   text (default: Hive delimited text, tab, \\N null, backslash escapes)",
          "                      or csv (RFC 4180 with a header line)",
          "  --compress C        none (default), gzip, snappy or zstd (zstd needs Hadoop's native library)",
          "  --columns a,b,c     write only these columns, in this order (rules still check every column)",
          "  --drop x,y          write every column but these",
          QualityRun.USAGE,
          CatalogOptions.USAGE,
          CatalogOptions.QUARANTINE_USAGE,
          "",
          "Generic options (before the job's own): -D key=value, -conf file, -files, -libjars.",
          "Exit codes: 0 done, 1 the job failed, 2 a usage, schema or path problem,",
          "3 a quality check failed (output kept for inspection, without _SUCCESS),",
          "4 the output is complete but its tables are not registered (batchkit register).");

  public CleanJob() {
    this(System.out, System.err);
  }

  public CleanJob(PrintStream out, PrintStream err) {
    super(
        NAME,
        USAGE,
        CatalogOptions.withQuarantine(
            CatalogOptions.with(
                ReaderOptions.with(
                        "schema",
                        "input",
                        "output",
                        "output-format",
                        "compress",
                        "columns",
                        "drop",
                        "checks",
                        "history",
                        SchemaPolicy.OPTION)
                    .toArray(String[]::new))),
        Set.of("dedupe", "overwrite", "incremental", "relist", QualityRun.SKIP),
        out,
        err);
  }

  public static void main(String[] args) throws Exception {
    System.exit(ToolRunner.run(new CleanJob(), args));
  }

  @Override
  protected int execute(Args args) throws Exception {
    Configuration conf = getConf();
    String schemaLocation = args.required(NAME, "schema");
    byte[] yaml = JobSchema.read(NAME, "schema", schemaLocation, conf);
    Path output = new Path(args.required(NAME, "output"));
    SchemaHistory history =
        SchemaHistory.open(
            NAME,
            SchemaParser.parse(yaml, schemaLocation),
            args.get(SchemaPolicy.OPTION, null),
            output,
            args.has("incremental"),
            conf);
    Schema schema = history.schema();
    HmacKey.forSchema(NAME, schema, conf);
    RowFormat format;
    try {
      format = RowFormat.parse(args.get("output-format", "text"));
    } catch (IllegalArgumentException e) {
      throw new UsageException(NAME + ": --output-format: " + e.getMessage());
    }
    ColumnSelection selection =
        ColumnSelection.parse(NAME, schema, args.get("columns", null), args.get("drop", null));
    String writtenSchema = written(schema, selection);
    if (history.evolves()) {
      evolvesSchema();
    }
    writes(output, "clean", format.id(), writtenSchema);
    IncrementalClean runs =
        args.has("incremental") ? IncrementalClean.open(NAME, args, output, conf, out, err) : null;
    List<FileStatus> inputs;
    String runId = null;
    Path jobOutput = output;
    if (runs == null) {
      inputs = InputFiles.list(NAME, args.all("input"), conf);
    } else {
      inputs = runs.fresh(NAME, args.all("input"), schema, writtenSchema);
      if (inputs.isEmpty()) {
        return 0;
      }
      runId = RunId.at(Instant.now());
      jobOutput = runs.runDir(runId);
    }
    HeaderCheck.check(
        NAME,
        schema,
        inputs,
        HeaderCheck.mode(NAME, args.get(HeaderCheck.OPTION, "fail")),
        conf,
        err);
    BadFiles.configure(NAME, args, conf);
    RecordLimits.configure(NAME, args, conf);
    SplitSize.configure(NAME, args, conf);
    if (runs == null) {
      OutputDirectory.prepare(NAME, output, args.has("overwrite"), conf);
    }
    if (history.evolves()) {
      if (!scan(history, yaml, schemaLocation, inputs, output)) {
        return 1;
      }
      schema = history.schema();
      selection =
          ColumnSelection.parse(NAME, schema, args.get("columns", null), args.get("drop", null));
      writtenSchema = written(schema, selection);
      writes(output, "clean", format.id(), writtenSchema);
    }

    Job job = newJob("clean " + schema.name());
    QualityRun quality =
        QualityRun.configure(
            NAME, args, schema, yaml, output, runs != null, job.getConfiguration());
    history.store(job.getConfiguration(), yaml, schemaLocation);
    configure(job, schema, format, selection, args, inputs, jobOutput, runs);
    if (!runJob(job, jobOutput)) {
      return 1;
    }
    Instant finished = Instant.now();
    CleanCounts counts = CleanCounts.of(job.getCounters());
    if (counts.unreconciled() != null) {
      return unreconciled(counts.unreconciled());
    }
    Manifest manifest =
        counts
            .into(manifest(schema, job, inputs))
            .output("clean", new Path(output, "clean").toString())
            .output("quarantine", new Path(output, "quarantine").toString())
            .output("format", format.id())
            .output("compression", args.get("compress", "none"));
    if (schema.partition() != null) {
      manifest
          .output("partitioned_by", schema.partition().name())
          .output("partitions", IncrementalClean.partitions(jobOutput, conf));
    }
    if (selection != null) {
      manifest.output("columns", selection.columns(schema).stream().map(Column::name).toList());
    }
    manifest.section("dedupe", args.has("dedupe"));
    history.record(
        manifest, writtenSchema, runId == null ? "a run" : "run " + runId, inputs, out, getConf());
    QualityGate gate = null;
    if (quality.measured()) {
      runId = runId == null ? RunId.at(started()) : runId;
      gate = check(quality, counts, schema, runId, jobOutput, manifest);
    }
    finish(jobOutput, writtenSchema, manifest, runs == null && (gate == null || !gate.stops()));
    out.print(
        CleanSummary.of(
            schema.name(),
            manifest,
            counts.rules(),
            output,
            Duration.between(started(), finished)));
    if (gate != null) {
      gate.print(NAME, out, err);
      if (gate.stops()) {
        return stopped(runs, runId, output);
      }
    }
    if (runs != null) {
      runs.commit(runId, schema, inputs, writtenSchema);
    }
    return 0;
  }

  /** The schema of the rows written: the columns kept, typed, without rules. */
  private static String written(Schema schema, ColumnSelection selection) {
    return SchemaWriter.derived(
        schema,
        selection == null ? schema.columns() : selection.columns(schema),
        "rows of " + schema.name() + " that passed batchkit clean");
  }

  /**
   * {@code schema_changes: add_columns}: what the run's files call for (columns added, numeric
   * columns widened), read by a scan of every value before the run writes a row; null when the scan
   * failed.
   */
  private boolean scan(
      SchemaHistory history, byte[] yaml, String location, List<FileStatus> inputs, Path output)
      throws IOException, InterruptedException {
    Schema schema = history.schema();
    out.printf(
        "%s: %s: reading %d file(s) for new columns and values wider than their type"
            + " (schema_changes: add_columns)%n",
        NAME, schema.name(), inputs.size());
    Job scan = newJob("clean " + schema.name() + ": column scan");
    history.storeRecorded(scan.getConfiguration(), yaml, location);
    Path parent = output.getParent() == null ? output : output.getParent();
    Path work = new Path(parent, "." + output.getName() + ".scan-" + System.nanoTime());
    ColumnScan.configure(scan, inputs, work);
    if (!runJob(scan, work)) {
      return false;
    }
    ColumnScan.Found found = ColumnScan.read(work, getConf());
    history.scanned(
        SchemaEvolution.changes(schema, found.added(), found.numeric(), found.json(), false));
    return true;
  }

  /** The job's input, tasks and output: map-only, or a shuffle of valid rows to dedupe them. */
  private static void configure(
      Job job,
      Schema schema,
      RowFormat format,
      ColumnSelection selection,
      Args args,
      List<FileStatus> inputs,
      Path jobOutput,
      IncrementalClean runs)
      throws IOException, UsageException {
    Configuration jc = job.getConfiguration();
    jc.set(CleanConfigKeys.FORMAT, format.id());
    if (selection != null) {
      selection.store(jc, CleanConfigKeys.COLUMNS);
    }
    InputFiles.addTo(job, inputs);
    StringBuilder list = new StringBuilder();
    for (FileStatus f : inputs) {
      list.append(f.getPath().toUri().getPath()).append('\n');
    }
    jc.set(CleanConfigKeys.INPUTS, list.toString());
    // One counter per (rule, column) plus a few: raise Hadoop's default cap of 120 to fit.
    int counters =
        40 + 16 * (schema.columns().size() + 1) + jc.getInt("mapreduce.job.counters.max", 120);
    jc.setInt("mapreduce.job.counters.max", counters);
    OutputCompression.configure(NAME, job, args.get("compress", "none"));
    job.setInputFormatClass(DatasetInput.rawFormat(schema));
    job.setMapperClass(CleanMapper.class);
    textOutput(job, jobOutput);
    boolean dedupe = args.has("dedupe");
    Path keys = dedupe && runs != null ? runs.keys() : null;
    if (dedupe && runs != null) {
      jc.setBoolean(CleanConfigKeys.WRITE_KEYS, true);
      if (keys != null) {
        FileInputFormat.addInputPath(job, keys);
        jc.set(CleanConfigKeys.PRIOR_KEYS, keys.toString());
      }
    }
    DatasetInput.combine(job, keys);
    if (dedupe) {
      job.setMapOutputKeyClass(DedupeKey.class);
      job.setMapOutputValueClass(DedupeValue.class);
      job.setSortComparatorClass(DedupeKey.SortComparator.class);
      job.setGroupingComparatorClass(DedupeKey.GroupComparator.class);
      job.setPartitionerClass(DedupeKey.KeyPartitioner.class);
      job.setReducerClass(DedupeReducer.class);
    } else {
      job.setNumReduceTasks(0);
    }
  }

  /** The run's quality metrics checked against the history; the verdict goes in the manifest. */
  private QualityGate check(
      QualityRun quality,
      CleanCounts counts,
      Schema schema,
      String runId,
      Path jobOutput,
      Manifest manifest)
      throws IOException {
    Map<String, Double> metrics =
        RunMetrics.of(
            counts.read(),
            counts.clean(),
            counts.quarantined(),
            counts.duplicates(),
            counts.rules(),
            QualityRun.rules(),
            schema,
            TaskMetrics.collect(jobOutput, schema, getConf()));
    QualityGate gate =
        quality.check(runId, started(), schema.name(), metrics, jobOutput, getConf());
    manifest.section("run_id", runId);
    manifest.section("checks", gate.summary());
    manifest.output("history", quality.history().toString());
    return gate;
  }

  /** A failed check: the output kept for inspection, nothing added; exit 3. */
  private int stopped(IncrementalClean runs, String runId, Path output) throws IOException {
    Path kept = runs != null ? runs.reject(runId) : output;
    err.println(
        NAME
            + ": a quality check failed: "
            + (runs != null
                ? "run "
                    + runId
                    + " is not added to "
                    + output
                    + " and its files stay new;"
                    + " its output is kept in "
                    + kept
                : output + " is left without _SUCCESS")
            + " (see "
            + new Path(kept, QualityGate.FILE)
            + "); fix the data, or accept it with --skip-checks"
            + (runs != null ? "" : " --overwrite"));
    return QualityGate.EXIT_CHECK_FAILED;
  }
}
