package io.batchkit.mr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The single-node cluster as a user starts it: {@code scripts/cluster-test.sh} starts HDFS, YARN
 * and the JobHistory server with {@code scripts/cluster.sh}, submits {@code clean} through Hadoop's
 * RunJar with the job jar, checks the counts on HDFS against the generator's ledger, and stops the
 * cluster on every way out. Runs after {@code package}, when the jar exists.
 */
class ClusterScriptsIT {
  @Test
  void cleanOnTheSingleNodeClusterThroughRunJar() throws Exception {
    File root = new File("..").getCanonicalFile();
    Process p =
        new ProcessBuilder("bash", "scripts/cluster-test.sh")
            .directory(root)
            .redirectErrorStream(true)
            .start();
    byte[] out;
    boolean done = p.waitFor(10, TimeUnit.MINUTES);
    if (!done) {
      p.destroyForcibly();
      new ProcessBuilder("bash", "scripts/cluster.sh", "stop").directory(root).start().waitFor();
    }
    out = p.getInputStream().readAllBytes();
    String log = new String(out, StandardCharsets.UTF_8);
    System.out.println(log);
    assertTrue(done, "finished within 10 minutes");
    assertEquals(0, p.exitValue(), log);
    assertTrue(log.contains("cluster-test: ok:"), log);
  }
}
