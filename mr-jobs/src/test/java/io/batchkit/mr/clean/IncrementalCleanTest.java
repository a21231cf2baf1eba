package io.batchkit.mr.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchkit.mr.common.TaskFaults;
import io.batchkit.mr.testing.JobRun;
import io.batchkit.mr.testing.OutputFiles;
import io.batchkit.mr.tools.TripGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clean --incremental} on the local runner: three landings, each run reading only its new
 * files, must end equal to one full run over all of them (counts and the multiset of rows in every
 * partition and in the quarantine), also when a run dies in its tasks, before its commit or in the
 * middle of publishing, and is re-run.
 */
class IncrementalCleanTest {
  @TempDir Path tmp;

  static final String SCHEMA = Path.of("../examples/trips.yaml").toAbsolutePath().toString();

  /** Lands file {@code n} of the generated trips (seed n) in the landing directory. */
  void land(int n) throws Exception {
    Path f = tmp.resolve("landing/trips-" + n + ".csv");
    Files.createDirectories(f.getParent());
    TripGenerator.main(
        new String[] {"--rows", "1500", "--seed", String.valueOf(n), "--output", f.toString()});
  }

  JobRun clean(Configuration conf, String out, String... more) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--schema", SCHEMA,
                "--input", tmp.resolve("landing").toString(),
                "--output", tmp.resolve(out).toString()));
    args.addAll(List.of(more));
    return JobRun.run(conf, CleanJob::new, args.toArray(new String[0]));
  }

  JobRun incremental(String out) throws Exception {
    return clean(JobRun.local(), out, "--incremental");
  }

  Map<String, List<String>> rows(String out) throws IOException {
    return OutputFiles.rowsByDirectory(tmp.resolve(out));
  }

  static JsonNode json(Path p) throws IOException {
    return new ObjectMapper().readTree(p.toFile());
  }

  /** The reference: one plain run over everything landed. */
  JsonNode reference() throws Exception {
    JobRun r = clean(JobRun.local(), "reference");
    assertEquals(0, r.exit(), r.err());
    return json(tmp.resolve("reference/_MANIFEST.json")).get("counts");
  }

  @Test
  void threeLandingsEqualOneFullRun() throws Exception {
    land(1);
    JobRun r = incremental("out");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("1 new input files (0 read by 0 earlier runs)"), r.out());
    land(2);
    land(3);
    r = incremental("out");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("2 new input files (1 read by 1 earlier runs)"), r.out());
    assertTrue(
        r.out()
            .contains("ALTER TABLE ${hivevar:database}.trips ADD IF NOT EXISTS PARTITION (`dt`="),
        r.out());
    land(4);
    r = incremental("out");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("totals over 3 runs and 4 files"), r.out());

    JsonNode expected = reference();
    JsonNode totals = json(tmp.resolve("out/_MANIFEST.json"));
    assertEquals(expected, totals.get("counts"));
    assertEquals(3, totals.get("runs").size());
    long sum = 0;
    for (JsonNode run : totals.get("runs")) {
      sum += run.get("counts").get("read").asLong();
    }
    assertEquals(expected.get("read").asLong(), sum, "totals = sum of runs");
    assertEquals(rows("reference"), rows("out"));
    assertTrue(Files.exists(tmp.resolve("out/_SUCCESS")));
    assertEquals(4, json(tmp.resolve("out/_BOOKMARK.json")).get("files").size());

    // Nothing new: nothing done, nothing changed.
    r = incremental("out");
    assertEquals(0, r.exit(), r.err());
    assertTrue(
        r.out().contains("no new input files (4 read by 3 earlier runs): nothing to do"), r.out());
    assertEquals(rows("reference"), rows("out"));

    // A file that changed after it was read is refused, by name.
    Path changed = tmp.resolve("landing/trips-2.csv");
    Files.writeString(
        changed, "1,2020-02-01 00:00:00,,,,,,,,,\n", java.nio.file.StandardOpenOption.APPEND);
    r = incremental("out");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("trips-2.csv changed after run"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }

  /**
   * A directory whose every file an earlier run read, unchanged since, is not listed again: a new
   * file in another directory is read alone, and a file appended to in place in the unchanged one
   * goes unseen until --relist lists every directory and refuses it by name.
   */
  @Test
  void unchangedDirectoriesAreNotListedAgainAndRelistListsThem() throws Exception {
    Configuration settled = JobRun.local();
    settled.setLong(io.batchkit.mr.common.ListedDirectories.SETTLE_KEY, 0);
    for (int hour = 0; hour < 3; hour++) {
      Path f = tmp.resolve("landing/h" + hour + "/trips.csv");
      Files.createDirectories(f.getParent());
      TripGenerator.main(
          new String[] {"--rows", "200", "--seed", String.valueOf(hour), "--output", f.toString()});
    }
    Thread.sleep(5); // the directories' times strictly before the run's listing
    JobRun first = clean(settled, "out", "--incremental");
    assertEquals(0, first.exit(), first.err());
    assertTrue(Files.exists(tmp.resolve("out/" + io.batchkit.mr.common.ListedDirectories.FILE)));

    Files.copy(tmp.resolve("landing/h0/trips.csv"), tmp.resolve("landing/h2/again.csv"));
    Files.writeString(
        tmp.resolve("landing/h1/trips.csv"),
        "1,2020-02-01 00:00:00,,,,,,,,,\n",
        java.nio.file.StandardOpenOption.APPEND);
    Thread.sleep(5);
    JobRun second = clean(settled, "out", "--incremental");
    assertEquals(0, second.exit(), second.err());
    assertTrue(second.out().contains("1 new input files (3 read by 1 earlier runs)"), second.out());

    JobRun relisted = clean(settled, "out", "--incremental", "--relist");
    assertEquals(2, relisted.exit(), relisted.err());
    assertTrue(relisted.err().contains("h1/trips.csv changed after run"), relisted.err());
  }

  /**
   * With --dedupe a key kept by an earlier run is a duplicate in a later one: the fourth landing
   * re-sends the first file under a new name, and every one of its valid records is dropped, as one
   * full --dedupe run over the four files drops them.
   */
  @Test
  void dedupeAcrossRunsEqualsOneFullDedupeRun() throws Exception {
    land(1);
    JobRun first = clean(JobRun.local(), "out", "--incremental", "--dedupe");
    assertEquals(0, first.exit(), first.err());
    land(2);
    land(3);
    assertEquals(0, clean(JobRun.local(), "out", "--incremental", "--dedupe").exit());
    Files.copy(tmp.resolve("landing/trips-1.csv"), tmp.resolve("landing/trips-4.csv"));
    JobRun last = clean(JobRun.local(), "out", "--incremental", "--dedupe");
    assertEquals(0, last.exit(), last.err());

    JobRun full = clean(JobRun.local(), "reference", "--dedupe");
    assertEquals(0, full.exit(), full.err());
    JsonNode expected = json(tmp.resolve("reference/_MANIFEST.json")).get("counts");
    assertEquals(expected, json(tmp.resolve("out/_MANIFEST.json")).get("counts"));
    assertEquals(rows("reference"), rows("out"));
    // The re-sent file added no clean row: all its valid records were Monday's keys.
    JsonNode runs = json(tmp.resolve("out/_MANIFEST.json")).get("runs");
    JsonNode mondayCounts = runs.get(0).get("counts");
    JsonNode resent = runs.get(2).get("counts");
    assertEquals(0, resent.get("clean").asLong());
    assertEquals(
        mondayCounts.get("clean").asLong() + mondayCounts.get("duplicates").asLong(),
        resent.get("duplicates").asLong());
  }

  /** A run whose tasks fail leaves nothing committed; the next run rolls it back and redoes it. */
  @Test
  void aRunKilledInItsTasksIsRolledBack() throws Exception {
    land(1);
    assertEquals(0, incremental("out").exit());
    land(2);
    Configuration failing = JobRun.local();
    failing.set(TaskFaults.KEY, "fail:m");
    JobRun r = clean(failing, "out", "--incremental");
    assertEquals(1, r.exit(), r.err());
    r = incremental("out");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("rolling back run"), r.err());
    assertTrue(r.out().contains("1 new input files (1 read by 1 earlier runs)"), r.out());
    assertEquals(reference(), json(tmp.resolve("out/_MANIFEST.json")).get("counts"));
    assertEquals(rows("reference"), rows("out"));
  }

  /** The driver dies before its commit, or halfway through publishing: a re-run ends equal. */
  @Test
  void aRunKilledInItsCommitEndsEqualAfterARerun() throws Exception {
    land(1);
    assertEquals(0, incremental("before").exit());
    assertEquals(0, incremental("during").exit());
    land(2);
    land(3);
    for (String step : List.of("commit", "publish")) {
      String out = step.equals("commit") ? "before" : "during";
      Configuration crashing = JobRun.local();
      crashing.set(TaskFaults.KEY, "crash:" + step);
      Map<String, List<String>> earlier = rows(out);
      assertThrows(TaskFaults.DriverCrash.class, () -> clean(crashing, out, "--incremental"));
      // Before its commit a dead run changed nothing: the earlier run's output stands, complete.
      // Halfway through publishing, OUT is marked incomplete until a re-run finishes the publish.
      assertEquals(
          step.equals("commit"),
          Files.exists(tmp.resolve(out + "/_SUCCESS")),
          "_SUCCESS after a crash at " + step);
      if (step.equals("commit")) {
        assertEquals(earlier, rows(out), "nothing of the dead run is visible");
      }
      JobRun r = incremental(out);
      assertEquals(0, r.exit(), r.err());
      if (step.equals("commit")) {
        assertTrue(r.err().contains("rolling back run"), r.err());
        assertTrue(r.out().contains("2 new input files"), r.out());
      } else {
        assertTrue(r.err().contains("publishing run"), r.err());
        assertTrue(r.out().contains("nothing to do"), r.out());
      }
    }
    JsonNode expected = reference();
    Map<String, List<String>> rows = rows("reference");
    for (String out : List.of("before", "during")) {
      assertEquals(expected, json(tmp.resolve(out + "/_MANIFEST.json")).get("counts"), out);
      assertEquals(rows, rows(out), out);
      assertTrue(Files.exists(tmp.resolve(out + "/_SUCCESS")), out);
    }
  }
}
