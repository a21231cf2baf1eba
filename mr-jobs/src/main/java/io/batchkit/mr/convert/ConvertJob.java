package io.batchkit.mr.convert;

import io.batchkit.core.schema.Column;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.schema.SchemaWriter;
import io.batchkit.mr.common.Args;
import io.batchkit.mr.common.CatalogOptions;
import io.batchkit.mr.common.ColumnSelection;
import io.batchkit.mr.common.JobTool;
import io.batchkit.mr.common.Manifest;
import io.batchkit.mr.common.OutputDirectory;
import io.batchkit.mr.common.UsageException;
import io.batchkit.mr.io.DatasetInput;
import io.batchkit.mr.io.ReaderOptions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.util.ToolRunner;

/**
 * {@code convert}: rows to Parquet or ORC with the schema's types, in the same Hive partition
 * directories. Rows are shuffled to (partition, bin) groups sized from the input so that each
 * reducer writes a few files near the target size, not one small file per map task and partition;
 * files are written in the task's work directory and appear only when the job commits.
 */
public final class ConvertJob extends JobTool {
  public static final String NAME = "convert";
  public static final String DESCRIPTION =
      "rows to Parquet or ORC with Hive types, Hive partitions and a target file size";

  /**
   * Text bytes per columnar byte, roughly, for sizing bins from the input (compressed columnar rows
   * are several times smaller than their Hive text); files then roll at the target exactly.
   */
  static final int TEXT_PER_COLUMNAR_BYTE = 4;

  static final String USAGE =
      String.join(
          "\n",
          "Usage: hadoop jar batchkit-jobs.jar convert [generic options] --input IN --output OUT [options]",
          "",
          "  " + DESCRIPTION + ".",
          "",
          "  --input IN          a batchkit output (e.g. clean's OUT) or raw CSV read with --schema",
          "  --schema S          dataset schema (YAML); default: the input's _SCHEMA.yaml",
          ReaderOptions.USAGE,
          "  --output OUT        OUT/data/<partition>/*.parquet|*.orc, _SCHEMA.yaml, _MANIFEST.json",
          "  --format F          parquet (default) or orc",
          "  --compression C     snappy (default), gzip, zstd or none",
          "  --target-file-size N  aim for files of about N bytes (k, m, g suffixes); default 128m",
          "  --columns a,b,c     write only these columns, in this order",
          "  --drop x,y          write every column but these",
          "  --overwrite         replace OUT if it exists",
          CatalogOptions.USAGE,
          "",
          "Types as Hive maps them: decimal(p,s), date, timestamp (Parquet INT96, ORC timestamp; UTC),",
          "string, int, bigint, double, boolean. Exit codes: 0 done, 1 the job failed, 2 usage,",
          "4 the output is complete but its table is not registered (batchkit register).");

  public ConvertJob() {
    this(System.out, System.err);
  }

  public ConvertJob(PrintStream out, PrintStream err) {
    super(
        NAME,
        USAGE,
        CatalogOptions.with(
            ReaderOptions.with(
                    "schema",
                    "input",
                    "output",
                    "format",
                    "compression",
                    "target-file-size",
                    "columns",
                    "drop")
                .toArray(String[]::new)),
        Set.of("overwrite"),
        out,
        err);
  }

  public static void main(String[] args) throws Exception {
    System.exit(ToolRunner.run(new ConvertJob(), args));
  }

