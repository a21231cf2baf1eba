package io.batchkit.mr.clean;

import io.batchkit.core.schema.HiveDdl;
import io.batchkit.core.schema.Schema;
import io.batchkit.mr.common.Args;
import io.batchkit.mr.common.IncrementalOutput;
import io.batchkit.mr.common.InputFiles;
import io.batchkit.mr.common.ListedDirectories;
import io.batchkit.mr.common.OutputDirectory;
import io.batchkit.mr.common.UsageException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code clean --incremental}: which input files no committed run read, and, once a run's output is
 * complete, its commit, the totals over all runs and the Hive partitions it wrote.
 */
final class IncrementalClean {
  private final Path output;
  private final Configuration conf;
  private final PrintStream out;
  private final IncrementalOutput runs;
  private final ListedDirectories listed;

  private IncrementalClean(
      Path output,
      Configuration conf,
      PrintStream out,
      IncrementalOutput runs,
      ListedDirectories listed) {
    this.output = output;
    this.conf = conf;
    this.out = out;
    this.runs = runs;
    this.listed = listed;
  }

  /** Takes OUT for this run, finishing or dropping what a killed run left. */
  static IncrementalClean open(
      String job, Args args, Path output, Configuration conf, PrintStream out, PrintStream err)
      throws IOException, UsageException {
    if (args.has("overwrite")) {
      throw new UsageException(
          job + ": --incremental adds to OUT; --overwrite would replace it: give one of them");
    }
    OutputDirectory.take(job, output, conf);
    IncrementalOutput runs = IncrementalOutput.open(job, output, conf, err);
    return new IncrementalClean(
        output, conf, out, runs, ListedDirectories.of(output, conf, args.has("relist")));
  }

  /**
   * The input files no committed run read; when there are none, says so and refreshes the views (a
   * killed run may just have been finished).
   */
  List<FileStatus> fresh(String job, List<String> inputs, Schema schema, String writtenSchema)
      throws IOException, UsageException {
    List<FileStatus> fresh = runs.unseen(InputFiles.list(job, inputs, conf, listed));
    String earlier =
        String.format(
            Locale.ROOT, "(%,d read by %,d earlier runs)", runs.seenFiles(), runs.runs().size());
    if (fresh.isEmpty()) {
      if (!runs.runs().isEmpty()) {
        runs.writeTotals(writtenSchema);
        listed.save(output, conf);
      }
      out.printf("clean: %s: no new input files %s: nothing to do%n", schema.name(), earlier);
    } else {
      out.printf(
          Locale.ROOT, "clean: %s: %,d new input files %s%n", schema.name(), fresh.size(), earlier);
    }
    return fresh;
  }

  Path runDir(String runId) {
    return runs.runDir(runId);
  }

  /** The keys earlier runs kept, for --dedupe; null before the first. */
  Path keys() throws IOException {
    return runs.keys();
  }

  /** A run stopped by its checks, kept for inspection; where it is. */
  Path reject(String runId) throws IOException {
    return runs.reject(runId);
  }

  /** Commits and publishes a complete run, rebuilds the totals, prints what it added. */
  void commit(String runId, Schema schema, List<FileStatus> inputs, String writtenSchema)
      throws IOException {
    List<String> touched = partitions(runs.runDir(runId), conf);
    runs.commit(runId, inputs);
    Map<String, Object> totals = runs.writeTotals(writtenSchema);
    listed.save(output, conf); // every file listed is read by a committed run now
    String hql = HiveDdl.addPartitions(schema, touched, new Path(output, "clean").toString());
    runs.note(runId, "partitions.hql", hql);
    // The last run's, at a fixed place, for a pipeline's hql step (file: OUT/_PARTITIONS.hql).
    try (OutputStream os =
        output.getFileSystem(conf).create(new Path(output, "_PARTITIONS.hql"), true)) {
      os.write(
          ("-- partitions added by run " + runId + "\n" + hql).getBytes(StandardCharsets.UTF_8));
    }
    out.print(CleanSummary.incremental(runId, totals, hql));
  }

  /** The Hive partition directories written under {@code OUT/clean/}, sorted. */
  static List<String> partitions(Path output, Configuration conf) throws IOException {
    List<String> names = new ArrayList<>();
    Path clean = new Path(output, "clean");
    FileSystem fs = clean.getFileSystem(conf);
    if (fs.exists(clean)) {
      for (FileStatus s : fs.listStatus(clean)) {
        if (s.isDirectory()) {
          names.add(s.getPath().getName());
        }
      }
    }
    names.sort(null);
    return names;
  }
}
