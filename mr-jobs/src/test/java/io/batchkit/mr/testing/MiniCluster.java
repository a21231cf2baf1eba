package io.batchkit.mr.testing;

import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.mapred.MiniMRClientCluster;
import org.apache.hadoop.mapred.MiniMRClientClusterFactory;

/**
 * Real HDFS and YARN in this JVM (MiniDFSCluster + MiniMRYarnCluster), tuned for tests on two
 * cores: small containers, task JVMs that start fast, and heartbeats every 100 ms, so a task (or a
 * retried attempt) gets its container in a tenth of the default wait. One per test JVM ({@link
 * #shared}): starting one takes half a minute on two cores.
 */
public final class MiniCluster implements AutoCloseable {
  public final MiniDFSCluster dfs;
  public final MiniMRClientCluster yarn;
  private final Configuration conf;

  public MiniCluster(Class<?> owner, Path dir) throws Exception {
    Configuration base = new Configuration();
    base.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("dfs").toString());
    dfs = new MiniDFSCluster.Builder(base).numDataNodes(1).build();
    dfs.waitActive();
    Configuration c = new Configuration(dfs.getConfiguration(0));
    c.set("yarn.nodemanager.vmem-check-enabled", "false");
    c.set("yarn.scheduler.minimum-allocation-mb", "256");
    c.set("mapreduce.map.memory.mb", "512");
    c.set("mapreduce.reduce.memory.mb", "512");
    c.set("yarn.app.mapreduce.am.resource.mb", "512");
    String opens = "-Xmx400m -XX:TieredStopAtLevel=1 -Xshare:auto " + JvmOpens.list();
    c.set("mapreduce.map.java.opts", opens);
    c.set("mapreduce.reduce.java.opts", opens);
    c.set("yarn.app.mapreduce.am.command-opts", opens);
    c.setInt("yarn.resourcemanager.nodemanagers.heartbeat-interval-ms", 100);
    c.setInt("yarn.app.mapreduce.am.scheduler.heartbeat.interval-ms", 100);
    c.setFloat("mapreduce.job.reduce.slowstart.completedmaps", 1.0f);
    c.setInt("yarn.resourcemanager.am.max-attempts", 2);
    yarn = MiniMRClientClusterFactory.create(owner, 1, c);
    conf = yarn.getConfig();
  }

  private static MiniCluster shared;

  /**
   * The cluster every cluster test class of this JVM uses (each under its own HDFS root), started
   * by the first and stopped when the JVM exits.
   */
  public static synchronized MiniCluster shared() throws Exception {
    if (shared == null) {
      // One per test JVM: surefire's forks each have their own (batchkit.test.fork).
      Path dir =
          Path.of("target/test/minicluster" + System.getProperty("batchkit.test.fork", ""))
              .toAbsolutePath();
      MiniCluster c = new MiniCluster(MiniCluster.class, dir);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      c.close();
                    } catch (Exception e) {
                      // the JVM is exiting: nothing is left to clean up for
                    }
                  }));
      shared = c;
    }
    return shared;
  }

  /** The configuration jobs are submitted with. */
  public Configuration conf() {
    return conf;
  }

  @Override
  public void close() throws Exception {
    if (yarn != null) {
      yarn.stop();
    }
    if (dfs != null) {
      dfs.shutdown();
    }
  }
}
