package io.batchkit.hive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchkit.core.schema.HiveDdl;
import io.batchkit.core.schema.SchemaParser;
import io.batchkit.mr.jobs.CleanJob;
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
 * The files under hql/, run as they are (with --hivevar values set in the session) on data the
 * clean job wrote, with the functions loaded from the shaded jar by ADD JAR; results checked
 * against the clean rows and clean's manifest.
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
    hive = new EmbeddedHive(dir.resolve("hive"));
    Map<String, String> vars =
        Map.of(
            "database", "default",
            "udf_jar", ROOT.resolve("hive-udfs/target/batchkit-hive-udfs.jar").toString(),
            "schema", "file://" + SCHEMA,
            "raw_location", "file://" + dir.resolve("landing"),
            "clean_location", "file://" + dir.resolve("clean/clean"),
            "columnar_location", "file://" + dir.resolve("none"));
    for (Map.Entry<String, String> v : vars.entrySet()) {
      hive.execute("SET hivevar:" + v.getKey() + "=" + v.getValue());
    }
    // What `batchkit ddl --schema examples/trips.yaml` prints, then the scripts as files.
    hive.script(
        HiveDdl.ddl(SchemaParser.parse(SCHEMA), new HiveDdl.Locations(null, null, null, null, null))
            .replace("CREATE DATABASE IF NOT EXISTS ${hivevar:database};", ""));
    hive.script(Files.readString(ROOT.resolve("hql/functions.hql")));
    hive.script(Files.readString(ROOT.resolve("hql/trips_reports.hql")));
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
}
