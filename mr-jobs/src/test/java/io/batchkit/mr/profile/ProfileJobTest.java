package io.batchkit.mr.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchkit.mr.testing.JobRun;
import io.batchkit.mr.testing.Trips;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileJobTest {
  @TempDir Path dir;

  @Test
  void violationsPerColumnAndRuleAreWhatTheGeneratorInjected() throws Exception {
    Path trips = Trips.cleaned();
    Path out = dir.resolve("profile");
    JobRun r =
        JobRun.run(
            Trips.conf(),
            ProfileJob::new,
            "--schema",
            Trips.SCHEMA.toString(),
            "--input",
            trips.resolve("trips.csv").toString(),
            "--output",
            out.toString());
    assertEquals(0, r.exit(), r.err());
    JsonNode ledger = Trips.JSON.readTree(trips.resolve("expect.json").toFile());
    JsonNode profile = Trips.JSON.readTree(out.resolve("profile.json").toFile());
    assertEquals(ledger.get("rows").asLong(), profile.at("/records/read").asLong());
    assertEquals(ledger.get("quarantined").asLong(), profile.at("/records/invalid").asLong());
    Iterator<Map.Entry<String, JsonNode>> it = ledger.get("by_rule_column").fields();
    int checked = 0;
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String[] rc = e.getKey().split(" ");
      long expected = e.getValue().asLong();
      if (rc[1].equals("*")) {
        assertEquals(
            expected, profile.at("/records/record_violations/" + rc[0]).asLong(), e.getKey());
        continue;
      }
      JsonNode column = null;
      for (JsonNode c : profile.get("columns")) {
        if (c.get("name").asText().equals(rc[1])) {
          column = c;
        }
      }
      assertEquals(expected, column.at("/violations/" + rc[0]).asLong(), e.getKey());
      checked++;
    }
    assertTrue(checked > 5);
    // A required column's nulls are nulls as well as violations; count = nulls + non-null.
    JsonNode vendor = profile.get("columns").get(0);
    assertEquals(
        ledger.at("/by_rule_column/required vendor_id").asLong(), vendor.get("nulls").asLong());
    for (JsonNode c : profile.get("columns")) {
      assertEquals(c.get("count").asLong(), c.get("nulls").asLong() + c.get("non_null").asLong());
      long records =
          ledger.get("rows").asLong() - profile.at("/records/record_violations_total").asLong();
      assertEquals(records, c.get("count").asLong(), "every record not rejected as a whole");
    }
    // Duplicate keys: an HLL estimate whose bounds hold the generator's exact count.
    JsonNode keys = profile.at("/records/keys");
    long duplicates = ledger.get("duplicates").asLong();
    long lower = keys.get("duplicates_lower_bound").asLong();
    long upper = keys.get("duplicates_upper_bound").asLong();
    long estimate = keys.get("duplicates_estimate").asLong();
    assertTrue(lower <= duplicates && duplicates <= upper, keys.toString());
    assertTrue(lower <= estimate && estimate <= upper, keys.toString());
    // The bounds are the HLL's at two standard deviations (lgK 20: relative standard error
    // 1.04 / 1024) around the distinct keys, plus a key each for their rounding to whole keys.
    long distinct = keys.get("distinct_estimate").asLong();
    double width = 2 * 2 * (1.04 / 1024) * distinct + 2;
    assertTrue(upper - lower <= width, "bounds " + (upper - lower) + " wide, at most " + width);
    for (String[] a :
        new String[][] {
          {"rejected_records", null},
          {"duplicate_keys", null},
          {"out_of_bounds", "passenger_count"},
          {"violations", "fare"},
          {"violations", "vendor_id"}
        }) {
      assertTrue(ProfileFrequentValuesTest.alerted(profile, a[0], a[1]), a[0] + " " + a[1]);
    }
    String html = Files.readString(out.resolve("report.html"));
    assertFalse(html.contains("<script"), "the report runs no script");
    assertFalse(html.contains("http://") || html.contains("https://"), "and fetches nothing");
    for (JsonNode c : profile.get("columns")) {
      assertTrue(html.contains("id=\"col-" + c.get("name").asText() + "\""));
    }
    assertTrue(html.contains("<svg"));
  }

  @Test
  void twoHundredColumnsAreProfiledInOneJobWithExactCountsAndExtremes() throws Exception {
    int columns = 200;
    int rows = 400;
    StringBuilder yaml = new StringBuilder("name: wide\ncolumns:\n");
    StringBuilder csv = new StringBuilder();
    for (int c = 0; c < columns; c++) {
      yaml.append("  - {name: c").append(c).append(", type: bigint}\n");
      csv.append(c == 0 ? "" : ",").append("c").append(c);
    }
    csv.append('\n');
    long[] min = new long[columns];
    long[] max = new long[columns];
    long[] nulls = new long[columns];
    java.util.Arrays.fill(min, Long.MAX_VALUE);
    java.util.Arrays.fill(max, Long.MIN_VALUE);
    Random random = new Random(9);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        csv.append(c == 0 ? "" : ",");
        if (random.nextInt(10) == 0) {
          nulls[c]++;
          continue;
        }
        long v = random.nextInt(1000) - 500 + c * 1000L;
        min[c] = Math.min(min[c], v);
        max[c] = Math.max(max[c], v);
        csv.append(v);
      }
      csv.append('\n');
    }
    Files.writeString(dir.resolve("wide.yaml"), yaml);
    Files.writeString(dir.resolve("wide.csv"), csv);
    Path out = dir.resolve("wide-profile");
    JobRun r =
        JobRun.run(
            Trips.conf(),
            ProfileJob::new,
            "--schema",
            dir.resolve("wide.yaml").toString(),
            "--input",
            dir.resolve("wide.csv").toString(),
            "--output",
            out.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals(1, r.err().split("submitted").length - 1, "one job for all columns");
    JsonNode profile = Trips.JSON.readTree(out.resolve("profile.json").toFile());
    assertEquals(columns, profile.get("columns").size());
    for (int c = 0; c < columns; c++) {
      JsonNode col = profile.get("columns").get(c);
      assertEquals("c" + c, col.get("name").asText());
      assertEquals(rows, col.get("count").asLong());
      assertEquals(nulls[c], col.get("nulls").asLong());
      assertEquals(min[c], col.get("min").asLong());
      assertEquals(max[c], col.get("max").asLong());
    }
  }
}
