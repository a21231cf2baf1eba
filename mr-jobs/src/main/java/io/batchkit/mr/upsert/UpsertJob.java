package io.batchkit.mr.upsert;

import io.batchkit.core.io.RowFormat;
import io.batchkit.core.io.TextRowDecoder;
import io.batchkit.core.record.Records;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.split.SplitAssigner;
import io.batchkit.core.types.ColumnType;
import io.batchkit.mr.common.Args;
import io.batchkit.mr.common.JobTool;
import io.batchkit.mr.common.Manifest;
import io.batchkit.mr.common.OutputDirectory;
import io.batchkit.mr.common.UsageException;
import io.batchkit.mr.io.DatasetInput;
import io.batchkit.mr.io.DatasetOutput;
import io.batchkit.mr.io.JobSchema;
import io.batchkit.mr.io.MapperInput;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.util.ToolRunner;

/**
 * {@code upsert}: merges new batches into the current snapshot by the schema's keys and writes the
 * next snapshot to a new directory (the current one stays readable throughout). For each key the
 * newest version wins: greatest {@code --order-by} value, then the latest batch, then the latest
 * row of a batch; a winning row whose delete column holds the delete value removes the key.
 */
public final class UpsertJob extends JobTool {
  public static final String NAME = "upsert";
  public static final String DESCRIPTION =
      "merge new batches into a snapshot by key (newest wins, deletes); writes a new snapshot";

  /**
   * Keys: inserted, updated, unchanged, deleted, delete_missing (a delete for an absent key). Rows:
   * read = invalid + superseded + one winning row per key above.
   */
  public enum UpsertCounter {
    SNAPSHOT_READ,
    BATCH_READ,
    INVALID,
    INSERTED,
    UPDATED,
    UNCHANGED,
    DELETED,
    DELETE_MISSING,
    SUPERSEDED
  }

  static final String USAGE =
      String.join(
          "\n",
          "Usage: hadoop jar batchkit-jobs.jar upsert [generic options] --batch B --output NEW [options]",
          "",
          "  " + DESCRIPTION + ".",
          "",
          "  --snapshot S        the current snapshot (a batchkit output); omit for the first load",
          "  --batch B           a new batch: a batchkit output or raw CSV read with --schema; repeat",
          "                      for several, oldest first",
          "  --output NEW        the new snapshot: NEW/data/<partition>/, _SCHEMA.yaml, _MANIFEST.json",
          "  --schema S          dataset schema (YAML); default: the snapshot's or batch's _SCHEMA.yaml",
          "  --order-by COL      the newest version has the greatest COL (e.g. updated_at); ties and",
          "                      no --order-by: the later batch, then the later row, wins",
          "  --delete-column COL a winning row whose COL equals --delete-value deletes its key",
          "  --delete-value V    default true",
          "  --overwrite         replace NEW if it exists (never the snapshot being read)",
          "",
          "Keys are the schema's keys, which the schema must declare. Exit codes: 0, 1 failed, 2 usage.");

  public UpsertJob() {
    this(System.out, System.err);
  }

  public UpsertJob(PrintStream out, PrintStream err) {
    super(
        NAME,
        USAGE,
        Set.of(
            "schema", "snapshot", "batch", "output", "order-by", "delete-column", "delete-value"),
        Set.of("overwrite"),
        out,
        err);
  }

  public static void main(String[] args) throws Exception {
    System.exit(ToolRunner.run(new UpsertJob(), args));
  }

