package io.batchkit.mr.clean;

import io.batchkit.core.io.QuarantineRecord;
import io.batchkit.core.io.RowFormat;
import io.batchkit.core.record.KeyColumns;
import io.batchkit.core.record.RawRecords;
import io.batchkit.core.record.Records;
import io.batchkit.core.rules.Violation;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.schema.SchemaException;
import io.batchkit.core.schema.SchemaParser;
import io.batchkit.mr.common.Args;
import io.batchkit.mr.common.InputFiles;
import io.batchkit.mr.common.JobProgress;
import io.batchkit.mr.common.OutputCompression;
import io.batchkit.mr.common.OutputDirectory;
import io.batchkit.mr.common.QuarantineLines;
import io.batchkit.mr.common.UsageException;
import io.batchkit.mr.io.CsvLineInputFormat;
import io.batchkit.mr.io.JobSchema;
import io.batchkit.mr.io.PartitionedRow;
import io.batchkit.mr.io.WholeFileCsvInputFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.TaskInputOutputContext;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.LazyOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;
import org.apache.hadoop.util.Tool;
import org.apache.hadoop.util.ToolRunner;

/**
 * {@code clean}: reads raw CSV against a schema and sends every record to exactly one place: {@code
 * OUT/clean/} (typed, normalised, partitioned), {@code OUT/quarantine/} (one JSON line per record
 * with every violation) or, with {@code --dedupe}, away as a counted duplicate of an earlier record
 * with the same key. Map-only unless deduplicating; then the shuffle carries only valid rows,
 * already formatted, keyed by their key columns and source position.
 */
public final class CleanJob extends Configured implements Tool {
  public static final String NAME = "clean";
  public static final String DESCRIPTION =
      "validate, type and normalise CSV against a schema; quarantine bad records; optionally dedupe";

  static final String VIOLATIONS_GROUP = "batchkit violations (rule column)";
  static final String RULES_GROUP = "batchkit violations (rule)";

  private static final Set<String> OPTIONS =
      Set.of("schema", "input", "output", "output-format", "compress");
  private static final Set<String> FLAGS = Set.of("dedupe", "overwrite");

  static final String USAGE =
      String.join(
          "\n",
          "Usage: hadoop jar batchkit-jobs.jar clean [generic options] --schema S --input IN --output OUT [options]",
          "",
          "  " + DESCRIPTION + ".",
          "",
          "  --schema S          dataset schema (YAML), on any Hadoop filesystem",
          "  --input IN          file, directory or glob; repeat or comma-separate for more",
          "                      (.gz and .bz2 are read through Hadoop's codecs)",
          "  --output OUT        output directory: OUT/clean/, OUT/quarantine/, OUT/_MANIFEST.json",
          "  --dedupe            drop records whose key (the schema's keys, else the whole row)",
          "                      was seen earlier in file/line order; counted as duplicates",
          "  --overwrite         replace OUT if it exists (otherwise an existing OUT is refused)",
          "  --output-format F   text (default: Hive delimited text, tab, \\N null, backslash escapes)",
          "                      or csv (RFC 4180 with a header line)",
          "  --compress C        none (default), gzip, snappy or zstd (zstd needs Hadoop's native library)",
          "",
          "Generic options (before the job's own): -D key=value, -conf file, -files, -libjars.",
          "Exit codes: 0 done, 1 the job failed, 2 a usage, schema or path problem.");

  private final PrintStream out;
  private final PrintStream err;

  public CleanJob() {
    this(System.out, System.err);
  }

  public CleanJob(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) throws Exception {
    System.exit(ToolRunner.run(new CleanJob(), args));
  }

  @Override
  public int run(String[] argv) throws Exception {
    try {
      return clean(argv);
    } catch (UsageException | SchemaException e) {
      err.println(e.getMessage());
      return 2;
    }
  }

