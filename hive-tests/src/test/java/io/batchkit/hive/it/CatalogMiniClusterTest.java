package io.batchkit.hive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.mr.clean.CleanJob;
import io.batchkit.mr.tools.TripGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.Table;
import org.apache.hadoop.mapred.MiniMRClientCluster;
import org.apache.hadoop.mapred.MiniMRClientClusterFactory;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clean --table} on real HDFS and YARN (in process) registers {@code hdfs://} locations in
 * the metastore, and a HiveServer2 on that metastore reads the rows there.
 */
class CatalogMiniClusterTest {
  @TempDir Path dir;

  @Test
  void cleanOnHdfsAndYarnRegistersHdfsLocationsHiveReads() throws Exception {
    Configuration base = new Configuration();
    base.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("dfs").toString());
    MiniDFSCluster dfs = new MiniDFSCluster.Builder(base).numDataNodes(1).build();
    MiniMRClientCluster yarn = null;
    try (Metastore metastore = Metastore.start(dir.resolve("metastore"))) {
      dfs.waitActive();
      Configuration c = new Configuration(dfs.getConfiguration(0));
      c.set("yarn.nodemanager.vmem-check-enabled", "false");
      c.set("yarn.scheduler.minimum-allocation-mb", "256");
      c.set("mapreduce.map.memory.mb", "512");
      c.set("yarn.app.mapreduce.am.resource.mb", "512");
      String opens = "-Xmx400m -XX:TieredStopAtLevel=1 " + String.join(" ", opens());
      c.set("mapreduce.map.java.opts", opens);
      c.set("yarn.app.mapreduce.am.command-opts", opens);
      c.setInt("yarn.resourcemanager.nodemanagers.heartbeat-interval-ms", 100);
      c.setInt("yarn.app.mapreduce.am.scheduler.heartbeat.interval-ms", 100);
      yarn = MiniMRClientClusterFactory.create(CatalogMiniClusterTest.class, 1, c);
      Configuration conf = new Configuration(yarn.getConfig());
      conf.set("hive.metastore.uris", metastore.uri);

      Path local = dir.resolve("trips.csv");
      TripGenerator.main(
          new String[] {"--rows", "2000", "--seed", "5", "--output", local.toString()});
      FileSystem fs = FileSystem.get(conf);
      fs.copyFromLocalFile(
          new org.apache.hadoop.fs.Path(local.toUri()),
          new org.apache.hadoop.fs.Path("/landing/trips.csv"));
      fs.copyFromLocalFile(
          new org.apache.hadoop.fs.Path(Path.of("../examples/trips.yaml").toAbsolutePath().toUri()),
          new org.apache.hadoop.fs.Path("/schemas/trips.yaml"));
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
      int code =
          ToolRunner.run(
              conf,
              new CleanJob(quiet, new PrintStream(err, true)),
              new String[] {
                "--schema",
                "/schemas/trips.yaml",
                "--input",
                "/landing",
                "--output",
                "/out",
                "--table",
                "hdfs_db.trips"
              });
      assertEquals(0, code, err.toString(StandardCharsets.UTF_8));

      String hdfs = fs.getUri().toString();
      try (IMetaStoreClient client = metastore.client()) {
        Table t = client.getTable("hdfs_db", "trips");
        assertEquals(hdfs + "/out/clean", t.getSd().getLocation());
        for (String p : client.listPartitionNames("hdfs_db", "trips", (short) -1)) {
          String location = client.getPartition("hdfs_db", "trips", p).getSd().getLocation();
          assertTrue(location.startsWith(hdfs + "/out/clean/dt="), location);
        }
      }
      // Per partition, the rows in its HDFS files (counted here) are what Hive reads there.
      Map<String, Long> rows = new TreeMap<>();
      for (FileStatus d : fs.listStatus(new org.apache.hadoop.fs.Path("/out/clean"))) {
        long n = 0;
        for (FileStatus f : fs.listStatus(d.getPath())) {
          try (var in = fs.open(f.getPath())) {
            n += new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().count();
          }
        }
        String name = d.getPath().getName();
        rows.put(name.substring(name.indexOf('=') + 1), n);
      }
      List<String> expected = new ArrayList<>();
      rows.forEach((dt, n) -> expected.add(dt + "," + n));
      assertEquals(
          expected,
          metastore.beeline("SELECT dt, count(*) FROM hdfs_db.trips GROUP BY dt ORDER BY dt;"));
    } finally {
      if (yarn != null) {
        yarn.stop();
      }
      dfs.shutdown();
    }
  }

  private static List<String> opens() {
    List<String> opens = new ArrayList<>();
    for (String a : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens")) {
        opens.add(a);
      }
    }
    return opens;
  }
}
