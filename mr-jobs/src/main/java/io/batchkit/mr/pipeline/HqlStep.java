package io.batchkit.mr.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * A pipeline's HiveQL step, {@code args: {file: F, define: {NAME: VALUE}}}: {@code hive -f F -d
 * NAME=VALUE ...} with the Hive CLI on this machine, or an EMR Hive step (the same arguments after
 * {@code hive-script --run-hive-script --args}).
 */
final class HqlStep {
  private HqlStep() {}

  /** The Hive CLI arguments: -f FILE, then -d NAME=VALUE for each define. */
  static List<String> hiveArgs(Pipeline.Step step) {
    List<String> out = new ArrayList<>();
    List<String> a = step.args();
    for (int i = 0; i + 1 < a.size(); i += 2) {
      switch (a.get(i)) {
        case "--file" -> {
          out.add(0, a.get(i + 1));
          out.add(0, "-f");
        }
        case "--define" -> {
          out.add("-d");
          out.add(a.get(i + 1));
        }
        default ->
            throw new IllegalArgumentException(
                "step " + step.name() + ": hql takes file and define, not " + a.get(i));
      }
    }
    if (!out.contains("-f")) {
      throw new IllegalArgumentException(
          "step " + step.name() + ": hql needs file: (a .hql script)");
    }
    return out;
  }

  /** Where the command comes from when neither -D nor the environment names one. */
  static final String COMMAND_KEY = "batchkit.hive.command";

  /**
   * Runs the step with the {@code hive} command ({@code -Dbatchkit.hive.command}, else {@code
   * BATCHKIT_HIVE}); 2 when there is none.
   */
  static int run(Pipeline.Step step, Configuration conf, PrintStream out, PrintStream err)
      throws IOException, InterruptedException {
    // A command and its first words: scripts/batchkit sets "<root>/scripts/batchkit hive" (the
    // embedded Hive) when this machine has no hive command.
    String hive =
        conf.get(COMMAND_KEY, System.getenv().getOrDefault("BATCHKIT_HIVE", "hive")).strip();
    List<String> command = new ArrayList<>(List.of(hive.split("\\s+")));
    command.addAll(hiveArgs(step));
    Process p;
    try {
      p = new ProcessBuilder(command).inheritIO().start();
    } catch (IOException e) {
      err.println(
          "run: step "
              + step.name()
              + " is HiveQL and needs the hive command ("
              + hive
              + " was not found; set BATCHKIT_HIVE), or run the pipeline on EMR with"
              + " scripts/emr.sh");
      return 2;
    }
    return p.waitFor();
  }
}
