package io.batchkit.mr.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchkit.mr.infer.InferJob;
import io.batchkit.mr.testing.JobRun;
import io.batchkit.mr.testing.OutputFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code schema_changes}: three daily landings of one feed. Day 1 as the schema says; day 2 with a
 * column appended (dates written month first); day 3 with the columns in another order, the new
 * column in the middle, and {@code qty} above 2^31 in some rows. The expected rows are the test's
 * own, built from the same values it wrote; the schema versions are the changes it made.
 */
class SchemaChangesTest {
  static final String SCHEMA =
      String.join(
          "\n",
          "name: orders",
          "format: {header: by_name}",
          "nulls: [\"\"]",
          "schema_changes: add_columns",
          "columns:",
          "  - {name: id, type: int, required: true}",
          "  - {name: store, type: string}",
          "  - {name: qty, type: int}",
          "  - {name: price, type: \"decimal(8,2)\"}",
          "");

  static final long BIG = 3_000_000_000L;

  @TempDir Path dir;

  /** The test's own rows, as Hive reads clean's text: id -> all five columns. */
  final TreeMap<Integer, String> expected = new TreeMap<>();

  static String qty(int id, boolean big) {
    return big && id % 10 == 0 ? String.valueOf(BIG + id) : String.valueOf(id * 7);
  }

  static LocalDate shipped(int id) {
    return LocalDate.of(2024, 3, 1 + id % 28);
  }

  /** Writes a day's file with these columns in this order; rows id from..to. */
  Path day(int day, List<String> columns, int from, int to, boolean big, String dirt)
      throws Exception {
    Path d = dir.resolve("landing/day" + day);
    Files.createDirectories(d);
    StringBuilder csv = new StringBuilder(String.join(",", columns)).append('\n');
    for (int id = from; id <= to; id++) {
      String shipped = id % 5 == 0 ? "" : String.format("%02d/%02d/2024", 3, 1 + id % 28);
      List<String> row = new ArrayList<>();
      for (String c : columns) {
        row.add(
            switch (c) {
              case "id" -> String.valueOf(id);
              case "store" -> "s" + id % 3;
              case "qty" -> qty(id, big);
              case "price" -> id + ".25";
              case "shipped" -> shipped;
              default -> throw new IllegalArgumentException(c);
            });
      }
      csv.append(String.join(",", row)).append('\n');
      String iso = columns.contains("shipped") && id % 5 != 0 ? shipped(id).toString() : "\\N";
      expected.put(id, String.join("\t", "" + id, "s" + id % 3, qty(id, big), id + ".25", iso));
    }
    if (dirt != null) {
      csv.append(dirt).append('\n');
    }
    Files.writeString(d.resolve("orders.csv"), csv);
    return d;
  }

  JobRun clean(String... more) throws Exception {
    Files.writeString(dir.resolve("orders.yaml"), SCHEMA);
    List<String> args =
        new ArrayList<>(
            List.of(
                "--schema",
                dir.resolve("orders.yaml").toString(),
                "--input",
                dir.resolve("landing").toString(),
                "--output",
                dir.resolve("out").toString(),
                "--incremental"));
    args.addAll(List.of(more));
    return JobRun.run(JobRun.local(), CleanJob::new, args.toArray(String[]::new));
  }

  static JsonNode json(Path p) throws Exception {
    return new ObjectMapper().readTree(p.toFile());
  }

  /** The rows as Hive reads text: a line shorter than the schema reads NULL in the rest. */
  List<String> rows() throws Exception {
    List<String> rows = new ArrayList<>();
    for (String line : OutputFiles.lines(dir.resolve("out/clean"))) {
      int fields = line.split("\t", -1).length;
      rows.add(line + "\t\\N".repeat(5 - fields));
    }
    rows.sort((a, b) -> Integer.compare(id(a), id(b)));
    return rows;
  }

  static int id(String row) {
    return Integer.parseInt(row.substring(0, row.indexOf('\t')));
  }

  void reconciles() throws Exception {
    JsonNode counts = json(dir.resolve("out/_MANIFEST.json")).get("counts");
    assertEquals(
        counts.get("read").asLong(),
        counts.get("clean").asLong()
            + counts.get("quarantined").asLong()
            + counts.get("duplicates").asLong(),
        counts.toString());
  }

