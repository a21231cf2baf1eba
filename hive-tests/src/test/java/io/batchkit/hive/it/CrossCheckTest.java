package io.batchkit.hive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchkit.core.schema.HiveDdl;
import io.batchkit.core.schema.SchemaParser;
import io.batchkit.mr.clean.CleanJob;
import io.batchkit.mr.split.SplitJob;
import io.batchkit.mr.tools.TripGenerator;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hive and MapReduce share one implementation: on the same generated trips, the records {@code
 * clean} quarantines are exactly those {@code bk_record_violations} flags in Hive, and {@code
 * bk_split} puts every key where the {@code split} job did.
 */
class CrossCheckTest {
  static final Path SCHEMA = Path.of("../examples/trips.yaml").toAbsolutePath();
  @TempDir static Path dir;
  static EmbeddedHive hive;

  static Configuration local() {
    Configuration c = new Configuration();
    c.set("mapreduce.framework.name", "local");
    c.set("fs.defaultFS", "file:///");
    return c;
  }

  static void run(org.apache.hadoop.util.Tool tool, String... args) throws Exception {
    assertEquals(0, ToolRunner.run(local(), tool, args), String.join(" ", args));
  }

  @BeforeAll
  static void data() throws Exception {
    TripGenerator.main(
        new String[] {
          "--rows", "3000", "--seed", "21", "--output", dir.resolve("landing/trips.csv").toString()
        });
    PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
    run(
        new CleanJob(quiet, System.err),
        "--schema",
        SCHEMA.toString(),
        "--input",
        dir.resolve("landing").toString(),
        "--output",
        dir.resolve("clean").toString());
    run(
        new SplitJob(quiet, System.err),
        "--input",
        dir.resolve("clean").toString(),
        "--output",
        dir.resolve("split").toString());
    hive = new EmbeddedHive(dir.resolve("hive"));
    for (String[] f :
        new String[][] {
          {"bk_record_violations", "io.batchkit.hive.rules.BkRecordViolations"},
          {"bk_split", "io.batchkit.hive.split.BkSplit"},
          {"bk_violations", "io.batchkit.hive.rules.BkViolations"},
          {"bk_parse", "io.batchkit.hive.rules.BkParse"}
        }) {
      hive.execute("CREATE TEMPORARY FUNCTION " + f[0] + " AS '" + f[1] + "'");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (hive != null) {
      hive.close();
    }
  }

  private static boolean tablesCreated;

  /** What `batchkit ddl` writes for the trips: trips_raw over the CSV, trips over clean. */
  static synchronized void createTables() throws Exception {
    if (tablesCreated) {
      return;
    }
    hive.script(
        HiveDdl.ddl(
                SchemaParser.parse(SCHEMA),
                new HiveDdl.Locations(
                    "default",
                    "file://" + dir.resolve("landing"),
                    "file://" + dir.resolve("clean/clean"),
                    "file://" + dir.resolve("nowhere"),
                    "parquet"))
            .replace("CREATE DATABASE IF NOT EXISTS default;", ""));
    tablesCreated = true;
  }

  @Test
  void theRecordsCleanQuarantinesAreTheRecordsTheFunctionFlags() throws Exception {
    hive.execute(
        "CREATE EXTERNAL TABLE raw_lines (line STRING) ROW FORMAT DELIMITED FIELDS TERMINATED BY"
            + " '\\u0001' STORED AS TEXTFILE LOCATION 'file://"
            + dir.resolve("landing")
            + "' TBLPROPERTIES ('skip.header.line.count' = '1')");
    List<String> flagged = new ArrayList<>();
    for (List<String> r :
        hive.query(
            "SELECT line FROM raw_lines WHERE line != '' AND size(bk_record_violations('file://"
                + SCHEMA
                + "', line)) > 0")) {
      flagged.add(r.get(0));
    }
    List<String> quarantined = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.walk(dir.resolve("clean/quarantine"))) {
      for (Path p : files.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
          quarantined.add(json.readTree(line).get("raw").asText());
        }
      }
    }
    JsonNode manifest = json.readTree(dir.resolve("clean/_MANIFEST.json").toFile());
    assertEquals(manifest.at("/counts/quarantined").asLong(), quarantined.size());
    assertTrue(quarantined.size() > 50);
    flagged.sort(null);
    quarantined.sort(null);
    assertEquals(quarantined, flagged);
  }

  /**
   * {@code compact} through Hive: the trips landed as 60 small files and cleaned a file a task give
   * a table whose partitions hold 20 files each; after compaction one each, and Hive counts the
   * same rows per partition, and the same distinct rows, as the generator's clean rows.
   */
  @Test
  void aCompactedTableCountsTheSameRowsInHive() throws Exception {
    // Latin-1 reads and writes every byte as it is: the trips hold invalid UTF-8 on purpose.
    java.nio.charset.Charset bytes = java.nio.charset.StandardCharsets.ISO_8859_1;
    List<String> lines = Files.readAllLines(dir.resolve("landing/trips.csv"), bytes);
    Path many = Files.createDirectories(dir.resolve("landing-many"));
    for (int f = 0; f < 60; f++) {
      List<String> part = new ArrayList<>(List.of(lines.get(0)));
      for (int i = 1 + f; i < lines.size(); i += 60) {
        part.add(lines.get(i));
      }
      Files.write(many.resolve("trips-" + f + ".csv"), part, bytes);
    }
    PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
    run(
        new CleanJob(quiet, System.err),
        "--schema",
        SCHEMA.toString(),
        "--input",
        many.toString(),
        "--output",
        dir.resolve("many").toString(),
        "--split-size",
        "1");
    hive.execute(
        "CREATE EXTERNAL TABLE many_lines (line STRING) PARTITIONED BY (dt STRING) ROW FORMAT"
            + " DELIMITED FIELDS TERMINATED BY '\\u0001' STORED AS TEXTFILE LOCATION 'file://"
            + dir.resolve("many/clean")
            + "'");
    hive.execute("MSCK REPAIR TABLE many_lines");
    String counts =
        "SELECT dt, count(*), count(DISTINCT line) FROM many_lines GROUP BY dt ORDER BY dt";
    List<List<String>> before = hive.query(counts);
    long files;
    try (Stream<Path> s = Files.walk(dir.resolve("many/clean"))) {
      files = s.filter(p -> p.getFileName().toString().startsWith("part-")).count();
    }
    assertTrue(files >= 60, files + " files");
    run(
        new io.batchkit.mr.compact.CompactJob(quiet, System.err),
        "--output",
        dir.resolve("many").toString());
    List<List<String>> after = hive.query(counts);
    assertEquals(before, after);
    long sum = after.stream().mapToLong(r -> Long.parseLong(r.get(1))).sum();
    JsonNode manifest = new ObjectMapper().readTree(dir.resolve("clean/_MANIFEST.json").toFile());
    assertEquals(manifest.at("/counts/clean").asLong(), sum, "the one-file run's clean rows");
    try (Stream<Path> s = Files.walk(dir.resolve("many/clean"))) {
      assertEquals(
          after.size(), s.filter(p -> p.getFileName().toString().startsWith("compacted-")).count());
    }
  }

  /**
   * One implementation of pseudonyms: what {@code clean} writes for a {@code pseudonymize: true}
   * column is what {@code bk_pseudonymize} returns in Hive with the same key, and what javax.crypto
   * computes here.
   */
  @Test
  void cleanWritesThePseudonymsBkPseudonymizeReturns() throws Exception {
    String secret = "cross-check-key";
    Path tickets = dir.resolve("tickets");
    Files.createDirectories(tickets.resolve("landing"));
    Files.writeString(
        tickets.resolve("tickets.yaml"),
        "name: tickets\nformat: {header: true}\ncolumns:\n"
            + "  - {name: plate, type: string, pseudonymize: true}\n  - {name: fine, type: int}\n");
    Files.writeString(
        tickets.resolve("landing/tickets.csv"), "plate,fine\nAB123,65\nXY9,115\nÉLAN 7,50\n");
    Configuration conf = local();
    conf.set("batchkit.hmac.key", secret);
    PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
    assertEquals(
        0,
        ToolRunner.run(
            conf,
            new CleanJob(quiet, System.err),
            new String[] {
              "--schema", tickets.resolve("tickets.yaml").toString(),
              "--input", tickets.resolve("landing").toString(),
              "--output", tickets.resolve("clean").toString()
            }));
    List<String> written = new ArrayList<>();
    try (Stream<Path> files = Files.walk(tickets.resolve("clean/clean"))) {
      for (Path p : files.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
          written.add(line.split("\t")[0]);
        }
      }
    }
    hive.execute(
        "CREATE TEMPORARY FUNCTION bk_pseudonymize AS 'io.batchkit.hive.privacy.BkPseudonymize'");
    hive.execute("SET batchkit.hmac.key=" + secret);
    hive.execute(
        "CREATE EXTERNAL TABLE tickets_raw (plate STRING, fine INT) ROW FORMAT DELIMITED FIELDS"
            + " TERMINATED BY ',' STORED AS TEXTFILE LOCATION 'file://"
            + tickets.resolve("landing")
            + "' TBLPROPERTIES ('skip.header.line.count' = '1')");
    List<String> fromHive = new ArrayList<>();
    for (List<String> r : hive.query("SELECT bk_pseudonymize(plate) FROM tickets_raw")) {
      fromHive.add(r.get(0));
    }
    List<String> direct = new ArrayList<>();
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(
        new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    for (String plate : List.of("AB123", "XY9", "ÉLAN 7")) {
      direct.add(
          java.util.HexFormat.of().formatHex(mac.doFinal(plate.getBytes(StandardCharsets.UTF_8))));
    }
    written.sort(null);
    fromHive.sort(null);
    direct.sort(null);
    assertEquals(direct, written);
    assertEquals(direct, fromHive);
  }

  @Test
  void bkSplitAgreesWithTheSplitJobRowByRow() throws Exception {
    createTables();
    Map<String, String> job = new HashMap<>();
    int jobRows = 0;
    for (String s : List.of("train", "validation", "test")) {
      try (Stream<Path> files = Files.walk(dir.resolve("split/data/split=" + s))) {
        for (Path p : files.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
          for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            job.put(f[0] + "\t" + f[1], s);
            jobRows++;
          }
        }
      }
    }
    List<List<String>> rows =
        hive.query(
            "SELECT vendor_id, pickup_at, bk_split('train=0.8,validation=0.1,test=0.1', 42,"
                + " vendor_id, pickup_at) FROM default.trips");
    assertEquals(jobRows, rows.size());
    int compared = 0;
    for (List<String> r : rows) {
      String at = r.get(1).endsWith(".0") ? r.get(1).substring(0, r.get(1).length() - 2) : r.get(1);
      assertEquals(job.get(r.get(0) + "\t" + at), r.get(2), r.toString());
      compared++;
    }
    assertTrue(compared > 2500, "rows compared: " + compared);
  }

  @Test
  void bkParseGivesTheValuesCleanWrote() throws Exception {
    createTables();
    List<String> columns = new ArrayList<>();
    for (var c : SchemaParser.parse(SCHEMA).columns()) {
      columns.add("`" + c.name() + "`");
    }
    String schema = "'file://" + SCHEMA + "'";
    StringBuilder parsed = new StringBuilder();
    StringBuilder typed = new StringBuilder();
    for (String c : columns) {
      String name = c.replace("`", "'");
      parsed.append(parsed.isEmpty() ? "" : ", ");
      parsed.append(
          "coalesce(cast(bk_parse(" + schema + ", " + name + ", " + c + ") AS STRING), 'NULL')");
      typed.append(typed.isEmpty() ? "" : ", ");
      typed.append("coalesce(cast(" + c + " AS STRING), 'NULL')");
    }
    Map<String, Integer> fromClean = new HashMap<>();
    for (List<String> r : hive.query("SELECT concat_ws('|', " + typed + ") FROM default.trips")) {
      fromClean.merge(r.get(0), 1, Integer::sum);
    }
    List<List<String>> fromRaw =
        hive.query(
            "SELECT concat_ws('|', "
                + parsed
                + ") FROM default.trips_raw WHERE size(bk_violations("
                + schema
                + ", "
                + String.join(", ", columns)
                + ")) = 0");
    int extra = 0;
    for (List<String> r : fromRaw) {
      if (fromClean.merge(r.get(0), -1, Integer::sum) < 0) {
        extra++;
      }
    }
    JsonNode manifest = new ObjectMapper().readTree(dir.resolve("clean/_MANIFEST.json").toFile());
    assertEquals(manifest.at("/counts/clean").asLong(), fromRaw.size() - extra);
    assertTrue(
        fromClean.values().stream().allMatch(n -> n <= 0), "every clean row, parsed in Hive");
    // A CSV SerDe cannot see what only the raw line shows: a wrong number of fields, a stray
    // quote, invalid bytes. Those records alone may look clean to a row-by-row check.
    JsonNode q = manifest.at("/quarantined_by_rule");
    assertTrue(
        extra
            <= q.path("field_count").asInt()
                + q.path("malformed").asInt()
                + q.path("encoding").asInt(),
        "rows clean quarantined that look clean in Hive: " + extra);
  }
}
