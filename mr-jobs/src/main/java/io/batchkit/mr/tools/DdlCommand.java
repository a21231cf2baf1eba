package io.batchkit.mr.tools;

import io.batchkit.core.schema.Column;
import io.batchkit.core.schema.HiveDdl;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.schema.SchemaParser;
import io.batchkit.mr.common.Args;
import io.batchkit.mr.common.ColumnSelection;
import io.batchkit.mr.common.JobTool;
import io.batchkit.mr.common.UsageException;
import io.batchkit.mr.io.JobSchema;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ToolRunner;

/**
 * {@code ddl}: a schema as Hive DDL (raw CSV, clean text, and Parquet or ORC tables). No Hadoop
 * job: a Tool all the same, so that a pipeline step can write the DDL its next (HiveQL) step runs.
 */
public final class DdlCommand extends JobTool {
  public static final String NAME = "ddl";
  public static final String DESCRIPTION =
      "print a schema as Hive DDL: tables over the raw CSV, clean's output and convert's output";

  static final String USAGE =
      String.join(
          "\n",
          "Usage: hadoop jar batchkit-jobs.jar ddl --schema S [options] > tables.hql",
          "",
          "  " + DESCRIPTION + ".",
          "",
          "  --schema S          dataset schema (YAML), on any Hadoop filesystem",
          "  --database DB       default: ${hivevar:database}",
          "  --raw LOC           the raw CSV directory; default: ${hivevar:raw_location}",
          "  --clean LOC         clean's rows (OUT/clean); default: ${hivevar:clean_location}",
          "  --columnar LOC      convert's rows (OUT/data); default: ${hivevar:columnar_location}",
          "  --format F          parquet (default) or orc, as convert wrote them",
          "  --columns a,b,c     the columns clean/convert kept (--columns), in that order, or",
          "  --drop x,y          those they dropped: the typed tables get the rest",
          "  --tables T,...      which tables: raw, clean, columnar (default: all three)",
          "  --output F          write the DDL to F (any Hadoop filesystem) instead of stdout",
          "  --overwrite         replace F if it exists",
          "",
          "Partitioned tables are followed by MSCK REPAIR TABLE, which registers the partitions",
          "already on disk. Run the result with hive -f or beeline -f (--hivevar NAME=VALUE).");

  public DdlCommand() {
    this(System.out, System.err);
  }

  public DdlCommand(PrintStream out, PrintStream err) {
    super(
        NAME,
        USAGE,
        Set.of(
            "schema",
            "database",
            "raw",
            "clean",
            "columnar",
            "format",
            "columns",
            "drop",
            "tables",
            "output"),
        Set.of("overwrite"),
        out,
        err);
  }

  public static void main(String[] args) throws Exception {
    System.exit(ToolRunner.run(new DdlCommand(), args));
  }

  @Override
  protected int execute(Args args) throws Exception {
    String location = args.required(NAME, "schema");
    String format = args.get("format", "parquet");
    if (!List.of("parquet", "orc").contains(format)) {
      throw new UsageException(NAME + ": --format must be parquet or orc");
    }
    List<String> tables = new ArrayList<>();
    for (String t : args.get("tables", String.join(",", HiveDdl.TABLES)).split(",")) {
      if (!HiveDdl.TABLES.contains(t.strip())) {
        throw new UsageException(
            NAME
                + ": --tables: '"
                + t.strip()
                + "' is none of "
                + String.join(", ", HiveDdl.TABLES));
      }
      tables.add(t.strip());
    }
    byte[] yaml = JobSchema.read(NAME, "schema", location, getConf());
    Schema schema = SchemaParser.parse(yaml, location);
    ColumnSelection selection =
        ColumnSelection.parse(NAME, schema, args.get("columns", null), args.get("drop", null));
    List<Column> typed = selection == null ? schema.columns() : selection.columns(schema);
    String ddl =
        HiveDdl.ddl(
            schema,
            new HiveDdl.Locations(
                args.get("database", null),
                args.get("raw", null),
                args.get("clean", null),
                args.get("columnar", null),
                format),
            typed,
            tables);
    String output = args.get("output", null);
    if (output == null) {
      out.print(ddl);
      return 0;
    }
    Path path = new Path(output);
    FileSystem fs = path.getFileSystem(getConf());
    if (fs.exists(path) && !args.has("overwrite")) {
      throw new UsageException(
          NAME + ": " + path + " exists; choose another --output or add --overwrite");
    }
    try (OutputStream os = fs.create(path, true)) {
      os.write(ddl.getBytes(StandardCharsets.UTF_8));
    }
    out.println(NAME + ": wrote " + path + " (" + String.join(", ", tables) + ")");
    return 0;
  }
}
