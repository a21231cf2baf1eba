package io.batchkit.hive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.apache.hive.common.util.HiveVersionInfo;
import org.junit.jupiter.api.Test;

/**
 * These tests run twice, in hive-udfs on Hive 4.0.1 and in hive-udfs-hive3 on Hive 3.1.3: each
 * module's build names the version it means, and this proves the classes are that version's.
 */
class HiveVersionTest {
  @Test
  void theFunctionsRunOnTheHiveThisModuleNames() {
    String expected = System.getProperty("batchkit.hive.version");
    assertNotNull(expected, "the build sets -Dbatchkit.hive.version (surefire, in the pom)");
    assertEquals(expected, HiveVersionInfo.getVersion());
  }
}
