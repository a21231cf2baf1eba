package io.batchkit.mr.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.mr.testing.JobRun;
import io.batchkit.mr.testing.OutputFiles;
import io.batchkit.mr.testing.Trips;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrichJobTest {
  @TempDir Path dir;

  static JobRun enrich(Path lookup, Path out, String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--input", Trips.cleaned().resolve("clean").toString(),
                "--lookup", lookup.toString(),
                "--lookup-schema", Trips.ZONES_SCHEMA.toString(),
                "--on", "pu_zone=zone_id",
                "--prefix", "pu_",
                "--output", out.toString()));
    args.addAll(List.of(extra));
    return JobRun.run(Trips.conf(), EnrichJob::new, args.toArray(new String[0]));
  }

  /** zone id to borough, read from the lookup file with a plain split. */
  static Map<String, String> zones() throws Exception {
    Map<String, String> m = new HashMap<>();
    List<String> lines = Files.readAllLines(Trips.cleaned().resolve("zones.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", 3);
      m.put(f[0], f[1]);
    }
    return m;
  }

  @Test
  void mapSideAndReduceSideJoinsAgreeWithAPlainLookup() throws Exception {
    Path zones = Trips.cleaned().resolve("zones.csv");
    Path map = dir.resolve("map");
    Path reduce = dir.resolve("reduce");
    JobRun m = enrich(zones, map, "--join", "auto");
    assertEquals(0, m.exit(), m.err());
    assertTrue(m.out().contains("map-side join"));
    JobRun r = enrich(zones, reduce, "--map-side-max", "1k");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("reduce-side join"));

    Map<String, String> borough = zones();
    List<String[]> clean = Trips.rows(Trips.cleaned().resolve("clean/clean"));
    long matched = clean.stream().filter(row -> borough.containsKey(row[Trips.PU_ZONE])).count();
    assertTrue(matched < clean.size(), "the fixture has unmatched zones");
    for (Path out : List.of(map, reduce)) {
      List<String[]> rows = Trips.rows(out.resolve("data"));
      assertEquals(clean.size(), rows.size());
      for (String[] row : rows) {
        assertEquals(13, row.length); // the 11 trip columns, the borough, the dt partition
        assertEquals(borough.get(row[Trips.PU_ZONE]), row[11]);
      }
      assertEquals(matched, Trips.manifest(out).at("/counts/matched").asLong());
      assertEquals(
          clean.size() - matched, Trips.manifest(out).at("/counts/unmatched_kept").asLong());
    }
    List<String> a = new ArrayList<>(OutputFiles.lines(map.resolve("data")));
    List<String> b = new ArrayList<>(OutputFiles.lines(reduce.resolve("data")));
    a.sort(null);
    b.sort(null);
    assertEquals(a, b);
    String schema = Files.readString(map.resolve("_SCHEMA.yaml"));
    assertTrue(schema.contains("name: \"pu_borough\""), schema);
  }

  @Test
  void unmatchedRowsAreQuarantinedOrDroppedAndCountedEitherWay() throws Exception {
    Path zones = Trips.cleaned().resolve("zones.csv");
    Map<String, String> borough = zones();
    List<String[]> clean = Trips.rows(Trips.cleaned().resolve("clean/clean"));
    long unmatched = clean.stream().filter(row -> !borough.containsKey(row[Trips.PU_ZONE])).count();
    assertTrue(unmatched > 0, "the fixture has unmatched zones");
    for (String join : List.of("map", "reduce")) {
      Path q = dir.resolve("q-" + join);
      Path d = dir.resolve("d-" + join);
      assertEquals(0, enrich(zones, q, "--unmatched", "quarantine", "--join", join).exit());
      assertEquals(0, enrich(zones, d, "--unmatched", "drop", "--join", join).exit());
      assertEquals(unmatched, OutputFiles.lines(q.resolve("quarantine")).size(), join);
      assertEquals(clean.size() - unmatched, Trips.rows(q.resolve("data")).size(), join);
      assertEquals(clean.size() - unmatched, Trips.rows(d.resolve("data")).size(), join);
      assertEquals(unmatched, Trips.manifest(q).at("/counts/unmatched_quarantined").asLong());
      assertEquals(unmatched, Trips.manifest(d).at("/counts/unmatched_dropped").asLong());
      assertTrue(OutputFiles.lines(q.resolve("quarantine")).get(0).contains("\"rule\":\"lookup\""));
    }
  }

  @Test
  void aMapSideLookupWithADuplicateKeyIsRefusedNamingTheLine() throws Exception {
    Path bad = dir.resolve("zones-bad.csv");
    Files.writeString(bad, "zone_id,borough,zone_name\n1,Queens,A\n1,Bronx,B\n");
    JobRun r = enrich(bad, dir.resolve("o"));
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("zones-bad.csv:3: join key 1 appears twice"), r.err());
    assertTrue(!Files.exists(dir.resolve("o/_SUCCESS")));
  }
}
