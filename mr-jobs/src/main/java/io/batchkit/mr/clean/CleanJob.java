package io.batchkit.mr.clean;

import io.batchkit.core.io.RowFormat;
import io.batchkit.core.schema.Column;
import io.batchkit.core.schema.HiveDdl;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.schema.SchemaParser;
import io.batchkit.core.schema.SchemaWriter;
import io.batchkit.mr.common.Args;
import io.batchkit.mr.common.CatalogOptions;
import io.batchkit.mr.common.ColumnSelection;
import io.batchkit.mr.common.HmacKey;
import io.batchkit.mr.common.IncrementalOutput;
import io.batchkit.mr.common.InputFiles;
import io.batchkit.mr.common.JobTool;
import io.batchkit.mr.common.ListedDirectories;
import io.batchkit.mr.common.Manifest;
import io.batchkit.mr.common.OutputCompression;
import io.batchkit.mr.common.OutputDirectory;
import io.batchkit.mr.common.RunId;
import io.batchkit.mr.common.UsageException;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Counters;
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
          ReaderOptions.USAGE,
          "  --input IN          file, directory or glob; repeat or comma-separate for more",
          "                      (.gz and .bz2 are read through Hadoop's codecs)",
          "  --output OUT        output directory: OUT/clean/, OUT/quarantine/, OUT/_MANIFEST.json",
          "  --incremental       add to OUT only the input files no earlier run read (bookmarked in",
          "                      OUT); each run exactly once, even when killed (README)",
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
                        "history")
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
    byte[] yaml;
    try {
      yaml = JobSchema.read(schemaLocation, conf);
    } catch (IOException e) {
      throw new UsageException(
          NAME
              + ": cannot read schema "
              + schemaLocation
              + " ("
              + e.getMessage()
              + "); check the --schema path");
    }
    Schema schema = SchemaParser.parse(yaml, schemaLocation);
    HmacKey.forSchema(NAME, schema, conf);
    RowFormat format;
    try {
      format = RowFormat.parse(args.get("output-format", "text"));
    } catch (IllegalArgumentException e) {
      throw new UsageException(NAME + ": --output-format: " + e.getMessage());
    }
    ColumnSelection selection =
        ColumnSelection.parse(NAME, schema, args.get("columns", null), args.get("drop", null));
    String compress = args.get("compress", "none");
    boolean dedupe = args.has("dedupe");
    boolean incremental = args.has("incremental");
    Path output = new Path(args.required(NAME, "output"));
    String writtenSchema =
        SchemaWriter.derived(
            schema,
            selection == null ? schema.columns() : selection.columns(schema),
            "rows of " + schema.name() + " that passed batchkit clean");
    writes(output, "clean", format.id(), writtenSchema);
    IncrementalOutput runs = null;
    ListedDirectories listed = null;
    List<FileStatus> inputs;
    String runId = null;
    Path jobOutput = output;
    if (!incremental) {
      inputs = InputFiles.list(NAME, args.all("input"), conf);
    } else {
      if (args.has("overwrite")) {
        throw new UsageException(
            NAME + ": --incremental adds to OUT; --overwrite would replace it: give one of them");
      }
      OutputDirectory.take(NAME, output, conf);
      runs = IncrementalOutput.open(NAME, output, conf, err);
      listed = ListedDirectories.of(output, conf, args.has("relist"));
      inputs = InputFiles.list(NAME, args.all("input"), conf, listed);
      List<FileStatus> fresh = runs.unseen(inputs);
      if (fresh.isEmpty()) {
        if (!runs.runs().isEmpty()) {
          runs.writeTotals(writtenSchema); // views current even if a killed run was just finished
          listed.save(output, conf);
        }
        out.printf(
            Locale.ROOT,
            "clean: %s: no new input files (%,d read by %,d earlier runs): nothing to do%n",
            schema.name(),
            runs.seenFiles(),
            runs.runs().size());
        return 0;
      }
      out.printf(
          Locale.ROOT,
          "clean: %s: %,d new input files (%,d read by %,d earlier runs)%n",
          schema.name(),
          fresh.size(),
          runs.seenFiles(),
          runs.runs().size());
      inputs = fresh;
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
    if (!incremental) {
      OutputDirectory.prepare(NAME, output, args.has("overwrite"), conf);
    }

    Job job = newJob("clean " + schema.name());
    Configuration jc = job.getConfiguration();
    QualityRun quality = QualityRun.configure(NAME, args, schema, yaml, output, incremental, jc);
    JobSchema.store(jc, yaml, schemaLocation);
    jc.set(CleanConfigKeys.FORMAT, format.id());
    if (selection != null) {
      selection.store(jc, CleanConfigKeys.COLUMNS);
    }
    StringBuilder list = new StringBuilder();
    InputFiles.addTo(job, inputs);
    for (FileStatus f : inputs) {
      list.append(f.getPath().toUri().getPath()).append('\n');
    }
    jc.set(CleanConfigKeys.INPUTS, list.toString());
    // One counter per (rule, column) plus a few: raise Hadoop's default cap of 120 to fit.
    int counters =
        40 + 16 * (schema.columns().size() + 1) + jc.getInt("mapreduce.job.counters.max", 120);
    jc.setInt("mapreduce.job.counters.max", counters);
    OutputCompression.configure(NAME, job, compress);

    job.setInputFormatClass(DatasetInput.rawFormat(schema));
    job.setMapperClass(CleanMapper.class);
    textOutput(job, jobOutput);
    Path keys = dedupe && incremental ? runs.keys() : null;
    if (dedupe && incremental) {
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

    if (!runJob(job, jobOutput)) {
      return 1;
    }
    Instant finished = Instant.now();
    Counters c = job.getCounters();
    long read = c.findCounter(CleanCounter.READ).getValue();
    long clean = c.findCounter(CleanCounter.CLEAN).getValue();
    long quarantined = c.findCounter(CleanCounter.QUARANTINED).getValue();
    long duplicates = c.findCounter(CleanCounter.DUPLICATES).getValue();
    if (read != clean + quarantined + duplicates) {
      return unreconciled(
          "read "
              + read
              + " != clean "
              + clean
              + " + quarantined "
              + quarantined
              + " + duplicates "
              + duplicates);
    }
    Map<String, Long> rules = new TreeMap<>();
    for (Counter v : c.getGroup(RULES_GROUP)) {
      rules.put(v.getName(), v.getValue());
    }
    Map<String, Map<String, Long>> violations = new TreeMap<>();
    for (Counter v : c.getGroup(VIOLATIONS_GROUP)) {
      String[] ruleColumn = v.getName().split(" ", 2);
      violations
          .computeIfAbsent(ruleColumn[0], r -> new TreeMap<>())
          .put(ruleColumn[1], v.getValue());
    }
    Map<String, Long> skipped = new LinkedHashMap<>();
    skipped.put("header_lines", c.findCounter(CleanCounter.HEADER_LINES).getValue());
    skipped.put("blank_lines", c.findCounter(CleanCounter.BLANK_LINES).getValue());
    Manifest manifest =
        manifest(schema, job, inputs)
            .count("read", read)
            .count("clean", clean)
            .count("quarantined", quarantined)
            .count("duplicates", duplicates)
            .detail("skipped", skipped)
            .detail("quarantined_by_rule", rules)
            .detail("violations", violations)
            .output("clean", new Path(output, "clean").toString())
            .output("quarantine", new Path(output, "quarantine").toString())
            .output("format", format.id())
            .output("compression", compress);
    if (schema.partition() != null) {
      manifest
          .output("partitioned_by", schema.partition().name())
          .output("partitions", partitions(jobOutput, conf));
    }
    if (selection != null) {
      manifest.output("columns", selection.columns(schema).stream().map(Column::name).toList());
    }
    manifest.section("dedupe", dedupe);
    QualityGate gate = null;
    if (runId == null) {
      runId = RunId.at(started());
    }
    if (quality.measured()) {
      Map<String, Double> metrics =
          RunMetrics.of(
              read,
              clean,
              quarantined,
              duplicates,
              rules,
              QualityRun.rules(),
              schema,
              TaskMetrics.collect(jobOutput, schema, conf));
      gate = quality.check(runId, started(), schema.name(), metrics, jobOutput, conf);
      manifest.section("run_id", runId);
      manifest.section("checks", gate.summary());
      manifest.output("history", quality.history().toString());
    }
    finish(jobOutput, writtenSchema, manifest, !incremental && (gate == null || !gate.stops()));
    out.print(summary(schema, manifest, rules, output, Duration.between(started(), finished)));
    if (gate != null) {
      gate.print(NAME, out, err);
      if (gate.stops()) {
        Path kept = incremental ? runs.reject(runId) : output;
        err.println(
            NAME
                + ": a quality check failed: "
                + (incremental
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
                + (incremental ? "" : " --overwrite"));
        return QualityGate.EXIT_CHECK_FAILED;
      }
    }
    if (incremental) {
      List<String> touched = partitions(jobOutput, conf);
      runs.commit(runId, inputs);
      Map<String, Object> totals = runs.writeTotals(writtenSchema);
      listed.save(output, conf); // every file listed is read by a committed run now
      String hql = HiveDdl.addPartitions(schema, touched, new Path(output, "clean").toString());
      runs.note(runId, "partitions.hql", hql);
      // The last run's, at a fixed place, for a pipeline's hql step (file: OUT/_PARTITIONS.hql).
      try (var os = output.getFileSystem(conf).create(new Path(output, "_PARTITIONS.hql"), true)) {
        os.write(
            ("-- partitions added by run " + runId + "\n" + hql)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      out.print(incrementalSummary(runId, totals, hql));
    }
    return 0;
  }

  /** The Hive partition directories written under {@code OUT/clean/}, sorted. */
  private static List<String> partitions(Path output, Configuration conf) throws IOException {
    List<String> names = new ArrayList<>();
    Path clean = new Path(output, "clean");
    FileSystem fs = clean.getFileSystem(conf);
    if (fs.exists(clean)) {
      for (FileStatus s : fs.listStatus(clean)) {
        if (s.isDirectory()) {
          names.add(s.getPath().getName());
        }
      }
    }
    names.sort(null);
    return names;
  }

  /** What an incremental run added, the totals, and the Hive statements for its partitions. */
  private static String incrementalSummary(String runId, Map<String, Object> totals, String hql) {
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

  /** The few lines printed when the job ends. */
  private static String summary(
      Schema schema, Manifest m, Map<String, Long> rules, Path output, Duration took) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "clean: %s: read %,d records in %.1f s: %,d clean, %,d quarantined, %,d duplicates%n",
            schema.name(),
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
}
