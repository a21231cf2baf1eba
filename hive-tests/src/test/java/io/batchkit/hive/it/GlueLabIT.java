package io.batchkit.hive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.mr.tools.TicketGenerator;
import java.io.File;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.Test;

/**
 * The Glue lab as a user runs it from the README: generated parking tickets, {@code
 * scripts/batchkit run examples/glue-lab-pipeline.yaml} (infer, clean with the plate pseudonymised,
 * three columns to Parquet, DDL, a Hive report). The report is checked against counts this test
 * makes from the raw CSV with Commons CSV, and the plates against HMAC-SHA256 computed here with
 * javax.crypto.
 */
class GlueLabIT {
  static final File ROOT = DemoIT.ROOT;
  static final String KEY = "glue-lab-test-key";
  static final int ROWS = 5_000;

  static String hmac(String value) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theGlueLabPipelineReportsWhatTheRawFilesHoldWithPlatesPseudonymised() throws Exception {
    Path work = new File(ROOT, "target/glue-lab-it").toPath();
    FileUtils.deleteDirectory(work.toFile());
    TicketGenerator.write(work.resolve("landing/tickets"), ROWS, 2, 3);
    Path key = work.resolve("key.xml");
    Files.writeString(
        key,
        "<configuration><property><name>batchkit.hmac.key</name><value>"
            + KEY
            + "</value></property></configuration>\n");
    Path log = work.resolve("run.log");
    ProcessBuilder pb =
        new ProcessBuilder(
                "bash",
                "scripts/batchkit",
                "run",
                "-conf",
                key.toString(),
                "examples/glue-lab-pipeline.yaml",
                "--var",
                "work=" + work)
            .directory(ROOT)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    // The HiveQL steps in the embedded Hive, with a metastore of this test's own.
    pb.environment()
        .put("BATCHKIT_HIVE", ROOT + "/scripts/batchkit hive --dir " + work.resolve("hive"));
    // Small inputs, short JVMs: the C1 compiler alone starts them faster (half the CPU).
    pb.environment().put("BATCHKIT_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -Xshare:auto -Xmx2g");
    Process p = pb.start();
    boolean done = p.waitFor(10, TimeUnit.MINUTES);
    if (!done) {
      p.destroyForcibly().waitFor();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(done, "the pipeline finished within 10 minutes");
    assertEquals(0, p.exitValue(), out);

    // What the raw files hold, by infraction code: tickets, fines, distinct plates (pseudonymised).
    Map<String, long[]> tickets = new TreeMap<>();
    Map<String, BigDecimal> fines = new TreeMap<>();
    Map<String, Set<String>> plates = new TreeMap<>();
    TreeSet<String> pseudonyms = new TreeSet<>();
    for (File f : work.resolve("landing/tickets").toFile().listFiles()) {
      try (Reader r = Files.newBufferedReader(f.toPath())) {
        for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().get().parse(r)) {
          String code = rec.get("Infraction Code");
          tickets.computeIfAbsent(code, k -> new long[1])[0]++;
          fines.merge(code, new BigDecimal(rec.get("Fine $")), BigDecimal::add);
          String pseudonym = hmac(rec.get("Plate"));
          plates.computeIfAbsent(code, k -> new TreeSet<>()).add(pseudonym);
          pseudonyms.add(pseudonym);
        }
      }
    }
    assertEquals(ROWS, tickets.values().stream().mapToLong(t -> t[0]).sum());

    List<List<List<String>>> t = DemoIT.tables(out.lines().toList());
    assertEquals(2, t.size(), out);
    assertEquals(List.of("infraction_code", "tickets", "fines", "plates"), t.get(0).get(0));
    assertEquals(tickets.size() + 1, t.get(0).size(), t.get(0).toString());
    for (List<String> row : t.get(0).subList(1, t.get(0).size())) {
      String code = row.get(0);
      assertEquals(tickets.get(code)[0], Long.parseLong(row.get(1)), code);
      assertEquals(0, fines.get(code).compareTo(new BigDecimal(row.get(2))), code);
      assertEquals(plates.get(code).size(), Long.parseLong(row.get(3)), code);
    }
    assertEquals(List.of(pseudonyms.first(), "64", "64"), t.get(1).get(1));

    String schema = Files.readString(work.resolve("out/tickets.yaml"));
    assertTrue(
        schema.contains("{name: plate, type: string, required: true, pseudonymize: true}"), schema);
    assertTrue(out.contains("5,000 clean, 0 quarantined"), out);
  }
}
