package io.batchkit.mr.aggregate;

import io.batchkit.core.schema.Schema;
import io.batchkit.core.schema.SchemaWriter;
import io.batchkit.mr.common.Args;
import io.batchkit.mr.common.CatalogOptions;
import io.batchkit.mr.common.JobTool;
import io.batchkit.mr.common.Manifest;
import io.batchkit.mr.common.OutputDirectory;
import io.batchkit.mr.common.SortBuffer;
import io.batchkit.mr.io.DatasetInput;
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
import org.apache.hadoop.mapreduce.TaskCounter;
import org.apache.hadoop.util.ToolRunner;

/**
 * {@code aggregate}: group rows by columns or time buckets and compute metrics, exact and sketched.
 * The map output is typed partial state ({@link Partials}) and a combiner merges it before the
 * shuffle.
 */
public final class AggregateJob extends JobTool {
  public static final String NAME = "aggregate";
  public static final String DESCRIPTION =
      "group by columns or time buckets; count, sum, min, max, avg, stddev, distinct, quantiles";

  static final String USAGE =
      String.join(
          "\n",
          "Usage: hadoop jar batchkit-jobs.jar aggregate [generic options] --input IN --output OUT --metrics M [options]",
          "",
          "  " + DESCRIPTION + ".",
          "",
          "  --input IN          a batchkit output (e.g. clean's OUT) or raw CSV files read with --schema",
          "  --schema S          dataset schema (YAML); default: the input's _SCHEMA.yaml",
          ReaderOptions.USAGE,
          "  --output OUT        OUT/data/ (Hive text, one row per group), OUT/_SCHEMA.yaml, OUT/_MANIFEST.json",
          "  --group-by G        columns, comma-separated; COL:hour, COL:day or COL:month buckets a",
          "                      timestamp; the partition column (e.g. dt) is allowed. Default: one group",
          "  --metrics M         comma-separated: count, count(c), sum(c), min(c), max(c), avg(c),",
          "                      stddev(c) (population, as Hive), count_distinct(c) (exact),",
          "                      approx_distinct(c) (HLL), approx_quantile(c, 0.9) (KLL)",
          "  --filter F          e.g. \"violation_type = 'RED' and score >= 10\"; also !=, <, <=, >, in (..),",
          "                      is null, is not null; literals in canonical form (timestamps UTC)",
          "  --timezone Z        calendar for hour/day/month buckets (default: the schema's partition",
          "                      timezone, else UTC)",
          "  --sketches          also write each approx metric's sketch, base64, for Hive's ds_hll_* /",
          "                      ds_kll_* functions over unbase64(col)",
          "  --no-combiner       shuffle every row's partial state: no map-side merging at all (to",
          "                      measure what it saves)",
          "  --overwrite         replace OUT if it exists",
          CatalogOptions.USAGE,
          "",
          "Exit codes: 0 done, 1 the job failed, 2 a usage, schema or path problem,",
          "4 the output is complete but its table is not registered (batchkit register).");

  public AggregateJob() {
    this(System.out, System.err);
  }

  public AggregateJob(PrintStream out, PrintStream err) {
    super(
        NAME,
        USAGE,
        CatalogOptions.with(
            ReaderOptions.with(
                    "schema", "input", "output", "group-by", "metrics", "filter", "timezone")
                .toArray(String[]::new)),
        Set.of("overwrite", "no-combiner", "sketches"),
        out,
        err);
  }

  public static void main(String[] args) throws Exception {
    System.exit(ToolRunner.run(new AggregateJob(), args));
  }