  private int clean(String[] argv) throws Exception {
    Args args = Args.parse(NAME, argv, OPTIONS, FLAGS);
    if (args.has("help")) {
      out.println(USAGE);
      return 0;
    }
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
    RowFormat format;
    try {
      format = RowFormat.parse(args.get("output-format", "text"));
    } catch (IllegalArgumentException e) {
      throw new UsageException(NAME + ": --output-format: " + e.getMessage());
    }
    String compress = args.get("compress", "none");
    boolean dedupe = args.has("dedupe");
    List<FileStatus> inputs = InputFiles.list(NAME, args.all("input"), conf);
    Path output = new Path(args.required(NAME, "output"));
    OutputDirectory.prepare(NAME, output, args.has("overwrite"), conf);

    Job job = Job.getInstance(conf, "batchkit clean " + schema.name());
    job.setJarByClass(CleanJob.class);
    Configuration jc = job.getConfiguration();
    JobSchema.store(jc, yaml, schemaLocation);
    jc.set(CleanConfigKeys.FORMAT, format.id());
    StringBuilder list = new StringBuilder();
    for (FileStatus f : inputs) {
      FileInputFormat.addInputPath(job, f.getPath());
      list.append(f.getPath().toUri().getPath()).append('\n');
    }
    jc.set(CleanConfigKeys.INPUTS, list.toString());
    // _SUCCESS is written by this driver after the manifest, so that it really is the last file.
    jc.setBoolean("mapreduce.fileoutputcommitter.marksuccessfuljobs", false);
    // One counter per (rule, column) plus a few: raise Hadoop's default cap of 120 to fit.
    int counters =
        40 + 16 * (schema.columns().size() + 1) + jc.getInt("mapreduce.job.counters.max", 120);
    jc.setInt("mapreduce.job.counters.max", counters);
    OutputCompression.configure(NAME, job, compress);

    job.setInputFormatClass(
        schema.format().multiline() ? WholeFileCsvInputFormat.class : CsvLineInputFormat.class);
    job.setMapperClass(CleanMapper.class);
    LazyOutputFormat.setOutputFormatClass(job, TextOutputFormat.class);
    FileOutputFormat.setOutputPath(job, output);
    job.setOutputKeyClass(NullWritable.class);
    job.setOutputValueClass(Text.class);
    if (dedupe) {
      job.setMapOutputKeyClass(DedupeKey.class);
      job.setMapOutputValueClass(PartitionedRow.class);
      job.setSortComparatorClass(DedupeKey.SortComparator.class);
      job.setGroupingComparatorClass(DedupeKey.GroupComparator.class);
      job.setPartitionerClass(DedupeKey.KeyPartitioner.class);
      job.setReducerClass(DedupeReducer.class);
    } else {
      job.setNumReduceTasks(0);
    }

    Instant started = Instant.now();
    job.submit();
    boolean ok = JobProgress.await(job, NAME, err);
    Instant finished = Instant.now();
    if (!ok) {
      err.println(
          NAME
              + ": job "
              + job.getJobID()
              + " failed ("
              + job.getStatus().getFailureInfo()
              + "); "
              + output
              + " has no _SUCCESS and no manifest: do not use it. Fix the cause and re-run with --overwrite.");
      return 1;
    }
    try {
      QuarantineLines.resolve(output, conf);
    } catch (IOException e) {
      err.println(
          NAME
              + ": could not number quarantined lines ("
              + e.getMessage()
              + "); "
              + output
              + " has no _SUCCESS: re-run with --overwrite");
      return 1;
    }
    Counters c = job.getCounters();
    long read = c.findCounter(CleanCounter.READ).getValue();
    long clean = c.findCounter(CleanCounter.CLEAN).getValue();
    long quarantined = c.findCounter(CleanCounter.QUARANTINED).getValue();
    long duplicates = c.findCounter(CleanCounter.DUPLICATES).getValue();
    if (read != clean + quarantined + duplicates) {
      err.println(
          NAME
              + ": counts do not reconcile (read "
              + read
              + " != clean "
              + clean
              + " + quarantined "
              + quarantined
              + " + duplicates "
              + duplicates
              + "); output left without _SUCCESS");
      return 1;
    }
    CleanManifest manifest =
        new CleanManifest(schema, job, inputs, output, format, compress, dedupe, started, finished);
    manifest.write(conf);
    io.batchkit.mr.io.DatasetOutput.writeSchema(
        output, schema, "rows of " + schema.name() + " that passed batchkit clean", conf);
    FileSystem fs = output.getFileSystem(conf);
    fs.create(new Path(output, "_SUCCESS"), true).close();
    out.print(manifest.summary(Duration.between(started, finished)));
    return 0;
  }

