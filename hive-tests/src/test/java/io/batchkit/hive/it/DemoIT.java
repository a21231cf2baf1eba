package io.batchkit.hive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, as a user runs it ({@code scripts/demo.sh}, smaller): the pipeline
 * and the Hive reports, checked against the generator's own ledger.
 */
class DemoIT {
  static final File ROOT = new File("..").getAbsoluteFile();

  /** The tables Beeline printed (--outputformat=table): each a header row and its rows. */
  static List<List<List<String>>> tables(List<String> lines) {
    List<List<List<String>>> tables = new ArrayList<>();
    for (int i = 0; i + 2 < lines.size(); i++) {
      if (lines.get(i).startsWith("+") && lines.get(i + 2).startsWith("+")) {
        List<List<String>> table = new ArrayList<>();
        int j = i + 1;
        for (; j < lines.size() && !(j > i + 3 && lines.get(j).startsWith("+")); j++) {
          if (lines.get(j).startsWith("|")) {
            String l = lines.get(j);
            table.add(
                Arrays.stream(l.substring(1, l.length() - 1).split("\\|"))
                    .map(String::strip)
                    .toList());
          }
        }
        tables.add(table);
        i = j;
      }
    }
    return tables;
  }

  static long sum(List<List<String>> table, int column) {
    return table.stream().skip(1).mapToLong(r -> Long.parseLong(r.get(column))).sum();
  }

  @Test
  void theDemoRunsThePipelineAndTheHiveReportsAndTheyReconcileWithTheLedger() throws Exception {
    Path work = new File(ROOT, "target/demo-it").toPath();
    Path log = Files.createTempFile("batchkit-demo", ".log");
    ProcessBuilder pb =
        new ProcessBuilder("bash", "scripts/demo.sh")
            .directory(ROOT)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("ROWS", "20000");
    pb.environment().put("DEMO_DIR", work.toString());
    pb.environment().put("WEEK_ROWS", "2000");
    Process p = pb.start();
    boolean done = p.waitFor(10, TimeUnit.MINUTES);
    if (!done) {
      p.destroyForcibly().waitFor();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    System.out.println(out);
    assertTrue(done, "demo.sh finished within 10 minutes");
    assertEquals(0, p.exitValue(), out);

    JsonNode ledger = new ObjectMapper().readTree(work.resolve("expected.json").toFile());
    long clean = ledger.get("clean_with_dedupe").asLong();
    assertTrue(
        out.contains(
            "read 20000 = clean "
                + clean
                + " + quarantined "
                + ledger.get("quarantined").asLong()
                + " + duplicates "
                + ledger.get("duplicates").asLong()
                + ": reconciles"),
        out);

    List<List<List<String>>> t =
        tables(Files.readAllLines(work.resolve("hive/reports.txt"), StandardCharsets.UTF_8));
    assertEquals(5, t.size(), t.toString());
    // The tables the pipeline's jobs registered in the run's metastore, read by Hive.
    assertEquals(
        List.of(
            "trips",
            "trips_enriched",
            "trips_enriched_parquet",
            "trips_split",
            "trips_daily_count"),
        t.get(0).get(0));
    assertEquals(
        Collections.nCopies(5, "" + clean), t.get(0).get(1), "each table holds the clean rows");
    t = t.subList(1, t.size());
    assertEquals(List.of("dt", "trips", "fares", "mean_fare", "vendors"), t.get(0).get(0));
    assertEquals(clean, sum(t.get(0), 1), "trips per day add up to the clean rows");
    assertEquals(List.of("rate_code", "trips", "fares", "mean_fare"), t.get(1).get(0));
    assertEquals(clean, sum(t.get(1), 1), "trips per rate code add up to the clean rows");
    assertEquals(List.of("rule", "column", "records"), t.get(2).get(0));
    // Every dirty record the generator wrote breaks exactly one rule.
    assertEquals(ledger.get("quarantined").asLong(), sum(t.get(2), 2));
    for (List<String> r : t.get(2).subList(1, t.get(2).size())) {
      assertEquals(
          ledger.get("by_rule_column").get(r.get(0) + " " + r.get(1)).asLong(),
          Long.parseLong(r.get(2)),
          r.toString());
    }
    assertEquals("split", t.get(3).get(0).get(0));
    assertEquals(clean, sum(t.get(3), 1), "the feature table's splits hold every clean row");

    // The week: day 5 (half the rows, no fares) stopped by its checks, the six others added, and
    // the totals equal the generator's ledgers of those six days.
    assertTrue(out.contains("2024-01-05: STOPPED by its checks (exit 3)"), out);
    assertTrue(out.contains("FAIL completeness(fare) >= 0.95: 0 (below 0.95)"), out);
    long quarantined = 0;
    long duplicates = 0;
    for (int day : new int[] {1, 2, 3, 4, 6, 7}) {
      assertTrue(out.contains("2024-01-0" + day + ": passed (read 2,000 records"), out);
      JsonNode l =
          new ObjectMapper()
              .readTree(work.resolve("week/expected-2024-01-0" + day + ".json").toFile());
      quarantined += l.get("quarantined").asLong();
      duplicates += l.get("duplicates").asLong();
    }
    JsonNode week =
        new ObjectMapper()
            .readTree(work.resolve("week/out/trips/_MANIFEST.json").toFile())
            .get("counts");
    assertEquals(6 * 2000, week.get("read").asLong());
    assertEquals(quarantined, week.get("quarantined").asLong());
    assertEquals(duplicates, week.get("duplicates").asLong());
    assertEquals(6 * 2000 - quarantined - duplicates, week.get("clean").asLong());
    // Its table: a partition per passed day, added by that day's run; none for the stopped day.
    for (int day : new int[] {1, 2, 3, 4, 6, 7}) {
      String verdict =
          out.lines()
              .filter(l -> l.contains("  2024-01-0" + day + ": passed"))
              .findFirst()
              .orElse("");
      String table =
          day == 3
              ? "altered to the dataset's columns \\(cascaded to every partition\\)"
              : "(created|up to date)";
      assertTrue(
          verdict.matches(".*; table week\\.trips " + table + ", 1 partition added\\)"), verdict);
    }
    // Day 3 grew a tip column, day 4 moved the columns: one new schema version, and Hive reads
    // every day with the final columns: NULL tips on the days without one, the clean count in all.
    assertTrue(out.contains("    schema trips v2: added `tip` decimal(6,2)"), out);
    assertTrue(out.contains("schema versions in " + work.resolve("week/out/trips/_schemas")), out);
    long trips = 0;
    for (String line : Files.readAllLines(work.resolve("week/tips.txt"))) {
      String[] f = line.split(",");
      if (!f[0].startsWith("2024-")) {
        continue;
      }
      long n = Long.parseLong(f[1]);
      long tips = Long.parseLong(f[2]);
      trips += n;
      if (f[0].equals("2024-01-03") || f[0].equals("2024-01-04")) {
        assertTrue(tips > n / 2 && tips <= n, line);
      } else {
        assertEquals(0, tips, line);
      }
    }
    assertEquals(week.get("clean").asLong(), trips);
    List<String> partitions =
        Files.readAllLines(work.resolve("week/partitions.txt")).stream()
            .filter(l -> l.startsWith("dt="))
            .toList();
    assertTrue(
        partitions.containsAll(List.of("dt=2024-01-01", "dt=2024-01-07")), partitions.toString());
    assertFalse(partitions.contains("dt=2024-01-05"), partitions.toString());
  }
}
