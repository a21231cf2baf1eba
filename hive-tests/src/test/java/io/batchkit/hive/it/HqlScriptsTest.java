package io.batchkit.hive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchkit.hive.embedded.EmbeddedBeeline;
import io.batchkit.mr.clean.CleanJob;
import io.batchkit.mr.split.SplitJob;
import io.batchkit.mr.tools.TripGenerator;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files under hql/, run as they are by Beeline ({@code beeline -i ... -f ... --hivevar ...}
 * against the embedded Hive) on data the clean and split jobs wrote, with the functions loaded from
 * the shaded jar by ADD JAR; results checked against the clean rows, clean's manifest and the split
 * job's output.
 */
class HqlScriptsTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path SCHEMA = ROOT.resolve("examples/trips.yaml");
  @TempDir static Path dir;
  static EmbeddedHive hive;

  @BeforeAll
  static void run() throws Exception {
    TripGenerator.main(
        new String[] {
          "--rows", "3000", "--seed", "31", "--output", dir.resolve("landing/trips.csv").toString()
        });
    Configuration local = new Configuration();
    local.set("mapreduce.framework.name", "local");
    local.set("fs.defaultFS", "file:///");
    PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
    assertEquals(
        0,
        ToolRunner.run(
            local,
            new CleanJob(quiet, System.err),
            new String[] {
              "--schema", SCHEMA.toString(),
              "--input", dir.resolve("landing").toString(),
              "--output", dir.resolve("clean").toString(),
              "--dedupe"
            }));
    assertEquals(
        0,
        ToolRunner.run(
            local,
            new SplitJob(quiet, System.err),
            new String[] {
              "--input",
              dir.resolve("clean").toString(),
              "--output",
              dir.resolve("split").toString(),
              "--ratios",
              "train=0.8,validation=0.1,test=0.1",
              "--seed",
              "42"
            }));
    // hql/trips_tables.hql is what `batchkit ddl --schema examples/trips.yaml` prints.
    List<String> vars =
        List.of(
            "database=nyc",
            "udf_jar=" + ROOT.resolve("hive-udfs/target/batchkit-hive-udfs.jar"),
            "schema=file://" + SCHEMA,
            "raw_location=file://" + dir.resolve("landing"),
            "clean_location=file://" + dir.resolve("clean/clean"),
            "columnar_location=file://" + dir.resolve("none"),
            "ratios=train=0.8,validation=0.1,test=0.1",
            "seed=42");
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--dir",
                dir.resolve("hive").toString(),
                "--silent=true",
                "-i",
                ROOT.resolve("hql/trips_tables.hql").toString(),
                "-i",
                ROOT.resolve("hql/functions.hql").toString(),
                "-i",
                ROOT.resolve("hql/trips_reports.hql").toString(),
                "-f",
                ROOT.resolve("hql/trips_features.hql").toString()));
    for (String v : vars) {
      args.add("--hivevar");
      args.add(v);
    }
    assertEquals(0, EmbeddedBeeline.run(args.toArray(new String[0])), "beeline exit status");
    hive = new EmbeddedHive(dir.resolve("hive"));
    hive.execute("USE nyc");
  }

  /** The clean rows as clean wrote them (Hive text), with their dt partition. */
  static List<String[]> cleanRows() throws Exception {
    List<String[]> rows = new java.util.ArrayList<>();
    try (Stream<Path> files = Files.walk(dir.resolve("clean/clean"))) {
      for (Path p : files.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
          rows.add(line.split("\t", -1));
        }
      }
    }
    return rows;
  }

  @AfterAll
  static void stop() throws Exception {
    if (hive != null) {
      hive.close();
    }
  }

  @Test
  void tripsAndFaresPerDayAreTheCleanRowsSummedByPartition() throws Exception {
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, BigDecimal> fares = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir.resolve("clean/clean"))) {
      for (Path p : files.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
        String dt = p.getParent().getFileName().toString().substring(3);
        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
          counts.computeIfAbsent(dt, k -> new long[1])[0]++;
          fares.merge(dt, new BigDecimal(line.split("\t")[7]), BigDecimal::add);
        }
      }
    }
    List<List<String>> rows = hive.query("SELECT dt, trips, fares FROM trips_per_day ORDER BY dt");
    assertEquals(counts.size(), rows.size());
    for (List<String> r : rows) {
      assertEquals(counts.get(r.get(0))[0], Long.parseLong(r.get(1)), r.toString());
      assertEquals(0, fares.get(r.get(0)).compareTo(new BigDecimal(r.get(2))), r.toString());
    }
  }

  @Test
  void qualityCountsByRuleAndColumnAreCleansOwn() throws Exception {
    JsonNode manifest = new ObjectMapper().readTree(dir.resolve("clean/_MANIFEST.json").toFile());
    Map<String, Long> expected = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> rules = manifest.get("violations").fields();
    while (rules.hasNext()) {
      Map.Entry<String, JsonNode> rule = rules.next();
      rule.getValue()
          .fields()
          .forEachRemaining(
              c -> expected.put(rule.getKey() + " " + c.getKey(), c.getValue().asLong()));
    }
    Map<String, Long> got = new TreeMap<>();
    for (List<String> r : hive.query("SELECT rule, `column`, records FROM trips_quality")) {
      got.put(r.get(0) + " " + r.get(1), Long.parseLong(r.get(2)));
    }
    assertTrue(expected.size() > 5, expected.toString());
    assertEquals(expected, got);
  }

  @Test
  void rateCodesAreTheDistinctCodesOfTheCleanRowsWithTheirTripsAndFares() throws Exception {
    Map<String, long[]> trips = new TreeMap<>();
    Map<String, BigDecimal> fares = new TreeMap<>();
    for (String[] r : cleanRows()) {
      String code = r[10].equals("\\N") ? "NULL" : r[10];
      trips.computeIfAbsent(code, k -> new long[1])[0]++;
      fares.merge(code, new BigDecimal(r[7]), BigDecimal::add);
    }
    List<List<String>> rows =
        hive.query(
            "SELECT coalesce(cast(rate_code AS STRING), 'NULL'), trips, fares FROM trips_rate_codes");
    assertEquals(trips.size(), rows.size(), rows.toString());
    assertTrue(trips.containsKey("99") && trips.containsKey("2"), trips.keySet().toString());
    for (List<String> r : rows) {
      assertEquals(trips.get(r.get(0))[0], Long.parseLong(r.get(1)), r.toString());
      assertEquals(0, fares.get(r.get(0)).compareTo(new BigDecimal(r.get(2))), r.toString());
    }
  }

  @Test
  void theFeatureTableHasOnePartitionPerSplitAsTheSplitJobDrewThem() throws Exception {
    Map<String, Long> job = new TreeMap<>();
    for (String s : List.of("train", "validation", "test")) {
      try (Stream<Path> files = Files.walk(dir.resolve("split/data/split=" + s))) {
        long n = 0;
        for (Path p : files.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
          n += Files.readAllLines(p, StandardCharsets.UTF_8).size();
        }
        job.put(s, n);
      }
    }
    Map<String, Long> hiveCounts = new TreeMap<>();
    for (List<String> r : hive.query("SELECT split, count(*) FROM trip_features GROUP BY split")) {
      hiveCounts.put(r.get(0), Long.parseLong(r.get(1)));
    }
    assertEquals(job, hiveCounts);
    assertEquals(
        List.of("split=test", "split=train", "split=validation"),
        hive.query("SHOW PARTITIONS trip_features").stream().map(r -> r.get(0)).sorted().toList());
  }

  @Test
  void featuresAreWhatTheirDefinitionsGiveOnTheCleanRows() throws Exception {
    // Durations and rate codes worked out from clean's text rows, with java.time alone.
    java.time.format.DateTimeFormatter f =
        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    double minutes = 0;
    long known = 0;
    for (String[] r : cleanRows()) {
      if (!r[2].equals("\\N")) {
        minutes +=
            java.time.Duration.between(
                        java.time.LocalDateTime.parse(r[1], f),
                        java.time.LocalDateTime.parse(r[2], f))
                    .getSeconds()
                / 60.0;
      }
      if (r[10].matches("[1-6]")) {
        known++;
      }
    }
    List<String> got =
        hive.query(
                "SELECT sum(duration_min), sum(CASE WHEN rate_code_one_hot[0] + rate_code_one_hot[1]"
                    + " + rate_code_one_hot[2] + rate_code_one_hot[3] + rate_code_one_hot[4]"
                    + " + rate_code_one_hot[5] = 1 THEN 1 ELSE 0 END) FROM trip_features")
            .get(0);
    assertEquals(minutes, Double.parseDouble(got.get(0)), 1e-6 * minutes);
    assertEquals(known, Long.parseLong(got.get(1)));
    // Scaled with parameters from the training split: there, exactly 0..1, and mean 0, sd 1.
    List<String> train =
        hive.query(
                "SELECT min(distance_scaled), max(distance_scaled), avg(passengers_z),"
                    + " stddev_pop(passengers_z) FROM trip_features WHERE split = 'train'")
            .get(0);
    assertEquals(0.0, Double.parseDouble(train.get(0)));
    assertEquals(1.0, Double.parseDouble(train.get(1)));
    assertEquals(0.0, Double.parseDouble(train.get(2)), 1e-9);
    assertEquals(1.0, Double.parseDouble(train.get(3)), 1e-9);
  }
}
