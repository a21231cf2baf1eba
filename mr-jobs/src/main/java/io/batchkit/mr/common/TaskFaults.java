package io.batchkit.mr.common;

import java.io.IOException;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskType;

/**
 * Faults the fault tests inject into a running job, through the configuration: {@code
 * batchkit.test.faults=fail:m,fail:r,slow:m,slow:r} makes the first attempt of the first map
 * (reduce) task fail, or stall, after it has written output (still uncommitted). Unset in
 * production, where this is one null check per task. The tests then check that the retried or
 * speculative attempt leaves the output exactly as an undisturbed run does.
 *
 * <p>A failure or a stalled map happens at the task's very end, all its output written. A stalled
 * reduce happens midway, after its first group is written ({@link #stallsMidway}, called by the
 * dedupe reducer): at its end a reduce reports progress 1.0, and the speculator, which estimates
 * the end from the progress rate, rightly sees no point in a second attempt.
 */
public final class TaskFaults {
  public static final String KEY = "batchkit.test.faults";

  /** How long a stalled attempt waits: longer than a speculative attempt needs to overtake it. */
  static final long STALL_MS = 60_000;

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

  /**
   * Stops the driver at a named step of its commit ({@code crash:commit}: before the commit's
   * rename; {@code crash:publish}: after the first file is published) as a kill would: nothing
   * after it runs, no cleanup but the lock's release.
   */
  public static void inDriver(org.apache.hadoop.conf.Configuration conf, String step) {
    String faults = conf.get(KEY);
    if (faults != null && java.util.Arrays.asList(faults.split(",")).contains("crash:" + step)) {
      throw new DriverCrash(step);
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