  @Override
  protected int execute(Args args) throws Exception {
    Configuration conf = getConf();
    DatasetInput input = DatasetInput.resolve(NAME, args.all("input"), conf);
    Path output = new Path(args.required(NAME, "output"));
    Job job = newJob("convert");
    Configuration jc = job.getConfiguration();
    Schema schema = input.loadSchema(NAME, args, jc, err);
    ColumnarWriter.Format format;
    try {
      format = ColumnarWriter.Format.parse(args.get("format", "parquet"));
    } catch (IllegalArgumentException e) {
      throw new UsageException(NAME + ": --format: " + e.getMessage());
    }
    String compression = args.get("compression", "snappy").toLowerCase(Locale.ROOT);
    if (!List.of("snappy", "gzip", "zstd", "none").contains(compression)) {
      throw new UsageException(NAME + ": --compression must be snappy, gzip, zstd or none");
    }
    if (format == ColumnarWriter.Format.PARQUET && compression.equals("none")) {
      compression = "uncompressed";
    }
    long target = Args.bytes(NAME, args.get("target-file-size", "128m"));
    if (target < 1024) {
      throw new UsageException(NAME + ": --target-file-size must be at least 1k");
    }
    ColumnSelection selection =
        ColumnSelection.parse(NAME, schema, args.get("columns", null), args.get("drop", null));
    if (selection != null) {
      selection.store(jc, ConvertConfigKeys.COLUMNS);
    }
    String rowsSchema =
        SchemaWriter.derived(
            schema,
            selection == null ? schema.columns() : selection.columns(schema),
            schema.name() + " as " + format.name().toLowerCase(Locale.ROOT));
    writes(output, "data", format.name(), rowsSchema);
    OutputDirectory.prepare(NAME, output, args.has("overwrite"), conf);

    // Bins per partition, from the input bytes under each partition directory.
    Map<String, Long> bytesByPartition = new HashMap<>();
    long total = 0;
    for (FileStatus f : input.files()) {
      String dir = partitionDir(f.getPath(), schema);
      bytesByPartition.merge(dir, f.getLen(), Long::sum);
      total += f.getLen();
    }
    StringBuilder bins = new StringBuilder();
    int maxBins = 1;
    for (Map.Entry<String, Long> e : bytesByPartition.entrySet()) {
      int n = bins(e.getValue(), target);
      maxBins = Math.max(maxBins, n);
      bins.append(e.getKey()).append('\t').append(n).append('\n');
    }
    jc.set(ConvertConfigKeys.FORMAT, format.name());
    jc.set(ConvertConfigKeys.COMPRESSION, compression);
    jc.setLong(ConvertConfigKeys.TARGET, target);
    jc.set(ConvertConfigKeys.BINS, bins.toString());
    // Partitions whose rows came from elsewhere (raw input) get bins from the total.
    jc.setInt(
        ConvertConfigKeys.BINS + ".default",
        input.kind() == DatasetInput.Kind.RAW ? bins(total, target) : maxBins);
    input.configure(job, schema, true);
    job.setMapperClass(BinningMapper.class);
    job.setPartitionerClass(BinPartitioner.class);
    job.setReducerClass(ColumnarReducer.class);
    job.setMapOutputKeyClass(Text.class);
    job.setMapOutputValueClass(Text.class);
    textOutput(job, output);

    if (!runJob(job, output)) {
      return 1;
    }
    Counters c = job.getCounters();
    long read = c.findCounter(ConvertCounter.READ).getValue();
    long invalid = c.findCounter(ConvertCounter.INVALID).getValue();
    long written = c.findCounter(ConvertCounter.WRITTEN).getValue();
    if (read != invalid + written) {
      return unreconciled("read " + read + " != invalid " + invalid + " + written " + written);
    }
    List<Map<String, Object>> files = new ArrayList<>();
    long outBytes = 0;
    FileSystem fs = output.getFileSystem(conf);
    Path data = new Path(output, "data");
    if (fs.exists(data)) {
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(data, true);
      while (it.hasNext()) {
        LocatedFileStatus f = it.next();
        if (f.getPath().getName().endsWith(format.extension())) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("path", f.getPath().toString());
          m.put("bytes", f.getLen());
          files.add(m);
          outBytes += f.getLen();
        }
      }
    }
    files.sort((a, b) -> ((String) a.get("path")).compareTo((String) b.get("path")));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("format", format.name().toLowerCase(Locale.ROOT));
    spec.put("compression", compression);
    spec.put("target_file_bytes", target);
    Manifest manifest =
        manifest(schema, job, input.files())
            .count("read", read)
            .count("invalid", invalid)
            .count("written", written)
            .count("files", files.size())
            .section("convert", spec)
            .section("files", files)
            .output("data", data.toString())
            .output("format", format.name().toLowerCase(Locale.ROOT));
    if (selection != null) {
      manifest.output("columns", selection.columns(schema).stream().map(Column::name).toList());
    }
    finish(output, rowsSchema, manifest);
    out.printf(
        Locale.ROOT,
        "convert: %s: %,d rows to %d %s files, %,d bytes (%,d text bytes in), %,d invalid%n"
            + "  data: %s%n",
        schema.name(),
        written,
        files.size(),
        format.name().toLowerCase(Locale.ROOT),
        outBytes,
        total,
        invalid,
        data);
    return 0;
  }

  static int bins(long textBytes, long target) {
    return (int)
        Math.max(1, Math.min(10_000, (textBytes / TEXT_PER_COLUMNAR_BYTE + target - 1) / target));
  }

  /** The Hive partition directory a dataset file sits in ("" if none). */
  static String partitionDir(Path file, Schema schema) {
    if (schema.partition() == null) {
      return "";
    }
    String prefix = schema.partition().name() + "=";
    for (Path p = file.getParent(); p != null; p = p.getParent()) {
      if (p.getName().startsWith(prefix)) {
        return p.getName();
      }
    }
    return "";
  }
}
