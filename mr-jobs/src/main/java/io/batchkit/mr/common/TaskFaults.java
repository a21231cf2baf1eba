package io.batchkit.mr.common;

import java.io.IOException;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskType;

/**
 * Faults the fault tests inject into a running job, through the configuration: {@code
 * batchkit.test.faults=fail:m,fail:r,slow:m,slow:r,hold:m} makes the first attempt of the first map
 * (reduce) task fail, or stall, or wait for the test ({@link #inDriver}'s hold, the step named
 * {@code m} or {@code r}), after it has written output (still uncommitted). Unset in production,
 * where this is one null check per task. The tests then check that the retried or speculative
 * attempt leaves the output exactly as an undisturbed run does.
 *
 * <p>A failure or a stalled map happens at the task's very end, all its output written. A stalled
 * reduce happens midway, after its first group is written ({@link #stallsMidway}, called by the
 * dedupe reducer): at its end a reduce reports progress 1.0, and the speculator, which estimates
 * the end from the progress rate, rightly sees no point in a second attempt.
 */
public final class TaskFaults {
  public static final String KEY = "batchkit.test.faults";

  /**
   * How long a stalled attempt waits: far longer than any test runs, so only a speculative attempt
   * can finish its task (the loser is killed when the winner commits). A speculator that never
   * starts one shows as a test that fails, not as a stall that ends in time by luck.
   */
  static final long STALL_MS = 600_000;

  private TaskFaults() {}

  /** Called last in a task's cleanup. */
  public static void atEnd(TaskAttemptContext context) throws IOException, InterruptedException {
    String faults = context.getConfiguration().get(KEY);
    if (faults == null) {
      return;
    }
    TaskAttemptID id = context.getTaskAttemptID();
    if (id.getId() != 0 || id.getTaskID().getId() != 0) {
      return; // only the first attempt of the first task: its retry must succeed
    }
    String type = id.getTaskType() == TaskType.MAP ? "m" : "r";
    for (String f : faults.split(",")) {
      if (f.strip().equals("fail:" + type)) {
        throw new IOException(KEY + ": attempt " + id + " fails on purpose, its output written");
      }
      if (f.strip().equals("slow:m") && type.equals("m")) {
        stall();
      }
      if (f.strip().equals("hold:" + type)) {
        hold(java.nio.file.Path.of(context.getConfiguration().get(HOLD_DIR)), type);
      }
    }
  }

  /** Whether this reduce attempt is to stall midway; asked once, in setup. */
  public static boolean stallsMidway(TaskAttemptContext context) {
    String faults = context.getConfiguration().get(KEY);
    TaskAttemptID id = context.getTaskAttemptID();
    return faults != null
        && id.getId() == 0
        && id.getTaskID().getId() == 0
        && id.getTaskType() == TaskType.REDUCE
        && java.util.Arrays.stream(faults.split(",")).anyMatch(f -> f.strip().equals("slow:r"));
  }

  /** Stalls the attempt: longer than a speculative attempt needs to overtake it. */
  public static void stall() throws InterruptedException {
    Thread.sleep(STALL_MS);
  }

  /** The local folder through which a test and a driver held with {@code hold:STEP} meet. */
  public static final String HOLD_DIR = "batchkit.test.hold.dir";

  /** How long a held driver waits for the test to release it before it gives up. */
  static final long HOLD_MS = 300_000;

  /**
   * Stops the driver at a named step as a kill would ({@code crash:commit}: before the commit's
   * rename; {@code crash:publish}: after the first file is published): nothing after it runs, no
   * cleanup but the lock's release. Or holds it there ({@code hold:locked}: the output's lock
   * taken; {@code hold:ran}: the tasks done, nothing committed yet): the driver creates {@code
   * STEP.reached} in {@link #HOLD_DIR} and goes on once {@code STEP.release} appears, so a test
   * makes two things overlap for certain instead of polling for a moment that may pass unseen.
   */
  public static void inDriver(org.apache.hadoop.conf.Configuration conf, String step) {
    String faults = conf.get(KEY);
    if (faults == null) {
      return;
    }
    java.util.List<String> all = java.util.Arrays.asList(faults.split(","));
    if (all.contains("crash:" + step)) {
      throw new DriverCrash(step);
    }
    if (all.contains("hold:" + step)) {
      hold(java.nio.file.Path.of(conf.get(HOLD_DIR)), step);
    }
  }

  private static void hold(java.nio.file.Path dir, String step) {
    try {
      java.nio.file.Files.createDirectories(dir);
      java.nio.file.Files.writeString(dir.resolve(step + ".reached"), "");
      java.nio.file.Path release = dir.resolve(step + ".release");
      long until = System.currentTimeMillis() + HOLD_MS;
      while (!java.nio.file.Files.exists(release)) {
        if (System.currentTimeMillis() > until) {
          throw new IllegalStateException(KEY + ": nobody released the driver held at " + step);
        }
        Thread.sleep(10);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(KEY + ": interrupted while held at " + step, e);
    }
  }

  /** The driver "killed" by {@link #inDriver}. */
  public static final class DriverCrash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DriverCrash(String step) {
      super(KEY + ": the driver stops at " + step + " on purpose");
    }
  }
}
