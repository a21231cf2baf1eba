package io.batchkit.mr.enrich;

import io.batchkit.core.record.Records;
import io.batchkit.core.schema.Column;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.schema.SchemaParser;
import io.batchkit.core.schema.SchemaWriter;
import io.batchkit.mr.common.Args;
import io.batchkit.mr.common.CatalogOptions;
import io.batchkit.mr.common.HmacKey;
import io.batchkit.mr.common.JobTool;
import io.batchkit.mr.common.Manifest;
import io.batchkit.mr.common.OutputDirectory;
import io.batchkit.mr.common.UsageException;
import io.batchkit.mr.io.DatasetInput;
import io.batchkit.mr.io.JobSchema;
import io.batchkit.mr.io.PartitionedRow;
import io.batchkit.mr.io.ReaderOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.util.ToolRunner;

/**
 * {@code enrich}: joins a dataset with a lookup table described by its own schema. A lookup up to
 * {@code --map-side-max} bytes is shipped through the distributed cache and joined in the mappers
 * (no shuffle); a larger one is joined in the reducers, each key's lookup row sorted ahead of its
 * data rows. Rows without a match are kept with nulls, quarantined or dropped, and counted.
 */
public final class EnrichJob extends JobTool {
  public static final String NAME = "enrich";
  public static final String DESCRIPTION =
      "join with a lookup table (map-side when it fits in memory, else reduce-side)";

  static final String LOOKUP_SLOT = "lookup";
  static final String CACHE_LINK = "batchkit-lookup-";

  static final String USAGE =
      String.join(
          "\n",
          "Usage: hadoop jar batchkit-jobs.jar enrich [generic options] --input IN --lookup L --on A=B --output OUT [options]",
          "",
          "  " + DESCRIPTION + ".",
          "",
          "  --input IN          a batchkit output (e.g. clean's OUT) or raw CSV read with --schema",
          "  --schema S          the input's schema; default: the input's _SCHEMA.yaml",
          ReaderOptions.USAGE,
          "  --lookup L          the lookup table: CSV file(s) or a batchkit output",
          "  --lookup-schema LS  the lookup's schema (YAML); default: its _SCHEMA.yaml",
          "  --on A=B[,C=D]      join input column A to lookup column B (key of the lookup)",
          "  --columns C1,C2     lookup columns to add (default: all but the join columns)",
          "  --prefix P          prefix for the added columns' names (e.g. pu_)",
          "  --unmatched U       keep (default: added columns null), quarantine, or drop; counted",
          "  --map-side-max N    largest lookup joined map-side, bytes (k, m, g suffixes); default 64m",
          "  --join J            auto (default), map or reduce",
          "  --output OUT        OUT/data/<partition>/ (Hive text), quarantine/, _SCHEMA.yaml, _MANIFEST.json",
          "  --overwrite         replace OUT if it exists",
          CatalogOptions.USAGE,
          "",
          "A map-side lookup must be valid and unique by key, or the job refuses to start, naming the",
          "line. Exit codes: 0 done, 1 the job failed, 2 a usage, schema or path problem,",
          "4 the output is complete but its table is not registered (batchkit register).");

  public EnrichJob() {
    this(System.out, System.err);
  }

  public EnrichJob(PrintStream out, PrintStream err) {
    super(
        NAME,
        USAGE,
        CatalogOptions.with(
            ReaderOptions.with(
                    "schema",
                    "input",
                    "output",
                    "lookup",
                    "lookup-schema",
                    "on",
                    "columns",
                    "prefix",
                    "unmatched",
                    "map-side-max",
                    "join")
                .toArray(String[]::new)),
        Set.of("overwrite"),
        out,
        err);
  }

  public static void main(String[] args) throws Exception {
    System.exit(ToolRunner.run(new EnrichJob(), args));
  }