  @Override
  protected int execute(Args args) throws Exception {
    Configuration conf = getConf();
    List<String> batches = new ArrayList<>();
    for (String b : args.all("batch")) {
      batches.add(b);
    }
    if (batches.isEmpty()) {
      throw new UsageException(NAME + ": --batch is required (see upsert --help)");
    }
    Path output = new Path(args.required(NAME, "output"));
    String snapshotArg = args.get("snapshot", null);
    List<DatasetInput> sources = new ArrayList<>();
    if (snapshotArg != null) {
      Path snap = new Path(snapshotArg);
      if (snap.getFileSystem(conf)
          .makeQualified(snap)
          .equals(output.getFileSystem(conf).makeQualified(output))) {
        throw new UsageException(
            NAME + ": --output must differ from --snapshot: the current snapshot stays readable");
      }
      DatasetInput s = DatasetInput.resolve(NAME, List.of(snapshotArg), conf);
      if (s.kind() != DatasetInput.Kind.DATASET) {
        throw new UsageException(
            NAME + ": --snapshot " + snapshotArg + " is not a batchkit output (no _MANIFEST.json)");
      }
      sources.add(s);
    } else {
      sources.add(null);
    }
    for (String b : batches) {
      sources.add(DatasetInput.resolve(NAME, List.of(b), conf));
    }
    boolean anyRaw = sources.stream().anyMatch(s -> s != null && s.kind() == DatasetInput.Kind.RAW);
    if (anyRaw && !args.has("schema")) {
      throw new UsageException(
          NAME
              + ": a --batch of raw CSV needs --schema, the raw files' schema (its columns must"
              + " be the snapshot's)");
    }
    Job job = Job.getInstance(conf, "batchkit upsert");
    Configuration jc = job.getConfiguration();
    DatasetInput schemaFrom = sources.get(0) != null ? sources.get(0) : sources.get(1);
    Schema schema = schemaFrom.loadSchema(NAME, args, jc);
    if (schema.keys().isEmpty()) {
      throw new UsageException(
          NAME + ": the schema " + schema.source() + " declares no keys; upsert merges by key");
    }
    String order = args.get("order-by", null);
    if (order != null && schema.columnIndex(order) < 0) {
      throw new UsageException(
          NAME + ": --order-by: no column '" + order + "' in " + schema.name());
    }
    String deleteColumn = args.get("delete-column", null);
    if (deleteColumn != null && schema.columnIndex(deleteColumn) < 0) {
      throw new UsageException(
          NAME + ": --delete-column: no column '" + deleteColumn + "' in " + schema.name());
    }
    OutputDirectory.prepare(NAME, output, args.has("overwrite"), conf);

    job.setJarByClass(UpsertJob.class);
    StringBuilder list = new StringBuilder();
    List<FileStatus> allFiles = new ArrayList<>();
    for (int tag = 0; tag < sources.size(); tag++) {
      DatasetInput s = sources.get(tag);
      if (s == null) {
        continue;
      }
      for (FileStatus f : s.files()) {
        list.append(tag).append('\t').append(s.kind()).append('\t');
        list.append(f.getPath().toUri().getPath()).append('\n');
        FileInputFormat.addInputPath(job, f.getPath());
        allFiles.add(f);
      }
      // All sources but raw multiline CSV read lines; the format is per job, so refuse the mix.
      if (s.kind() == DatasetInput.Kind.RAW && schema.format().multiline()) {
        throw new UsageException(
            NAME + ": raw multiline CSV batches go through clean first; give upsert its output");
      }
    }
    jc.set(UpsertConfigKeys.SOURCES, list.toString());
    if (order != null) {
      jc.set(UpsertConfigKeys.ORDER, order);
    }
    if (deleteColumn != null) {
      jc.set(UpsertConfigKeys.DELETE_COLUMN, deleteColumn);
      jc.set(UpsertConfigKeys.DELETE_VALUE, args.get("delete-value", "true"));
    }
    job.setInputFormatClass(io.batchkit.mr.io.CsvLineInputFormat.class);
    job.setMapperClass(VersionMapper.class);
    job.setReducerClass(NewestWinsReducer.class);
    job.setMapOutputKeyClass(Text.class);
    job.setMapOutputValueClass(Version.class);
    textOutput(job, output);

    Instant started = Instant.now();
    if (!runJob(job, output)) {
      return 1;
    }
    Counters c = job.getCounters();
    Map<String, Long> n = new LinkedHashMap<>();
    for (UpsertCounter k : UpsertCounter.values()) {
      n.put(k.name().toLowerCase(Locale.ROOT), c.findCounter(k).getValue());
    }
    long read = n.get("snapshot_read") + n.get("batch_read");
    long fates =
        n.get("invalid")
            + n.get("superseded")
            + n.get("inserted")
            + n.get("updated")
            + n.get("unchanged")
            + n.get("deleted")
            + n.get("delete_missing");
    if (read != fates) {
      return unreconciled("rows read " + read + " != invalid + superseded + one per key " + fates);
    }
    DatasetOutput.writeSchema(output, schema, "snapshot of " + schema.name(), conf);
    Manifest manifest = new Manifest(NAME, schema, job, allFiles, started);
    n.forEach(manifest::count);
    long rows = n.get("inserted") + n.get("updated") + n.get("unchanged");
    manifest.count("snapshot_rows", rows);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("snapshot", snapshotArg);
    spec.put("batches", batches);
    spec.put("keys", schema.keys());
    spec.put("order_by", order);
    spec.put("delete_column", deleteColumn);
    manifest
        .section("upsert", spec)
        .output("data", new Path(output, "data").toString())
        .output("format", "text");
    finish(output, manifest);
    out.printf(
        Locale.ROOT,
        "upsert: %s: %,d inserted, %,d updated, %,d unchanged, %,d deleted (%,d deletes of absent"
            + " keys); %,d rows superseded, %,d invalid%n  new snapshot: %s (%,d rows)%n",
        schema.name(),
        n.get("inserted"),
        n.get("updated"),
        n.get("unchanged"),
        n.get("deleted"),
        n.get("delete_missing"),
        n.get("superseded"),
        n.get("invalid"),
        output,
        rows);
    return 0;
  }

