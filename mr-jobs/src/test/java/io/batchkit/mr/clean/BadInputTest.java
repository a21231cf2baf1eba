package io.batchkit.mr.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchkit.mr.testing.CutGzip;
import io.batchkit.mr.testing.JobRun;
import io.batchkit.mr.testing.OutputFiles;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A truncated .gz among good files, and a record far longer than any should be. */
class BadInputTest {
  static final String SCHEMA =
      String.join(
          "\n",
          "name: events",
          "format: {header: true}",
          "columns:",
          "  - {name: id, type: int, required: true}",
          "  - {name: label, type: string}",
          "");

  @TempDir Path dir;

  static byte[] gzip(int from, int rows) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bytes)) {
      StringBuilder sb = new StringBuilder("id,label\n");
      for (int i = from; i < from + rows; i++) {
        sb.append(i).append(",label number ").append(i * 7919 % 10007).append('\n');
      }
      gz.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  JobRun clean(String... extra) throws Exception {
    Files.writeString(dir.resolve("e.yaml"), SCHEMA);
    String[] args = {
      "--schema", dir.resolve("e.yaml").toString(),
      "--input", dir.resolve("in").toString(),
      "--output", dir.resolve("out").toString(),
      "--overwrite"
    };
    String[] all = Arrays.copyOf(args, args.length + extra.length);
    System.arraycopy(extra, 0, all, args.length, extra.length);
    return JobRun.run(JobRun.local(), CleanJob::new, all);
  }

  @Test
  void aTruncatedGzIsNamedByDefaultAndSkippedOnRequest() throws Exception {
    Files.createDirectories(dir.resolve("in"));
    Files.write(dir.resolve("in/a.csv.gz"), gzip(0, 20_000));
    Files.write(dir.resolve("in/c.csv.gz"), gzip(40_000, 20_000));
    byte[] whole = gzip(20_000, 20_000);
    Files.write(dir.resolve("in/b.csv.gz"), Arrays.copyOf(whole, whole.length / 2));

    JobRun fail = clean();
    assertEquals(1, fail.exit(), fail.out());
    assertTrue(
        fail.err().contains("b.csv.gz: cannot be read after line ")
            && fail.err().contains("the file is truncated or corrupt")
            && fail.err().contains("or re-run with --bad-files skip"),
        fail.err());
    assertFalse(Files.exists(dir.resolve("out/_SUCCESS")));
    assertFalse(Files.exists(dir.resolve("out/_MANIFEST.json")));

    JobRun skip = clean("--bad-files", "skip");
    assertEquals(0, skip.exit(), skip.err());
    JsonNode m = new ObjectMapper().readTree(dir.resolve("out/_MANIFEST.json").toFile());
    long read = m.at("/counts/read").asLong();
    long clean = m.at("/counts/clean").asLong();
    assertEquals(read, clean + m.at("/counts/quarantined").asLong());
    assertEquals(1, m.at("/counts/quarantined").asLong(), "one line stands for the unread rest");
    assertEquals(1, m.at("/quarantined_by_rule/unreadable_file").asLong());
    assertTrue(m.at("/unreadable_files/0").asText().endsWith("b.csv.gz"), m.toString());
    assertEquals(1, m.get("unreadable_files").size());
    // The good files whole, and the bad file's records read before the damage.
    List<String> rows = OutputFiles.lines(dir.resolve("out/clean"));
    assertEquals(clean, rows.size());
    assertTrue(clean > 40_000 && clean < 60_000, "clean " + clean);
    List<String> q = OutputFiles.lines(dir.resolve("out/quarantine"));
    JsonNode bad = new ObjectMapper().readTree(q.get(0));
    assertTrue(bad.get("file").asText().endsWith("b.csv.gz"), q.get(0));
    assertEquals("unreadable_file", bad.at("/violations/0/rule").asText());
    // Every record before the damage is there, in order: the bad file's rows are a prefix.
    long fromBad =
        rows.stream()
            .filter(
                r -> {
                  int id = Integer.parseInt(r.substring(0, r.indexOf('\t')));
                  return id >= 20_000 && id < 40_000;
                })
            .count();
    assertEquals(clean - 40_000, fromBad);
    assertEquals(
        fromBad + 2, bad.get("line").asLong(), "the line after the last one read (header is 1)");
  }

  @Test
  void aTruncatedGzOfJsonObjectsBackToBackIsNamedByRecord() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bytes)) {
      for (int i = 0; i < 20_000; i++) { // one line, as Firehose writes them
        gz.write(("{\"id\":" + i + ",\"label\":\"n" + i * 7919 % 10007 + "\"}").getBytes());
      }
    }
    byte[] whole = bytes.toByteArray();
    Path file = dir.resolve("in/a.json.gz");
    Files.createDirectories(file.getParent());
    Files.write(file, Arrays.copyOf(whole, whole.length / 2));
    long objects = // whole objects before the cut: one closing brace each, read by the JDK alone
        new String(CutGzip.readUpToTheCut(file), StandardCharsets.UTF_8)
            .chars()
            .filter(c -> c == '}')
            .count();
    assertTrue(objects > 0 && objects < 20_000, "cut mid-file: " + objects);
    Files.writeString(dir.resolve("e.yaml"), SCHEMA.replace("{header: true}", "{type: json}"));
    String[] args = {
      "--schema", dir.resolve("e.yaml").toString(),
      "--input", file.toString(),
      "--output", dir.resolve("out").toString()
    };

    JobRun fail = JobRun.run(JobRun.local(), CleanJob::new, args);
    assertEquals(1, fail.exit(), fail.out());
    assertTrue(
        fail.err()
            .contains(
                String.format("a.json.gz: cannot be read after record %,d, on line 1 (", objects)),
        fail.err());
    List<String> skipping = new java.util.ArrayList<>(List.of(args));
    skipping.addAll(List.of("--overwrite", "--bad-files", "skip"));
    JobRun skip = JobRun.run(JobRun.local(), CleanJob::new, skipping.toArray(String[]::new));
    assertEquals(0, skip.exit(), skip.err());
    JsonNode m = new ObjectMapper().readTree(dir.resolve("out/_MANIFEST.json").toFile());
    assertEquals(objects, m.at("/counts/clean").asLong(), m.toString());
  }

  @Test
  void theJobsAfterCleanReadRawFilesTheSameWay() throws Exception {
    Files.createDirectories(dir.resolve("in"));
    Files.writeString(dir.resolve("e.yaml"), SCHEMA);
    Files.write(dir.resolve("in/a.csv.gz"), gzip(0, 1_000));
    byte[] whole = gzip(1_000, 20_000);
    Files.write(dir.resolve("in/b.csv.gz"), Arrays.copyOf(whole, whole.length / 2));
    String[] args = {
      "--schema",
      dir.resolve("e.yaml").toString(),
      "--input",
      dir.resolve("in").toString(),
      "--group-by",
      "label",
      "--metrics",
      "count",
      "--output",
      dir.resolve("agg").toString(),
      "--overwrite"
    };
    JobRun fail = JobRun.run(JobRun.local(), io.batchkit.mr.aggregate.AggregateJob::new, args);
    assertEquals(1, fail.exit());
    assertTrue(fail.err().contains("b.csv.gz: cannot be read after line"), fail.err());
    String[] skip = Arrays.copyOf(args, args.length + 2);
    skip[args.length] = "--bad-files";
    skip[args.length + 1] = "skip";
    JobRun ok = JobRun.run(JobRun.local(), io.batchkit.mr.aggregate.AggregateJob::new, skip);
    assertEquals(0, ok.exit(), ok.err());
    JsonNode m = new ObjectMapper().readTree(dir.resolve("agg/_MANIFEST.json").toFile());
    long counted =
        OutputFiles.lines(dir.resolve("agg/data")).stream()
            .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf('\t') + 1)))
            .sum();
    assertEquals(
        m.at("/counts/read").asLong(), counted + m.at("/counts/invalid").asLong(), m.toString());
    assertEquals(1, m.at("/counts/invalid").asLong());
    assertTrue(m.at("/unreadable_files/0").asText().endsWith("b.csv.gz"), m.toString());
    assertTrue(OutputFiles.lines(dir.resolve("agg/quarantine")).get(0).contains("unreadable_file"));
  }

  @Test
  void aRecordLongerThanTheLimitIsQuarantinedNotReadWhole() throws Exception {
    Files.createDirectories(dir.resolve("in"));
    Path file = dir.resolve("in/big.csv");
    try (OutputStream os = Files.newOutputStream(file)) {
      os.write("id,label\n1,a\n2,".getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[1 << 20];
      Arrays.fill(chunk, (byte) 'x');
      for (int i = 0; i < 200; i++) {
        os.write(chunk); // a 200 MB field, no line break
      }
      os.write("\n3,c\nfour,d\n5,e\n".getBytes(StandardCharsets.US_ASCII));
    }
    JobRun run = clean();
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().contains("3 clean, 2 quarantined"), run.out() + run.err());
    List<JsonNode> q =
        OutputFiles.lines(dir.resolve("out/quarantine")).stream()
            .map(
                l -> {
                  try {
                    return new ObjectMapper().readTree(l);
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                })
            .sorted((a, b) -> Long.compare(a.get("line").asLong(), b.get("line").asLong()))
            .toList();
    assertEquals(3, q.get(0).get("line").asLong());
    assertEquals("record_too_large", q.get(0).at("/violations/0/rule").asText());
    assertTrue(q.get(0).get("raw").asText().length() < 2_000, "only the record's start is kept");
    assertEquals(5, q.get(1).get("line").asLong(), "lines after the huge one are still right");
    assertEquals("type", q.get(1).at("/violations/0/rule").asText());
  }
}
