package io.batchkit.mr.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchkit.mr.common.QuarantineLines;
import io.batchkit.mr.testing.JobRun;
import io.batchkit.mr.testing.OutputFiles;
import io.batchkit.mr.tools.TripGenerator;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code clean} end to end on the Hadoop local runner. */
class CleanJobTest {
  static final Path TRIPS_SCHEMA = Path.of("../examples/trips.yaml").toAbsolutePath();
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path shared;
  static Path trips;
  static JsonNode ledger;

  @TempDir Path dir;

  @BeforeAll
  static void generate() throws Exception {
    trips = shared.resolve("trips/trips.csv");
    Path expect = shared.resolve("expect.json");
    TripGenerator.main(
        new String[] {
          "--rows",
          "20000",
          "--seed",
          "7",
          "--output",
          trips.toString(),
          "--expect",
          expect.toString()
        });
    ledger = JSON.readTree(expect.toFile());
  }

  static JobRun clean(Configuration conf, String... args) throws Exception {
    return JobRun.run(conf, CleanJob::new, args);
  }

  static JobRun clean(String... args) throws Exception {
    return clean(JobRun.local(), args);
  }

  /** {@code clean} of the generated trips with the example schema, plus {@code extra} options. */
  static JobRun cleanTrips(Configuration conf, Path out, String... extra) throws Exception {
    return clean(conf, TRIPS_SCHEMA, trips, out, extra);
  }

