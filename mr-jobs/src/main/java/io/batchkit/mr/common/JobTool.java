package io.batchkit.mr.common;

import io.batchkit.core.schema.HiveTable;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.schema.SchemaException;
import io.batchkit.core.schema.SchemaWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.MRConfig;
import org.apache.hadoop.util.Tool;

/**
 * The life cycle every batchkit job shares, in one place: option parsing and {@code --help},
 * one-line errors with exit 2 for usage, schema and path problems ({@link #run}); the Hadoop job
 * ({@link #newJob}); submission with progress and a failure that says what to do ({@link #runJob});
 * counts that must reconcile ({@link #unreconciled}); and the finish that makes an output usable:
 * {@code _SCHEMA.yaml}, quarantine line numbers, {@code _MANIFEST.json}, then {@code _SUCCESS},
 * last ({@link #finish}). A job supplies only what differs: its options, its tasks, its counts.
 */
public abstract class JobTool extends Configured implements Tool {
  /** The counter group naming each file skipped with --bad-files skip. */
  public static final String UNREADABLE_FILES = "batchkit unreadable files";

  /** Where a failing task leaves its one-line reason, outside the commit protocol. */
  public static final String TASK_ERRORS = "_errors";

  protected final PrintStream out;
  protected final PrintStream err;
  private final String name;
  private final String usage;
  private final Set<String> options;
  private final Set<String> flags;
  private Instant started;
  private TableRegistration tables;
  private Path registered;
  private List<String> outerPartitions = List.of();
  private boolean snapshot;
  private boolean evolving;

  /**
   * @param options option names that take a value
   * @param flags option names that take none
   */
  protected JobTool(
      String name,
      String usage,
      Set<String> options,
      Set<String> flags,
      PrintStream out,
      PrintStream err) {
    this.name = name;
    this.usage = usage;
    this.options = options;
    this.flags = flags;
    this.out = out;
    this.err = err;
  }

  protected final String name() {
    return name;
  }

  /** Runs the job with parsed arguments; returns the exit code. */
  protected abstract int execute(Args args) throws Exception;

  @Override
  public final int run(String[] argv) throws Exception {
    try {
      Args args = Args.parse(name, argv, options, flags);
      if (args.has("help")) {
        out.println(usage);
        return 0;
      }
      registered = null; // what a run declares is its own, also when a tool is run twice
      outerPartitions = List.of();
      snapshot = false;
      evolving = false;
      CatalogOptions catalog =
          options.contains(CatalogOptions.TABLE)
              ? CatalogOptions.parse(name, args, getConf())
              : null;
      tables = catalog == null ? null : new TableRegistration(name, catalog, getConf(), out, err);
      int code = execute(args);
      if (code == 0 && tables != null && registered == null) {
        throw new IllegalStateException(name + " takes --table but declared no output");
      }
      if (code == 0 && tables != null && !tables.register(registered)) {
        return CatalogOptions.EXIT_CATALOG_FAILED;
      }
      return code;
    } catch (UsageException | SchemaException e) {
      err.println(e.getMessage());
      return 2;
    } catch (InputChangedException e) {
      err.println(
          e.getMessage()
              + "; the output is left without _SUCCESS: re-run with --overwrite once the files are final");
      return 1;
    } finally {
      OutputDirectory.release();
    }
  }

  /**
   * A Hadoop job named after this one, shipped in the jar that holds it to a cluster. The local
   * runner has the job's classes on its classpath already: shipping would copy the whole jar (25
   * MB) to the staging directory on every run.
   */
  protected final Job newJob(String title) throws IOException {
    Job job = Job.getInstance(getConf(), "batchkit " + title);
    if (!"local".equals(getConf().get(MRConfig.FRAMEWORK_NAME, MRConfig.LOCAL_FRAMEWORK_NAME))) {
      job.setJarByClass(getClass());
    }
    return job;
  }

  /**
   * What this run writes: rows described by {@code schemaYaml} in {@code OUT/data} as {@code
   * format} (text, parquet or orc). Called before {@link #runJob}: with {@code --table}, an
   * existing table that disagrees stops the run here, before any task; the tables are registered
   * once the job has returned 0 (its output complete).
   */
  protected final void writes(Path output, String data, String format, String schemaYaml)
      throws IOException, UsageException {
    writes(output, data, format, schemaYaml, List.of());
  }

