package io.batchkit.mr.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.mr.testing.JobRun;
import io.batchkit.mr.testing.OutputFiles;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two jobs on one output, a lock left by a killed job, an input that changes during the run. */
class OutputLockTest {
  static final String SCHEMA =
      "name: events\nformat: {header: true}\ncolumns:\n  - {name: id, type: int}\n  - {name: label, type: string}\n";
  static final int ROWS = 200_000;

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
    List<String> args =
        new ArrayList<>(
            List.of(
                "--schema", dir.resolve("e.yaml").toString(),
                "--input", dir.resolve("in").toString(),
                "--output", dir.resolve("out").toString()));
    args.addAll(List.of(extra));
    return JobRun.run(JobRun.local(), CleanJob::new, args.toArray(new String[0]));
  }

  @Test
  void twoJobsOnOneOutputOneRefusesAndTheOtherIsWhole() throws Exception {
    input();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<JobRun>> runs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      runs.add(
          pool.submit(
              () -> {
                go.await();
                return clean("--overwrite");
              }));
    }
    go.countDown();
    JobRun a = runs.get(0).get();
    JobRun b = runs.get(1).get();
    pool.shutdown();
    JobRun refused = a.exit() == 2 ? a : b;
    JobRun ran = a.exit() == 2 ? b : a;
    assertEquals(2, refused.exit(), a.err() + b.err());
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
    Future<JobRun> run = pool.submit(() -> clean());
    // As soon as the job has started writing, a late record lands in the file it reads.
    Path started = dir.resolve("out/_temporary");
    for (int i = 0; i < 3000 && !Files.exists(started); i++) {
      Thread.sleep(5);
    }
    Files.writeString(
        dir.resolve("in/e.csv"),
        "999999,late\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    JobRun r = run.get();
    pool.shutdown();
    assertEquals(1, r.exit(), r.out());
    assertTrue(r.err().contains("e.csv changed while the job ran"), r.err());
    assertFalse(Files.exists(dir.resolve("out/_SUCCESS")));
  }
}
