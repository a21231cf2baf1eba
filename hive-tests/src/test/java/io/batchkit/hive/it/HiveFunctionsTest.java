package io.batchkit.hive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.hive.ql.exec.Description;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The functions in a real Hive 4.0.1 (embedded HiveServer2 through Hive JDBC), registered as
 * hql/functions.hql registers them: each describes itself with its usage and an example, and a
 * wrong argument gives an error naming the function and the argument.
 */
class HiveFunctionsTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Pattern CREATE =
      Pattern.compile("CREATE TEMPORARY FUNCTION (\\w+) AS '([\\w.$]+)';");
  @TempDir static Path dir;
  static EmbeddedHive hive;

  /** name -> class, as hql/functions.hql has them. */
  static final Map<String, String> FUNCTIONS = new TreeMap<>();

  @BeforeAll
  static void start() throws Exception {
    Matcher m = CREATE.matcher(Files.readString(ROOT.resolve("hql/functions.hql")));
    while (m.find()) {
      FUNCTIONS.put(m.group(1), m.group(2));
    }
    hive = new EmbeddedHive(dir.resolve("hive"));
    for (Map.Entry<String, String> f : FUNCTIONS.entrySet()) {
      hive.execute("CREATE TEMPORARY FUNCTION " + f.getKey() + " AS '" + f.getValue() + "'");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (hive != null) {
      hive.close();
    }
  }

  @Test
  void functionsHqlRegistersEveryFunctionOfTheJarUnderItsOwnName() throws Exception {
    Map<String, String> described = new TreeMap<>();
    Path classes = ROOT.resolve("hive-udfs/target/classes");
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path p : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String name = classes.relativize(p).toString().replace('/', '.').replace(".class", "");
        Description d = Class.forName(name).getAnnotation(Description.class);
        if (d != null) {
          described.put(d.name(), name);
        }
      }
    }
    assertTrue(described.size() >= 13, described.toString());
    assertEquals(described, FUNCTIONS);
  }

  @Test
  void everyFunctionDescribesItsUsageWithAnExample() throws Exception {
    assertEquals(
        List.of(List.of("LATE NIGHT")),
        hive.query("SELECT bk_normalize('  late   night ', 'trim,collapse_whitespace,upper')"));
    assertEquals(
        List.of(List.of("n", "max", "7"), List.of("m", "required", "")),
        hive.query(
            "SELECT bk_explode_violations('name: t\ncolumns:\n  - {name: n, type: int, max: 5}\n"
                + "  - {name: m, type: string, required: true}\n', '7', '')"));
    for (String name : FUNCTIONS.keySet()) {
      StringBuilder text = new StringBuilder();
      for (List<String> r : hive.query("DESCRIBE FUNCTION EXTENDED " + name)) {
        text.append(r.get(0)).append('\n');
      }
      String t = text.toString();
      assertTrue(t.startsWith(name + "("), name + ": usage first\n" + t);
      assertTrue(
          t.contains("Example:\n  > SELECT") || t.contains("Example:\n  > "), name + "\n" + t);
      assertTrue(t.contains(name + "("), name + "\n" + t);
      assertTrue(!t.contains("_FUNC_"), name + "\n" + t);
    }
  }

  static String error(String sql) {
    return assertThrows(SQLException.class, () -> hive.query(sql), sql).getMessage();
  }

  @Test
  void aWrongArgumentIsNamedWithItsFunction() {
    String schema = "name: t\ncolumns:\n  - {name: n, type: int}\n";
    Map<String, String> cases = new TreeMap<>();
    cases.put("SELECT bk_haversine_km(1, 2, 3)", "bk_haversine_km takes 4 arguments, got 3");
    cases.put(
        "SELECT bk_haversine_km(1, 2, 3, array(4))", "bk_haversine_km: argument 4 (lon2) must be");
    cases.put("SELECT bk_parse('" + schema + "', 'm', 'x')", "bk_parse: argument 2 (column)");
    cases.put("SELECT bk_bucketize(1, 2)", "bk_bucketize: argument 2 (edges)");
    cases.put("SELECT bk_one_hot('a', array('a', 'a'))", "bk_one_hot: argument 2 (vocabulary)");
    cases.put("SELECT bk_split('train=0.8,test=0.2', 'x', 1)", "bk_split: argument 2 (seed)");
    cases.put("SELECT bk_violations('file:///nope.yaml', 'a')", "bk_violations: cannot read");
    cases.put("SELECT bk_normalize('a', 'trim,shout')", "bk_normalize: argument 2 (steps)");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      String message = error(c.getKey());
      assertTrue(message.contains(c.getValue()), c.getKey() + " -> " + message);
    }
    // Every function refuses a call with no arguments, naming itself.
    TreeSet<String> unnamed = new TreeSet<>();
    for (String name : FUNCTIONS.keySet()) {
      if (!error("SELECT " + name + "()").contains(name)) {
        unnamed.add(name);
      }
    }
    assertEquals(new TreeSet<>(), unnamed);
  }
}
