package io.batchkit.mr.split;

import io.batchkit.core.io.RowFormat;
import io.batchkit.core.record.KeyColumns;
import io.batchkit.core.record.Records;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.split.SplitAssigner;
import io.batchkit.core.split.StratifiedAllocator;
import io.batchkit.mr.common.Args;
import io.batchkit.mr.common.JobTool;
import io.batchkit.mr.common.Manifest;
import io.batchkit.mr.common.OutputDirectory;
import io.batchkit.mr.common.UsageException;
import io.batchkit.mr.io.DatasetInput;
import io.batchkit.mr.io.DatasetOutput;
import io.batchkit.mr.io.JobSchema;
import io.batchkit.mr.io.MapperInput;
import io.batchkit.mr.io.PartitionedRow;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Partitioner;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.util.ToolRunner;

/**
 * {@code split}: deterministic train/validation/test sets. A row's split depends only on a hash of
 * its key columns and the seed ({@link SplitAssigner}, shared with the Hive function), so all rows
 * of a key land together, in the same split in every run and as data is added: no leakage.
 * Map-only; with {@code --stratify-by}, a reducer per label allocates keys in hash order.
 */
public final class SplitJob extends JobTool {
  public static final String NAME = "split";
  public static final String DESCRIPTION =
      "deterministic train/validation/test split by a hash of the key columns (no leakage)";

  static final String SPLITS_GROUP = "batchkit split (rows)";

  /** read = invalid + the rows of every split. */
  public enum SplitCounter {
    READ,
    INVALID
  }

  static final String USAGE =
      String.join(
          "\n",
          "Usage: hadoop jar batchkit-jobs.jar split [generic options] --input IN --output OUT [options]",
          "",
          "  " + DESCRIPTION + ".",
          "",
          "  --input IN          a batchkit output (e.g. clean's OUT) or raw CSV read with --schema",
          "  --schema S          dataset schema (YAML); default: the input's _SCHEMA.yaml",
          "  --output OUT        OUT/data/split=NAME/<partition>/ (Hive text), _SCHEMA.yaml, _MANIFEST.json",
          "  --ratios R          default train=0.8,validation=0.1,test=0.1; must add up to 1",
          "  --seed N            hash seed (default 42); the same seed gives the same split",
          "  --stratify-by COL   split each value of COL (e.g. a label) in the ratios, within one key;",
          "                      exact per label, but a key may move when its label gains keys",
          "  --overwrite         replace OUT if it exists",
          "",
          "Keys are the schema's keys (else the whole row). Exit codes: 0 done, 1 failed, 2 usage.");

  public SplitJob() {
    this(System.out, System.err);
  }

  public SplitJob(PrintStream out, PrintStream err) {
    super(
        NAME,
        USAGE,
        Set.of("schema", "input", "output", "ratios", "seed", "stratify-by"),
        Set.of("overwrite"),
        out,
        err);
  }

  public static void main(String[] args) throws Exception {
    System.exit(ToolRunner.run(new SplitJob(), args));
  }