  /** One version of a key's row, with what orders it against the others. */
  public static class Version implements Writable {
    int tag;
    long offset;
    String order;
    boolean delete;
    String partition;
    String row;

    void copy(Version o) {
      tag = o.tag;
      offset = o.offset;
      order = o.order;
      delete = o.delete;
      partition = o.partition;
      row = o.row;
    }

    @Override
    public void write(DataOutput out) throws IOException {
      out.writeInt(tag);
      out.writeLong(offset);
      out.writeBoolean(order != null);
      if (order != null) {
        Text.writeString(out, order);
      }
      out.writeBoolean(delete);
      Text.writeString(out, partition);
      Text.writeString(out, row);
    }

    @Override
    public void readFields(DataInput in) throws IOException {
      tag = in.readInt();
      offset = in.readLong();
      order = in.readBoolean() ? Text.readString(in) : null;
      delete = in.readBoolean();
      partition = Text.readString(in);
      row = Text.readString(in);
    }
  }

  /** Emits every row of the snapshot (tag 0) and the batches (tags 1..n) under its key. */
  public static class VersionMapper extends Mapper<LongWritable, Text, Text, Version> {
    private Records rows;
    private DatasetOutput quarantine;
    private int tag;
    private int[] keyColumns;
    private Object[] keyValues;
    private int order = -1;
    private int deleteColumn = -1;
    private String deleteValue;
    private final Text key = new Text();
    private final Version version = new Version();
    private final StringBuilder sb = new StringBuilder(256);
    private MapperInput input;

    @Override
    protected void setup(Context context) {
      Configuration conf = context.getConfiguration();
      Schema schema = JobSchema.load(conf);
      Path path = ((FileSplit) context.getInputSplit()).getPath();
      String wanted = path.toUri().getPath();
      DatasetInput.Kind kind = null;
      for (String line : conf.get(UpsertConfigKeys.SOURCES).split("\n")) {
        String[] f = line.split("\t", 3);
        if (f[2].equals(wanted)) {
          tag = Integer.parseInt(f[0]);
          kind = DatasetInput.Kind.valueOf(f[1]);
        }
      }
      if (kind == null) {
        throw new IllegalStateException("input " + wanted + " is not in the job's source list");
      }
      rows = DatasetInput.records(schema, kind);
      quarantine = new DatasetOutput(context);
      keyColumns = schema.keyIndexes();
      keyValues = new Object[keyColumns.length];
      if (conf.get(UpsertConfigKeys.ORDER) != null) {
        order = schema.columnIndex(conf.get(UpsertConfigKeys.ORDER));
      }
      if (conf.get(UpsertConfigKeys.DELETE_COLUMN) != null) {
        deleteColumn = schema.columnIndex(conf.get(UpsertConfigKeys.DELETE_COLUMN));
        deleteValue = conf.get(UpsertConfigKeys.DELETE_VALUE, "true");
      }
      input =
          new MapperInput(
              context,
              rows,
              quarantine,
              tag == 0 ? UpsertCounter.SNAPSHOT_READ : UpsertCounter.BATCH_READ,
              UpsertCounter.INVALID);
    }

