import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The benchmark's DuckDB peer (bench.sh only; never in a shipped jar): runs one SQL script of this
 * folder in an in-memory DuckDB with a given number of threads, after replacing each ${NAME} with
 * the NAME=value arguments, and prints every result row as "column value" lines.
 *
 * <pre>java -cp duckdb_jdbc.jar:CLASSES DuckdbPeer THREADS SCRIPT.sql NAME=value...</pre>
 */
public final class DuckdbPeer {
  public static void main(String[] args) throws Exception {
    Path script = Path.of(args[1]);
    String sql = Files.readString(script);
    // "-- include: other.sql" on a line of its own stands for that script of the same folder.
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^-- include: (\\S+)$").matcher(sql);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          sb, java.util.regex.Matcher.quoteReplacement(Files.readString(script.resolveSibling(m.group(1)))));
    }
    m.appendTail(sb);
    sql = sb.toString();
    for (int i = 2; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      sql = sql.replace("${" + kv[0] + "}", kv[1]);
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("SET threads = " + Integer.parseInt(args[0]));
      for (String statement : sql.split(";\\s*(\\n|$)")) {
        String text = statement.replaceAll("(?m)^\\s*--.*$", "").strip();
        if (text.isEmpty()) {
          continue;
        }
        if (s.execute(text)) {
          try (ResultSet rs = s.getResultSet()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
              for (int i = 1; i <= n; i++) {
                System.out.println(rs.getMetaData().getColumnLabel(i) + " " + rs.getString(i));
              }
            }
          }
        }
      }
    }
  }
}