  /** Writes clean rows (with a CSV header at the top of each file) and quarantine records. */
  static final class CleanOutput {
    private final MultipleOutputs<NullWritable, Text> outputs;
    private final String header;
    private final Set<String> started = new HashSet<>();
    private final Text line = new Text();
    private final Counter cleanCount;

    CleanOutput(TaskInputOutputContext<?, ?, NullWritable, Text> context, Schema schema) {
      this.cleanCount = context.getCounter(CleanCounter.CLEAN);
      this.outputs = new MultipleOutputs<>(context);
      RowFormat format =
          RowFormat.parse(context.getConfiguration().get(CleanConfigKeys.FORMAT, "text"));
      this.header = format.header(schema.columns().stream().map(c -> c.name()).toList());
    }

    void clean(String partitionDir, String row) throws IOException, InterruptedException {
      String base = partitionDir.isEmpty() ? "clean/part" : "clean/" + partitionDir + "/part";
      if (header != null && started.add(base)) {
        line.set(header);
        outputs.write(NullWritable.get(), line, base);
      }
      // String.getBytes is an intrinsic for UTF-8; Text.set(String) goes through a CharsetEncoder.
      line.set(row.getBytes(StandardCharsets.UTF_8));
      outputs.write(NullWritable.get(), line, base);
      cleanCount.increment(1);
    }

    /** Records how many lines a split holds, for {@link QuarantineLines}. */
    void lines(String file, long splitStart, long lines) throws IOException, InterruptedException {
      line.set((file + "\t" + splitStart + "\t" + lines).getBytes(StandardCharsets.UTF_8));
      outputs.write(NullWritable.get(), line, QuarantineLines.DIR + "/part");
    }

    void close() throws IOException, InterruptedException {
      outputs.close();
    }

    MultipleOutputs<NullWritable, Text> outputs() {
      return outputs;
    }
  }

  /** Reads each record through the front end; quarantines the bad, writes or shuffles the good. */
  public static class CleanMapper extends Mapper<LongWritable, Text, Object, Object> {
    private RawRecords records;
    private RowFormat format;
    private KeyColumns keys;
    private CleanOutput output;
    private boolean dedupe;
    private String file;
    private int fileIndex;
    private long splitStart;

    private final StringBuilder row = new StringBuilder(256);
    private final DedupeKey dedupeKey = new DedupeKey();
    private final PartitionedRow partitioned = new PartitionedRow();
    private final Text quarantineLine = new Text();
    private Counter headerCount;
    private Counter blankCount;
    private Counter readCount;
    private Counter validCount;
    private Counter quarantinedCount;

    @Override
    @SuppressWarnings("unchecked")
    protected void setup(Context context) throws IOException {
      Configuration conf = context.getConfiguration();
      Schema schema = JobSchema.load(conf);
      records = Records.raw(schema);
      format = RowFormat.parse(conf.get(CleanConfigKeys.FORMAT, "text"));
      keys = new KeyColumns(schema);
      dedupe = context.getNumReduceTasks() > 0;
      output =
          new CleanOutput(
              (TaskInputOutputContext<?, ?, NullWritable, Text>)
                  (TaskInputOutputContext<?, ?, ?, ?>) context,
              schema);
      FileSplit split = (FileSplit) context.getInputSplit();
      file = split.getPath().toString();
      fileIndex = fileIndex(conf, split.getPath());
      splitStart = split.getStart();
      // Looked up once: a counter lookup per record is measurable at millions of records.
      headerCount = context.getCounter(CleanCounter.HEADER_LINES);
      blankCount = context.getCounter(CleanCounter.BLANK_LINES);
      readCount = context.getCounter(CleanCounter.READ);
      validCount = context.getCounter(CleanCounter.VALID);
      quarantinedCount = context.getCounter(CleanCounter.QUARANTINED);
    }

