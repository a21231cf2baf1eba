package io.batchkit.mr.split;

import io.batchkit.core.schema.Schema;
import io.batchkit.core.split.SplitAssigner;
import io.batchkit.mr.common.Args;
import io.batchkit.mr.common.CatalogOptions;
import io.batchkit.mr.common.JobTool;
import io.batchkit.mr.common.Manifest;
import io.batchkit.mr.common.OutputDirectory;
import io.batchkit.mr.common.UsageException;
import io.batchkit.mr.io.DatasetInput;
import io.batchkit.mr.io.PartitionedRow;
import io.batchkit.mr.io.ReaderOptions;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
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

  static final String USAGE =
      String.join(
          "\n",
          "Usage: hadoop jar batchkit-jobs.jar split [generic options] --input IN --output OUT [options]",
          "",
          "  " + DESCRIPTION + ".",
          "",
          "  --input IN          a batchkit output (e.g. clean's OUT) or raw CSV read with --schema",
          "  --schema S          dataset schema (YAML); default: the input's _SCHEMA.yaml",
          ReaderOptions.USAGE,
          "  --output OUT        OUT/data/split=NAME/<partition>/ (Hive text), _SCHEMA.yaml, _MANIFEST.json",
          "  --ratios R          default train=0.8,validation=0.1,test=0.1; must add up to 1",
          "  --seed N            hash seed (default 42); the same seed gives the same split",
          "  --stratify-by COL   split each value of COL (e.g. a label) in the ratios, within one key;",
          "                      exact per label, but a key may move when its label gains keys",
          "  --overwrite         replace OUT if it exists",
          CatalogOptions.USAGE,
          "                      (the table is partitioned by split, then the schema's partition)",
          "",
          "Keys are the schema's keys (else the whole row). Exit codes: 0 done, 1 failed, 2 usage,",
          "4 the output is complete but its table is not registered (batchkit register).");

  public SplitJob() {
    this(System.out, System.err);
  }

  public SplitJob(PrintStream out, PrintStream err) {
    super(
        NAME,
        USAGE,
        CatalogOptions.with(
            ReaderOptions.with("schema", "input", "output", "ratios", "seed", "stratify-by")
                .toArray(String[]::new)),
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
    Job job = newJob("split");
    Configuration jc = job.getConfiguration();
    Schema schema = input.loadSchema(NAME, args, jc, err);
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
    String written = derivedSchema(schema, "split of " + schema.name() + " (" + ratios + ")");
    writes(output, "data", "text", written, List.of("split"));
    OutputDirectory.prepare(NAME, output, args.has("overwrite"), conf);

    jc.set(SplitConfigKeys.RATIOS, ratios);
    jc.setInt(SplitConfigKeys.SEED, seed);
    input.configure(job, schema, true);
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
    Manifest manifest =
        manifest(schema, job, input.files()).count("read", read).count("invalid", invalid);
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
    finish(output, written, manifest);
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
}
