package io.batchkit.core.schema;

import java.util.List;
import java.util.Locale;

/**
 * A schema as Hive DDL: an external table over the raw CSV (OpenCSVSerde: every column a string,
 * header skipped), one over {@code clean}'s Hive text output (typed, {@code \N} nulls, backslash
 * escapes) and one over {@code convert}'s Parquet or ORC files; partitioned by the schema's
 * partition column; each followed by the statement that registers existing partitions. Locations
 * and the database default to {@code ${hivevar:...}} parameters, so the DDL runs as it is with
 * {@code hive -f} / {@code beeline -f} and {@code --hivevar}.
 */
public final class HiveDdl {
  /** Where the tables' files are; null means a {@code ${hivevar:...}} parameter. */
  public record Locations(
      String database, String raw, String clean, String columnar, String format) {}

  private HiveDdl() {}

  /** The tables a DDL may hold. */
  public static final List<String> TABLES = List.of("raw", "clean", "columnar");

  public static String ddl(Schema schema, Locations at) {
    return ddl(schema, at, schema.columns(), TABLES);
  }

  /**
   * @param typed the columns clean and convert wrote (all, or those chosen with --columns/--drop)
   * @param tables which of {@link #TABLES} to write
   */
  public static String ddl(Schema schema, Locations at, List<Column> typed, List<String> tables) {
    String db = at.database() != null ? at.database() : "${hivevar:database}";
    String name = schema.name();
    StringBuilder sb = new StringBuilder(2048);
    sb.append("-- Hive DDL for dataset ").append(name).append(", written by batchkit ddl from ");
    sb.append(schema.source()).append(" (sha256 ").append(schema.sha256(), 0, 12).append(").\n");
    sb.append("CREATE DATABASE IF NOT EXISTS ").append(db).append(";\n\n");

    if (tables.contains("raw")) {
      raw(sb, db, name, schema, at);
    }
    if (tables.contains("clean")) {
      sb.append(
          "-- clean's output: typed rows, Hive text (tab, \\N for null, backslash escapes).\n");
      sb.append(
          HiveTable.of(schema, typed, HiveTable.Storage.TEXT, at.clean())
              .ddl(db, name, "clean_location"));
      repair(sb, db, name, schema);
    }
    if (tables.contains("columnar")) {
      String format = at.format() == null ? "parquet" : at.format().toLowerCase(Locale.ROOT);
      sb.append("\n-- convert's output: ").append(format).append(" with the same types.\n");
      HiveTable.Storage storage = HiveTable.Storage.ofFormat(format);
      sb.append(
          HiveTable.of(schema, typed, storage, at.columnar())
              .ddl(db, name + "_" + format, "columnar_location"));
      repair(sb, db, name + "_" + format, schema);
    }
    return sb.toString();
  }

  /**
   * {@code ALTER TABLE ... ADD IF NOT EXISTS PARTITION} for partition directories ({@code
   * day=2024-01-01}) under {@code location}: what an incremental run touched, for Hive to see
   * without a full {@code MSCK REPAIR}. Empty when there are none.
   */
  public static String addPartitions(Schema schema, List<String> dirs, String location) {
    StringBuilder sb = new StringBuilder();
    for (String dir : dirs) {
      int eq = dir.indexOf('=');
      String value = dir.substring(eq + 1);
      sb.append("ALTER TABLE ${hivevar:database}.").append(schema.name());
      sb.append(" ADD IF NOT EXISTS PARTITION (`").append(dir, 0, eq).append("`='");
      sb.append(value.replace("'", "\\'")).append("') LOCATION '");
      sb.append(location).append('/').append(dir).append("';\n");
    }
    return sb.toString();
  }

  private static void raw(StringBuilder sb, String db, String name, Schema schema, Locations at) {
    if (schema.format().json()) {
      rawJson(sb, db, name, schema, at);
      return;
    }
    sb.append(
        "-- The raw files as they landed: every column a string, quotes handled, header skipped.\n");
    if (schema.format().byName()) {
      // Hive reads a text table by position; clean reads each file by its header.
      sb.append(
          "-- header: by_name: the files name their columns in other orders, and Hive reads this\n"
              + "-- table by position: it is right only for files written in this order. Query the\n"
              + "-- clean table, which clean fills by each file's header.\n");
    }
    sb.append("CREATE EXTERNAL TABLE IF NOT EXISTS ")
        .append(db)
        .append('.')
        .append(name)
        .append("_raw (\n");
    for (int i = 0; i < schema.columns().size(); i++) {
      sb.append("  `").append(schema.columns().get(i).name()).append("` STRING");
      sb.append(i + 1 < schema.columns().size() ? ",\n" : "\n");
    }
    FormatSpec f = schema.format();
    sb.append(")\nROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'\n");
    sb.append("WITH SERDEPROPERTIES ('separatorChar' = '")
        .append(literal(f.delimiter()))
        .append("'");
    if (f.quote() != null) {
      sb.append(", 'quoteChar' = '").append(literal(f.quote())).append("'");
    }
    if (f.escape() != null) {
      sb.append(", 'escapeChar' = '").append(literal(f.escape())).append("'");
    }
    sb.append(")\nSTORED AS TEXTFILE\nLOCATION '").append(or(at.raw(), "raw_location")).append("'");
    if (f.header()) {
      sb.append("\nTBLPROPERTIES ('skip.header.line.count' = '1')");
    }
    sb.append(";\n\n");
  }

  /** JSON records have no columns Hive can split: one text column per line of the files. */
  private static void rawJson(
      StringBuilder sb, String db, String name, Schema schema, Locations at) {
    sb.append(
        "-- The raw JSON as it landed, a line a row; read fields with get_json_object(record,\n");
    sb.append("-- '$.user.id').")
        .append(
            schema.format().multiline()
                ? " Objects back to back share lines: query them through the clean table.\n"
                : " One object a line (lines: true): a record a row.\n");
    sb.append("CREATE EXTERNAL TABLE IF NOT EXISTS ")
        .append(db)
        .append('.')
        .append(name)
        .append("_raw (`record` STRING)\n");
    sb.append("ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\u0001'\nSTORED AS TEXTFILE\nLOCATION '")
        .append(or(at.raw(), "raw_location"))
        .append("';\n\n");
  }

  private static void repair(StringBuilder sb, String db, String table, Schema schema) {
    if (schema.partition() != null) {
      sb.append("MSCK REPAIR TABLE ").append(db).append('.').append(table).append(";\n");
    }
  }

  private static String or(String value, String hivevar) {
    return value != null ? value : "${hivevar:" + hivevar + "}";
  }

  private static String literal(char c) {
    return switch (c) {
      case '\t' -> "\\t";
      case '\'' -> "\\'";
      case '\\' -> "\\\\";
      default -> String.valueOf(c);
    };
  }
}