    static int fileIndex(Configuration conf, Path path) {
      String wanted = path.toUri().getPath();
      String[] inputs = conf.get(CleanConfigKeys.INPUTS, "").split("\n");
      for (int i = 0; i < inputs.length; i++) {
        if (inputs[i].equals(wanted)) {
          return i;
        }
      }
      throw new IllegalStateException("input " + wanted + " is not in the job's input list");
    }

    @Override
    protected void map(LongWritable key, Text value, Context context)
        throws IOException, InterruptedException {
      long offset = key.get();
      switch (records.read(offset, value.getBytes(), value.getLength())) {
        case HEADER -> headerCount.increment(1);
        case BLANK -> blankCount.increment(1);
        case INVALID -> {
          readCount.increment(1);
          quarantine(offset, value, context);
        }
        case VALID -> {
          readCount.increment(1);
          Object[] values = records.values();
          row.setLength(0);
          format.append(values, row);
          if (dedupe) {
            byte[] k = keys.text(values).getBytes(StandardCharsets.UTF_8);
            // The file's index and the record's offset order a key's records as the input does.
            dedupeKey.set(k, k.length, fileIndex, offset);
            partitioned.set(records.partitionDir(), row.toString());
            context.write(dedupeKey, partitioned);
            validCount.increment(1);
          } else {
            output.clean(records.partitionDir(), row.toString());
          }
        }
      }
    }

    private void quarantine(long offset, Text value, Context context)
        throws IOException, InterruptedException {
      List<Violation> violations = records.violations();
      String json =
          QuarantineRecord.toJson(
              file,
              records.line(),
              offset,
              records.text(),
              records.invalidBytes() ? value.getBytes() : null,
              value.getLength(),
              violations);
      quarantineLine.set(json.getBytes(StandardCharsets.UTF_8));
      output.outputs().write(NullWritable.get(), quarantineLine, "quarantine/part");
      quarantinedCount.increment(1);
      Set<String> rules = new HashSet<>();
      for (Violation v : violations) {
        String column = v.column() == null ? "*" : v.column();
        context.getCounter(VIOLATIONS_GROUP, v.rule().id() + " " + column).increment(1);
        if (rules.add(v.rule().id())) {
          // Records per rule: a record breaking one rule in two columns counts once here.
          context.getCounter(RULES_GROUP, v.rule().id()).increment(1);
        }
      }
    }

    @Override
    protected void cleanup(Context context) throws IOException, InterruptedException {
      // Later splits of the file need this split's line count as part of their base.
      output.lines(file, splitStart, records.lines());
      output.close();
    }
  }

  /** Keeps the first record of each key (file/line order); counts the rest as duplicates. */
  public static class DedupeReducer extends Reducer<DedupeKey, PartitionedRow, NullWritable, Text> {
    private CleanOutput output;
    private Counter duplicates;

    @Override
    protected void setup(Context context) {
      output = new CleanOutput(context, JobSchema.load(context.getConfiguration()));
      duplicates = context.getCounter(CleanCounter.DUPLICATES);
    }

    @Override
    protected void reduce(DedupeKey key, Iterable<PartitionedRow> rows, Context context)
        throws IOException, InterruptedException {
      boolean first = true;
      for (PartitionedRow r : rows) {
        if (first) {
          output.clean(r.partition().toString(), r.row().toString());
          first = false;
        } else {
          duplicates.increment(1);
        }
      }
    }

    @Override
    protected void cleanup(Context context) throws IOException, InterruptedException {
      output.close();
    }
  }
}
