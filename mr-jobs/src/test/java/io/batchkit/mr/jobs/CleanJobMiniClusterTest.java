package io.batchkit.mr.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchkit.mr.testing.JobRun;
import io.batchkit.mr.tools.TripGenerator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.mapred.MiniMRClientCluster;
import org.apache.hadoop.mapred.MiniMRClientClusterFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clean} on real in-process HDFS and YARN (MiniDFSCluster + MiniMRYarnCluster): the job is
 * submitted to a ResourceManager, its tasks run in NodeManager containers, and input and output
 * live on HDFS. One cluster for the class: it takes ~20 s to start.
 */
class CleanJobMiniClusterTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  static MiniDFSCluster dfs;
  static MiniMRClientCluster yarn;
  static Configuration conf;

  @BeforeAll
  static void start() throws Exception {
    Configuration base = new Configuration();
    base.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("dfs").toString());
    dfs = new MiniDFSCluster.Builder(base).numDataNodes(1).build();
    dfs.waitActive();
    Configuration withDfs = new Configuration(dfs.getConfiguration(0));
    withDfs.set("yarn.nodemanager.vmem-check-enabled", "false");
    withDfs.set("yarn.scheduler.minimum-allocation-mb", "256");
    withDfs.set("mapreduce.map.memory.mb", "512");
    withDfs.set("mapreduce.reduce.memory.mb", "512");
    withDfs.set("yarn.app.mapreduce.am.resource.mb", "512");
    String opens = "-Xmx400m --add-opens java.base/java.lang=ALL-UNNAMED";
    withDfs.set("mapreduce.map.java.opts", opens);
    withDfs.set("mapreduce.reduce.java.opts", opens);
    withDfs.set("yarn.app.mapreduce.am.command-opts", opens);
    yarn = MiniMRClientClusterFactory.create(CleanJobMiniClusterTest.class, 1, withDfs);
    conf = yarn.getConfig();
  }

  @AfterAll
  static void stop() throws Exception {
    if (yarn != null) {
      yarn.stop();
    }
    if (dfs != null) {
      dfs.shutdown();
    }
  }

  @Test
  void cleansGeneratedTripsOnHdfsWithYarn() throws Exception {
    Path local = tmp.resolve("trips.csv");
    Path expect = tmp.resolve("expect.json");
    TripGenerator.main(
        new String[] {
          "--rows",
          "5000",
          "--seed",
          "3",
          "--output",
          local.toString(),
          "--expect",
          expect.toString()
        });
    JsonNode ledger = JSON.readTree(expect.toFile());

    FileSystem fs = dfs.getFileSystem();
    org.apache.hadoop.fs.Path input = new org.apache.hadoop.fs.Path("/landing/trips/trips.csv");
    fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()), input);
    org.apache.hadoop.fs.Path schema = new org.apache.hadoop.fs.Path("/schemas/trips.yaml");
    fs.copyFromLocalFile(
        new org.apache.hadoop.fs.Path(Path.of("../examples/trips.yaml").toAbsolutePath().toUri()),
        schema);
    String out = fs.getUri() + "/clean/trips";

    Configuration jobConf = new Configuration(conf);
    jobConf.setInt("mapreduce.job.reduces", 2);
    JobRun r =
        JobRun.run(
            jobConf,
            CleanJob::new,
            "--schema",
            fs.getUri() + schema.toString(),
            "--input",
            fs.getUri() + "/landing/trips",
            "--output",
            out,
            "--dedupe");
    assertEquals(0, r.exit(), r.err() + r.out());
    assertTrue(r.err().contains("submitted"), r.err());
    assertTrue(!r.err().contains("job_local"), "ran on YARN, not the local runner: " + r.err());

    JsonNode m;
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                fs.open(new org.apache.hadoop.fs.Path(out, "_MANIFEST.json")),
                StandardCharsets.UTF_8))) {
      m = JSON.readTree(in);
    }
    JsonNode counts = m.get("counts");
    assertEquals(ledger.get("rows").asLong(), counts.get("read").asLong());
    assertEquals(ledger.get("quarantined").asLong(), counts.get("quarantined").asLong());
    assertEquals(ledger.get("duplicates").asLong(), counts.get("duplicates").asLong());
    assertEquals(ledger.get("clean_with_dedupe").asLong(), counts.get("clean").asLong());
    assertTrue(m.get("job_id").asText().startsWith("job_"));
    assertTrue(fs.exists(new org.apache.hadoop.fs.Path(out, "_SUCCESS")));

    // Count the rows on HDFS directly.
    assertEquals(
        counts.get("clean").asLong(), countLines(fs, new org.apache.hadoop.fs.Path(out, "clean")));
    assertEquals(
        counts.get("quarantined").asLong(),
        countLines(fs, new org.apache.hadoop.fs.Path(out, "quarantine")));
  }

  static long countLines(FileSystem fs, org.apache.hadoop.fs.Path dir) throws Exception {
    long n = 0;
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
    while (it.hasNext()) {
      FileStatus f = it.next();
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(fs.open(f.getPath()), StandardCharsets.UTF_8))) {
        n += in.lines().count();
      }
    }
    return n;
  }
}