  /**
   * The same for rows in directories of {@code outer} partition columns above the schema's (split's
   * {@code split=train/}); {@link #finish} names them in the manifest.
   */
  protected final void writes(
      Path output, String data, String format, String schemaYaml, List<String> outer)
      throws IOException, UsageException {
    outerPartitions = outer;
    if (tables == null) {
      return;
    }
    registered = output;
    byte[] yaml = schemaYaml.getBytes(StandardCharsets.UTF_8);
    tables.evolving(evolving);
    tables.check(
        TableRegistration.table(name, yaml, format, outer, new Path(output, data), getConf()),
        tables.quarantine(new Path(output, "quarantine")),
        snapshot);
  }

  /**
   * Declares, before {@link #writes}, that this run's schema may be a later version of the one its
   * table has ({@code schema_changes: add_columns}): such a table is altered, not refused.
   */
  protected final void evolvesSchema() {
    evolving = true;
  }

  /**
   * The same for a job whose every run writes a new snapshot of the dataset (upsert's NEW): its
   * table follows the newest, so a table at an older snapshot's location is moved, not refused.
   */
  protected final void writesSnapshot(Path output, String data, String format, String schemaYaml)
      throws IOException, UsageException {
    snapshot = true;
    writes(output, data, format, schemaYaml, List.of());
  }

  /**
   * The tables of a finished output (its {@code _SCHEMA.yaml} and manifest), registered once {@link
   * #execute} returns 0; a table that disagrees stops here (exit 2).
   */
  protected final void registers(Path output) throws IOException, UsageException {
    FileSystem fs = output.getFileSystem(getConf());
    if (!fs.exists(new Path(output, "_SUCCESS"))) {
      throw new UsageException(
          name + ": " + output + " has no _SUCCESS: only a finished output is registered");
    }
    HiveTable[] tables =
        TableRegistration.tables(name, output, getConf(), this.tables.quarantines());
    this.tables.check(tables[0], tables[1], TableRegistration.snapshot(output, getConf()));
    registered = output;
  }

  /** When {@link #runJob} submitted the job. */
  protected final Instant started() {
    return started;
  }

  /** The manifest of this run: the job, its schema and inputs, when it started and finished. */
  protected final Manifest manifest(Schema schema, Job job, List<FileStatus> inputs)
      throws IOException, InputChangedException {
    // A file that changed while the tasks read it may have been read half old, half new.
    for (FileStatus f : inputs) {
      FileStatus now;
      try {
        now = f.getPath().getFileSystem(getConf()).getFileStatus(f.getPath());
      } catch (java.io.FileNotFoundException e) {
        throw new InputChangedException(
            name + ": input " + f.getPath() + " was deleted while the job ran");
      }
      if (now.getLen() != f.getLen() || now.getModificationTime() != f.getModificationTime()) {
        throw new InputChangedException(
            String.format(
                "%s: input %s changed while the job ran (%,d bytes, modified %s; now %,d bytes,"
                    + " modified %s): the output may mix old and new records",
                name,
                f.getPath(),
                f.getLen(),
                Instant.ofEpochMilli(f.getModificationTime()),
                now.getLen(),
                Instant.ofEpochMilli(now.getModificationTime())));
      }
    }
    Manifest manifest = new Manifest(name, schema, job, inputs, started);
    List<String> unreadable = new java.util.ArrayList<>();
    for (org.apache.hadoop.mapreduce.Counter c : job.getCounters().getGroup(UNREADABLE_FILES)) {
      if (c.getValue() > 0) {
        unreadable.add(c.getName());
      }
    }
    if (!unreadable.isEmpty()) {
      // Skipped with --bad-files skip: what was read of them is in the counts, the rest is not.
      manifest.section("unreadable_files", unreadable);
    }
    return manifest;
  }

  /** An input file changed during the run: the job fails (exit 1) and leaves no _SUCCESS. */
  protected static final class InputChangedException extends Exception {
    InputChangedException(String message) {
      super(message);
    }
  }