  @Override
  protected int execute(Args args) throws Exception {
    Configuration conf = getConf();
    DatasetInput input = DatasetInput.resolve(NAME, args.all("input"), conf);
    Path output = new Path(args.required(NAME, "output"));
    Job job = Job.getInstance(conf, "batchkit split");
    Configuration jc = job.getConfiguration();
    Schema schema = input.loadSchema(NAME, args, jc);
    String ratios = args.get("ratios", "train=0.8,validation=0.1,test=0.1");
    int seed;
    SplitAssigner assigner;
    try {
      seed = Integer.parseInt(args.get("seed", "42"));
      assigner = SplitAssigner.parse(ratios, seed);
    } catch (NumberFormatException e) {
      throw new UsageException(NAME + ": --seed must be an integer");
    } catch (IllegalArgumentException e) {
      throw new UsageException(NAME + ": --" + e.getMessage());
    }
    String label = args.get("stratify-by", null);
    if (label != null && schema.columnIndex(label) < 0) {
      throw new UsageException(
          NAME + ": --stratify-by: no column '" + label + "' in " + schema.name());
    }
    OutputDirectory.prepare(NAME, output, args.has("overwrite"), conf);

    job.setJarByClass(SplitJob.class);
    jc.set(SplitConfigKeys.RATIOS, ratios);
    jc.setInt(SplitConfigKeys.SEED, seed);
    input.configure(job, schema);
    job.setMapperClass(SplitMapper.class);
    if (label != null) {
      jc.set(SplitConfigKeys.LABEL, label);
      job.setMapOutputKeyClass(Text.class);
      job.setMapOutputValueClass(PartitionedRow.class);
      job.setPartitionerClass(LabelPartitioner.class);
      job.setReducerClass(StratifiedReducer.class);
    } else {
      job.setNumReduceTasks(0);
    }
    textOutput(job, output);

    Instant started = Instant.now();
    if (!runJob(job, output)) {
      return 1;
    }
    Counters c = job.getCounters();
    long read = c.findCounter(SplitCounter.READ).getValue();
    long invalid = c.findCounter(SplitCounter.INVALID).getValue();
    Map<String, Long> perSplit = new LinkedHashMap<>();
    long assigned = 0;
    for (String name : assigner.names()) {
      long n = c.findCounter(SPLITS_GROUP, name).getValue();
      perSplit.put(name, n);
      assigned += n;
    }
    if (read != invalid + assigned) {
      return unreconciled(
          "read " + read + " != invalid " + invalid + " + rows in splits " + assigned);
    }
    DatasetOutput.writeSchema(
        output, schema, "split of " + schema.name() + " (" + ratios + ")", conf);
    Manifest manifest =
        new Manifest(NAME, schema, job, input.files(), started)
            .count("read", read)
            .count("invalid", invalid);
    perSplit.forEach(manifest::count);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("ratios", ratios);
    spec.put("seed", seed);
    spec.put("keys", schema.keys().isEmpty() ? "whole row" : schema.keys());
    spec.put("stratify_by", label);
    manifest
        .section("split", spec)
        .output("data", new Path(output, "data").toString())
        .output("format", "text");
    for (String name : assigner.names()) {
      manifest.output(name, new Path(output, "data/split=" + name).toString());
    }
    finish(output, manifest);
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Long> e : perSplit.entrySet()) {
      double share = assigned == 0 ? 0 : 100.0 * e.getValue() / assigned;
      sb.append(String.format(Locale.ROOT, " %s %,d (%.1f%%);", e.getKey(), e.getValue(), share));
    }
    out.printf(
        Locale.ROOT,
        "split: %s: read %,d rows:%s %,d invalid%n  data: %s%n",
        schema.name(),
        read,
        sb,
        invalid,
        new Path(output, "data"));
    return 0;
  }

  /** The hash, key and split of rows; shared by the mapper and reducer. */
  static final class Keys {
    final SplitAssigner assigner;
    final KeyColumns columns;

    Keys(Configuration conf, Schema schema) {
      assigner =
          SplitAssigner.parse(
              conf.get(SplitConfigKeys.RATIOS), conf.getInt(SplitConfigKeys.SEED, 42));
      columns = new KeyColumns(schema);
    }

    String key(Object[] row) {
      return SplitAssigner.key(columns.values(row));
    }
  }

  /** Assigns each row by its key's hash; with stratification, sends it to its label's reducer. */
  public static class SplitMapper extends Mapper<LongWritable, Text, Text, PartitionedRow> {
    private Records rows;
    private Keys keys;
    private DatasetOutput output;
    private int label = -1;
    private final Text outKey = new Text();
    private final PartitionedRow outRow = new PartitionedRow();
    private final StringBuilder sb = new StringBuilder(256);
    private final Object[] labelValue = new Object[1];
    private MapperInput input;
    private Counter[] perSplit;

    @Override
    protected void setup(Context context) {
      Configuration conf = context.getConfiguration();
      rows = DatasetInput.rowSource(conf);
      keys = new Keys(conf, rows.schema());
      output = new DatasetOutput(context);
      String l = conf.get(SplitConfigKeys.LABEL);
      label = l == null ? -1 : rows.schema().columnIndex(l);
      input = new MapperInput(context, rows, output, SplitCounter.READ, SplitCounter.INVALID);
      perSplit = new Counter[keys.assigner.size()];
      for (int i = 0; i < perSplit.length; i++) {
        perSplit[i] = context.getCounter(SPLITS_GROUP, keys.assigner.names().get(i));
      }
    }

    @Override
    protected void map(LongWritable offset, Text value, Context context)
        throws IOException, InterruptedException {
      Object[] row = input.read(offset, value);
      if (row == null) {
        return;
      }
      String key = keys.key(row);
      double position = keys.assigner.position(key);
      if (label < 0) {
        int split = keys.assigner.split(position);
        output.row("data/split=" + keys.assigner.names().get(split), rows.partitionDir(), row);
        perSplit[split].increment(1);
        return;
      }
      // label, then hash position (sortable hex), then key: the reducer sees a label's keys in
      // hash order, and all rows of one key together.
      sb.setLength(0);
      labelValue[0] = row[label];
      RowFormat.TEXT.append(labelValue, sb);
      // Positions are non-negative, so their bits in fixed-width hex sort as the positions do.
      String bits = Long.toHexString(Double.doubleToLongBits(position));
      sb.append('\u0001').append("0".repeat(16 - bits.length())).append(bits);
      sb.append('\u0001').append(key);
      outKey.set(sb.toString());
      sb.setLength(0);
      RowFormat.TEXT.append(row, sb);
      outRow.set(rows.partitionDir(), sb.toString());
      context.write(outKey, outRow);
    }

    @Override
    protected void cleanup(Context context) throws IOException, InterruptedException {
      input.finish();
      output.close();
    }
  }

  /** All keys of a label go to one reducer. */
  public static class LabelPartitioner extends Partitioner<Text, PartitionedRow> {
    @Override
    public int getPartition(Text key, PartitionedRow value, int reducers) {
      String k = key.toString();
      String label = k.substring(0, k.indexOf('\u0001'));
      return (label.hashCode() & Integer.MAX_VALUE) % reducers;
    }
  }

  /** Allocates a label's keys, in hash order, to the split furthest below its share. */
  public static class StratifiedReducer extends Reducer<Text, PartitionedRow, NullWritable, Text> {
    private Keys keys;
    private DatasetOutput output;
    private String label;
    private StratifiedAllocator allocator;
    private Counter[] perSplit;

    @Override
    protected void setup(Context context) {
      Configuration conf = context.getConfiguration();
      keys = new Keys(conf, JobSchema.load(conf));
      output = new DatasetOutput(context);
      perSplit = new Counter[keys.assigner.size()];
      for (int i = 0; i < perSplit.length; i++) {
        perSplit[i] = context.getCounter(SPLITS_GROUP, keys.assigner.names().get(i));
      }
    }

    @Override
    protected void reduce(Text key, Iterable<PartitionedRow> values, Context context)
        throws IOException, InterruptedException {
      String k = key.toString();
      String l = k.substring(0, k.indexOf('\u0001'));
      if (!l.equals(label)) {
        label = l;
        allocator = new StratifiedAllocator(keys.assigner);
      }
      int split = allocator.next();
      String dir = "data/split=" + keys.assigner.names().get(split);
      for (PartitionedRow r : values) {
        output.line(dir, r.partition().toString(), r.row().toString());
        perSplit[split].increment(1);
      }
    }

    @Override
    protected void cleanup(Context context) throws IOException, InterruptedException {
      output.close();
    }
  }
}
