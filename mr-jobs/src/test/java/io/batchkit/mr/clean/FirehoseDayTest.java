package io.batchkit.mr.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchkit.mr.testing.JobRun;
import io.batchkit.mr.testing.OutputFiles;
import io.batchkit.mr.tools.EventGenerator;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Firehose-style landing from {@code generate-events} (gzipped JSON objects back to back, a file
 * a minute, one truncated), cleaned hour by hour with {@code --incremental --dedupe} as a scheduled
 * run would as the hours land: every run's counts and the rules broken equal the generator's
 * ledger, and every quarantine line points at its record, checked by reading the file at the offset
 * it names.
 */
class FirehoseDayTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path SCHEMA = Path.of("../examples/events.yaml").toAbsolutePath();

  @TempDir Path dir;

  JobRun clean(String... extra) throws Exception {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--schema", SCHEMA.toString(),
                "--input", dir.resolve("land").toString(),
                "--output", dir.resolve("out").toString()));
    args.addAll(List.of(extra));
    return JobRun.run(JobRun.local(), CleanJob::new, args.toArray(new String[0]));
  }

  @Test
  void hourByHourEqualsTheLedger() throws Exception {
    EventGenerator.main(
        new String[] {
          "--output",
          dir.resolve("all").toString(),
          "--files",
          "180",
          "--events-per-file",
          "20",
          "--expect",
          dir.resolve("ledger.json").toString()
        });
    JsonNode ledger = JSON.readTree(dir.resolve("ledger.json").toFile());
    String truncated = ledger.get("truncated_file").asText();
    List<String> hours = iterate(ledger.get("by_hour").fieldNames());
    assertEquals(3, hours.size());

    Map<String, Long> rules = new TreeMap<>();
    int run = 0;
    for (String hour : hours) {
      // The hour lands, then the scheduled run reads what is new.
      Path landed = Files.createDirectories(dir.resolve("land").resolve(hour).getParent());
      Files.move(dir.resolve("all").resolve(hour), landed.resolve(Path.of(hour).getFileName()));
      JobRun r = clean("--incremental", "--dedupe", "--bad-files", "skip");
      assertEquals(0, r.exit(), r.err());
      JsonNode counts =
          JSON.readTree(dir.resolve("out/_MANIFEST.json").toFile()).get("runs").get(run++);
      counts = counts.get("counts");
      JsonNode expected = ledger.get("by_hour").get(hour);
      long unreadable = truncated.startsWith(hour + "/") ? 1 : 0;
      assertEquals(
          expected.get("records").asLong() + unreadable, counts.get("read").asLong(), hour);
      assertEquals(
          expected.get("quarantined").asLong() + unreadable,
          counts.get("quarantined").asLong(),
          hour);
      assertEquals(expected.get("duplicates").asLong(), counts.get("duplicates").asLong(), hour);
    }

    // Every quarantine line names a file, a line and an offset where its record is.
    Map<String, byte[]> files = new HashMap<>();
    int unreadable = 0;
    for (String line : OutputFiles.lines(dir.resolve("out/quarantine"))) {
      JsonNode q = JSON.readTree(line);
      Path file = Path.of(URI.create(q.get("file").asText()));
      JsonNode v = q.get("violations");
      String rule = v.get(0).get("rule").asText();
      if (rule.equals("unreadable_file")) {
        unreadable++;
        assertTrue(file.endsWith(truncated), line);
        continue;
      }
      byte[] bytes = files.computeIfAbsent(file.toString(), f -> gunzip(Path.of(f)));
      String raw = q.get("raw").asText();
      int offset = q.get("offset").asInt();
      assertEquals(
          raw,
          new String(bytes, offset, raw.length(), java.nio.charset.StandardCharsets.UTF_8),
          line);
      assertEquals(1, q.get("line").asLong(), "back to back, every record is on line 1: " + line);
      assertEquals(1, v.size(), "the generator breaks one rule per record: " + line);
      String column = v.get(0).get("column").isNull() ? "*" : v.get(0).get("column").asText();
      rules.merge(rule + " " + column, 1L, Long::sum);
    }
    assertEquals(1, unreadable);
    Map<String, Long> ledgered = new TreeMap<>();
    ledger
        .get("by_rule_column")
        .fields()
        .forEachRemaining(e -> ledgered.put(e.getKey(), e.getValue().asLong()));
    assertEquals(ledgered, rules);

    // The rows: exactly the ledger's clean records, each event once.
    long clean =
        OutputFiles.rowsByDirectory(dir.resolve("out")).entrySet().stream()
            .filter(e -> e.getKey().startsWith("clean/dt="))
            .mapToLong(e -> e.getValue().size())
            .sum();
    assertEquals(ledger.get("clean_with_dedupe").asLong(), clean);
  }

  @Test
  void theTruncatedFileIsNamedWithoutSkip() throws Exception {
    EventGenerator.main(
        new String[] {
          "--output", dir.resolve("land").toString(), "--files", "4", "--events-per-file", "5"
        });
    JobRun r = clean();
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("events-1-2024-01-01-00-02-00-"), r.err());
    assertTrue(r.err().contains("the file is truncated or corrupt"), r.err());
  }

  static byte[] gunzip(Path file) {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static List<String> iterate(java.util.Iterator<String> it) {
    List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
