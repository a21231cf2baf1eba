package io.batchkit.mr.common;

import java.io.IOException;
import java.io.PrintStream;
import org.apache.hadoop.mapreduce.Job;

/**
 * Waits for a submitted job, printing its progress as it moves (map and reduce percent, and the
 * tracking URL once, where there is one: a cluster's) rather than Hadoop's per-poll INFO log.
 */
public final class JobProgress {
  private JobProgress() {}

  public static boolean await(Job job, String label, PrintStream err)
      throws IOException, InterruptedException {
    // The local runner's "tracking URL" is a default (http://localhost:8080/) nothing serves.
    String id = job.getJobID().toString();
    err.println(
        label
            + ": job "
            + id
            + " submitted"
            + (id.startsWith("job_local")
                ? " (local runner)"
                : "; tracking: " + job.getTrackingURL()));
    int lastMap = -1;
    int lastReduce = -1;
    long lastPrint = 0;
    boolean hasReduce = job.getNumReduceTasks() > 0;
    // Asking the local runner is a method call, a cluster's is an RPC: a job ends on average half a
    // poll before it is seen to.
    long poll = id.startsWith("job_local") ? 20 : 250;
    while (!job.isComplete()) {
      Thread.sleep(poll);
      int map = Math.round(job.mapProgress() * 100);
      int reduce = hasReduce ? Math.round(job.reduceProgress() * 100) : 0;
      long now = System.currentTimeMillis();
      boolean moved = map / 10 != lastMap / 10 || reduce / 10 != lastReduce / 10;
      if (moved || now - lastPrint > 15_000) {
        err.println(label + ": map " + map + "%" + (hasReduce ? " reduce " + reduce + "%" : ""));
        lastMap = map;
        lastReduce = reduce;
        lastPrint = now;
      }
    }
    return job.isSuccessful();
  }
}