  @Override
  protected int execute(Args args) throws Exception {
    Configuration conf = getConf();
    DatasetInput input = DatasetInput.resolve(NAME, args.all("input"), conf);
    Path output = new Path(args.required(NAME, "output"));
    Job job = newJob("aggregate");
    Configuration jc = job.getConfiguration();
    Schema schema = input.loadSchema(NAME, args, jc, err);
    String metrics = args.required(NAME, "metrics");
    List<String> groupBy = args.all("group-by");
    String filter = args.get("filter", null);
    String zone = args.get("timezone", null);
    boolean sketches = args.has("sketches");
    Aggregation aggregation =
        Aggregation.parse(NAME, schema, metrics, groupBy, filter, zone, sketches);
    String written =
        SchemaWriter.derived(
            new Schema(
                schema.name() + "_aggregate",
                null,
                schema.format(),
                schema.nulls(),
                aggregation.columns(),
                List.of(),
                null,
                null,
                null),
            aggregation.columns(),
            "aggregate of " + schema.name() + ": " + metrics);
    writes(output, "data", "text", written);
    OutputDirectory.prepare(NAME, output, args.has("overwrite"), conf);

    jc.set(AggregateConfigKeys.METRICS, metrics);
    jc.set(AggregateConfigKeys.GROUP_BY, String.join(",", groupBy));
    if (filter != null) {
      jc.set(AggregateConfigKeys.FILTER, filter);
    }
    if (zone != null) {
      jc.set(AggregateConfigKeys.TIMEZONE, zone);
    }
    jc.setBoolean(AggregateConfigKeys.SKETCHES, sketches);
    input.configure(job, schema, true);
    job.setMapperClass(AggregateMapper.class);
    boolean combine = !args.has("no-combiner");
    jc.setBoolean(AggregateConfigKeys.COMBINE, combine);
    if (combine) {
      job.setCombinerClass(PartialsCombiner.class);
      SortBuffer.forSummaries(jc);
    }
    job.setReducerClass(AggregateReducer.class);
    job.setMapOutputKeyClass(Text.class);
    job.setMapOutputValueClass(Partials.class);
    textOutput(job, output);

    if (!runJob(job, output)) {
      return 1;
    }
    Counters c = job.getCounters();
    long read = c.findCounter(AggregateCounter.READ).getValue();
    long invalid = c.findCounter(AggregateCounter.INVALID).getValue();
    long filtered = c.findCounter(AggregateCounter.FILTERED_OUT).getValue();
    long aggregated = c.findCounter(AggregateCounter.AGGREGATED).getValue();
    long groups = c.findCounter(AggregateCounter.GROUPS).getValue();
    if (read != invalid + filtered + aggregated) {
      return unreconciled(
          "read "
              + read
              + " != invalid "
              + invalid
              + " + filtered_out "
              + filtered
              + " + aggregated "
              + aggregated);
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("group_by", groupBy);
    spec.put("metrics", metrics);
    spec.put("filter", filter);
    spec.put("combiner", combine);
    Map<String, Object> shuffle = new LinkedHashMap<>();
    shuffle.put("map_output_records", c.findCounter(TaskCounter.MAP_OUTPUT_RECORDS).getValue());
    shuffle.put(
        "map_output_materialized_bytes",
        c.findCounter(TaskCounter.MAP_OUTPUT_MATERIALIZED_BYTES).getValue());
    shuffle.put("reduce_input_records", c.findCounter(TaskCounter.REDUCE_INPUT_RECORDS).getValue());
    Manifest manifest =
        manifest(schema, job, input.files())
            .count("read", read)
            .count("invalid", invalid)
            .count("filtered_out", filtered)
            .count("aggregated", aggregated)
            .count("groups", groups)
            .output("data", new Path(output, "data").toString())
            .output("format", "text")
            .section("aggregate", spec)
            .section("shuffle", shuffle);
    finish(output, written, manifest);
    out.printf(
        Locale.ROOT,
        "aggregate: %s: read %,d rows: %,d aggregated into %,d groups, %,d filtered out, %,d invalid%n"
            + "  shuffled %,d bytes (%s)%n  result:   %s%n",
        schema.name(),
        read,
        aggregated,
        groups,
        filtered,
        invalid,
        shuffle.get("map_output_materialized_bytes"),
        combine ? "with combiner" : "no combiner",
        new Path(output, "data"));
    return 0;
  }

  static Aggregation aggregation(Configuration conf, Schema schema) {
    try {
      return Aggregation.parse(
          NAME,
          schema,
          conf.get(AggregateConfigKeys.METRICS),
          List.of(conf.get(AggregateConfigKeys.GROUP_BY, "").split(",")).stream()
              .filter(s -> !s.isEmpty())
              .toList(),
          conf.get(AggregateConfigKeys.FILTER),
          conf.get(AggregateConfigKeys.TIMEZONE),
          conf.getBoolean(AggregateConfigKeys.SKETCHES, false));
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
