package io.batchkit.mr.io;

import io.batchkit.core.record.Records;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.schema.SchemaParser;
import io.batchkit.mr.common.Args;
import io.batchkit.mr.common.HmacKey;
import io.batchkit.mr.common.InputFiles;
import io.batchkit.mr.common.Manifest;
import io.batchkit.mr.common.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;

/**
 * The input of a job after {@code clean}: either a batchkit output directory (it has {@code
 * _MANIFEST.json} and {@code _SUCCESS}; its rows in {@code clean/} or {@code data/} are Hive text
 * and its {@code _SCHEMA.yaml} describes them), or raw CSV files read against {@code --schema} with
 * {@code clean}'s rules, invalid records being counted, never silently used.
 */
public final class DatasetInput {
  static final String CONF_KIND = "batchkit.input.kind";

  /** How the input's records are read. */
  public enum Kind {
    RAW,
    DATASET
  }

  private final Kind kind;
  private final List<FileStatus> files;
  private final Path schemaFile;

  private DatasetInput(Kind kind, List<FileStatus> files, Path schemaFile) {
    this.kind = kind;
    this.files = files;
    this.schemaFile = schemaFile;
  }

  public static DatasetInput resolve(String job, List<String> specs, Configuration conf)
      throws UsageException, IOException {
    if (specs.isEmpty()) {
      throw new UsageException(job + ": --input is required (see " + job + " --help)");
    }
    List<String> rows = new ArrayList<>();
    Path schemaFile = null;
    int datasets = 0;
    for (String spec : specs) {
      Path p = new Path(spec);
      FileSystem fs = p.getFileSystem(conf);
      if (!fs.exists(new Path(p, Manifest.FILE))) {
        rows.add(spec);
        continue;
      }
      datasets++;
      if (!fs.exists(new Path(p, "_SUCCESS"))) {
        throw new UsageException(
            job
                + ": input "
                + spec
                + " has a manifest but no _SUCCESS: the job that wrote it did not finish; re-run"
                + " that job");
      }
      Map<String, Object> manifest = Manifest.read(p, conf);
      Object outputs = manifest.get("outputs");
      Object format = outputs instanceof Map<?, ?> o ? o.get("format") : null;
      if (format != null && !"text".equals(format)) {
        throw new UsageException(
            job
                + ": input "
                + spec
                + " holds "
                + format
                + " files; batchkit jobs read Hive text rows (clean's default output, or the"
                + " input of convert)");
      }
      Path data = fs.exists(new Path(p, "clean")) ? new Path(p, "clean") : new Path(p, "data");
      if (!fs.exists(data)) {
        throw new UsageException(job + ": input " + spec + " has no clean/ or data/ directory");
      }
      rows.add(data.toString());
      if (schemaFile == null && fs.exists(new Path(p, Manifest.SCHEMA_FILE))) {
        schemaFile = new Path(p, Manifest.SCHEMA_FILE);
      }
    }
    if (datasets > 0 && datasets < specs.size()) {
      throw new UsageException(
          job
              + ": --input mixes batchkit outputs with raw files; give one kind per run (raw CSV"
              + " goes through clean first)");
    }
    List<FileStatus> files = InputFiles.list(job, rows, conf);
    return new DatasetInput(datasets > 0 ? Kind.DATASET : Kind.RAW, files, schemaFile);
  }

  public Kind kind() {
    return kind;
  }

  public List<FileStatus> files() {
    return files;
  }

  /**
   * The schema: {@code --schema} if given, else the input dataset's own {@code _SCHEMA.yaml}.
   *
   * @return the schema file's bytes and where they came from
   */
  public Object[] schemaYaml(String job, Args args, Configuration conf)
      throws UsageException, IOException {
    return schemaYaml(job, args.get("schema", null), "schema", conf);
  }

  /** As above, with the schema named by option {@code --option} (null if not given). */
  public Object[] schemaYaml(String job, String location, String option, Configuration conf)
      throws UsageException, IOException {
    if (location == null) {
      if (schemaFile == null) {
        throw new UsageException(
            job
                + ": --"
                + option
                + " is required (the input is not a batchkit output with a "
                + Manifest.SCHEMA_FILE
                + ")");
      }
      location = schemaFile.toString();
    }
    return new Object[] {JobSchema.read(job, option, location, conf), location};
  }

  /** Reads the schema ({@link #schemaYaml}) and stores it in the job configuration. */
  public Schema loadSchema(String job, Args args, Configuration jobConf, PrintStream err)
      throws UsageException, IOException {
    Object[] yaml = schemaYaml(job, args, jobConf);
    Schema schema = SchemaParser.parse((byte[]) yaml[0], (String) yaml[1]);
    BadFiles.configure(job, args, jobConf);
    RecordLimits.configure(job, args, jobConf);
    SplitSize.configure(job, args, jobConf);
    if (kind == Kind.RAW) {
      // Refuse now, in one line, rather than in every task.
      HmacKey.forSchema(job, schema, jobConf);
      HeaderCheck.check(
          job,
          schema,
          files,
          HeaderCheck.mode(job, args.get(HeaderCheck.OPTION, "fail")),
          jobConf,
          err);
    }
    JobSchema.store(jobConf, (byte[]) yaml[0], (String) yaml[1]);
    return schema;
  }

  /** Adds the files to the job with the input format their kind needs, a file per task. */
  public void configure(Job job, Schema schema) throws IOException {
    configure(job, schema, false);
  }

  /**
   * As {@link #configure(Job, Schema)}; with {@code combine}, small files are read several to a
   * task ({@link SplitSize}): for jobs whose tasks treat every file alike (their mappers follow the
   * file of each record through {@link InputSegments}).
   */
  public void configure(Job job, Schema schema, boolean combine) throws IOException {
    job.getConfiguration().setBoolean(SplitSize.COMBINE, combine);
    InputFiles.addTo(job, files);
    job.getConfiguration().set(CONF_KIND, kind.name());
    job.setInputFormatClass(kind == Kind.RAW ? rawFormat(schema) : CsvLineInputFormat.class);
  }

  /**
   * How raw files of this schema are read: lines (CSV, JSON Lines; uncompressed files split), or
   * whole files cut into records (multiline CSV, JSON objects back to back).
   */
  public static Class<? extends FileInputFormat<?, ?>> rawFormat(Schema schema) {
    return schema.format().wholeFiles() ? WholeFileInputFormat.class : CsvLineInputFormat.class;
  }

  /** The task-side reader of this job's records. */
  public static Records rowSource(Configuration conf) {
    return records(JobSchema.load(conf), kind(conf), conf);
  }

  /**
   * The front end that reads records of this kind; raw CSV with the key of its pseudonymised
   * columns ({@link HmacKey}).
   */
  public static Records records(Schema schema, Kind kind, Configuration conf) {
    return Records.of(
        schema, kind == Kind.RAW, kind == Kind.RAW ? HmacKey.inTask(schema, conf) : null);
  }

  /**
   * Small files several to a task, up to {@code --split-size} (stored by {@link #loadSchema}); the
   * files under {@code separate} (a directory, or null) each alone.
   */
  public static void combine(Job job, Path separate) {
    job.getConfiguration().setBoolean(SplitSize.COMBINE, true);
    if (separate != null) {
      job.getConfiguration().set(SplitSize.SEPARATE, separate.toUri().getPath() + "/");
    }
  }

  public static Kind kind(Configuration conf) {
    return Kind.valueOf(conf.get(CONF_KIND, Kind.DATASET.name()));
  }
}
