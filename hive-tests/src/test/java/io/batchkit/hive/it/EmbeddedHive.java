package io.batchkit.hive.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * An embedded HiveServer2 (jdbc:hive2://) with its metastore and warehouse in a fresh directory.
 */
final class EmbeddedHive implements AutoCloseable {
  private final Connection connection;

  EmbeddedHive(Path dir) throws Exception {
    Files.createDirectories(dir);
    System.setProperty("batchkit.hive.dir", dir.toAbsolutePath().toString());
    Class.forName("org.apache.hive.jdbc.HiveDriver");
    connection = DriverManager.getConnection("jdbc:hive2://", "", "");
  }

  void execute(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  /** Runs a script's statements in order (split on ';' at line ends, as the CLI reads a file). */
  void script(String text) throws SQLException {
    for (String statement : text.split(";\\s*\\n")) {
      String sql = statement.strip();
      StringBuilder code = new StringBuilder();
      for (String line : sql.split("\n")) {
        if (!line.strip().startsWith("--")) {
          code.append(line).append('\n');
        }
      }
      String s = code.toString().strip();
      if (s.endsWith(";")) {
        s = s.substring(0, s.length() - 1);
      }
      if (!s.isEmpty()) {
        execute(s);
      }
    }
  }

  List<List<String>> query(String sql) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      int n = r.getMetaData().getColumnCount();
      while (r.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(r.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
