package io.batchkit.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HiveDdlTest {
  static final Schema SCHEMA =
      SchemaParser.parse(
          String.join(
                  "\n",
                  "name: rides",
                  "format: {delimiter: \";\", quote: \"'\", header: true}",
                  "columns:",
                  "  - {name: id, type: bigint, description: \"the ride's id\"}",
                  "  - {name: at, type: timestamp}",
                  "  - {name: fare, type: \"decimal(8,2)\"}",
                  "partition: {name: dt, from: at}",
                  "")
              .getBytes(StandardCharsets.UTF_8),
          "rides.yaml");

  @Test
  void rawJsonIsOneTextColumnNeverTheCsvSerde() {
    Schema events =
        SchemaParser.parse(
            "name: ev\nformat: {type: json}\ncolumns:\n  - {name: id, type: int, path: a.b}\n"
                .getBytes(StandardCharsets.UTF_8),
            "ev.yaml");
    String ddl =
        HiveDdl.ddl(events, new HiveDdl.Locations("db", "/land", "/ev/clean", null, "orc"));
    assertTrue(
        ddl.contains(
            "CREATE EXTERNAL TABLE IF NOT EXISTS db.ev_raw (`record` STRING)\n"
                + "ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\u0001'\nSTORED AS TEXTFILE\n"
                + "LOCATION '/land';"),
        ddl);
    assertTrue(ddl.contains("Objects back to back share lines"), ddl);
    assertTrue(!ddl.contains("OpenCSVSerde"), ddl);
    assertTrue(ddl.contains("`id` INT"), ddl);
  }

  @Test
  void aRawTableOverFilesReadByNameSaysHiveReadsItByPosition() {
    String yaml = "name: s\ncolumns:\n  - {name: id, type: int}\n  - {name: n, type: string}\n";
    Schema byName =
        SchemaParser.parse(
            ("format: {header: by_name}\n" + yaml).getBytes(StandardCharsets.UTF_8), "s.yaml");
    Schema positional = SchemaParser.parse(yaml.getBytes(StandardCharsets.UTF_8), "s.yaml");
    HiveDdl.Locations at = new HiveDdl.Locations("db", "/land", "/s/clean", null, "orc");
    String warning = "-- header: by_name: the files name their columns in other orders";
    assertTrue(HiveDdl.ddl(byName, at).contains(warning + ", and Hive reads this\n"));
    assertTrue(!HiveDdl.ddl(positional, at).contains(warning));
  }

  @Test
  void threeTablesWithHiveTypesPartitionsAndParameters() {
    String ddl =
        HiveDdl.ddl(SCHEMA, new HiveDdl.Locations(null, null, "/clean/rides/clean", null, "orc"));
    String expectedClean =
        String.join(
            "\n",
            "CREATE EXTERNAL TABLE IF NOT EXISTS ${hivevar:database}.rides (",
            "  `id` BIGINT COMMENT 'the ride\\'s id',",
            "  `at` TIMESTAMP,",
            "  `fare` DECIMAL(8,2)",
            ")",
            "PARTITIONED BY (`dt` STRING)",
            "ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\'",
            "  NULL DEFINED AS '\\\\N'",
            "STORED AS TEXTFILE",
            "LOCATION '/clean/rides/clean'",
            "TBLPROPERTIES ('serialization.escape.crlf' = 'true');",
            "MSCK REPAIR TABLE ${hivevar:database}.rides;");
    assertTrue(ddl.contains(expectedClean), ddl);
    assertTrue(
        ddl.contains(
            "WITH SERDEPROPERTIES ('separatorChar' = ';', 'quoteChar' = '\\'')\n"
                + "STORED AS TEXTFILE\n"
                + "LOCATION '${hivevar:raw_location}'\n"
                + "TBLPROPERTIES ('skip.header.line.count' = '1');"),
        ddl);
    assertTrue(
        ddl.contains(
            "  `fare` STRING\n)\nROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'"),
        ddl);
    assertTrue(ddl.contains("rides_orc (\n"), ddl);
    assertTrue(
        ddl.contains(
            "STORED AS ORC\nLOCATION '${hivevar:columnar_location}';\nMSCK REPAIR TABLE ${hivevar:database}.rides_orc;"),
        ddl);
    assertEquals(4, ddl.split("CREATE ").length - 1, "a database and three tables");
  }

  /** hql/trips_tables.hql is `batchkit ddl --schema examples/trips.yaml`: it cannot drift. */
  @Test
  void theCommittedTripsTablesAreWhatDdlWritesForTheTripsSchema() throws Exception {
    java.nio.file.Path root = java.nio.file.Path.of("..").toAbsolutePath().normalize();
    String written =
        HiveDdl.ddl(
            SchemaParser.parse(root.resolve("examples/trips.yaml")),
            new HiveDdl.Locations(null, null, null, null, null));
    String committed = java.nio.file.Files.readString(root.resolve("hql/trips_tables.hql"));
    // The first line names the schema file as it was given on the command line.
    assertEquals(
        written.substring(written.indexOf('\n')),
        committed.substring(committed.indexOf('\n')),
        "run: scripts/batchkit ddl --schema examples/trips.yaml > hql/trips_tables.hql");
  }
}
