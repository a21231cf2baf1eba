package io.batchkit.mr.tools;

import io.batchkit.core.schema.HiveDdl;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.schema.SchemaException;
import io.batchkit.core.schema.SchemaParser;
import io.batchkit.mr.common.Args;
import io.batchkit.mr.common.UsageException;
import io.batchkit.mr.io.JobSchema;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/** {@code ddl}: a schema as Hive DDL (raw CSV, clean text, and Parquet or ORC tables). */
public final class DdlCommand {
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
          "",
          "Partitioned tables are followed by MSCK REPAIR TABLE, which registers the partitions",
          "already on disk. Run the result with hive -f or beeline -f (--hivevar NAME=VALUE).");

  private DdlCommand() {}

  public static void main(String[] argv) throws IOException {
    try {
      Args args =
          Args.parse(
              NAME,
              argv,
              Set.of("schema", "database", "raw", "clean", "columnar", "format"),
              Set.of());
      if (args.has("help")) {
        System.out.println(USAGE);
        return;
      }
      String location = args.required(NAME, "schema");
      String format = args.get("format", "parquet");
      if (!List.of("parquet", "orc").contains(format)) {
        throw new UsageException(NAME + ": --format must be parquet or orc");
      }
      byte[] yaml;
      try {
        yaml = JobSchema.read(location, new Configuration());
      } catch (IOException e) {
        throw new UsageException(
            NAME + ": cannot read schema " + location + " (" + e.getMessage() + ")");
      }
      Schema schema = SchemaParser.parse(yaml, location);
      System.out.print(
          HiveDdl.ddl(
              schema,
              new HiveDdl.Locations(
                  args.get("database", null),
                  args.get("raw", null),
                  args.get("clean", null),
                  args.get("columnar", null),
                  format)));
    } catch (UsageException | SchemaException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    }
  }
}