  @Override
  protected int execute(Args args) throws Exception {
    Configuration conf = getConf();
    DatasetInput input = DatasetInput.resolve(NAME, args.all("input"), conf);
    DatasetInput lookupInput = DatasetInput.resolve(NAME, args.all("lookup"), conf);
    Path output = new Path(args.required(NAME, "output"));
    Job job = newJob("enrich");
    Configuration jc = job.getConfiguration();
    Schema schema = input.loadSchema(NAME, args, jc, err);
    Object[] lookupYaml =
        lookupInput.schemaYaml(NAME, args.get("lookup-schema", null), "lookup-schema", conf);
    Schema lookupSchema = SchemaParser.parse((byte[]) lookupYaml[0], (String) lookupYaml[1]);
    if (lookupInput.kind() == DatasetInput.Kind.RAW) {
      HmacKey.forSchema(NAME, lookupSchema, conf);
    }
    JobSchema.store(jc, LOOKUP_SLOT, (byte[]) lookupYaml[0], (String) lookupYaml[1]);
    String on = args.required(NAME, "on");
    String prefix = args.get("prefix", "");
    List<String> columns = args.all("columns");
    JoinSpec join = JoinSpec.parse(NAME, on, columns, prefix, schema, lookupSchema);
    String unmatched = args.get("unmatched", "keep");
    if (!List.of("keep", "quarantine", "drop").contains(unmatched)) {
      throw new UsageException(NAME + ": --unmatched must be keep, quarantine or drop");
    }
    if (lookupInput.kind() == DatasetInput.Kind.RAW && lookupSchema.format().multiline()) {
      throw new UsageException(
          NAME
              + ": a lookup of multiline CSV or JSON objects goes through clean first; give enrich its output");
    }
    long lookupBytes = lookupInput.files().stream().mapToLong(FileStatus::getLen).sum();
    long max = Args.bytes(NAME, args.get("map-side-max", "64m"));
    String joinMode = args.get("join", "auto");
    if (!List.of("auto", "map", "reduce").contains(joinMode)) {
      throw new UsageException(NAME + ": --join must be auto, map or reduce");
    }
    boolean mapSide = joinMode.equals("map") || (joinMode.equals("auto") && lookupBytes <= max);
    List<Column> all = new ArrayList<>(schema.columns());
    all.addAll(join.addedColumns());
    String written =
        SchemaWriter.derived(schema, all, schema.name() + " enriched from " + lookupSchema.name());
    writes(output, "data", "text", written);
    OutputDirectory.prepare(NAME, output, args.has("overwrite"), conf);

    jc.set(EnrichConfigKeys.ON, on);
    jc.set(EnrichConfigKeys.COLUMNS, String.join(",", columns));
    jc.set(EnrichConfigKeys.PREFIX, prefix);
    jc.set(EnrichConfigKeys.UNMATCHED, unmatched);
    jc.set(EnrichConfigKeys.LOOKUP_KIND, lookupInput.kind().name());
    StringBuilder lookupFiles = new StringBuilder();
    for (FileStatus f : lookupInput.files()) {
      lookupFiles.append(f.getPath().toString()).append('\n');
    }
    jc.set(EnrichConfigKeys.LOOKUP_FILES, lookupFiles.toString());
    input.configure(job, schema);
    int lookupRows;
    if (mapSide) {
      // Check the lookup once, here, so that a bad one stops the job before it starts.
      LookupTable table = load(conf, lookupInput, lookupSchema, join);
      if (table.problem() != null) {
        throw new UsageException(
            NAME
                + ": lookup "
                + table.problem()
                + "; a map-side lookup must be valid and unique by key (fix it, or clean it first)");
      }
      lookupRows = table.size();
      int i = 0;
      for (FileStatus f : lookupInput.files()) {
        job.addCacheFile(new URI(f.getPath().toUri() + "#" + CACHE_LINK + i++));
      }
      job.setMapperClass(MapSideJoinMapper.class);
      job.setNumReduceTasks(0);
    } else {
      lookupRows = -1;
      for (FileStatus f : lookupInput.files()) {
        FileInputFormat.addInputPath(job, f.getPath());
      }
      job.setMapperClass(TaggingMapper.class);
      job.setMapOutputKeyClass(Text.class);
      job.setMapOutputValueClass(PartitionedRow.class);
      job.setPartitionerClass(JoinKeyPartitioner.class);
      job.setGroupingComparatorClass(JoinKeyGrouping.class);
      job.setReducerClass(JoinReducer.class);
    }
    textOutput(job, output);

    if (!runJob(job, output)) {
      return 1;
    }
    Counters c = job.getCounters();
    Map<String, Long> n = new LinkedHashMap<>();
    for (EnrichCounter k : EnrichCounter.values()) {
      n.put(k.name().toLowerCase(Locale.ROOT), c.findCounter(k).getValue());
    }
    if (mapSide) {
      n.put("lookup_rows", (long) lookupRows);
    }
    long read = n.get("read");
    long fates =
        n.get("invalid")
            + n.get("matched")
            + n.get("unmatched_kept")
            + n.get("unmatched_quarantined")
            + n.get("unmatched_dropped");
    if (read != fates) {
      return unreconciled("read " + read + " != invalid + matched + unmatched " + fates);
    }
    List<FileStatus> inputs = new ArrayList<>(input.files());
    inputs.addAll(lookupInput.files());
    Manifest manifest = manifest(schema, job, inputs);
    n.forEach(manifest::count);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("lookup", lookupSchema.name());
    spec.put("on", on);
    spec.put("added", join.addedColumns().stream().map(Column::name).toList());
    spec.put("unmatched", unmatched);
    spec.put("join", mapSide ? "map-side" : "reduce-side");
    spec.put("lookup_bytes", lookupBytes);
    manifest
        .section("enrich", spec)
        .output("data", new Path(output, "data").toString())
        .output("quarantine", new Path(output, "quarantine").toString())
        .output("format", "text");
    finish(output, written, manifest);
    out.printf(
        Locale.ROOT,
        "enrich: %s + %s (%s join): read %,d rows: %,d matched, %,d unmatched (%s), %,d invalid%n"
            + "  data: %s%n",
        schema.name(),
        lookupSchema.name(),
        mapSide ? "map-side" : "reduce-side",
        read,
        n.get("matched"),
        n.get("unmatched_kept") + n.get("unmatched_quarantined") + n.get("unmatched_dropped"),
        unmatched,
        n.get("invalid"),
        new Path(output, "data"));
    return 0;
  }

