package io.batchkit.mr.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.mr.testing.JobRun;
import io.batchkit.mr.testing.OutputFiles;
import io.batchkit.mr.testing.Trips;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.codec.digest.MurmurHash3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitJobTest {
  @TempDir Path dir;

  static JobRun split(Path input, Path out, String... extra) throws Exception {
    List<String> args =
        new java.util.ArrayList<>(List.of("--input", input.toString(), "--output", out.toString()));
    args.addAll(List.of(extra));
    return JobRun.run(Trips.conf(), SplitJob::new, args.toArray(new String[0]));
  }

  /** Key (vendor_id \t pickup_at) to split, read from the output directories. */
  static Map<String, String> assignment(Path out) throws Exception {
    Map<String, String> m = new HashMap<>();
    for (String s : List.of("train", "validation", "test")) {
      for (String[] row : Trips.rows(out.resolve("data/split=" + s))) {
        String key = row[Trips.VENDOR] + "\t" + row[Trips.PICKUP];
        String before = m.put(key, s);
        assertTrue(before == null || before.equals(s), "a key is in one split only: " + key);
      }
    }
    return m;
  }

  @Test
  void aKeysSplitIsItsHashPositionAndStaysPutInRerunsAndOnMoreData() throws Exception {
    Path trips = Trips.cleaned();
    Path all = dir.resolve("all");
    Path again = dir.resolve("again");
    assertEquals(0, split(trips.resolve("clean"), all).exit());
    assertEquals(0, split(trips.resolve("clean"), again).exit());
    assertEquals(
        OutputFiles.digests(all.resolve("data")), OutputFiles.digests(again.resolve("data")));

    Map<String, String> full = assignment(all);
    Map<String, Integer> counts = new TreeMap<>();
    for (Map.Entry<String, String> e : full.entrySet()) {
      // The specification, computed here: MurmurHash3 x64 128 (first half), seed 42, top 53 bits.
      byte[] b = e.getKey().getBytes(StandardCharsets.UTF_8);
      double p = (MurmurHash3.hash128x64(b, 0, b.length, 42)[0] >>> 11) / (double) (1L << 53);
      assertEquals(p < 0.8 ? "train" : p < 0.9 ? "validation" : "test", e.getValue());
      counts.merge(e.getValue(), 1, Integer::sum);
    }
    assertEquals(0.8, counts.get("train") / (double) full.size(), 0.03);

    // The first half of the raw file, split on its own, lands every key where the whole did.
    byte[] raw = Files.readAllBytes(trips.resolve("trips.csv")); // holds invalid UTF-8 on purpose
    int cut = raw.length / 2;
    while (raw[cut - 1] != '\n') {
      cut++;
    }
    Files.write(dir.resolve("half.csv"), java.util.Arrays.copyOf(raw, cut));
    Path half = dir.resolve("half");
    JobRun r = split(dir.resolve("half.csv"), half, "--schema", Trips.SCHEMA.toString());
    assertEquals(0, r.exit(), r.err());
    Map<String, String> part = assignment(half);
    assertTrue(part.size() > 1000);
    int checked = 0;
    for (Map.Entry<String, String> e : part.entrySet()) {
      if (full.containsKey(e.getKey())) {
        assertEquals(full.get(e.getKey()), e.getValue(), e.getKey());
        checked++;
      }
    }
    assertTrue(checked > 1000);
    assertTrue(
        Trips.manifest(half).at("/counts/invalid").asLong() > 0,
        "raw input: invalid records counted, not split");
  }

  @Test
  void stratifiedSplitsEachLabelWithinOneKeyOfTheRatios() throws Exception {
    Path out = dir.resolve("strat");
    JobRun r =
        split(
            Trips.cleaned().resolve("clean"),
            out,
            "--stratify-by",
            "passenger_count",
            "--ratios",
            "train=0.6,validation=0.2,test=0.2");
    assertEquals(0, r.exit(), r.err());
    Map<String, Map<String, Integer>> byLabel = new TreeMap<>();
    for (String s : List.of("train", "validation", "test")) {
      for (String[] row : Trips.rows(out.resolve("data/split=" + s))) {
        byLabel
            .computeIfAbsent(String.valueOf(row[Trips.PASSENGERS]), k -> new HashMap<>())
            .merge(s, 1, Integer::sum);
      }
    }
    Map<String, Double> ratios = Map.of("train", 0.6, "validation", 0.2, "test", 0.2);
    for (Map.Entry<String, Map<String, Integer>> e : byLabel.entrySet()) {
      int n = e.getValue().values().stream().mapToInt(x -> x).sum();
      for (Map.Entry<String, Double> ratio : ratios.entrySet()) {
        int got = e.getValue().getOrDefault(ratio.getKey(), 0);
        assertTrue(
            Math.abs(got - ratio.getValue() * n) <= 1.0,
            "label " + e.getKey() + " " + ratio.getKey() + ": " + got + " of " + n);
      }
    }
    assertTrue(byLabel.size() >= 4);
  }

  @Test
  void quarantinedRawRecordsCarryTheirLineInTheFileAcrossSplits() throws Exception {
    Path raw = Trips.cleaned().resolve("trips.csv");
    // Lines by the byte offset they start at, from the file's bytes alone.
    byte[] bytes = Files.readAllBytes(raw);
    Map<Long, Long> lineAt = new HashMap<>();
    long line = 1;
    lineAt.put(0L, 1L);
    for (int i = 0; i < bytes.length - 1; i++) {
      if (bytes[i] == '\n') {
        lineAt.put((long) i + 1, ++line);
      }
    }
    org.apache.hadoop.conf.Configuration conf = Trips.conf();
    conf.setLong("mapreduce.input.fileinputformat.split.maxsize", 32 * 1024);
    Path out = dir.resolve("raw");
    JobRun r =
        JobRun.run(
            conf,
            SplitJob::new,
            "--schema",
            Trips.SCHEMA.toString(),
            "--input",
            raw.toString(),
            "--output",
            out.toString());
    assertEquals(0, r.exit(), r.err());
    List<String> quarantine = OutputFiles.lines(out.resolve("quarantine"));
    assertEquals(Trips.manifest(out).at("/counts/invalid").asLong(), quarantine.size());
    assertTrue(quarantine.size() > 50, "records quarantined: " + quarantine.size());
    long beyondFirstSplit = 0;
    for (String q : quarantine) {
      com.fasterxml.jackson.databind.JsonNode j = Trips.JSON.readTree(q);
      long offset = j.get("offset").asLong();
      assertEquals(lineAt.get(offset), j.path("line").asLong(), q);
      beyondFirstSplit += offset >= 32 * 1024 ? 1 : 0;
    }
    assertTrue(beyondFirstSplit > 10, "records past the first split: " + beyondFirstSplit);
    assertTrue(!Files.exists(out.resolve(io.batchkit.mr.common.QuarantineLines.DIR)));
  }
}
