package io.batchkit.mr;

import io.batchkit.mr.jobs.CleanJob;
import io.batchkit.mr.tools.CleanLoop;
import io.batchkit.mr.tools.TripGenerator;
import org.apache.hadoop.util.ProgramDriver;

/**
 * The job jar's entry point: {@code hadoop jar batchkit-jobs.jar <job> [args]} runs a job by name;
 * with no name it lists them.
 */
public final class BatchkitDriver {
  private BatchkitDriver() {}

  public static void main(String[] args) {
    int code = -1;
    ProgramDriver driver = new ProgramDriver();
    try {
      driver.addClass(CleanJob.NAME, CleanJob.class, CleanJob.DESCRIPTION);
      driver.addClass(TripGenerator.NAME, TripGenerator.class, TripGenerator.DESCRIPTION);
      driver.addClass(CleanLoop.NAME, CleanLoop.class, CleanLoop.DESCRIPTION);
      if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
        driver.run(new String[0]); // prints the list of jobs
        code = args.length == 0 ? -1 : 0;
      } else {
        code = driver.run(args);
      }
    } catch (Throwable e) {
      System.err.println("batchkit: " + e);
      code = 1;
    }
    System.exit(code == -1 ? 2 : code);
  }
}
