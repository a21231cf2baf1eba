package io.batchkit.mr.upsert;

import io.batchkit.core.schema.Schema;
import io.batchkit.mr.common.Args;
import io.batchkit.mr.common.CatalogOptions;
import io.batchkit.mr.common.HmacKey;
import io.batchkit.mr.common.JobTool;
import io.batchkit.mr.common.Manifest;
import io.batchkit.mr.common.OutputDirectory;
import io.batchkit.mr.common.UsageException;
import io.batchkit.mr.io.DatasetInput;
import io.batchkit.mr.io.ReaderOptions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
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
          ReaderOptions.USAGE,
          "  --order-by COL      the newest version has the greatest COL (e.g. updated_at); ties and",
          "                      no --order-by: the later batch, then the later row, wins",
          "  --delete-column COL a winning row whose COL equals --delete-value deletes its key",
          "  --delete-value V    default true",
          "  --overwrite         replace NEW if it exists (never the snapshot being read)",
          CatalogOptions.USAGE,
          "                      (each snapshot is a new NEW: the table moves to the newest, its",
          "                      partitions those of NEW)",
          "",
          "Keys are the schema's keys, which the schema must declare. Exit codes: 0, 1 failed, 2 usage,",
          "4 the output is complete but its table is not registered (batchkit register).");

  public UpsertJob() {
    this(System.out, System.err);
  }

  public UpsertJob(PrintStream out, PrintStream err) {
    super(
        NAME,
        USAGE,
        CatalogOptions.with(
            ReaderOptions.with(
                    "schema",
                    "snapshot",
                    "batch",
                    "output",
                    "order-by",
                    "delete-column",
                    "delete-value")
                .toArray(String[]::new)),
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
    Job job = newJob("upsert");
    Configuration jc = job.getConfiguration();
    DatasetInput schemaFrom = sources.get(0) != null ? sources.get(0) : sources.get(1);
    Schema schema = schemaFrom.loadSchema(NAME, args, jc, err);
    if (anyRaw) {
      HmacKey.forSchema(NAME, schema, conf);
    }
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
    String written = derivedSchema(schema, "snapshot of " + schema.name());
    writesSnapshot(output, "data", "text", written);
    OutputDirectory.prepare(NAME, output, args.has("overwrite"), conf);

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
            NAME
                + ": raw multiline CSV or JSON objects go through clean first; give upsert its output");
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
    Manifest manifest = manifest(schema, job, allFiles);
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
    finish(output, written, manifest);
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
}
