package io.batchkit.mr.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchkit.mr.testing.JobRun;
import io.batchkit.mr.testing.OutputFiles;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A landing of many small files, plain and gzipped, some with bad rows and one truncated: read
 * several files to a task, the clean rows, the quarantine (file and line of every entry, as the
 * test wrote them) and the counts are those of one task per file, with far fewer output files.
 */
class SmallFilesCleanTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String SCHEMA =
      "name: events\nformat: {header: true}\npartition: {name: dt, from: day}\ncolumns:\n"
          + "  - {name: id, type: int, required: true}\n"
          + "  - {name: day, type: date, required: true}\n"
          + "  - {name: label, type: string}\n";
  static final int FILES = 120;

  @TempDir Path dir;

  /** "file:line" of every bad row written, and the number of rows in all. */
  final TreeSet<String> badRows = new TreeSet<>();

  long rows;

  void land() throws Exception {
    Files.writeString(dir.resolve("e.yaml"), SCHEMA);
    Path in = Files.createDirectories(dir.resolve("in/2024/01"));
    Random random = new Random(5);
    for (int f = 0; f < FILES; f++) {
      boolean gz = f % 2 == 0;
      Path file = in.resolve(String.format("events-%03d.csv", f) + (gz ? ".gz" : ""));
      StringBuilder text = new StringBuilder("id,day,label\n");
      int n = 1 + random.nextInt(40);
      for (int i = 0; i < n; i++) {
        int line = i + 2; // the header is line 1
        boolean bad = random.nextInt(10) == 0;
        if (bad) {
          badRows.add(file.toUri().getPath() + ":" + line);
        }
        text.append(bad ? "x" + i : String.valueOf(f * 1000 + i))
            .append(",2024-01-0")
            .append(1 + f % 3)
            .append(",event ")
            .append(i % 7)
            .append('\n');
        rows++;
      }
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      if (gz) {
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(z)) {
          out.write(bytes);
        }
        bytes = z.toByteArray();
      }
      Files.write(file, bytes);
    }
  }

  JobRun clean(String out, String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--schema", dir.resolve("e.yaml").toString(),
                "--input", dir.resolve("in").toString(),
                "--output", dir.resolve(out).toString()));
    args.addAll(List.of(extra));
    return JobRun.run(JobRun.local(), CleanJob::new, args.toArray(new String[0]));
  }

  TreeSet<String> quarantined(String out) throws Exception {
    TreeSet<String> at = new TreeSet<>();
    for (String line : OutputFiles.lines(dir.resolve(out + "/quarantine"))) {
      JsonNode q = JSON.readTree(line);
      String file = java.net.URI.create(q.get("file").asText()).getPath();
      assertTrue(at.add(file + ":" + q.get("line").asLong()), "quarantined twice: " + line);
    }
    return at;
  }

  @Test
  void smallFilesReadTogetherGiveWhatOneTaskPerFileGives() throws Exception {
    land();
    JobRun packed = clean("packed", "--dedupe");
    assertEquals(0, packed.exit(), packed.err());
    // --split-size 1: no file is smaller, so each one is a task of its own, as before packing.
    JobRun alone = clean("alone", "--dedupe", "--split-size", "1");
    assertEquals(0, alone.exit(), alone.err());

    assertEquals(badRows, quarantined("packed"), "every bad row, named by its file and line");
    assertEquals(badRows, quarantined("alone"));
    Map<String, List<String>> rowsPacked = OutputFiles.rowsByDirectory(dir.resolve("packed"));
    assertEquals(OutputFiles.rowsByDirectory(dir.resolve("alone")), rowsPacked);
    long clean =
        rowsPacked.entrySet().stream()
            .filter(e -> e.getKey().startsWith("clean/"))
            .mapToLong(e -> e.getValue().size())
            .sum();
    assertEquals(rows - badRows.size(), clean);
    JsonNode counts = JSON.readTree(dir.resolve("packed/_MANIFEST.json").toFile()).get("counts");
    assertEquals(rows, counts.get("read").asLong());
    assertEquals(badRows.size(), counts.get("quarantined").asLong());
    assertEquals(counts, JSON.readTree(dir.resolve("alone/_MANIFEST.json").toFile()).get("counts"));
  }

  @Test
  void aMapOnlyRunWritesAFewFilesNotOnePerInput() throws Exception {
    land();
    JobRun packed = clean("packed");
    assertEquals(0, packed.exit(), packed.err());
    assertEquals(badRows, quarantined("packed"));
    int files = OutputFiles.files(dir.resolve("packed/clean")).size();
    // One task: at most one file per partition (3 days), against up to 120 x 3 before.
    assertTrue(files <= 3, files + " clean files");
  }

  @Test
  void aTruncatedFileAmongThemIsNamedAndSkippedAloneWithBadFilesSkip() throws Exception {
    land();
    Path victim = dir.resolve("in/2024/01/events-010.csv.gz");
    byte[] whole = Files.readAllBytes(victim);
    Files.write(victim, java.util.Arrays.copyOf(whole, whole.length - 12));
    JobRun failed = clean("failed");
    assertEquals(1, failed.exit());
    assertTrue(failed.err().contains("events-010.csv.gz: cannot be read after line"), failed.err());
    JobRun skipped = clean("skipped", "--bad-files", "skip");
    assertEquals(0, skipped.exit(), skipped.err());
    List<String> unreadable = new ArrayList<>();
    for (String line : OutputFiles.lines(dir.resolve("skipped/quarantine"))) {
      if (line.contains("unreadable_file")) {
        unreadable.add(JSON.readTree(line).get("file").asText());
      }
    }
    assertEquals(1, unreadable.size(), unreadable.toString());
    assertTrue(unreadable.get(0).endsWith("events-010.csv.gz"), unreadable.toString());
    // Every other file was read to its end: each bad row outside the damaged file is there.
    TreeSet<String> others = new TreeSet<>(badRows);
    others.removeIf(r -> r.contains("events-010.csv.gz"));
    TreeSet<String> got = new TreeSet<>();
    for (String line : OutputFiles.lines(dir.resolve("skipped/quarantine"))) {
      JsonNode q = JSON.readTree(line);
      String file = java.net.URI.create(q.get("file").asText()).getPath();
      if (!file.endsWith("events-010.csv.gz")) {
        got.add(file + ":" + q.get("line").asLong());
      }
    }
    assertEquals(others, got);
  }
}
