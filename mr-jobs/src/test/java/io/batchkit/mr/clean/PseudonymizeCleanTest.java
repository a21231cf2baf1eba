package io.batchkit.mr.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.mr.testing.JobRun;
import io.batchkit.mr.testing.OutputFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pseudonymize: true}: the plate is checked as read, then written as its keyed pseudonym.
 */
class PseudonymizeCleanTest {
  static final String SECRET = "s3cr3t-for-the-test";
  static final String SCHEMA =
      String.join(
          "\n",
          "name: tickets",
          "format: {header: true}",
          "keys: [plate]",
          "columns:",
          "  - {name: plate, type: string, required: true, pattern: '[A-Z0-9]{2,8}', pseudonymize: true}",
          "  - {name: fine, type: int, min: 0}",
          "");
  static final String CSV = "plate,fine\nAB123,65\nXY9,115\nAB123,65\nab-1,50\n";

  @TempDir Path dir;

  /** HMAC-SHA256 hex, computed here with javax.crypto directly. */
  static String hmac(String value) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
  }

  JobRun clean(String... generic) throws Exception {
    Files.writeString(dir.resolve("tickets.yaml"), SCHEMA);
    Files.writeString(dir.resolve("in.csv"), CSV);
    List<String> args =
        Stream.concat(
                Stream.of(generic),
                Stream.of(
                    "--schema",
                    dir.resolve("tickets.yaml").toString(),
                    "--input",
                    dir.resolve("in.csv").toString(),
                    "--output",
                    dir.resolve("out").toString(),
                    "--dedupe"))
            .toList();
    return JobRun.run(JobRun.local(), CleanJob::new, args.toArray(new String[0]));
  }

  @Test
  void writesPseudonymsWithTheKeyFromAConfFileAndDedupesOnThem() throws Exception {
    Path conf = dir.resolve("key.xml");
    Files.writeString(
        conf,
        "<configuration><property><name>batchkit.hmac.key</name><value>"
            + SECRET
            + "</value></property></configuration>");
    JobRun run = clean("-conf", conf.toString());
    assertEquals(0, run.exit(), run.err());
    List<String> rows = OutputFiles.lines(dir.resolve("out/clean")).stream().sorted().toList();
    assertEquals(Stream.of(hmac("AB123") + "\t65", hmac("XY9") + "\t115").sorted().toList(), rows);
    assertTrue(run.out().contains("2 clean, 1 quarantined, 1 duplicates"), run.out());
    // The rule saw the plate as read: lower case and '-' break the pattern.
    String quarantine = String.join("\n", OutputFiles.lines(dir.resolve("out/quarantine")));
    assertTrue(quarantine.contains("\"rule\":\"pattern\""), quarantine);
    // The key is in no output, manifest or message.
    for (Path f : OutputFiles.files(dir.resolve("out"))) {
      assertFalse(Files.readString(f).contains(SECRET), f.toString());
    }
    assertFalse((run.out() + run.err()).contains(SECRET));
  }

  @Test
  void withoutAKeyRefusesInOneLineSayingHowToGiveIt() throws Exception {
    JobRun run = clean();
    assertEquals(2, run.exit());
    assertEquals(1, run.err().strip().lines().count(), run.err());
    assertTrue(run.err().contains("pseudonymises plate but there is no key batchkit.hmac.key"));
    assertTrue(run.err().contains("hadoop credential create"), run.err());
    assertFalse(Files.exists(dir.resolve("out/_SUCCESS")));
  }
}
