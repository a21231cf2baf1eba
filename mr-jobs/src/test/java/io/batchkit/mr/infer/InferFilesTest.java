package io.batchkit.mr.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.mr.testing.CutGzip;
import io.batchkit.mr.testing.JobRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code infer} on many files: small ones packed into one task, each still sampled and named as
 * itself; a {@code .gz} cut short (a landing may hold one still being written), the first file too,
 * whose head the dialect is guessed from; a file that cannot be read at all.
 */
class InferFilesTest {
  static final int ROWS = 2_000;

  @TempDir Path dir;

  JobRun infer(String... extra) throws Exception {
    return InferJobTest.infer(dir, extra);
  }

  /** clean of the files under {@code land} with the proposal infer wrote. */
  JobRun cleanWithTheProposal(Path land) throws Exception {
    return InferJobTest.cleanWithTheProposal(dir, land);
  }

  /** A gzipped CSV file of {@code ROWS} records under a header. */
  static void writeGz(Path file, String header, int first) throws IOException {
    StringBuilder sb = new StringBuilder(header).append('\n');
    for (int i = first; i < first + ROWS; i++) {
      sb.append(i)
          .append(',')
          .append(i % 97)
          .append('.')
          .append(i % 10)
          .append("0,c")
          .append(i % 5)
          .append('\n');
    }
    Files.createDirectories(file.getParent());
    try (var out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The whole lines the JDK's own inflater gets out of a cut file before it gives up. */
  static long wholeLinesBeforeTheCut(Path file) throws IOException {
    return new String(CutGzip.readUpToTheCut(file), StandardCharsets.UTF_8)
        .chars()
        .filter(c -> c == '\n')
        .count();
  }

  @Test
  void aGzipCutShortFailsTheRunNamingItOrWithSkipIsLearnedFromUpToTheCut() throws Exception {
    Path land = dir.resolve("land");
    for (int f = 0; f < 3; f++) {
      writeGz(land.resolve("part-" + f + ".csv.gz"), "id,amount,code", f * 100_000);
    }
    // The first, whose head the dialect is guessed from, and one after it in the same task.
    long before = 0;
    for (String name : List.of("part-0.csv.gz", "part-1.csv.gz")) {
      Path cut = land.resolve(name);
      byte[] gz = Files.readAllBytes(cut);
      Files.write(cut, java.util.Arrays.copyOf(gz, gz.length / 2));
      long lines = wholeLinesBeforeTheCut(cut) - 1; // its header is no record
      assertTrue(lines > 0 && lines < ROWS, "cut mid-file: " + lines);
      before += lines;
    }

    JobRun fails = infer("--input", land.toString());
    assertEquals(1, fails.exit(), fails.out() + fails.err());
    assertTrue(
        fails.err().contains("part-0.csv.gz: cannot be read after line ")
            && fails.err().contains("re-run with --bad-files skip"),
        fails.err());
    assertTrue(fails.err().contains("no schema was written"), fails.err());
    assertFalse(Files.exists(dir.resolve("s.yaml")));

    JobRun skips = infer("--input", land.toString(), "--bad-files", "skip");
    assertEquals(0, skips.exit(), skips.out() + skips.err());
    assertTrue(
        skips.out().contains(String.format("infer: read %,d records", ROWS + before)), skips.out());
    for (String name : List.of("part-0.csv.gz", "part-1.csv.gz")) {
      assertTrue(
          skips.out().contains(name + ": cut short (--bad-files skip): learned from"), skips.out());
    }
    assertTrue(Files.readString(dir.resolve("s.yaml")).contains("name: code"));
  }

  @Test
  void aFirstFileUnreadableFromItsStartIsNamed() throws Exception {
    Path land = dir.resolve("land");
    writeGz(land.resolve("b.csv.gz"), "id,amount,code", 0);
    Files.writeString(land.resolve("a.csv.gz"), "id,amount,code\n1,2.50,c1\n"); // not gzipped
    JobRun run = infer("--input", land.toString());
    assertEquals(2, run.exit(), run.out() + run.err());
    assertTrue(
        run.err().startsWith("infer: " + land.toUri().toString().replace("file:///", "file:/"))
            && run.err().contains("a.csv.gz: cannot be read from its start ("),
        run.err());
    assertFalse(run.err().contains("\tat "), run.err());
  }

  @Test
  void aUtf16FileIsNamedWithTheCommandThatConvertsItBeforeAnyJob() throws Exception {
    Path land = dir.resolve("land");
    Files.createDirectories(land);
    // Excel's "Unicode Text" and many Windows exports: UTF-16LE after a byte-order mark.
    byte[] text = "id,amount,code\n1,2.50,c1\n".getBytes(StandardCharsets.UTF_16LE);
    byte[] file = new byte[text.length + 2];
    file[0] = (byte) 0xFF;
    file[1] = (byte) 0xFE;
    System.arraycopy(text, 0, file, 2, text.length);
    Files.write(land.resolve("export.csv"), file);
    JobRun run = infer("--input", land.toString());
    assertEquals(2, run.exit(), run.out() + run.err());
    assertTrue(
        run.err().contains("export.csv: UTF-16LE (byte-order mark FF FE) text")
            && run.err().contains("iconv -f UTF-16 -t UTF-8 export.csv > export.utf8.csv"),
        run.err());
    assertFalse(run.out().contains("submitted"), run.out());
  }

  @Test
  void theSampleIsTakenFromEveryFileOfATask() throws Exception {
    Path land = dir.resolve("land");
    for (int f = 0; f < 3; f++) {
      writeGz(land.resolve("part-" + f + ".csv.gz"), "id,amount,code", f * 100_000);
    }
    JobRun run = infer("--input", land.toString(), "--sample-rows", "100");
    assertEquals(0, run.exit(), run.out() + run.err());
    assertTrue(
        run.out().contains("infer: read 300 records (270 learned from, 30 held out)"), run.out());
  }

  @Test
  void zeroByteGzipFilesHoldNoRecordsForInferAndClean() throws Exception {
    Path land = dir.resolve("land");
    for (int f = 1; f < 3; f++) {
      writeGz(land.resolve("part-" + f + ".csv.gz"), "id,amount,code", f * 100_000);
    }
    Files.write(land.resolve("part-0.csv.gz"), new byte[0]); // first: no dialect from it
    Files.write(land.resolve("part-15.csv.gz"), new byte[0]);
    JobRun run = infer("--input", land.toString());
    assertEquals(0, run.exit(), run.out() + run.err());
    assertTrue(run.out().contains("from part-1.csv.gz: comma-delimited, with a header"), run.out());
    assertTrue(run.out().contains(String.format("infer: read %,d records", 2 * ROWS)), run.out());
    JobRun clean = cleanWithTheProposal(land);
    assertEquals(0, clean.exit(), clean.out() + clean.err());
    assertTrue(
        clean.out().contains(String.format("read %,d records", 2 * ROWS))
            && clean.out().contains(String.format("%,d clean, 0 quarantined", 2 * ROWS)),
        clean.out());
  }

  @Test
  void filesWhoseHeadersDifferAreLearnedByNameAndCleanedByName() throws Exception {
    Path land = dir.resolve("land");
    Files.createDirectories(land);
    StringBuilder a = new StringBuilder("id,name,amount\n");
    StringBuilder b = new StringBuilder("Amount,ID,Name\n"); // moved, other case
    StringBuilder c = new StringBuilder("amount,id,name,coupon\n"); // and a column more
    for (int i = 1; i <= 30; i++) {
      a.append(i).append(",n").append(i).append(',').append(i).append(".25\n");
    }
    for (int i = 31; i <= 50; i++) {
      b.append(i).append(".50,").append(i).append(",n").append(i).append('\n');
    }
    for (int i = 51; i <= 60; i++) {
      c.append(i).append(".75,").append(i).append(",n").append(i).append(",C").append(i % 3);
      c.append('\n');
    }
    Files.writeString(land.resolve("a.csv"), a);
    Files.writeString(land.resolve("b.csv"), b);
    Files.writeString(land.resolve("c.csv"), c);
    JobRun run = infer("--input", land.toString());
    assertEquals(0, run.exit(), run.out() + run.err());
    // Every tenth record read is held out (ids 10, 20, ... 60), those of b and c put in the
    // proposal's order for the check: only id 60 breaks the bounds learned without it.
    assertTrue(run.out().contains("read 60 records (54 learned from, 6 held out)"), run.out());
    assertTrue(
        run.out().contains("without the 6 held-out records reads 5 of them as valid and would"),
        run.out());
    assertFalse(run.out().contains("did not split"), run.out());
    String yaml = Files.readString(dir.resolve("s.yaml"));
    assertTrue(yaml.contains("header: by_name"), yaml);
    assertTrue(yaml.contains("{name: id, type: int, required: true, min: 1, max: 60}"), yaml);
    assertTrue(yaml.contains("{name: name, type: string, required: true}"), yaml);
    assertTrue(
        yaml.contains(
            "{name: amount, type: \"decimal(6,2)\", required: true, min: 1.25, max: 60.75}"),
        yaml);
    assertTrue(yaml.contains("{name: coupon, type: string}"), yaml);
    JobRun clean = cleanWithTheProposal(land);
    assertEquals(0, clean.exit(), clean.out() + clean.err());
    assertTrue(
        clean.out().contains("read 60 records") && clean.out().contains("60 clean"), clean.out());
  }

  @Test
  void aFileWhoseFirstLineNamesNoColumnOfTheFirstFilesIsNotReadByName() throws Exception {
    Path land = dir.resolve("land");
    Files.createDirectories(land);
    Files.writeString(land.resolve("x1.csv"), "id,name,amount\n1,a,2.50\n2,b,3.50\n");
    Files.writeString(land.resolve("x2.csv"), "3,c,4.50\n4,d,5.50\n"); // cut from a larger file
    JobRun run = infer("--input", land.toString());
    assertEquals(0, run.exit(), run.out() + run.err());
    assertTrue(
        run.out().contains("x2.csv differs from the first file's: [_3, c, _4_50]"), run.out());
    String yaml = Files.readString(dir.resolve("s.yaml"));
    assertTrue(yaml.contains("header: true") && !yaml.contains("_4_50"), yaml);
  }

  @Test
  void aLandingLargerThanTheHeadersReadStillReadsEachFileByName() throws Exception {
    int files = HeaderUnion.FILES + 6;
    List<Integer> read = Sniff.spread(files, HeaderUnion.FILES - 1);
    int unread = 1;
    while (read.contains(unread)) {
      unread++;
    }
    Path land = dir.resolve("land");
    Files.createDirectories(land);
    for (int f = 0; f < files; f++) {
      String header = f == 1 ? "amount,id" : f == unread ? "bonus,amount,id" : "id,amount";
      StringBuilder text = new StringBuilder(header).append('\n');
      for (int id = f * 2; id < f * 2 + 2; id++) {
        String amount = id + ".25";
        text.append(
            f == 1
                ? amount + "," + id
                : f == unread ? "b," + amount + "," + id : id + "," + amount);
        text.append('\n');
      }
      Files.writeString(land.resolve(String.format("f%05d.csv", f)), text);
    }
    JobRun run = infer("--input", land.toString());
    assertEquals(0, run.exit(), run.out() + run.err());
    String yaml = Files.readString(dir.resolve("s.yaml"));
    assertTrue(yaml.contains("header: by_name"), yaml);
    int max = files * 2 - 1;
    assertTrue(yaml.contains("{name: id, type: int, required: true, min: 0, max: " + max), yaml);
    assertTrue(yaml.contains("{name: amount, type: \"decimal("), yaml);
    assertTrue(
        run.out()
            .contains(String.format("f%05d.csv has columns the proposal lacks: [bonus]", unread)),
        run.out());
  }
}
