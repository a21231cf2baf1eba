package io.batchkit.mr.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchkit.mr.testing.JobRun;
import io.batchkit.mr.testing.OutputFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code schema_changes: add_columns} on a stream's JSON records, objects back to back. Day 1 as
 * the schema says; day 2's producer added fields: a nested one ({@code user.tier}), an array, a
 * field that is an object in some records and a string in others, an object of numbers, a field
 * whose name holds a dot ({@code log.level}, as log shippers write), and {@code qty} past 2^31. Day
 * 3 has no new field: what day 2 added must still be read. The rows expected are the test's own,
 * from the values it wrote.
 */
class JsonSchemaChangesTest {
  static final String SCHEMA =
      String.join(
          "\n",
          "name: events",
          "format: {type: json}",
          "schema_changes: add_columns",
          "columns:",
          "  - {name: id, type: int, required: true}",
          "  - {name: user_name, type: string, path: \"`user`.name\"}", // backticks not needed
          "  - {name: qty, type: int}",
          "");
  static final String N = "\\N";

  @TempDir Path dir;

  /** id -> the row as Hive reads clean's text with the final columns. */
  final TreeMap<Integer, String> expected = new TreeMap<>();

  /** Day 2 and 3's records; day 1's have only id, user.name and qty. */
  void day(int day, int from, int to, boolean grown) throws Exception {
    StringBuilder json = new StringBuilder();
    for (int id = from; id <= to; id++) {
      String qty = grown && id % 10 == 0 ? String.valueOf(3_000_000_000L + id) : "" + id * 7;
      String tier = grown && id % 2 == 0 ? "gold" : null;
      String tags = grown && id % 3 == 0 ? "[\"t" + id % 4 + "\",{\"n\":1}]" : null;
      String meta =
          !grown || id % 5 != 0 ? null : id % 10 == 0 ? "{\"k\":" + id + "}" : "\"m" + id + "\"";
      String lat = grown && id % 4 == 1 ? "52.5" + id : null;
      String level = grown && id % 6 == 0 ? "warn" + id % 4 : null; // a dotted name, not nested
      json.append("{\"id\":")
          .append(id)
          .append(",\"user\":{\"name\":\"u")
          .append(id % 3)
          .append('"')
          .append(tier == null ? "" : ",\"tier\":\"" + tier + "\"")
          .append("},\"qty\":")
          .append(qty)
          .append(tags == null ? "" : ",\"tags\":" + tags)
          .append(meta == null ? "" : ",\"meta\":" + meta)
          .append(lat == null ? "" : ",\"geo\":{\"lat\":" + lat + "}")
          .append(level == null ? "" : ",\"log.level\":\"" + level + "\"")
          .append('}')
          .append(id % 7 == 0 ? "\n" : "");
      String metaText = meta == null ? N : meta.startsWith("\"") ? "m" + id : meta;
      expected.put(
          id,
          String.join(
              "\t",
              "" + id,
              "u" + id % 3,
              qty,
              tags == null ? N : tags,
              lat == null ? N : lat,
              tier == null ? N : tier,
              level == null ? N : level,
              metaText));
    }
    Path d = dir.resolve("landing/day" + day);
    Files.createDirectories(d);
    Files.writeString(d.resolve("events.json"), json);
  }

  JobRun clean() throws Exception {
    Files.writeString(dir.resolve("events.yaml"), SCHEMA);
    return JobRun.run(
        JobRun.local(),
        CleanJob::new,
        "--schema",
        dir.resolve("events.yaml").toString(),
        "--input",
        dir.resolve("landing").toString(),
        "--output",
        dir.resolve("out").toString(),
        "--incremental");
  }

  /** The rows as Hive reads text: a line shorter than the schema reads NULL in the rest. */
  List<String> rows() throws Exception {
    List<String> rows = new ArrayList<>();
    for (String line : OutputFiles.lines(dir.resolve("out/clean"))) {
      rows.add(line + "\t\\N".repeat(8 - line.split("\t", -1).length));
    }
    rows.sort((a, b) -> Integer.compare(SchemaChangesTest.id(a), SchemaChangesTest.id(b)));
    return rows;
  }

  @Test
  void newFieldsAreAddedWithTheirPathsAndAWidenedTypeAndLaterDaysStillReadThem() throws Exception {
    day(1, 1, 20, false);
    JobRun first = clean();
    assertEquals(0, first.exit(), first.err());
    day(2, 21, 60, true);
    JobRun second = clean();
    assertEquals(0, second.exit(), second.err());
    // In the order the records first have them: 21 has tags then geo.lat, 22 user.tier, 24
    // log.level, 25 meta.
    List<String> lines = second.out().lines().filter(l -> l.contains("schema events v2:")).toList();
    assertEquals(
        List.of(
            "clean: schema events v2: widened `qty` int -> bigint (values from 147 to 3000000060)",
            "clean: schema events v2: added `tags` string (JSON text) ('tags' in the records: 14"
                + " values, e.g. '[\"t1\",{\"n\":1}]')",
            "clean: schema events v2: added `geo_lat` decimal(7,3) at geo.lat ('geo.lat' in the"
                + " records: 10 values, e.g. '52.521')",
            "clean: schema events v2: added `user_tier` string at user.tier ('user.tier' in the"
                + " records: 20 values, e.g. 'gold')",
            "clean: schema events v2: added `log_level` string at `log.level` ('`log.level`' in"
                + " the records: 7 values, e.g. 'warn0')",
            "clean: schema events v2: added `meta` string (JSON text) ('meta' in the records: 4"
                + " values, e.g. 'm25')"),
        lines,
        second.out());
    day(3, 61, 80, true);
    JobRun third = clean();
    assertEquals(0, third.exit(), third.err());
    assertTrue(!third.out().contains("v3"), third.out());

    assertEquals(new ArrayList<>(expected.values()), rows());
    JsonNode manifest = SchemaChangesTest.json(dir.resolve("out/_MANIFEST.json"));
    assertEquals(80, manifest.get("counts").get("read").asLong());
    assertEquals(80, manifest.get("counts").get("clean").asLong());
    assertEquals(2, manifest.get("schema_version").asInt());
    JsonNode added =
        SchemaChangesTest.json(dir.resolve("out/_schemas/versions.json"))
            .get("versions")
            .get(1)
            .get("changes");
    assertEquals("geo.lat", added.get(2).get("path").asText(), added.toString());
    assertTrue(added.get(1).get("json").asBoolean(), added.toString());
  }
}
