package io.batchkit.hive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The functions in a real Hive 4.0.1: an embedded HiveServer2 reached through Hive JDBC. */
class HiveFunctionsTest {
  @TempDir static Path dir;
  static EmbeddedHive hive;

  @BeforeAll
  static void start() throws Exception {
    hive = new EmbeddedHive(dir.resolve("hive"));
    hive.execute("CREATE TEMPORARY FUNCTION bk_normalize AS 'io.batchkit.hive.rules.BkNormalize'");
    hive.execute(
        "CREATE TEMPORARY FUNCTION bk_haversine_km AS 'io.batchkit.hive.features.BkHaversine'");
  }

  @AfterAll
  static void stop() throws Exception {
    if (hive != null) {
      hive.close();
    }
  }

  @Test
  void functionsRunInHiveAndDescribeThemselves() throws Exception {
    assertEquals(
        List.of(List.of("LATE NIGHT")),
        hive.query("SELECT bk_normalize('  late   night ', 'trim,collapse_whitespace,upper')"));
    List<List<String>> d = hive.query("DESCRIBE FUNCTION EXTENDED bk_haversine_km");
    String text = d.toString();
    assertTrue(text.contains("bk_haversine_km(lat1, lon1, lat2, lon2)"), text);
    assertTrue(text.contains("Example:"), text);
  }
}
