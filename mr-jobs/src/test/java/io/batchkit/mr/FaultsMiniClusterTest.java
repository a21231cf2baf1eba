package io.batchkit.mr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.mr.aggregate.AggregateJob;
import io.batchkit.mr.clean.CleanJob;
import io.batchkit.mr.common.TaskFaults;
import io.batchkit.mr.convert.ConvertJob;
import io.batchkit.mr.enrich.EnrichJob;
import io.batchkit.mr.io.SplitSize;
import io.batchkit.mr.testing.JobRun;
import io.batchkit.mr.testing.MiniCluster;
import io.batchkit.mr.tools.TripGenerator;
import io.batchkit.mr.upsert.UpsertJob;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.mapreduce.TaskType;
import org.apache.hadoop.util.Tool;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The faults a cluster has every day, on real HDFS and YARN: a map and a reduce attempt that die
 * after writing their output (retried), attempts that stall (speculative execution), and a killed
 * ApplicationMaster (restarted, recovering finished tasks). Each disturbed run must leave exactly
 * the output of an undisturbed one (the same job on the local runner, on the same HDFS input): byte
 * for byte where a job orders its rows, row for row where it does not (enrich's reduce-side join
 * and convert's bins take rows in shuffle order), with counts that reconcile.
 */
class FaultsMiniClusterTest {
  @TempDir static Path tmp;
  static MiniDFSCluster dfs;
  static Configuration conf;
  static FileSystem fs;
  static String root;

  static MiniCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = MiniCluster.shared();
    dfs = cluster.dfs;
    conf = cluster.conf();
    fs = dfs.getFileSystem();
    // The cluster is shared with the other cluster tests of this JVM: everything under one root.
    root = fs.getUri() + "/faults-suite";
    // Three files, so three map tasks; the trips and their zone lookup as the demo has them.
    for (int i = 1; i <= 3; i++) {
      Path f = tmp.resolve("trips-" + i + ".csv");
      String[] args = {"--rows", "3000", "--seed", String.valueOf(i), "--output", f.toString()};
      if (i == 1) {
        args = append(args, "--zones", tmp.resolve("zones.csv").toString());
      }
      TripGenerator.main(args);
      put(f, "/landing/trips/trips-" + i + ".csv");
    }
    put(tmp.resolve("zones.csv"), "/landing/zones/zones.csv");
    put(Path.of("../examples/trips.yaml").toAbsolutePath(), "/schemas/trips.yaml");
    put(Path.of("../examples/zones.yaml").toAbsolutePath(), "/schemas/zones.yaml");
    // The dataset the later jobs read: clean's output, written once, undisturbed.
    JobRun r = JobRun.run(local(), CleanJob::new, cleanArgs("/clean"));
    assertEquals(0, r.exit(), r.err());
  }

  static String[] append(String[] a, String... more) {
    List<String> l = new ArrayList<>(List.of(a));
    l.addAll(List.of(more));
    return l.toArray(new String[0]);
  }

  static void put(Path local, String hdfs) throws Exception {
    fs.copyFromLocalFile(
        new org.apache.hadoop.fs.Path(local.toUri()), new org.apache.hadoop.fs.Path(root + hdfs));
  }

  /** The local runner, reading and writing this cluster's HDFS: the undisturbed reference. */
  static Configuration local() {
    Configuration c = JobRun.local();
    c.setInt("mapreduce.job.reduces", 1);
    return c;
  }

  /**
   * The cluster, one reducer (each task is a JVM started on two cores: fewer tasks, a faster
   * suite), and the faults to inject.
   */
  static Configuration cluster(String faults) {
    Configuration c = new Configuration(conf);
    c.setInt("mapreduce.job.reduces", 1);
    if (faults != null) {
      c.set(TaskFaults.KEY, faults);
    }
    return c;
  }

  static String[] cleanArgs(String out) {
    return new String[] {
      "--schema", root + "/schemas/trips.yaml",
      "--input", root + "/landing/trips",
      "--output", root + out,
      "--dedupe"
    };
  }

  /** Every part file under {@code dir}: path relative to it -> its bytes as text. */
  static Map<String, String> files(String dir) throws Exception {
    Map<String, String> out = new TreeMap<>();
    org.apache.hadoop.fs.Path base = new org.apache.hadoop.fs.Path(root + dir);
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(base, true);
    int cut = fs.makeQualified(base).toString().length();
    while (it.hasNext()) {
      org.apache.hadoop.fs.Path p = it.next().getPath();
      String rel = p.toString().substring(cut);
      if (!rel.contains("/_") && !rel.startsWith("_") && !p.getName().startsWith(".")) {
        try (var in = fs.open(p)) {
          out.put(rel, new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
        }
      }
    }
    return out;
  }

  /** The same, as each directory's sorted lines (for jobs whose row order is the shuffle's). */
  static Map<String, List<String>> rows(String dir) throws Exception {
    Map<String, List<String>> out = new TreeMap<>();
    for (Map.Entry<String, String> f : files(dir).entrySet()) {
      String d = f.getKey().substring(0, f.getKey().lastIndexOf('/') + 1);
      List<String> lines = out.computeIfAbsent(d, k -> new ArrayList<>());
      if (f.getKey().endsWith(".parquet")) {
        lines.addAll(parquetRows(new org.apache.hadoop.fs.Path(root + dir + f.getKey())));
      } else {
        lines.addAll(List.of(f.getValue().split("\n")));
      }
    }
    out.values().forEach(Collections::sort);
    return out;
  }

  static List<String> parquetRows(org.apache.hadoop.fs.Path p) throws Exception {
    List<String> out = new ArrayList<>();
    try (ParquetReader<Group> r =
        ParquetReader.builder(new GroupReadSupport(), p).withConf(conf).build()) {
      for (Group g = r.read(); g != null; g = r.read()) {
        out.add(g.toString().replace('\n', ' '));
      }
    }
    return out;
  }

  static com.fasterxml.jackson.databind.JsonNode manifest(String dir) throws Exception {
    try (var in = fs.open(new org.apache.hadoop.fs.Path(root + dir, "_MANIFEST.json"))) {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
    }
  }

  /** Runs a job on the local runner and on the cluster with faults; the outputs must agree. */
  static Void sameOutput(
      BiFunction<PrintStream, PrintStream, Tool> job, String faults, boolean ordered, String[] args)
      throws Exception {
    String out = args[List.of(args).indexOf("--output") + 1].substring(root.length());
    String[] reference = args.clone();
    reference[List.of(args).indexOf("--output") + 1] = root + out + "-reference";
    JobRun a = JobRun.run(local(), job, reference);
    assertEquals(0, a.exit(), a.err());
    JobRun b = JobRun.run(cluster(faults), job, args);
    assertEquals(0, b.exit(), b.err());
    assertTrue(!b.err().contains("job_local"), "ran on YARN");
    assertEquals(manifest(out + "-reference").get("counts"), manifest(out).get("counts"), "counts");
    if (ordered) {
      assertEquals(files(out + "-reference"), files(out), "byte for byte");
    } else {
      assertEquals(rows(out + "-reference"), rows(out), "row for row");
    }
    // The injected failures happened: each job ran a second attempt of a map and of a reduce.
    org.apache.hadoop.mapreduce.Counters c = counters(b);
    assertTrue(
        c.findCounter(org.apache.hadoop.mapreduce.JobCounter.NUM_FAILED_MAPS).getValue() > 0, out);
    assertTrue(
        c.findCounter(org.apache.hadoop.mapreduce.JobCounter.NUM_FAILED_REDUCES).getValue() > 0,
        out);
    return null;
  }

  /**
   * The first attempt of a map and of a reduce task of each job fails after writing its output; the
   * five jobs run at once (the waits are heartbeats and JVM starts, not work).
   */
  @Test
  void everyJobSurvivesAFailedMapAndReduceAttempt() throws Exception {
    String faults = "fail:m,fail:r";
    List<java.util.concurrent.Callable<Void>> runs =
        List.of(
            () -> sameOutput(CleanJob::new, faults, true, cleanArgs("/faults/clean-retried")),
            () ->
                sameOutput(
                    AggregateJob::new,
                    faults,
                    true,
                    new String[] {
                      "--input",
                      root + "/clean",
                      "--group-by",
                      "pu_zone",
                      "--metrics",
                      "count, sum(passenger_count), min(fare), max(fare), count_distinct(do_zone)",
                      "--output",
                      root + "/faults/aggregate"
                    }),
            () ->
                sameOutput(
                    EnrichJob::new,
                    faults,
                    false,
                    new String[] {
                      "--input", root + "/clean",
                      "--lookup", root + "/landing/zones/zones.csv",
                      "--lookup-schema", root + "/schemas/zones.yaml",
                      "--on", "pu_zone=zone_id",
                      "--join", "reduce",
                      "--unmatched", "quarantine",
                      "--output", root + "/faults/enrich"
                    }),
            () ->
                sameOutput(
                    UpsertJob::new,
                    faults,
                    true,
                    new String[] {
                      "--batch", root + "/clean", "--output", root + "/faults/snapshot"
                    }),
            () ->
                sameOutput(
                    ConvertJob::new,
                    faults,
                    false,
                    new String[] {
                      "--input", root + "/clean", "--output", root + "/faults/parquet"
                    }));
    for (java.util.concurrent.Callable<Void> run : runs) {
      run.call(); // one after the other: on two cores, at once was slower
    }
  }

  @Test
  void cleanDedupeUnderSpeculativeExecution() throws Exception {
    Configuration c = cluster("slow:m,slow:r");
    c.setInt("mapreduce.job.reduces", 2); // a reduce is judged slow against another one
    c.setBoolean("mapreduce.map.speculative", true);
    c.setBoolean("mapreduce.reduce.speculative", true);
    c.setInt("mapreduce.job.speculative.minimum-allowed-tasks", 1);
    c.setLong("mapreduce.job.speculative.retry-after-no-speculate", 200);
    c.setLong("mapreduce.job.speculative.retry-after-speculate", 200);
    c.setDouble("mapreduce.job.speculative.speculative-cap-running-tasks", 1.0);
    c.setDouble("mapreduce.job.speculative.speculative-cap-total-tasks", 1.0);
    // A map is judged slow against the others: one task per landed file, not the files packed.
    c.setLong(SplitSize.KEY, 1);
    Configuration reference = local();
    reference.setInt("mapreduce.job.reduces", 2);
    reference.setLong(SplitSize.KEY, 1);
    JobRun a = JobRun.run(reference, CleanJob::new, cleanArgs("/faults/clean-2-reducers"));
    assertEquals(0, a.exit(), a.err());
    JobRun r = JobRun.run(c, CleanJob::new, cleanArgs("/faults/clean-speculative"));
    assertEquals(0, r.exit(), r.err());
    assertEquals(files("/faults/clean-2-reducers"), files("/faults/clean-speculative"));
    assertEquals(
        manifest("/faults/clean-2-reducers").get("counts"),
        manifest("/faults/clean-speculative").get("counts"));
    // The stalled first attempts lost: the attempt that committed task 0 of each kind is a later
    // one, and with no failure injected only speculation starts one. (The killed-attempt counters
    // are no proof: the job may finish before the loser's kill is counted.)
    assertTrue(
        winner(r, TaskType.MAP, 0) > 0, "a speculative map attempt overtook the stalled one");
    assertTrue(
        winner(r, TaskType.REDUCE, 0) > 0, "a speculative reduce attempt overtook the stalled one");
    org.apache.hadoop.mapreduce.Counters counters = counters(r);
    assertEquals(
        0, counters.findCounter(org.apache.hadoop.mapreduce.JobCounter.NUM_FAILED_MAPS).getValue());
    assertEquals(
        0,
        counters.findCounter(org.apache.hadoop.mapreduce.JobCounter.NUM_FAILED_REDUCES).getValue());
  }

  /** The number of the attempt that completed a task (0: the first). */
  static int winner(JobRun r, TaskType type, int task) throws Exception {
    org.apache.hadoop.mapreduce.Cluster cluster = new org.apache.hadoop.mapreduce.Cluster(conf);
    try {
      for (org.apache.hadoop.mapreduce.TaskReport t : job(r, cluster).getTaskReports(type)) {
        if (t.getTaskID().getId() == task) {
          return t.getSuccessfulTaskAttemptId().getId();
        }
      }
      throw new AssertionError("no " + type + " task " + task);
    } finally {
      cluster.close();
    }
  }

  static org.apache.hadoop.mapreduce.Job job(JobRun r, org.apache.hadoop.mapreduce.Cluster cluster)
      throws Exception {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("job (job_\\d+_\\d+) submitted").matcher(r.err());
    assertTrue(m.find(), r.err());
    return cluster.getJob(org.apache.hadoop.mapreduce.JobID.forName(m.group(1)));
  }

  /** The finished job's counters, from the cluster (its id is in the job's progress lines). */
  static org.apache.hadoop.mapreduce.Counters counters(JobRun r) throws Exception {
    org.apache.hadoop.mapreduce.Cluster cluster = new org.apache.hadoop.mapreduce.Cluster(conf);
    try {
      return job(r, cluster).getCounters();
    } finally {
      cluster.close();
    }
  }

  @Test
  void cleanDedupeSurvivesARestartedApplicationMaster() throws Exception {
    // The first map attempt holds the job (TaskFaults' hold:m) until the test has failed the
    // application master: the restart lands mid-job for certain, not when a poll happens to see it.
    Path hold = tmp.resolve("hold-am");
    Configuration c = cluster("hold:m");
    c.set(TaskFaults.HOLD_DIR, hold.toString());
    c.setInt("mapreduce.am.max-attempts", 2);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    Future<JobRun> run =
        pool.submit(() -> JobRun.run(c, CleanJob::new, cleanArgs("/faults/clean-am")));
    YarnClient client = YarnClient.createYarnClient();
    client.init(conf);
    client.start();
    try {
      while (!java.nio.file.Files.exists(hold.resolve("m.reached"))) {
        if (run.isDone()) {
          throw new AssertionError("the job ended before its map was held: " + run.get().err());
        }
        Thread.sleep(50);
      }
      ApplicationReport app = null;
      for (ApplicationReport a : client.getApplications(EnumSet.of(YarnApplicationState.RUNNING))) {
        if (a.getName().startsWith("batchkit clean")) {
          app = a;
        }
      }
      assertTrue(app != null, "the held job's application is running");
      client.failApplicationAttempt(app.getCurrentApplicationAttemptId());
      java.nio.file.Files.writeString(hold.resolve("m.release"), "");
      JobRun r = run.get();
      assertEquals(0, r.exit(), r.err());
      assertEquals(
          2, client.getApplicationAttempts(app.getApplicationId()).size(), "the AM restarted");
    } finally {
      client.stop();
      pool.shutdown();
    }
    assertEquals(files("/clean"), files("/faults/clean-am"), "byte for byte");
    assertEquals(manifest("/clean").get("counts"), manifest("/faults/clean-am").get("counts"));
  }

  /**
   * {@code clean --incremental} on YARN and HDFS: three landings (the first run on the local
   * runner, the others on YARN), the second run's map fails for good (one attempt allowed), the
   * third rolls it back and reads both new files; the result equals one full run on the local
   * runner, row for row, with equal counts.
   */
  @Test
  void incrementalRunsOnTheClusterEqualOneFullRun() throws Exception {
    for (int i = 1; i <= 3; i++) {
      String from = "/landing/trips/trips-" + i + ".csv";
      String to = "/landing/daily/trips-" + i + ".csv";
      org.apache.hadoop.fs.FileUtil.copy(
          fs,
          new org.apache.hadoop.fs.Path(root + from),
          fs,
          new org.apache.hadoop.fs.Path(root + to),
          false,
          conf);
      // The first landing through the local runner (on this HDFS): a run may come from anywhere.
      Configuration c = i == 1 ? local() : cluster(null);
      if (i == 2) {
        c.set(TaskFaults.KEY, "fail:m");
        c.setInt("mapreduce.map.maxattempts", 1);
      }
      JobRun r = JobRun.run(c, CleanJob::new, dailyArgs("/faults/daily", "--incremental"));
      assertEquals(i == 2 ? 1 : 0, r.exit(), r.err());
      if (i == 3) {
        assertTrue(r.err().contains("rolling back run"), r.err());
        assertTrue(r.out().contains("2 new input files (1 read by 1 earlier runs)"), r.out());
      }
    }
    JobRun full = JobRun.run(local(), CleanJob::new, dailyArgs("/faults/daily-full"));
    assertEquals(0, full.exit(), full.err());
    assertEquals(
        manifest("/faults/daily-full").get("counts"), manifest("/faults/daily").get("counts"));
    assertEquals(2, manifest("/faults/daily").get("runs").size());
    assertEquals(rows("/faults/daily-full"), rows("/faults/daily"));
  }

  static String[] dailyArgs(String out, String... more) {
    return append(
        new String[] {
          "--schema", root + "/schemas/trips.yaml",
          "--input", root + "/landing/daily",
          "--output", root + out
        },
        more);
  }
}
