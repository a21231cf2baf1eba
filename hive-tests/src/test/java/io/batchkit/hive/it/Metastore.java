package io.batchkit.hive.it;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.metastore.HiveMetaStoreClient;
import org.apache.hadoop.hive.metastore.IMetaStoreClient;

/**
 * A standalone Hive Metastore over Thrift in a child process (what {@code scripts/batchkit
 * metastore start} runs), with its Derby database in a fresh directory; and, for queries, a
 * HiveServer2 connected to it, run through Beeline in a child process as {@code batchkit hive} is.
 */
final class Metastore implements AutoCloseable {
  final String uri;
  private final Path dir;
  private final Process process;

  private Metastore(String uri, Path dir, Process process) {
    this.uri = uri;
    this.dir = dir;
    this.process = process;
  }

  static Metastore start(Path dir) throws Exception {
    Files.createDirectories(dir);
    int port = freePort();
    List<String> command = java("io.batchkit.hive.embedded.MetastoreServer");
    command.addAll(List.of("--dir", dir.toString(), "--port", String.valueOf(port)));
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("metastore.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException(
            "the metastore stopped: " + Files.readString(dir.resolve("metastore.log")));
      }
      if (answers(port)) {
        return new Metastore("thrift://127.0.0.1:" + port, dir, p);
      }
      Thread.sleep(250);
    }
    p.destroyForcibly();
    throw new IllegalStateException("the metastore did not answer on port " + port);
  }

  /** A port nothing listens on (a metastore that is down). */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static boolean answers(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A JVM with this test's classpath and the --add-opens Hive needs. */
  static List<String> java(String main) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.add("-Duser.timezone=UTC");
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens")) {
        command.add(a);
      }
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main));
    return command;
  }

  IMetaStoreClient client() throws Exception {
    Configuration c = new Configuration();
    c.set("hive.metastore.uris", uri);
    c.set("metastore.thrift.uris", uri);
    return new HiveMetaStoreClient(c);
  }

  /**
   * HiveQL through Beeline and a HiveServer2 connected to this metastore, in a child process; the
   * rows of every result as CSV lines.
   */
  List<String> beeline(String sql) throws Exception {
    List<String> command = java("io.batchkit.hive.embedded.EmbeddedBeeline");
    command.add(1, "-Dhive.metastore.uris=" + uri);
    Path script = Files.createTempFile(dir, "beeline", ".hql");
    Files.writeString(script, sql);
    command.addAll(
        List.of(
            "--dir",
            dir.resolve("hs2").toString(),
            "--silent=true",
            "--outputformat=csv2",
            "--showHeader=false",
            "-f",
            script.toString()));
    Path outFile = Files.createTempFile(dir, "beeline", ".out");
    Path errFile = Files.createTempFile(dir, "beeline", ".err");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(outFile.toFile())
            .redirectError(errFile.toFile())
            .start();
    if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(
          "beeline failed on " + sql + ":\n" + tail(Files.readString(errFile)));
    }
    List<String> rows = new ArrayList<>();
    for (String line : Files.readAllLines(outFile)) {
      if (!line.isBlank() && !line.startsWith("0: jdbc:hive2://")) {
        rows.add(line.strip());
      }
    }
    return rows;
  }

  private static String tail(String s) {
    return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
