package io.batchkit.mr;

import io.batchkit.mr.aggregate.AggregateJob;
import io.batchkit.mr.clean.CleanJob;
import io.batchkit.mr.compact.CompactJob;
import io.batchkit.mr.convert.ConvertJob;
import io.batchkit.mr.enrich.EnrichJob;
import io.batchkit.mr.infer.InferJob;
import io.batchkit.mr.pipeline.PipelineRunner;
import io.batchkit.mr.profile.ProfileJob;
import io.batchkit.mr.register.RegisterCommand;
import io.batchkit.mr.split.SplitJob;
import io.batchkit.mr.tools.BenchLoop;
import io.batchkit.mr.tools.CleanLoop;
import io.batchkit.mr.tools.DdlCommand;
import io.batchkit.mr.tools.EventGenerator;
import io.batchkit.mr.tools.TicketGenerator;
import io.batchkit.mr.tools.TripGenerator;
import io.batchkit.mr.upsert.UpsertJob;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.hadoop.util.ProgramDriver;
import org.apache.hadoop.util.Tool;
import org.apache.hadoop.util.ToolRunner;

/**
 * The job jar's entry point: {@code hadoop jar batchkit-jobs.jar <job> [args]} runs a job by name;
 * {@code --help} (or nothing) lists them.
 */
public final class BatchkitDriver {
  private BatchkitDriver() {}

  /** Job name to [class, description], in the order they are listed. */
  static Map<String, Object[]> jobs() {
    Map<String, Object[]> jobs = new LinkedHashMap<>();
    jobs.put(InferJob.NAME, new Object[] {InferJob.class, InferJob.DESCRIPTION});
    jobs.put(CleanJob.NAME, new Object[] {CleanJob.class, CleanJob.DESCRIPTION});
    jobs.put(ProfileJob.NAME, new Object[] {ProfileJob.class, ProfileJob.DESCRIPTION});
    jobs.put(AggregateJob.NAME, new Object[] {AggregateJob.class, AggregateJob.DESCRIPTION});
    jobs.put(EnrichJob.NAME, new Object[] {EnrichJob.class, EnrichJob.DESCRIPTION});
    jobs.put(UpsertJob.NAME, new Object[] {UpsertJob.class, UpsertJob.DESCRIPTION});
    jobs.put(SplitJob.NAME, new Object[] {SplitJob.class, SplitJob.DESCRIPTION});
    jobs.put(ConvertJob.NAME, new Object[] {ConvertJob.class, ConvertJob.DESCRIPTION});
    jobs.put(CompactJob.NAME, new Object[] {CompactJob.class, CompactJob.DESCRIPTION});
    jobs.put(
        RegisterCommand.NAME, new Object[] {RegisterCommand.class, RegisterCommand.DESCRIPTION});
    jobs.put(PipelineRunner.NAME, new Object[] {Run.class, PipelineRunner.DESCRIPTION});
    jobs.put(DdlCommand.NAME, new Object[] {DdlCommand.class, DdlCommand.DESCRIPTION});
    jobs.put(TripGenerator.NAME, new Object[] {TripGenerator.class, TripGenerator.DESCRIPTION});
    jobs.put(EventGenerator.NAME, new Object[] {EventGenerator.class, EventGenerator.DESCRIPTION});
    jobs.put(
        TicketGenerator.NAME, new Object[] {TicketGenerator.class, TicketGenerator.DESCRIPTION});
    jobs.put(CleanLoop.NAME, new Object[] {CleanLoop.class, CleanLoop.DESCRIPTION});
    jobs.put(BenchLoop.NAME, new Object[] {BenchLoop.class, BenchLoop.DESCRIPTION});
    return jobs;
  }

  /** The jobs a pipeline step may name. */
  public static Map<String, BiFunction<PrintStream, PrintStream, Tool>> pipelineJobs() {
    Map<String, BiFunction<PrintStream, PrintStream, Tool>> jobs = new LinkedHashMap<>();
    jobs.put(InferJob.NAME, InferJob::new);
    jobs.put(CleanJob.NAME, CleanJob::new);
    jobs.put(ProfileJob.NAME, ProfileJob::new);
    jobs.put(AggregateJob.NAME, AggregateJob::new);
    jobs.put(EnrichJob.NAME, EnrichJob::new);
    jobs.put(UpsertJob.NAME, UpsertJob::new);
    jobs.put(SplitJob.NAME, SplitJob::new);
    jobs.put(ConvertJob.NAME, ConvertJob::new);
    jobs.put(CompactJob.NAME, CompactJob::new);
    jobs.put(RegisterCommand.NAME, RegisterCommand::new);
    jobs.put(DdlCommand.NAME, DdlCommand::new);
    return jobs;
  }

  /** {@code run}: the pipeline runner, as a main class for ProgramDriver. */
  public static final class Run {
    private Run() {}

    public static void main(String[] args) throws Exception {
      System.exit(ToolRunner.run(new PipelineRunner(pipelineJobs(), System.out, System.err), args));
    }
  }

  static void usage(PrintStream out) {
    out.println("Usage: hadoop jar batchkit-jobs.jar <job> [generic options] [job options]");
    out.println("       (or scripts/batchkit <job> ...; <job> --help for a job's options)");
    out.println();
    out.println("Jobs:");
    jobs().forEach((name, job) -> out.printf("  %-18s %s%n", name, job[1]));
  }

  public static void main(String[] args) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      usage(args.length == 0 ? System.err : System.out);
      System.exit(args.length == 0 ? 2 : 0);
    }
    if (!jobs().containsKey(args[0])) {
      System.err.println("batchkit: unknown job '" + args[0] + "'");
      usage(System.err);
      System.exit(2);
    }
    int code;
    try {
      ProgramDriver driver = new ProgramDriver();
      for (Map.Entry<String, Object[]> e : jobs().entrySet()) {
        driver.addClass(e.getKey(), (Class<?>) e.getValue()[0], (String) e.getValue()[1]);
      }
      code = driver.run(args);
    } catch (Throwable e) {
      System.err.println("batchkit: " + args[0] + " failed: " + e + hint(e));
      code = 1;
    }
    System.exit(code);
  }

  /** What to do about a failure whose cause is a missing jar rather than the job. */
  static String hint(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof NoClassDefFoundError && String.valueOf(t.getMessage()).contains("awssdk")) {
        return "\nbatchkit: s3a:// needs the AWS SDK, which is not on the classpath: scripts/batchkit"
            + " adds it when an argument (or a -conf, pipeline or schema file named by one) names"
            + " s3a://; set BATCHKIT_AWS_SDK=1 to add it always. On a cluster it comes with Hadoop"
            + " (hadoop-aws and the AWS SDK bundle in share/hadoop/tools/lib).";
      }
    }
    return "";
  }
}
