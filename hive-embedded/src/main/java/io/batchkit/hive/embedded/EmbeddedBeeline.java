package io.batchkit.hive.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hive.beeline.BeeLine;

/**
 * {@code beeline -f} without a Hive install: Beeline connected to a HiveServer2 inside this process
 * ({@code jdbc:hive2://}), with its Derby metastore and its warehouse under one directory that
 * outlives the run, so tables created by one script are there for the next. MapReduce runs on the
 * local runner. Beeline's options work as on a cluster ({@code -f}, {@code -e}, {@code -i}, {@code
 * --hivevar}, {@code --outputformat}, ...).
 */
public final class EmbeddedBeeline {
  static final String USAGE =
      "Usage: batchkit hive [--dir DIR] [beeline options]\n"
          + "  Beeline against an embedded Hive 4 (HiveServer2 in this process, Derby metastore,\n"
          + "  MapReduce on the local runner): the way to run hql/ scripts without a cluster.\n"
          + "  --dir DIR          the metastore and warehouse (default target/hive, or\n"
          + "                     BATCHKIT_HIVE_DIR); kept between runs, delete it to start afresh\n"
          + "  -f FILE            run a script, as beeline -f does; -e 'SQL' runs statements\n"
          + "  -i FILE            run a script first (repeat: DDL, then functions, ...)\n"
          + "  --hivevar K=V      a ${hivevar:K} of the scripts (repeat for more); udf_jar defaults\n"
          + "                     to the functions' jar this checkout built\n"
          + "  -d K=V             the same, as the Hive CLI spells it (pipelines' hql steps use it)\n"
          + "  --outputformat F   table (default), csv2, tsv2, dsv, vertical\n"
          + "  --silent=true      results only\n"
          + "  BATCHKIT_HIVE_URL  a HiveServer2 JDBC URL (jdbc:hive2://host:10000/): run there\n"
          + "Example:\n"
          + "  batchkit hive -i hql/trips_tables.hql -i hql/functions.hql -f hql/trips_reports.hql \\\n"
          + "    --hivevar database=nyc --hivevar schema=file:///data/trips.yaml ...";

  private EmbeddedBeeline() {}

  public static void main(String[] argv) throws IOException {
    System.exit(run(argv));
  }

  /** Runs Beeline with these arguments; its exit status (0 when every statement succeeded). */
  public static int run(String[] argv) throws IOException {
    String dir = System.getenv().getOrDefault("BATCHKIT_HIVE_DIR", "target/hive");
    String url = System.getenv("BATCHKIT_HIVE_URL");
    List<String> args = new ArrayList<>();
    List<String> scripts = new ArrayList<>();
    Map<String, String> vars = new LinkedHashMap<>();
    for (int i = 0; i < argv.length; i++) {
      String a = argv[i];
      switch (a) {
        case "-h", "--help" -> {
          System.out.println(USAGE);
          return 0;
        }
        case "--dir", "-f", "-i", "--hivevar", "-d", "--define" -> {
          if (i + 1 == argv.length) {
            return refuse(a + " needs a value");
          }
          String v = argv[++i];
          if (a.equals("--dir")) {
            dir = v;
          } else if (a.equals("-f") || a.equals("-i")) {
            if (!Files.isRegularFile(Path.of(v))) {
              return refuse(a + " " + v + ": no such file");
            }
            scripts.add(a);
            scripts.add(v);
          } else if (!var(v, vars)) {
            return refuse(a + " " + v + ": write NAME=VALUE (no ';' or newline in the value)");
          }
        }
        default -> {
          if (a.startsWith("--hivevar=") || a.startsWith("--define=")) {
            String v = a.substring(a.indexOf('=') + 1);
            if (!var(v, vars)) {
              return refuse(a + ": write NAME=VALUE (no ';' or newline in the value)");
            }
          } else {
            args.add(a);
          }
        }
      }
    }
    String udfJar = System.getProperty("batchkit.udf.jar");
    if (udfJar != null) {
      vars.putIfAbsent("udf_jar", udfJar);
    }
    if (args.stream().noneMatch(a -> a.startsWith("--outputformat"))) {
      args.add("--outputformat=table");
    }
    List<String> command = new ArrayList<>(List.of("-u", url == null ? "jdbc:hive2://" : url));
    command.addAll(List.of("-n", System.getProperty("user.name", "batchkit")));
    Path init = null;
    if (!vars.isEmpty()) {
      // Beeline 3 does not hand --hivevar to an embedded connection; SET hivevar: in the session
      // is what the Hive CLI does with them, so that is what the first init script says.
      StringBuilder sql = new StringBuilder();
      vars.forEach(
          (k, v) -> sql.append("SET hivevar:").append(k).append('=').append(v).append(";\n"));
      init = Files.createTempFile("batchkit-hivevars", ".hql");
      Files.writeString(init, sql, StandardCharsets.UTF_8);
      scripts.addAll(0, List.of("-i", init.toString()));
    }
    // Beeline's -i takes several values: any option after it would be read as one more script.
    command.addAll(args);
    command.addAll(scripts);
    try {
      if (url == null) {
        Path home = Path.of(dir).toAbsolutePath();
        Files.createDirectories(home);
        // hive-site.xml (this module's resources) puts everything under ${batchkit.hive.dir}.
        System.setProperty("batchkit.hive.dir", home.toString());
        System.setProperty("derby.stream.error.file", home.resolve("derby.log").toString());
      }
      BeeLine beeline = new BeeLine();
      try {
        return beeline.begin(command.toArray(new String[0]), null);
      } finally {
        beeline.close();
      }
    } finally {
      if (init != null) {
        Files.deleteIfExists(init);
      }
    }
  }

  private static boolean var(String assignment, Map<String, String> vars) {
    int eq = assignment.indexOf('=');
    if (eq < 1 || assignment.indexOf(';') >= 0 || assignment.indexOf('\n') >= 0) {
      return false;
    }
    vars.put(assignment.substring(0, eq), assignment.substring(eq + 1));
    return true;
  }

  private static int refuse(String why) {
    System.err.println("hive: " + why + "; see batchkit hive --help");
    return 2;
  }
}
