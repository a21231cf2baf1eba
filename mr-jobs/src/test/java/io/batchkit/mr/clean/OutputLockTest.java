package io.batchkit.mr.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.mr.common.TaskFaults;
import io.batchkit.mr.testing.JobRun;
import io.batchkit.mr.testing.OutputFiles;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two jobs on one output, a lock left by a killed job, an input that changes during the run. */
class OutputLockTest {
  static final String SCHEMA =
      "name: events\nformat: {header: true}\ncolumns:\n  - {name: id, type: int}\n  - {name: label, type: string}\n";
  static final int ROWS = 20_000;

  @TempDir Path dir;

  void input() throws Exception {
    Files.writeString(dir.resolve("e.yaml"), SCHEMA);
    Files.createDirectories(dir.resolve("in"));
    StringBuilder sb = new StringBuilder("id,label\n");
    for (int i = 0; i < ROWS; i++) {
      sb.append(i).append(",event ").append(i % 97).append('\n');
    }
    Files.writeString(dir.resolve("in/e.csv"), sb);
  }

  JobRun clean(String... extra) throws Exception {
    return clean(JobRun.local(), extra);
  }

  JobRun clean(Configuration conf, String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--schema", dir.resolve("e.yaml").toString(),
                "--input", dir.resolve("in").toString(),
                "--output", dir.resolve("out").toString()));
    args.addAll(List.of(extra));
    return JobRun.run(conf, CleanJob::new, args.toArray(new String[0]));
  }

  /** A run held at {@code step} (TaskFaults' hold), started in the background. */
  Future<JobRun> heldAt(String step, ExecutorService pool, String... extra) {
    Configuration conf = JobRun.local();
    conf.set(TaskFaults.KEY, "hold:" + step);
    conf.set(TaskFaults.HOLD_DIR, dir.resolve("hold").toString());
    return pool.submit(() -> clean(conf, extra));
  }

  /** Waits until the held run has reached {@code step} (or has ended without reaching it). */
  void awaitHeld(String step, Future<JobRun> run) throws Exception {
    Path reached = dir.resolve("hold/" + step + ".reached");
    while (!Files.exists(reached)) {
      if (run.isDone()) {
        throw new AssertionError(
            "the run ended before it reached " + step + ": " + run.get().err());
      }
      Thread.sleep(10);
    }
  }

  void release(String step) throws Exception {
    Files.writeString(dir.resolve("hold/" + step + ".release"), "");
  }

  @Test
  void twoJobsOnOneOutputOneRefusesAndTheOtherIsWhole() throws Exception {
    input();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    // The first run holds the output's lock while the second one starts: they overlap for sure.
    Future<JobRun> first = heldAt("locked", pool, "--overwrite");
    awaitHeld("locked", first);
    JobRun refused = clean("--overwrite");
    release("locked");
    JobRun ran = first.get();
    pool.shutdown();
    assertEquals(2, refused.exit(), refused.err());
    assertTrue(refused.err().contains("another batchkit job is writing"), refused.err());
    assertEquals(0, ran.exit(), ran.err());
    assertEquals(ROWS, OutputFiles.lines(dir.resolve("out/clean")).size());
    assertTrue(Files.exists(dir.resolve("out/_SUCCESS")));
    assertFalse(Files.exists(dir.resolve(".out.batchkit-lock")), "the lock goes with the job");
  }

  @Test
  void aLockLeftByAKilledJobHereIsTakenOverOneFromElsewhereIsNamed() throws Exception {
    input();
    String host = InetAddress.getLocalHost().getHostName();
    Path lock = dir.resolve(".out.batchkit-lock");
    long dead = ProcessHandle.current().pid() + 1_000_000;
    Files.writeString(lock, "clean " + host + " " + dead + " 2026-11-30T00:00:00Z\n");
    JobRun run = clean();
    assertEquals(0, run.exit(), run.err());
    assertFalse(Files.exists(lock));

    Files.writeString(lock, "clean edge-node-7 4242 2026-11-30T00:00:00Z\n");
    JobRun other = clean("--overwrite");
    assertEquals(2, other.exit());
    assertTrue(
        other
            .err()
            .contains(
                "(clean edge-node-7 4242 2026-11-30T00:00:00Z); wait for it, or if no such job runs, delete"),
        other.err());
    assertTrue(Files.exists(dir.resolve("out/_SUCCESS")), "the earlier output is untouched");
  }

  @Test
  void anInputThatChangesDuringTheRunFailsTheJobNamingIt() throws Exception {
    input();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    // The run is held once its tasks have read the file, before anything is committed; a late
    // record lands in the file then.
    Future<JobRun> run = heldAt("ran", pool);
    awaitHeld("ran", run);
    Files.writeString(
        dir.resolve("in/e.csv"),
        "999999,late\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    release("ran");
    JobRun r = run.get();
    pool.shutdown();
    assertEquals(1, r.exit(), r.out());
    assertTrue(r.err().contains("e.csv changed while the job ran"), r.err());
    assertFalse(Files.exists(dir.resolve("out/_SUCCESS")));
  }
}
