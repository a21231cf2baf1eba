package io.batchkit.mr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchkit.mr.clean.CleanJob;
import io.batchkit.mr.testing.JobRun;
import io.batchkit.mr.testing.MiniCluster;
import io.batchkit.mr.tools.TripGenerator;
import io.batchkit.mr.upsert.UpsertJob;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jobs on real in-process HDFS and YARN (MiniDFSCluster + MiniMRYarnCluster): the job is
 * submitted to a ResourceManager, its tasks run in NodeManager containers, and input and output
 * live on HDFS. One cluster for the class: it takes ~20 s to start.
 */
class JobsMiniClusterTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  static MiniDFSCluster dfs;
  static Configuration conf;

  static MiniCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = MiniCluster.shared();
    dfs = cluster.dfs;
    conf = cluster.conf();
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

  /** The demo pipeline, every job of it, on HDFS and YARN; counts checked independently. */
  @Test
  void runsTheDemoPipelineOnHdfsWithYarn() throws Exception {
    Path local = tmp.resolve("demo");
    TripGenerator.main(
        new String[] {
          "--rows",
          "4000",
          "--seed",
          "11",
          "--output",
          local.resolve("trips.csv").toString(),
          "--expect",
          local.resolve("expect.json").toString(),
          "--zones",
          local.resolve("zones.csv").toString()
        });
    JsonNode ledger = JSON.readTree(local.resolve("expect.json").toFile());
    FileSystem fs = dfs.getFileSystem();
    String work = fs.getUri() + "/demo";
    for (String f : new String[] {"trips.csv", "zones.csv"}) {
      fs.copyFromLocalFile(
          new org.apache.hadoop.fs.Path(local.resolve(f).toUri()),
          new org.apache.hadoop.fs.Path(work + "/landing/" + f.replace(".csv", "") + "/" + f));
    }
    for (String f : new String[] {"trips.yaml", "zones.yaml"}) {
      fs.copyFromLocalFile(
          new org.apache.hadoop.fs.Path(Path.of("../examples/" + f).toAbsolutePath().toUri()),
          new org.apache.hadoop.fs.Path("/schemas/" + f));
    }
    Configuration jobConf = new Configuration(conf);
    // Nine small jobs: each runs its tasks inside its YARN application master ("uber" mode), which
    // saves a container start per task; the clean test above runs tasks in their own containers.
    jobConf.setBoolean("mapreduce.job.ubertask.enable", true);
    jobConf.setInt("mapreduce.job.reduces", 1);
    JobRun r =
        JobRun.run(
            jobConf,
            (o, e) ->
                new io.batchkit.mr.pipeline.PipelineRunner(
                    io.batchkit.mr.BatchkitDriver.pipelineJobs(), o, e),
            Path.of("../examples/demo-pipeline.yaml").toAbsolutePath().toUri().toString(),
            "--var",
            "work=" + work,
            "--var",
            "schemas=" + fs.getUri() + "/schemas");
    assertEquals(0, r.exit(), r.err() + r.out());
    assertTrue(!r.err().contains("job_local"), "ran on YARN, not the local runner");

    long clean = ledger.get("clean_with_dedupe").asLong();
    assertEquals(clean, hdfsManifest(fs, work + "/out/clean").at("/counts/clean").asLong());
    // What the later jobs must find, computed here from the clean rows on HDFS.
    long matched = 0;
    long withPassengers = 0;
    for (String line : lines(fs, new org.apache.hadoop.fs.Path(work + "/out/clean/clean"))) {
      String[] f = io.batchkit.mr.testing.Trips.split(line);
      if (Integer.parseInt(f[5]) <= TripGenerator.ZONES_IN_LOOKUP) {
        matched++;
      }
      if (f[3] != null && Integer.parseInt(f[3]) >= 1) {
        withPassengers++;
      }
    }
    JsonNode enriched = hdfsManifest(fs, work + "/out/enriched");
    assertEquals(clean, enriched.at("/counts/read").asLong());
    assertEquals(matched, enriched.at("/counts/matched").asLong());
    assertEquals("map-side", enriched.at("/enrich/join").asText());
    long daily = 0;
    for (String line : lines(fs, new org.apache.hadoop.fs.Path(work + "/out/daily/data"))) {
      daily += Long.parseLong(line.split("\t")[1]);
    }
    assertEquals(clean, daily);
    long byBorough = 0;
    for (String line : lines(fs, new org.apache.hadoop.fs.Path(work + "/out/by_borough/data"))) {
      byBorough += Long.parseLong(line.split("\t")[1]);
    }
    assertEquals(withPassengers, byBorough);
    // profile, Parquet and split: their data read here, not their manifests' counts.
    JsonNode profile;
    try (java.io.InputStream in =
        fs.open(new org.apache.hadoop.fs.Path(work + "/out/profile/profile.json"))) {
      profile = JSON.readTree(in);
    }
    assertEquals(ledger.get("rows").asLong(), profile.at("/records/read").asLong());
    assertEquals(ledger.get("quarantined").asLong(), profile.at("/records/invalid").asLong());
    assertTrue(fs.exists(new org.apache.hadoop.fs.Path(work + "/out/profile/report.html")));
    assertEquals(clean, parquetRows(fs, new org.apache.hadoop.fs.Path(work + "/out/parquet/data")));
    java.util.List<String> enrichedRows =
        lines(fs, new org.apache.hadoop.fs.Path(work + "/out/enriched/data"));
    java.util.List<String> splitRows = new java.util.ArrayList<>();
    java.util.Map<String, Integer> perSplit = new java.util.TreeMap<>();
    for (String name : new String[] {"train", "validation", "test"}) {
      java.util.List<String> rows =
          lines(fs, new org.apache.hadoop.fs.Path(work + "/out/split/data/split=" + name));
      perSplit.put(name, rows.size());
      splitRows.addAll(rows);
    }
    enrichedRows.sort(null);
    splitRows.sort(null);
    assertEquals(clean, enrichedRows.size());
    assertEquals(enrichedRows, splitRows, "every enriched row in exactly one split");
    // Binomial spread of 80/10/10 over ~3,800 rows: 5 standard deviations at most.
    double[] ratios = {0.1, 0.8, 0.1}; // test, train, validation (the map's order)
    int i = 0;
    for (int n : perSplit.values()) {
      double sd = Math.sqrt(clean * ratios[i] * (1 - ratios[i]));
      assertTrue(Math.abs(n - clean * ratios[i]) <= 5 * sd, perSplit.toString());
      i++;
    }

    // upsert: a first load, then the same batch again changes nothing
    for (String[] run :
        new String[][] {
          {"--batch", work + "/out/clean", "--output", work + "/snap1"},
          {
            "--snapshot",
            work + "/snap1",
            "--batch",
            work + "/out/clean",
            "--output",
            work + "/snap2"
          }
        }) {
      JobRun u = JobRun.run(jobConf, UpsertJob::new, run);
      assertEquals(0, u.exit(), u.err());
    }
    assertEquals(clean, hdfsManifest(fs, work + "/snap1").at("/counts/inserted").asLong());
    assertEquals(clean, hdfsManifest(fs, work + "/snap2").at("/counts/unchanged").asLong());
  }

  static JsonNode hdfsManifest(FileSystem fs, String dir) throws Exception {
    try (java.io.InputStream in = fs.open(new org.apache.hadoop.fs.Path(dir, "_MANIFEST.json"))) {
      return JSON.readTree(in);
    }
  }

  static java.util.List<String> lines(FileSystem fs, org.apache.hadoop.fs.Path dir)
      throws Exception {
    java.util.List<String> out = new java.util.ArrayList<>();
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
    while (it.hasNext()) {
      FileStatus f = it.next();
      if (f.getPath().getName().startsWith("part-")) {
        try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(fs.open(f.getPath()), StandardCharsets.UTF_8))) {
          in.lines().forEach(out::add);
        }
      }
    }
    return out;
  }

  /** Rows of every Parquet file under {@code dir}, from the files' own footers. */
  static long parquetRows(FileSystem fs, org.apache.hadoop.fs.Path dir) throws Exception {
    long n = 0;
    int files = 0;
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
    while (it.hasNext()) {
      FileStatus f = it.next();
      if (f.getPath().getName().startsWith("part-")) {
        try (org.apache.parquet.hadoop.ParquetFileReader r =
            org.apache.parquet.hadoop.ParquetFileReader.open(
                org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(
                    f.getPath(), fs.getConf()))) {
          n += r.getRecordCount();
          files++;
        }
      }
    }
    assertTrue(files > 0, "Parquet files under " + dir);
    return n;
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
