package io.batchkit.hive.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A standalone Hive Metastore 4 serving Thrift on 127.0.0.1, its Derby database and warehouse under
 * one directory (its schema created on first start): the catalog that jobs run with {@code --table}
 * register their tables in, and that {@code batchkit hive} reads. {@code scripts/batchkit metastore
 * start} runs it in the background; the tests start it as a child process.
 */
public final class MetastoreServer {
  static final String USAGE =
      "Usage: MetastoreServer [--dir DIR] [--port N]\n"
          + "  serves thrift://127.0.0.1:N (default 9083) from DIR (default target/hive-metastore)";

  private MetastoreServer() {}

  public static void main(String[] argv) throws Throwable {
    Path dir = Path.of("target/hive-metastore");
    String port = "9083";
    for (int i = 0; i < argv.length; i++) {
      switch (argv[i]) {
        case "--dir" -> dir = Path.of(value(argv, ++i));
        case "--port" -> port = value(argv, ++i);
        default -> {
          System.err.println(USAGE);
          System.exit(2);
        }
      }
    }
    Path home = dir.toAbsolutePath();
    Files.createDirectories(home);
    // hive-site.xml (this module's resources) puts the database and warehouse under it.
    System.setProperty("batchkit.hive.dir", home.toString());
    System.setProperty("derby.stream.error.file", home.resolve("derby.log").toString());
    System.setProperty("metastore.thrift.bind.host", "127.0.0.1");
    System.setProperty("hive.metastore.thrift.bind.host", "127.0.0.1");
    org.apache.hadoop.hive.metastore.HiveMetaStore.main(new String[] {"-p", port});
  }

  private static String value(String[] argv, int i) throws IOException {
    if (i >= argv.length) {
      System.err.println(USAGE);
      System.exit(2);
    }
    return argv[i];
  }
}