  /** Submits the job and waits; on failure says what to do and returns false. */
  protected boolean runJob(Job job, Path output) throws IOException, InterruptedException {
    started = Instant.now();
    // _SUCCESS is written by finish() after the manifest, so that it really is the last file.
    job.getConfiguration().setBoolean("mapreduce.fileoutputcommitter.marksuccessfuljobs", false);
    try {
      job.submit();
    } catch (IOException | ClassNotFoundException e) {
      err.println(name() + ": could not submit the job (" + e.getMessage() + ")");
      return false;
    }
    if (JobProgress.await(job, name(), err)) {
      TaskFaults.inDriver(job.getConfiguration(), "ran");
      return true;
    }
    // Tasks leave it under the job's output path, which may lie below OUT (profile's columns/).
    Path jobOutput = org.apache.hadoop.mapreduce.lib.output.FileOutputFormat.getOutputPath(job);
    String reason = jobOutput == null ? null : taskError(jobOutput);
    if (reason == null) {
      reason = taskError(output);
    }
    if (reason != null) {
      err.println(name() + ": " + reason);
    }
    String info = job.getStatus().getFailureInfo();
    err.println(
        name()
            + ": job "
            + job.getJobID()
            + " failed"
            + (info == null || info.isBlank() || info.equals("NA") ? "" : " (" + info + ")")
            + "; "
            + failedOutput(output));
    return false;
  }

  /** What a failed job left at its output, and what to do. */
  protected String failedOutput(Path output) {
    return output
        + " has no _SUCCESS and no manifest: do not use it. Fix the cause and re-run with"
        + " --overwrite.";
  }

  /**
   * The one-line reason a task left in {@code OUT/_errors/} before failing (a file it could not
   * read), or null: the local runner hands no task diagnostics back.
   */
  private String taskError(Path output) {
    try {
      Path dir = new Path(output, TASK_ERRORS);
      FileSystem fs = dir.getFileSystem(getConf());
      if (!fs.exists(dir)) {
        return null;
      }
      for (FileStatus f : fs.listStatus(dir)) {
        try (java.io.BufferedReader r =
            new java.io.BufferedReader(
                new java.io.InputStreamReader(fs.open(f.getPath()), StandardCharsets.UTF_8))) {
          String line = r.readLine();
          if (line != null) {
            return line;
          }
        }
      }
    } catch (IOException e) {
      return null; // the generic failure line below still says what to do
    }
    return null;
  }

  /**
   * Rows go out through MultipleOutputs as Hive text lines under {@code output}; no empty default
   * part files.
   */
  protected static void textOutput(Job job, Path output) {
    job.setOutputKeyClass(org.apache.hadoop.io.NullWritable.class);
    job.setOutputValueClass(org.apache.hadoop.io.Text.class);
    org.apache.hadoop.mapreduce.lib.output.LazyOutputFormat.setOutputFormatClass(
        job, PreparedTextOutputFormat.class);
    org.apache.hadoop.mapreduce.lib.output.FileOutputFormat.setOutputPath(job, output);
  }

  /**
   * Writes the schema of the rows written (null: none), the manifest, then {@code _SUCCESS}: only a
   * complete output has them all.
   */
  protected void finish(Path output, String schemaYaml, Manifest manifest) throws IOException {
    finish(output, schemaYaml, manifest, true);
  }

  /**
   * The same, with {@code _SUCCESS} only when {@code complete}: a run stopped by a failed check
   * keeps its schema, manifest and quarantine for inspection, and nothing says it may be used.
   */
  protected void finish(Path output, String schemaYaml, Manifest manifest, boolean complete)
      throws IOException {
    FileSystem fs = output.getFileSystem(getConf());
    if (schemaYaml != null) {
      try (OutputStream os = fs.create(new Path(output, Manifest.SCHEMA_FILE), true)) {
        os.write(schemaYaml.getBytes(StandardCharsets.UTF_8));
      }
    }
    // Quarantined records' lines counted from their split's start become lines in their file.
    QuarantineLines.resolve(output, getConf());
    if (!outerPartitions.isEmpty()) {
      manifest.output(TableRegistration.OUTER_PARTITIONS, outerPartitions);
    }
    if (snapshot) {
      manifest.output(TableRegistration.SNAPSHOT, true);
    }
    manifest.write(output, getConf());
    if (complete) {
      fs.create(new Path(output, "_SUCCESS"), true).close();
    }
  }

  /** The schema of rows that keep the input's columns, for {@link #finish}. */
  protected static String derivedSchema(Schema schema, String description) {
    return SchemaWriter.derived(schema, schema.columns(), description);
  }

  /** A one-line error for counts that do not add up; the output is left without _SUCCESS. */
  protected int unreconciled(String equation) {
    err.println(
        name() + ": counts do not reconcile (" + equation + "); output left without _SUCCESS");
    return 1;
  }
}
