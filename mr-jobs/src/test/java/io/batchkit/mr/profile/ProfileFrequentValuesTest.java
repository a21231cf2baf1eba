package io.batchkit.mr.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchkit.mr.testing.JobRun;
import io.batchkit.mr.testing.Trips;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The frequent values {@code profile} reports, against exact counts the test keeps while it writes
 * the file: a unique column, a Zipf column, a column of three values and one of 50,000 values,
 * profiled in several map tasks whose sketches are merged.
 */
class ProfileFrequentValuesTest {
  static final int ROWS = 200_000;
  static final String[] COLUMNS = {"id", "zipf", "three", "wide"};

  @TempDir Path dir;

  @Test
  void everyReportedCountIsExactOrBoundedAndEveryValueOverOnePercentIsFound() throws Exception {
    Files.writeString(
        dir.resolve("f.yaml"),
        "name: freq\nformat: {header: true}\ncolumns:\n"
            + "  - {name: id, type: bigint}\n"
            + "  - {name: zipf, type: string}\n"
            + "  - {name: three, type: string, required: true}\n"
            + "  - {name: wide, type: int}\n");
    java.util.List<Map<String, Long>> exact = new java.util.ArrayList<>();
    for (int i = 0; i < COLUMNS.length; i++) {
      exact.add(new HashMap<>());
    }
    long threeNulls = 0;
    double[] zipf = zipfCdf(50_000, 1.1);
    Random random = new Random(11);
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("f.csv"))) {
      w.write("id,zipf,three,wide\n");
      for (int r = 0; r < ROWS; r++) {
        int rank = java.util.Arrays.binarySearch(zipf, random.nextDouble());
        String z = "z" + (rank < 0 ? -rank - 1 : rank);
        double p = random.nextDouble();
        // One three-valued field in 1,000 is empty: a null in a required column.
        String three = p < 0.001 ? "" : p < 0.6 ? "a" : p < 0.9 ? "b" : "c";
        String wide = Integer.toString(random.nextInt(50_000));
        String[] fields = {Long.toString(r * 7L + 3), z, three, wide};
        w.write(String.join(",", fields));
        w.write('\n');
        for (int i = 0; i < fields.length; i++) {
          if (!fields[i].isEmpty()) {
            exact.get(i).merge(fields[i], 1L, Long::sum);
          }
        }
        threeNulls += three.isEmpty() ? 1 : 0;
      }
    }
    Configuration conf = Trips.conf();
    conf.setLong("mapreduce.input.fileinputformat.split.maxsize", 1 << 20);
    JobRun run =
        JobRun.run(
            conf,
            ProfileJob::new,
            "--schema",
            dir.resolve("f.yaml").toString(),
            "--input",
            dir.resolve("f.csv").toString(),
            "--output",
            dir.resolve("out").toString());
    assertEquals(0, run.exit(), run.err());
    JsonNode profile = Trips.JSON.readTree(dir.resolve("out/profile.json").toFile());
    assertEquals(ROWS, profile.at("/records/read").asLong());
    int checkedEstimates = 0;
    for (int i = 0; i < COLUMNS.length; i++) {
      JsonNode c = profile.get("columns").get(i);
      assertEquals(COLUMNS[i], c.get("name").asText());
      assertEquals(c.get("count").asLong(), c.get("nulls").asLong() + c.get("non_null").asLong());
      Map<String, Long> truth = exact.get(i);
      Set<String> reported = new HashSet<>();
      for (JsonNode t : c.get("top_values")) {
        String value = t.get("value").asText();
        long actual = truth.getOrDefault(value, 0L);
        reported.add(value);
        if (t.has("count")) {
          assertEquals(actual, t.get("count").asLong(), COLUMNS[i] + " " + value);
        } else {
          checkedEstimates++;
          long lower = t.get("lower_bound").asLong();
          long upper = t.get("upper_bound").asLong();
          long estimate = t.get("estimate").asLong();
          assertTrue(lower <= actual && actual <= upper, COLUMNS[i] + " " + value + " " + t);
          assertTrue(lower <= estimate && estimate <= upper, COLUMNS[i] + " " + t);
          // The frequent-items sketch guarantees an error of at most 3.5 / maxMapSize of the
          // values it was given (DataSketches' ItemsSketch, merges included).
          double maxError = 3.5 / FrequentValues.MAP_SIZE * c.get("non_null").asLong();
          assertTrue(upper - lower <= maxError, COLUMNS[i] + " " + t + " wider than " + maxError);
        }
        assertTrue(actual >= 0.001 * ROWS, COLUMNS[i] + " " + value + " is under 0.1%: " + actual);
      }
      for (Map.Entry<String, Long> e : truth.entrySet()) {
        if (e.getValue() >= 0.01 * ROWS) {
          assertTrue(reported.contains(e.getKey()), COLUMNS[i] + " " + e + " holds 1% or more");
        }
      }
      if (c.get("top_values").isEmpty()) {
        assertTrue(c.get("top_values_note").asText().length() > 10, c.toString());
      }
    }
    JsonNode zipfColumn = profile.get("columns").get(1);
    assertFalse(
        zipfColumn.get("top_values_exact").asBoolean(), "50,000 values overflow the sketch");
    assertTrue(checkedEstimates >= 5, "the Zipf column's head is estimated with bounds");
    JsonNode three = profile.get("columns").get(2);
    assertTrue(three.get("top_values_exact").asBoolean());
    assertEquals(3, three.get("top_values").size());
    assertEquals(threeNulls, three.get("nulls").asLong(), "a required column's nulls are nulls");
    assertEquals(threeNulls, three.at("/violations/required").asLong());
    assertEquals(ROWS - threeNulls, three.get("valid").asLong());
    assertEquals(0, profile.get("columns").get(0).get("top_values").size(), "id is unique");
    assertEquals(0, profile.get("columns").get(3).get("top_values").size(), "no value of 50,000");
    assertTrue(alerted(profile, "identifier", "id"), profile.get("alerts").toString());
  }

  static boolean alerted(JsonNode profile, String kind, String column) {
    for (JsonNode a : profile.get("alerts")) {
      JsonNode c = a.get("column");
      if (a.get("alert").asText().equals(kind)
          && (column == null ? c.isNull() : c.asText().equals(column))) {
        return true;
      }
    }
    return false;
  }

  /** P(rank <= k) for ranks 0..n-1 with weights 1/(k+1)^s. */
  static double[] zipfCdf(int n, double s) {
    double[] cdf = new double[n];
    double sum = 0;
    for (int k = 0; k < n; k++) {
      sum += 1 / Math.pow(k + 1, s);
      cdf[k] = sum;
    }
    for (int k = 0; k < n; k++) {
      cdf[k] /= sum;
    }
    return cdf;
  }
}
