package io.batchkit.hive.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the wrapper refuses before any Hive starts: one line, exit 2. */
class EmbeddedBeelineTest {
  static String[] run(int expected, String... args) throws Exception {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      assertEquals(expected, EmbeddedBeeline.run(args), String.join(" ", args));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return new String[] {o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void badArgumentsAreRefusedInOneLineBeforeHiveStarts() throws Exception {
    assertEquals(
        "hive: -f /nope/x.hql: no such file; see batchkit hive --help\n",
        run(2, "-f", "/nope/x.hql")[1]);
    assertEquals(
        "hive: --hivevar database: write NAME=VALUE (no ';' or newline in the value);"
            + " see batchkit hive --help\n",
        run(2, "--hivevar", "database")[1]);
    assertEquals(
        "hive: -d a=b;c: write NAME=VALUE (no ';' or newline in the value);"
            + " see batchkit hive --help\n",
        run(2, "-d", "a=b;c")[1]);
    assertEquals("hive: -i needs a value; see batchkit hive --help\n", run(2, "-i")[1]);
    String help = run(0, "--help")[0];
    assertTrue(help.startsWith("Usage: batchkit hive"), help);
  }
}
