package io.batchkit.core.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A dataset's files as a Hive external table: columns and their Hive types, the partition columns,
 * the location and how the files are stored. The one description of a typed table: {@link HiveDdl}
 * prints it as DDL and the catalog registers it through the metastore, so the two cannot drift.
 *
 * @param partitions the partition columns, outermost directory first (strings in Hive); may be
 *     empty
 * @param location where the files are, or null for a {@code ${hivevar:...}} in DDL
 */
public record HiveTable(
    List<Field> columns, List<String> partitions, String location, Storage storage) {

  /** A column: its name, its Hive type as the metastore spells it (lower case), its comment. */
  public record Field(String name, String type, String comment) {}

  /** How the files are stored: Hive's input and output formats, SerDe and their parameters. */
  public enum Storage {
    /** clean's and the jobs' Hive text: tab, {@code \N} for null, backslash escapes. */
    TEXT(
        "org.apache.hadoop.mapred.TextInputFormat",
        "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
        "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
        Map.of(
            "field.delim", "\t",
            "serialization.format", "\t",
            "escape.delim", "\\",
            "serialization.null.format", "\\N"),
        Map.of("serialization.escape.crlf", "true")),
    PARQUET(
        "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
        "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
        "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
        Map.of("serialization.format", "1"),
        Map.of()),
    ORC(
        "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat",
        "org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat",
        "org.apache.hadoop.hive.ql.io.orc.OrcSerde",
        Map.of("serialization.format", "1"),
        Map.of()),
    /** clean's quarantine: a JSON object a line (Hive's own JsonSerDe, in Hive 3 and 4). */
    JSON(
        "org.apache.hadoop.mapred.TextInputFormat",
        "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
        "org.apache.hadoop.hive.serde2.JsonSerDe",
        Map.of("serialization.format", "1"),
        Map.of());

    public final String inputFormat;
    public final String outputFormat;
    public final String serde;
    public final Map<String, String> serdeParameters;
    public final Map<String, String> tableParameters;

    Storage(
        String inputFormat,
        String outputFormat,
        String serde,
        Map<String, String> serdeParameters,
        Map<String, String> tableParameters) {
      this.inputFormat = inputFormat;
      this.outputFormat = outputFormat;
      this.serde = serde;
      this.serdeParameters = serdeParameters;
      this.tableParameters = tableParameters;
    }

    /** The storage a job's {@code format} (text, parquet, orc) is read with; null if none. */
    public static Storage ofFormat(String format) {
      return switch (format.toLowerCase(Locale.ROOT)) {
        case "text" -> TEXT;
        case "parquet" -> PARQUET;
        case "orc" -> ORC;
        default -> null;
      };
    }

    /** The storage whose SerDe this is, or null. */
    public static Storage ofSerde(String serde) {
      for (Storage s : values()) {
        if (s.serde.equals(serde)) {
          return s;
        }
      }
      return null;
    }

    /** The DDL clause between the columns and LOCATION. */
    String ddl() {
      return switch (this) {
        case TEXT ->
            "ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\'\n"
                + "  NULL DEFINED AS '\\\\N'\nSTORED AS TEXTFILE\n";
        case PARQUET, ORC -> "STORED AS " + name() + "\n";
        case JSON -> "ROW FORMAT SERDE '" + serde + "'\nSTORED AS TEXTFILE\n";
      };
    }
  }

  /** The table over rows of {@code columns} of {@code schema}, partitioned as the schema is. */
  public static HiveTable of(
      Schema schema, List<Column> columns, Storage storage, String location) {
    return of(schema, columns, List.of(), storage, location);
  }

  /**
   * The same, in directories of {@code outer} partition columns above the schema's (split's {@code
   * split=train/dt=...}).
   */
  public static HiveTable of(
      Schema schema, List<Column> columns, List<String> outer, Storage storage, String location) {
    List<Field> fields = new ArrayList<>();
    for (Column c : columns) {
      fields.add(
          new Field(c.name(), c.type().hiveName().toLowerCase(Locale.ROOT), c.description()));
    }
    List<String> partitions = new ArrayList<>(outer);
    if (schema.partition() != null) {
      partitions.add(schema.partition().name());
    }
    return new HiveTable(List.copyOf(fields), List.copyOf(partitions), location, storage);
  }

  /** The columns of clean's quarantine records (core's QuarantineRecord), unpartitioned. */
  public static HiveTable quarantine(String location) {
    return new HiveTable(
        List.of(
            new Field("file", "string", "the file the record was read from"),
            new Field("line", "bigint", "the line it starts on"),
            new Field("offset", "bigint", "its byte offset in the (decompressed) file"),
            new Field("raw", "string", "the record as read"),
            new Field("raw_base64", "string", "its bytes, when they were not valid text"),
            new Field(
                "violations",
                "array<struct<column:string,rule:string,value:string>>",
                "every rule the record broke")),
        List.of(),
        location,
        Storage.JSON);
  }

  /** {@code CREATE EXTERNAL TABLE IF NOT EXISTS db.name (...) ... LOCATION ...;} */
  public String ddl(String db, String name, String locationVariable) {
    StringBuilder sb = new StringBuilder(512);
    sb.append("CREATE EXTERNAL TABLE IF NOT EXISTS ").append(db).append('.').append(name);
    sb.append(" (\n");
    for (int i = 0; i < columns.size(); i++) {
      Field f = columns.get(i);
      sb.append("  `").append(f.name()).append("` ").append(f.type().toUpperCase(Locale.ROOT));
      if (f.comment() != null) {
        sb.append(" COMMENT '").append(f.comment().replace("'", "\\'")).append("'");
      }
      sb.append(i + 1 < columns.size() ? ",\n" : "\n");
    }
    sb.append(")\n");
    if (!partitions.isEmpty()) {
      sb.append("PARTITIONED BY (");
      for (int i = 0; i < partitions.size(); i++) {
        sb.append(i > 0 ? ", `" : "`").append(partitions.get(i)).append("` STRING");
      }
      sb.append(")\n");
    }
    sb.append(storage.ddl()).append("LOCATION '");
    sb.append(location != null ? location : "${hivevar:" + locationVariable + "}").append("'");
    if (!storage.tableParameters.isEmpty()) {
      sb.append("\nTBLPROPERTIES (");
      String sep = "";
      for (Map.Entry<String, String> p :
          new java.util.TreeMap<>(storage.tableParameters).entrySet()) {
        sb.append(sep).append("'").append(p.getKey()).append("' = '").append(p.getValue());
        sb.append("'");
        sep = ", ";
      }
      sb.append(")");
    }
    return sb.append(";\n").toString();
  }
}
