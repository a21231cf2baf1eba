package io.batchkit.mr.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchkit.mr.testing.JobRun;
import io.batchkit.mr.testing.Trips;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AggregateJobTest {
  @TempDir Path dir;

  static JobRun aggregate(Path out, String... args) throws Exception {
    List<String> all =
        new ArrayList<>(List.of("--input", Trips.cleaned().resolve("clean").toString()));
    all.addAll(List.of("--output", out.toString()));
    all.addAll(List.of(args));
    return JobRun.run(Trips.conf(), AggregateJob::new, all.toArray(new String[0]));
  }

  static Map<String, String[]> byGroup(Path out) {
    Map<String, String[]> m = new TreeMap<>();
    for (String[] r : Trips.rows(out.resolve("data"))) {
      m.put(r[0], r);
    }
    return m;
  }

  /** What the job must compute, computed here from the clean rows with plain Java. */
  static final class Expected {
    long count;
    long passengers;
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal min;
    BigDecimal max;
    List<Double> distances = new ArrayList<>();
    List<Double> fares = new ArrayList<>();
    Set<String> zones = new HashSet<>();
  }

  @Test
  void everyMetricMatchesAPlainComputationOverTheCleanRows() throws Exception {
    Path out = dir.resolve("agg");
    JobRun r =
        aggregate(
            out,
            "--group-by",
            "vendor_id",
            "--filter",
            "passenger_count >= 2 and store_and_fwd_flag in ('N', 'Y')",
            "--metrics",
            "count, count(passenger_count), sum(fare), min(fare), max(fare), avg(trip_distance),"
                + " stddev(fare), count_distinct(pu_zone), approx_distinct(pu_zone),"
                + " approx_quantile(fare, 0.5)");
    assertEquals(0, r.exit(), r.err());

    Map<String, Expected> expected = new TreeMap<>();
    long filtered = 0;
    List<String[]> rows = Trips.rows(Trips.cleaned().resolve("clean/clean"));
    for (String[] row : rows) {
      String p = row[Trips.PASSENGERS];
      if (p == null || Integer.parseInt(p) < 2 || row[8] == null) {
        filtered++;
        continue;
      }
      Expected e = expected.computeIfAbsent(row[Trips.VENDOR], k -> new Expected());
      BigDecimal fare = new BigDecimal(row[Trips.FARE]);
      e.count++;
      e.passengers++;
      e.sum = e.sum.add(fare);
      e.min = e.min == null || fare.compareTo(e.min) < 0 ? fare : e.min;
      e.max = e.max == null || fare.compareTo(e.max) > 0 ? fare : e.max;
      e.distances.add(Double.parseDouble(row[Trips.DISTANCE]));
      e.fares.add(fare.doubleValue());
      e.zones.add(row[Trips.PU_ZONE]);
    }
    Map<String, String[]> got = byGroup(out);
    assertEquals(expected.keySet(), got.keySet());
    for (Map.Entry<String, Expected> x : expected.entrySet()) {
      Expected e = x.getValue();
      String[] g = got.get(x.getKey());
      assertEquals(Long.toString(e.count), g[1]);
      assertEquals(Long.toString(e.passengers), g[2]);
      assertEquals(e.sum.toPlainString(), g[3]);
      assertEquals(e.min.toPlainString(), g[4]);
      assertEquals(e.max.toPlainString(), g[5]);
      double mean = e.distances.stream().mapToDouble(d -> d).average().orElseThrow();
      assertEquals(mean, Double.parseDouble(g[6]), 1e-9 * Math.abs(mean));
      double fm = e.fares.stream().mapToDouble(d -> d).average().orElseThrow();
      double var = e.fares.stream().mapToDouble(f -> (f - fm) * (f - fm)).sum() / e.fares.size();
      assertEquals(Math.sqrt(var), Double.parseDouble(g[7]), 1e-9);
      assertEquals(Integer.toString(e.zones.size()), g[8]);
      assertEquals(e.zones.size(), Long.parseLong(g[9]), 0.02 * e.zones.size());
      // The median's rank among the sorted fares is within the KLL rank error of 0.5.
      List<Double> sorted = new ArrayList<>(e.fares);
      sorted.sort(null);
      double median = Double.parseDouble(g[10]);
      long below = sorted.stream().filter(f -> f < median - 0.005).count();
      assertEquals(0.5, below / (double) sorted.size(), 0.03);
    }
    JsonNode m = Trips.manifest(out);
    assertEquals(rows.size(), m.at("/counts/read").asLong());
    assertEquals(filtered, m.at("/counts/filtered_out").asLong());
    assertEquals(expected.size(), m.at("/counts/groups").asLong());
    assertTrue(out.resolve("_SUCCESS").toFile().exists());
  }

  @Test
  void theCombinerShufflesFewerBytesAndGivesTheSameResults() throws Exception {
    String metrics =
        "count, sum(fare), min(pickup_at), max(trip_distance), count_distinct(do_zone)";
    Path with = dir.resolve("with");
    Path without = dir.resolve("without");
    assertEquals(0, aggregate(with, "--group-by", "pu_zone", "--metrics", metrics).exit());
    assertEquals(
        0,
        aggregate(without, "--group-by", "pu_zone", "--metrics", metrics, "--no-combiner").exit());
    Map<String, String[]> a = byGroup(with);
    Map<String, String[]> b = byGroup(without);
    assertEquals(a.keySet(), b.keySet());
    a.forEach((k, v) -> assertEquals(List.of(v), List.of(b.get(k))));
    long bytesWith = Trips.manifest(with).at("/shuffle/map_output_materialized_bytes").asLong();
    long bytesWithout =
        Trips.manifest(without).at("/shuffle/map_output_materialized_bytes").asLong();
    assertTrue(bytesWith * 2 < bytesWithout, bytesWith + " vs " + bytesWithout);
  }

  @Test
  void timeBucketsUseThePartitionTimeZoneAndThePartitionColumnGroupsToo() throws Exception {
    Path byDay = dir.resolve("day");
    Path byDt = dir.resolve("dt");
    assertEquals(0, aggregate(byDay, "--group-by", "pickup_at:day", "--metrics", "count").exit());
    assertEquals(0, aggregate(byDt, "--group-by", "dt", "--metrics", "count").exit());
    Map<String, Long> expected = new TreeMap<>();
    for (String[] row : Trips.rows(Trips.cleaned().resolve("clean/clean"))) {
      LocalDate day =
          LocalDateTime.parse(row[Trips.PICKUP].replace(' ', 'T'))
              .atOffset(ZoneOffset.UTC)
              .atZoneSameInstant(ZoneId.of("America/New_York"))
              .toLocalDate();
      expected.merge(day.toString(), 1L, Long::sum);
    }
    Map<String, Long> got = new HashMap<>();
    byGroup(byDay).forEach((k, v) -> got.put(k, Long.parseLong(v[1])));
    assertEquals(expected, new TreeMap<>(got));
    Map<String, Long> gotDt = new TreeMap<>();
    byGroup(byDt).forEach((k, v) -> gotDt.put(k, Long.parseLong(v[1])));
    assertEquals(expected, gotDt);
  }

  @Test
  void mistakesInMetricsOrFiltersAreOneLineUsageErrors() throws Exception {
    JobRun bad = aggregate(dir.resolve("x"), "--metrics", "median(fare)");
    assertEquals(2, bad.exit());
    assertTrue(
        bad.err().startsWith("aggregate: --metrics: unknown metric 'median(fare)'"), bad.err());
    JobRun filter = aggregate(dir.resolve("y"), "--metrics", "count", "--filter", "fare > 'cheap'");
    assertEquals(2, filter.exit());
    assertEquals(
        "aggregate: --filter: 'cheap' is not a decimal(10,2) (in: fare > 'cheap')",
        filter.err().strip());
    JobRun sum = aggregate(dir.resolve("z"), "--metrics", "sum(note)");
    assertEquals(2, sum.exit());
    assertFalse(sum.err().contains("Exception"));
  }
}
