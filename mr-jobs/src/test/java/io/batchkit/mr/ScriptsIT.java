package io.batchkit.mr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The scripts as a user runs them, after {@code package} (they use the job jar): each check script
 * starts what it needs, checks results computed apart from the code under test, and stops what it
 * started on every way out.
 */
class ScriptsIT {
  static final File ROOT = new File("..").getAbsoluteFile();

  static String run(String script, String passLine) throws Exception {
    Path log = Files.createTempFile("batchkit-" + script.replace('/', '-'), ".log");
    Process p =
        new ProcessBuilder("bash", script)
            .directory(ROOT)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean done = p.waitFor(10, TimeUnit.MINUTES);
    if (!done) {
      p.destroyForcibly().waitFor();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    System.out.println(out);
    assertTrue(done, script + " finished within 10 minutes");
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains(passLine), out);
    return out;
  }

  /**
   * {@code scripts/cluster-test.sh}: a single-node HDFS + YARN + JobHistory cluster from {@code
   * scripts/cluster.sh}, {@code clean} submitted through Hadoop's RunJar ({@code
   * scripts/submit.sh}), counts read back from HDFS and checked against the generator's ledger.
   */
  @Test
  void cleanOnTheSingleNodeClusterThroughRunJar() throws Exception {
    try {
      run("scripts/cluster-test.sh", "cluster-test: ok:");
    } finally {
      // Belt and braces: the script's own trap stops it; a killed script could not.
      ProcessBuilder stop = new ProcessBuilder("bash", "scripts/cluster.sh", "stop");
      stop.environment()
          .put("BATCHKIT_CLUSTER_DIR", new File(ROOT, "target/cluster-test").getPath());
      stop.directory(ROOT).redirectErrorStream(true).start().waitFor(2, TimeUnit.MINUTES);
    }
  }

  /**
   * {@code scripts/s3-test.sh}: clean and aggregate with input and output on {@code s3a://} against
   * moto's S3 on 127.0.0.1, counts against the ledger; a clean killed half-way leaves nothing
   * visible (the magic committer); no credential in tracked files or output.
   */
  @Test
  void jobsOnS3aAndAKilledJobLeavesNoVisibleOutput() throws Exception {
    String out = run("scripts/s3-test.sh", "s3-test: ok:");
    assertTrue(out.contains("none visible"), out);
  }

  /**
   * {@code scripts/emr-test.sh}: {@code scripts/emr.sh} with the real AWS CLI against moto on
   * 127.0.0.1: the cluster definition, the upload, and the demo pipeline's steps as the service
   * recorded them; no credential in any tracked file or output.
   */
  @Test
  void emrStepsFromThePipelineReachTheService() throws Exception {
    String out = run("scripts/emr-test.sh", "emr-test: ok:");
    assertTrue(out.contains("are exactly the 8 generated"), out);
  }
}