  @Test
  void addedColumnsAndAWidenedTypeAreAbsorbedAndEachVersionRecorded() throws Exception {
    day(1, List.of("id", "store", "qty", "price"), 1, 40, false, null);
    JobRun first = clean();
    assertEquals(0, first.exit(), first.err());
    reconciles();
    day(2, List.of("id", "store", "qty", "price", "shipped"), 41, 80, false, null);
    JobRun second = clean();
    assertEquals(0, second.exit(), second.err());
    assertTrue(second.out().contains("schema orders v2: added `shipped` date"), second.out());
    reconciles();
    day(3, List.of("store", "id", "shipped", "qty", "price"), 81, 120, true, null);
    JobRun third = clean();
    assertEquals(0, third.exit(), third.err());
    assertTrue(third.out().contains("v3: widened `qty` int -> bigint"), third.out());
    reconciles();

    assertEquals(new ArrayList<>(expected.values()), rows());
    JsonNode totals = json(dir.resolve("out/_MANIFEST.json"));
    assertEquals(120, totals.get("counts").get("clean").asLong());
    assertEquals(0, totals.get("counts").get("quarantined").asLong());
    assertEquals(3, totals.get("schema_version").asInt());
    for (int run = 0; run < 3; run++) {
      assertEquals(run + 1, totals.get("runs").get(run).get("schema_version").asInt());
    }

    String current = Files.readString(dir.resolve("out/_SCHEMA.yaml"));
    assertTrue(current.contains("{name: \"qty\", type: \"bigint\"}"), current);
    assertTrue(current.contains("{name: \"shipped\", type: \"date\""), current);
    assertTrue(current.indexOf("\"price\"") < current.indexOf("\"shipped\""), current);
    JsonNode versions = json(dir.resolve("out/_schemas/versions.json")).get("versions");
    assertEquals(3, versions.size());
    assertEquals(0, versions.get(0).get("changes").size());
    JsonNode added = versions.get(1).get("changes");
    assertEquals(1, added.size(), added.toString());
    assertEquals("added", added.get(0).get("kind").asText());
    assertEquals("shipped", added.get(0).get("column").asText());
    assertEquals("date", added.get(0).get("type").asText());
    JsonNode widened = versions.get(2).get("changes");
    assertEquals(1, widened.size(), widened.toString());
    assertEquals("widened", widened.get(0).get("kind").asText());
    assertEquals("qty", widened.get(0).get("column").asText());
    assertEquals("int", widened.get(0).get("from").asText());
    assertEquals("bigint", widened.get(0).get("type").asText());
    for (int v = 1; v <= 3; v++) {
      assertTrue(Files.exists(dir.resolve("out/_schemas/v" + v + ".yaml")), "v" + v);
    }
    String v1 = Files.readString(dir.resolve("out/_schemas/v1.yaml"));
    assertTrue(v1.contains("{name: \"qty\", type: \"int\"}") && !v1.contains("shipped"), v1);

    // A later job reads every day with the newest schema: day 1's rows have NULL in shipped.
    JobRun agg =
        JobRun.run(
            JobRun.local(),
            io.batchkit.mr.aggregate.AggregateJob::new,
            "--input",
            dir.resolve("out").toString(),
            "--group-by",
            "store",
            "--metrics",
            "count, sum(qty), count(shipped)",
            "--output",
            dir.resolve("per_store").toString());
    assertEquals(0, agg.exit(), agg.err());
    TreeMap<String, String> byStore = new TreeMap<>();
    for (String row : expected.values()) {
      String[] f = row.split("\t");
      long[] a = new long[3];
      String was = byStore.get(f[1]);
      if (was != null) {
        String[] w = was.split("\t");
        for (int i = 0; i < 3; i++) {
          a[i] = Long.parseLong(w[i + 1]);
        }
      }
      a[0]++;
      a[1] += Long.parseLong(f[2]);
      a[2] += f[4].equals("\\N") ? 0 : 1;
      byStore.put(f[1], f[1] + "\t" + a[0] + "\t" + a[1] + "\t" + a[2]);
    }
    List<String> perStore = new ArrayList<>(OutputFiles.lines(dir.resolve("per_store/data")));
    perStore.sort(null);
    assertEquals(new ArrayList<>(byStore.values()), perStore);

    // A fourth run with nothing new keeps version 3.
    JobRun idle = clean();
    assertEquals(0, idle.exit(), idle.err());
    assertEquals(3, json(dir.resolve("out/_schemas/versions.json")).get("versions").size());
  }