  static JobRun clean(Configuration conf, Path schema, Path input, Path out, String... extra)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--schema", schema.toString(),
                "--input", input.toString(),
                "--output", out.toString()));
    args.addAll(List.of(extra));
    return clean(conf, args.toArray(new String[0]));
  }

  static JsonNode manifest(Path out) throws Exception {
    return JSON.readTree(out.resolve("_MANIFEST.json").toFile());
  }

  /**
   * Checks the manifest against the files on disk and the read = clean + quarantined + dupes law.
   */
  static JsonNode checkOutput(Path out) throws Exception {
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
    JsonNode counts = manifest(out).get("counts");
    long read = counts.get("read").asLong();
    long clean = counts.get("clean").asLong();
    long quarantined = counts.get("quarantined").asLong();
    long duplicates = counts.get("duplicates").asLong();
    assertEquals(read, clean + quarantined + duplicates);
    assertEquals(clean, OutputFiles.lines(out.resolve("clean")).size());
    assertEquals(quarantined, OutputFiles.lines(out.resolve("quarantine")).size());
    return counts;
  }

  @Test
  void generatedTripsReconcileWithTheGeneratorsOwnLedger() throws Exception {
    Path out = dir.resolve("out");
    JobRun r = cleanTrips(JobRun.local(), out);
    assertEquals(0, r.exit(), r.err());
    JsonNode counts = checkOutput(out);
    assertEquals(ledger.get("rows").asLong(), counts.get("read").asLong());
    assertEquals(ledger.get("valid").asLong(), counts.get("clean").asLong());
    assertEquals(ledger.get("quarantined").asLong(), counts.get("quarantined").asLong());
    assertEquals(0, counts.get("duplicates").asLong());

    Map<String, Long> byRuleColumn = new HashMap<>();
    manifest(out)
        .get("violations")
        .fields()
        .forEachRemaining(
            rule ->
                rule.getValue()
                    .fields()
                    .forEachRemaining(
                        col ->
                            byRuleColumn.put(
                                rule.getKey() + " " + col.getKey(), col.getValue().asLong())));
    Map<String, Long> expected = new HashMap<>();
    ledger
        .get("by_rule_column")
        .fields()
        .forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asLong()));
    assertEquals(expected, byRuleColumn);
    assertTrue(r.out().contains("read 20,000 records"), r.out());

    // Every clean row is in a dt= partition of New York's calendar day.
    for (Path f : OutputFiles.files(out.resolve("clean"))) {
      assertTrue(f.getParent().getFileName().toString().matches("dt=2024-01-0[1-9]"), f.toString());
    }
  }

  @Test
  void dedupeKeepsTheFirstRecordOfEachKeyAndCountsTheRest() throws Exception {
    Path out = dir.resolve("out");
    Configuration conf = JobRun.local();
    conf.setInt("mapreduce.job.reduces", 2);
    JobRun r = cleanTrips(conf, out, "--dedupe");
    assertEquals(0, r.exit(), r.err());
    JsonNode counts = checkOutput(out);
    assertEquals(ledger.get("duplicates").asLong(), counts.get("duplicates").asLong());
    assertEquals(ledger.get("clean_with_dedupe").asLong(), counts.get("clean").asLong());
    // The generator marks every later copy "resent by meter": none of them may survive.
    List<String> rows = OutputFiles.lines(out.resolve("clean"));
    assertTrue(rows.stream().noneMatch(l -> l.endsWith("\tresent by meter")));
  }

  @Test
  void twoRunsGiveByteIdenticalOutput() throws Exception {
    Configuration conf = JobRun.local();
    conf.setInt("mapreduce.job.reduces", 2);
    conf.setLong("mapreduce.input.fileinputformat.split.maxsize", 256 * 1024); // several maps
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    for (Path out : List.of(a, b)) {
      JobRun r = cleanTrips(conf, out, "--dedupe");
      assertEquals(0, r.exit(), r.err());
    }
    assertTrue(OutputFiles.files(a.resolve("clean")).size() > 1);
    assertEquals(OutputFiles.digests(a.resolve("clean")), OutputFiles.digests(b.resolve("clean")));
    assertEquals(
        OutputFiles.digests(a.resolve("quarantine")), OutputFiles.digests(b.resolve("quarantine")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "gzip"})
  void quarantineLineNumbersPointAtTheRecordEvenInLaterSplits(String compress) throws Exception {
    Configuration conf = JobRun.local();
    conf.setLong("mapreduce.input.fileinputformat.split.maxsize", 64 * 1024);
    Path out = dir.resolve("out-" + compress);
    assertEquals(0, cleanTrips(conf, out, "--compress", compress).exit());
    // Lines of the input, split on \n by hand, as bytes decoded leniently.
    byte[] all = Files.readAllBytes(trips);
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < all.length; i++) {
      if (all[i] == '\n') {
        lines.add(new String(all, start, i - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    List<String> q = OutputFiles.lines(out.resolve("quarantine"));
    assertEquals(ledger.get("quarantined").asLong(), q.size());
    long maxLine = 0;
    for (String json : q) {
      JsonNode n = JSON.readTree(json);
      int line = n.get("line").asInt();
      assertEquals(lines.get(line - 1), n.get("raw").asText(), json);
      maxLine = Math.max(maxLine, line);
    }
    assertTrue(maxLine > 15_000, "quarantined records from late splits were checked");
    assertFalse(
        Files.exists(out.resolve(QuarantineLines.DIR)), "the split line counts are removed");
  }

  @Test
  void edgeInputsLoseNoRecord() throws Exception {
    Path in = dir.resolve("in");
    Files.createDirectories(in);
    String header = "id,name\n";
    Files.write(in.resolve("a-empty.csv"), new byte[0]);
    Files.writeString(in.resolve("b-header-only.csv"), header);
    ByteArrayOutputStream bad = new ByteArrayOutputStream();
    bad.write(header.getBytes(StandardCharsets.UTF_8));
    bad.write("1,ok\n2,caf".getBytes(StandardCharsets.UTF_8));
    bad.write(new byte[] {(byte) 0xE9, '\n'}); // Latin-1 é: invalid UTF-8
    bad.write("3,\u00e9t\u00e9\n".getBytes(StandardCharsets.UTF_8));
    Files.write(in.resolve("c-invalid-utf8.csv"), bad.toByteArray());
    Files.writeString(
        in.resolve("d-big-field.csv"), header + "4," + "x".repeat(1 << 20) + "\n5,y\n");
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    Files.write(
        in.resolve("e-bom-crlf.csv"),
        concat(bom, "id,name\r\n6,a\r\n7,b".getBytes(StandardCharsets.UTF_8)));
    Path schema = dir.resolve("s.yaml");
    Files.writeString(
        schema,
        "name: s\ncolumns:\n  - {name: id, type: int, required: true}\n  - {name: name, type: string, max_length: 100}\n");
    Path out = dir.resolve("out");
    JobRun r = clean(JobRun.local(), schema, in, out);
    assertEquals(0, r.exit(), r.err());
    JsonNode counts = checkOutput(out);
    // Records: 1, 2 (bad bytes), 3, 4 (1 MB name: max_length), 5, 6, 7 (no final newline).
    assertEquals(7, counts.get("read").asLong());
    assertEquals(5, counts.get("clean").asLong());
    assertEquals(2, counts.get("quarantined").asLong());
    assertEquals(4, manifest(out).get("skipped").get("header_lines").asLong(), "b, c, d, e");
    List<String> q = OutputFiles.lines(out.resolve("quarantine"));
    JsonNode encoding =
        JSON.readTree(q.stream().filter(l -> l.contains("encoding")).findFirst().orElseThrow());
    assertEquals(3, encoding.get("line").asInt());
    assertEquals("MixjYWbp", encoding.get("raw_base64").asText(), "the original bytes 2,caf\\xE9");
    assertTrue(OutputFiles.lines(out.resolve("clean")).contains("3\t\u00e9t\u00e9"));
    assertTrue(
        OutputFiles.lines(out.resolve("clean")).contains("6\ta"),
        "BOM header skipped, CRLF stripped");
  }

  @Test
  void compressedInputIsReadThroughHadoopCodecsAndOutputCanBeCompressed() throws Exception {
    Path in = dir.resolve("in");
    Files.createDirectories(in);
    byte[] raw = Files.readAllBytes(trips);
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(in.resolve("trips.csv.gz")))) {
      o.write(raw);
    }
    try (OutputStream o =
        new BZip2CompressorOutputStream(Files.newOutputStream(in.resolve("trips2.csv.bz2")))) {
      o.write(raw);
    }
    Path out = dir.resolve("out");
    JobRun r = clean(JobRun.local(), TRIPS_SCHEMA, in, out, "--compress", "gzip");
    assertEquals(0, r.exit(), r.err());
    JsonNode counts = checkOutput(out);
    assertEquals(2 * ledger.get("rows").asLong(), counts.get("read").asLong());
    assertEquals(2 * ledger.get("quarantined").asLong(), counts.get("quarantined").asLong());
    assertTrue(
        OutputFiles.files(out.resolve("clean")).stream()
            .allMatch(p -> p.toString().endsWith(".gz")));
  }

  @Test
  void multilineSchemasKeepQuotedLineBreaks() throws Exception {
    Path schema = dir.resolve("m.yaml");
    Files.writeString(
        schema,
        "name: m\nformat: {multiline: true}\ncolumns:\n  - {name: id, type: int}\n  - {name: text, type: string}\n");
    Path in = dir.resolve("m.csv");
    Files.writeString(in, "id,text\n1,\"two\nlines\"\n2,plain\n3,\"never closed\n");
    Path out = dir.resolve("out");
    JobRun r = clean(JobRun.local(), schema, in, out, "--output-format", "csv");
    assertEquals(0, r.exit(), r.err());
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
    JsonNode counts = manifest(out).get("counts");
    assertEquals(2, counts.get("clean").asLong());
    assertEquals(3, counts.get("read").asLong());
    assertEquals(1, counts.get("quarantined").asLong(), "the unterminated quote");
    assertEquals(
        "id,text\n\"1\",\"two\nlines\"\n\"2\",\"plain\"\n",
        OutputFiles.text(OutputFiles.files(out.resolve("clean")).get(0)));
    JsonNode q = JSON.readTree(OutputFiles.lines(out.resolve("quarantine")).get(0));
    assertEquals(5, q.get("line").asInt());
    assertEquals("malformed", q.get("violations").get(0).get("rule").asText());
  }

  // ---- errors: one line, what to do, non-zero exit ----

  static void assertOneLineError(JobRun r, String... fragments) {
    assertEquals(2, r.exit(), r.err());
    String err = r.err().strip();
    assertFalse(err.contains("\n"), "one line: " + err);
    assertFalse(err.contains("Exception"), "no stack trace or exception name: " + err);
    for (String f : fragments) {
      assertTrue(err.contains(f), "«" + f + "» in «" + err + "»");
    }
  }

  @Test
  void aBadSchemaIsOneLineNamingFileLineAndKey() throws Exception {
    Path schema = dir.resolve("bad.yaml");
    Files.writeString(schema, "name: s\ncolumns:\n  - {name: id, type: integer}\n");
    assertOneLineError(
        clean(JobRun.local(), schema, trips, dir.resolve("o")),
        "bad.yaml:3:",
        "columns[0] (id).type",
        "unknown type 'integer'");
    assertFalse(Files.exists(dir.resolve("o")));
  }

  @Test
  void aMissingInputOrSchemaSaysWhatToCheck() throws Exception {
    assertOneLineError(
        clean(JobRun.local(), TRIPS_SCHEMA, dir.resolve("nope.csv"), dir.resolve("o")),
        "nope.csv does not exist");
    assertOneLineError(
        clean(JobRun.local(), dir.resolve("none.yaml"), trips, dir.resolve("o")),
        "cannot read schema",
        "--schema");
    assertOneLineError(
        clean("--schema", TRIPS_SCHEMA.toString(), "--output", "x"), "--input is required");
    assertOneLineError(
        clean("--schema", TRIPS_SCHEMA.toString(), "--bogus"), "unknown option --bogus");
  }

  @Test
  void anExistingOutputIsRefusedUnlessOverwrite() throws Exception {
    Path out = dir.resolve("out");
    Files.createDirectories(out);
    Files.writeString(out.resolve("keep.txt"), "precious");
    assertOneLineError(
        clean(JobRun.local(), TRIPS_SCHEMA, trips, out), "already exists", "--overwrite");
    assertTrue(Files.exists(out.resolve("keep.txt")));
    JobRun r = cleanTrips(JobRun.local(), out, "--overwrite");
    assertEquals(0, r.exit(), r.err());
    assertFalse(Files.exists(out.resolve("keep.txt")));
    checkOutput(out);
  }

  @Test
  void helpAndCodecsThatCannotRunHere() throws Exception {
    JobRun help = clean("--help");
    assertEquals(0, help.exit());
    assertTrue(help.out().startsWith("Usage: hadoop jar batchkit-jobs.jar clean"));
    JobRun bad = cleanTrips(JobRun.local(), dir.resolve("o"), "--compress", "lz9");
    assertOneLineError(bad, "--compress lz9 is not known");
    JobRun zstd = cleanTrips(JobRun.local(), dir.resolve("z"), "--compress", "zstd");
    // zstd needs libhadoop; where it is missing that must be a clean one-line refusal.
    assertNotEquals(1, zstd.exit(), zstd.err());
    if (zstd.exit() == 2) {
      assertOneLineError(zstd, "--compress zstd cannot run here");
    }
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] c = new byte[a.length + b.length];
    System.arraycopy(a, 0, c, 0, a.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
