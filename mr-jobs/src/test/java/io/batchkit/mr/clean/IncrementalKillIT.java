package io.batchkit.mr.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchkit.mr.testing.JobRun;
import io.batchkit.mr.testing.OutputFiles;
import io.batchkit.mr.tools.TripGenerator;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clean --incremental --dedupe} as a user runs it ({@code scripts/batchkit}, after {@code
 * package}), killed with SIGKILL at a series of moments while files land, then run to the end: the
 * result equals one full {@code clean --dedupe} over all the files, counts and rows.
 */
class IncrementalKillIT {
  static final File ROOT = new File("..").getAbsoluteFile();
  static final String SCHEMA = new File(ROOT, "examples/trips.yaml").getPath();

  @TempDir Path tmp;

  void land(int n) throws Exception {
    Path f = tmp.resolve("landing/trips-" + n + ".csv");
    Files.createDirectories(f.getParent());
    TripGenerator.main(
        new String[] {"--rows", "25000", "--seed", String.valueOf(n), "--output", f.toString()});
  }

  Process start(Path log) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(
                "bash",
                "scripts/batchkit",
                "clean",
                "--schema",
                SCHEMA,
                "--input",
                tmp.resolve("landing").toString(),
                "--output",
                tmp.resolve("out").toString(),
                "--incremental",
                "--dedupe")
            .directory(ROOT)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().put("BATCHKIT_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -Xshare:auto -Xmx1g");
    // Without class data sharing: the first run after a build would train its archive first, so
    // how long a run takes would depend on the order of the tests.
    pb.environment().put("BATCHKIT_CDS", "0");
    return pb.start();
  }

  @Test
  void killedAtAnyMomentARerunEndsEqualToOneRun() throws Exception {
    Path log = tmp.resolve("runs.log");
    int killed = 0;
    // From during the JVM's start to after a whole run (about 2 s; even a 10-row run takes over
    // 1 s, so the three below 1 s are always killed): some runs die in their start or tasks, some
    // in their commit or later, some finish.
    long[] delays = {300, 1000, 6000, 500, 700, 8000};
    int finished = 0;
    for (int i = 0; i < delays.length; i++) {
      if (i % 2 == 0) {
        land(i / 2 + 1);
      }
      Process p = start(log);
      if (!p.waitFor(delays[i], TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no finally
        killed++;
        Files.writeString(
            log,
            "=== killed after " + delays[i] + " ms\n",
            java.nio.file.StandardOpenOption.APPEND);
      } else {
        finished++;
      }
    }
    Process last = start(log);
    assertTrue(last.waitFor(5, TimeUnit.MINUTES));
    String out = Files.readString(log);
    System.out.println(out);
    assertEquals(0, last.exitValue(), out);
    assertTrue(killed >= 2, "runs were killed: " + killed + "\n" + out);
    System.out.println("IncrementalKillIT: " + killed + " runs killed, " + finished + " finished");

    JobRun full =
        JobRun.run(
            JobRun.local(),
            CleanJob::new,
            "--schema",
            SCHEMA,
            "--input",
            tmp.resolve("landing").toString(),
            "--output",
            tmp.resolve("reference").toString(),
            "--dedupe");
    assertEquals(0, full.exit(), full.err());
    ObjectMapper json = new ObjectMapper();
    JsonNode expected =
        json.readTree(tmp.resolve("reference/_MANIFEST.json").toFile()).get("counts");
    JsonNode totals = json.readTree(tmp.resolve("out/_MANIFEST.json").toFile());
    assertEquals(expected, totals.get("counts"), out);
    assertEquals(
        OutputFiles.rowsByDirectory(tmp.resolve("reference")),
        OutputFiles.rowsByDirectory(tmp.resolve("out")),
        out);
    assertTrue(Files.exists(tmp.resolve("out/_SUCCESS")));
  }
}