  @Test
  void aValueNoNumberReadsWidensNothingAndItsRowsAreQuarantinedAsBefore() throws Exception {
    day(1, List.of("id", "store", "qty", "price"), 1, 40, false, null);
    assertEquals(0, clean().exit());
    day(3, List.of("store", "id", "qty", "price"), 81, 120, true, "s1,121,many,1.00");
    JobRun run = clean();
    assertEquals(0, run.exit(), run.err());
    reconciles();
    String current = Files.readString(dir.resolve("out/_SCHEMA.yaml"));
    assertTrue(current.contains("{name: \"qty\", type: \"int\"}"), current);
    JsonNode counts = json(dir.resolve("out/_MANIFEST.json")).get("counts");
    // 4 rows above 2^31 (ids 90, 100, 110, 120) and the one with "many".
    assertEquals(5, counts.get("quarantined").asLong(), counts.toString());
    assertEquals(1, json(dir.resolve("out/_schemas/versions.json")).get("versions").size());
  }

  @Test
  void failStopsTheDayWithANewColumnNamingTheFileAndTheColumn() throws Exception {
    day(1, List.of("id", "store", "qty", "price"), 1, 40, false, null);
    assertEquals(0, clean("--schema-changes", "fail").exit());
    day(2, List.of("id", "store", "qty", "price", "shipped"), 41, 80, false, null);
    JobRun run = clean("--schema-changes", "fail");
    assertEquals(2, run.exit(), run.err());
    assertTrue(run.err().contains("day2/orders.csv"), run.err());
    assertTrue(run.err().contains("header column 5 'shipped' is not in schema orders"), run.err());
    assertTrue(Files.notExists(dir.resolve("out/_schemas")));
  }

  @Test
  void ignoreLeavesNewColumnsUnreadAndCountsThemPerFile() throws Exception {
    day(2, List.of("id", "store", "qty", "price", "shipped"), 41, 80, false, null);
    JobRun run = clean("--schema-changes", "ignore");
    assertEquals(0, run.exit(), run.err());
    List<String> rows = OutputFiles.lines(dir.resolve("out/clean"));
    assertEquals(40, rows.size());
    assertTrue(rows.stream().allMatch(r -> r.split("\t", -1).length == 4), rows.get(0));
    JsonNode runs = json(dir.resolve("out/_MANIFEST.json")).get("runs");
    JsonNode ignored = runs.get(0).get("columns_ignored");
    assertEquals(1, ignored.size(), ignored.toString());
    String file = ignored.fieldNames().next();
    assertTrue(file.endsWith("day2/orders.csv"), file);
    assertEquals("[\"shipped\"]", ignored.get(file).toString());
  }

  @Test
  void inferAgainstTheSchemaPrintsExactlyTheChangesOfEachDay() throws Exception {
    Files.writeString(dir.resolve("orders.yaml"), SCHEMA);
    Path d1 = day(1, List.of("id", "store", "qty", "price"), 1, 40, false, null);
    Path d2 = day(2, List.of("id", "store", "qty", "price", "shipped"), 41, 80, false, null);
    Path d3 = day(3, List.of("store", "id", "shipped", "qty", "price"), 81, 120, true, null);
    assertEquals(List.of(), against(d1, 0));
    assertEquals(List.of("new column `shipped` (date) at position 5"), against(d2, 3));
    assertEquals(
        List.of(
            "new column `shipped` (date) at position 3",
            "columns in another order: store, id, qty, price (the schema: id, store, qty, price)",
            "widened: `qty` int -> bigint"),
        against(d3, 3));
  }

  /** The change lines infer --against prints for a day, after checking its exit code. */
  List<String> against(Path day, int exit) throws Exception {
    JobRun run =
        JobRun.run(
            JobRun.local(),
            InferJob::new,
            "--input",
            day.toString(),
            "--against",
            dir.resolve("orders.yaml").toString(),
            "--no-bounds");
    assertEquals(exit, run.exit(), run.out() + run.err());
    List<String> changes = new ArrayList<>();
    for (String line : run.out().split("\n")) {
      if (line.startsWith("infer:   - ")) {
        changes.add(line.substring("infer:   - ".length()));
      }
    }
    return changes;
  }
}