  static JoinSpec join(Configuration conf) {
    try {
      String cols = conf.get(EnrichConfigKeys.COLUMNS, "");
      return JoinSpec.parse(
          NAME,
          conf.get(EnrichConfigKeys.ON),
          cols.isEmpty() ? List.of() : List.of(cols.split(",")),
          conf.get(EnrichConfigKeys.PREFIX, ""),
          JobSchema.load(conf),
          JobSchema.load(conf, LOOKUP_SLOT));
    } catch (UsageException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static LookupTable load(
      Configuration conf, DatasetInput lookup, Schema lookupSchema, JoinSpec join)
      throws IOException {
    LookupTable table = new LookupTable(join.width());
    Records source = DatasetInput.records(lookupSchema, lookup.kind(), conf);
    for (FileStatus f : lookup.files()) {
      try (InputStream in = open(f.getPath(), conf)) {
        table.load(f.getPath().toString(), in, source, join);
      }
    }
    return table;
  }

  private static InputStream open(Path p, Configuration conf) throws IOException {
    FileSystem fs = p.getFileSystem(conf);
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(p);
    InputStream in = fs.open(p);
    return codec == null ? in : codec.createInputStream(in);
  }

  static String joinKey(Text tagged) {
    String s = tagged.toString();
    return s.substring(0, s.length() - 2);
  }
}