    @Override
    protected void map(LongWritable offset, Text value, Context context)
        throws IOException, InterruptedException {
      Object[] row = input.read(offset, value);
      if (row == null) {
        return;
      }
      for (int i = 0; i < keyColumns.length; i++) {
        keyValues[i] = row[keyColumns[i]];
      }
      key.set(SplitAssigner.key(keyValues));
      version.tag = tag;
      version.offset = offset.get();
      version.order = order < 0 || row[order] == null ? null : text(row[order]);
      version.delete = deleteColumn >= 0 && deleteValue.equals(text(row[deleteColumn]));
      version.partition = rows.partitionDir();
      sb.setLength(0);
      RowFormat.TEXT.append(row, sb);
      version.row = sb.toString();
      context.write(key, version);
    }

    private static String text(Object v) {
      if (v == null) {
        return "";
      }
      StringBuilder s = new StringBuilder();
      RowFormat.appendValue(v, s);
      return s.toString();
    }

    @Override
    protected void cleanup(Context context) throws IOException, InterruptedException {
      input.finish();
      quarantine.close();
    }
  }

  /** Picks each key's newest version and counts what became of the key and of every row. */
  public static class NewestWinsReducer extends Reducer<Text, Version, NullWritable, Text> {
    private DatasetOutput output;
    private ColumnType orderType;
    private final Version best = new Version();
    private final Version snapshot = new Version();
    private Counter[] counters;

    @Override
    protected void setup(Context context) {
      Configuration conf = context.getConfiguration();
      Schema schema = JobSchema.load(conf);
      String order = conf.get(UpsertConfigKeys.ORDER);
      orderType = order == null ? null : schema.column(order).type();
      output = new DatasetOutput(context);
      counters = new Counter[UpsertCounter.values().length];
      for (UpsertCounter k : UpsertCounter.values()) {
        counters[k.ordinal()] = context.getCounter(k);
      }
    }

    private void count(UpsertCounter k, long n) {
      counters[k.ordinal()].increment(n);
    }

    @Override
    protected void reduce(Text key, Iterable<Version> versions, Context context)
        throws IOException, InterruptedException {
      boolean any = false;
      boolean hasSnapshot = false;
      long rows = 0;
      for (Version v : versions) {
        rows++;
        if (v.tag == 0 && (!hasSnapshot || newer(v, snapshot))) {
          snapshot.copy(v);
          hasSnapshot = true;
        }
        if (!any || newer(v, best)) {
          best.copy(v);
          any = true;
        }
      }
      count(UpsertCounter.SUPERSEDED, rows - 1);
      if (best.delete) {
        count(hasSnapshot ? UpsertCounter.DELETED : UpsertCounter.DELETE_MISSING, 1);
        return;
      }
      UpsertCounter fate;
      if (!hasSnapshot) {
        fate = UpsertCounter.INSERTED;
      } else if (best.tag == 0 || best.row.equals(snapshot.row)) {
        fate = UpsertCounter.UNCHANGED;
      } else {
        fate = UpsertCounter.UPDATED;
      }
      count(fate, 1);
      output.line("data", best.partition, best.row);
    }

    /** Whether {@code a} is newer than {@code b}: order value, then batch, then position. */
    boolean newer(Version a, Version b) {
      if (orderType != null) {
        int c = compareOrder(a.order, b.order);
        if (c != 0) {
          return c > 0;
        }
      }
      if (a.tag != b.tag) {
        return a.tag > b.tag;
      }
      return a.offset > b.offset;
    }

    @SuppressWarnings("unchecked")
    private int compareOrder(String a, String b) {
      if (a == null || b == null) {
        return a == null ? (b == null ? 0 : -1) : 1; // a missing order value is the oldest
      }
      Comparable<Object> x = (Comparable<Object>) TextRowDecoder.parse(orderType, a);
      return x.compareTo(TextRowDecoder.parse(orderType, b));
    }

    @Override
    protected void cleanup(Context context) throws IOException, InterruptedException {
      output.close();
    }
  }
}
