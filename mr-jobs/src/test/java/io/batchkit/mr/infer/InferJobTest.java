package io.batchkit.mr.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.core.schema.Column;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.schema.SchemaParser;
import io.batchkit.mr.clean.CleanJob;
import io.batchkit.mr.testing.JobRun;
import io.batchkit.mr.tools.TicketGenerator;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code infer} on files whose column types the test knows (the ticket generator writes each one in
 * a known way): the proposal must be exactly the expected schema, and clean must take it.
 */
class InferJobTest {
  static final int ROWS = 3_000;

  @TempDir Path dir;

  /** name|type|formats|required|allowed|normalize, for every column of a schema. */
  static List<String> shape(Schema s) {
    return s.columns().stream().map(InferJobTest::shape).toList();
  }

  static String shape(Column c) {
    return String.join(
        "|",
        c.name(),
        c.type().toString(),
        String.valueOf(c.formats()),
        c.required() ? "required" : "",
        c.allowed() == null
            ? ""
            : new TreeSet<>(c.allowed().stream().map(String::valueOf).toList()).toString(),
        c.normalize() == null || c.normalize().isEmpty() ? "" : c.normalize().toString());
  }

  JobRun infer(String... extra) throws Exception {
    return infer(dir, extra);
  }

  /** infer with the proposal written to {@code dir/s.yaml}. */
  static JobRun infer(Path dir, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("--output", dir.resolve("s.yaml").toString()));
    args.addAll(List.of(extra));
    return JobRun.run(JobRun.local(), InferJob::new, args.toArray(new String[0]));
  }

  /** clean of the files under {@code input} with the proposal infer wrote, into out. */
  JobRun cleanWithTheProposal(String input) throws Exception {
    return cleanWithTheProposal(dir, dir.resolve(input));
  }

  /** clean of the files under {@code input} with {@code dir/s.yaml}, into {@code dir/out}. */
  static JobRun cleanWithTheProposal(Path dir, Path input) throws Exception {
    return JobRun.run(
        JobRun.local(),
        CleanJob::new,
        "--schema",
        dir.resolve("s.yaml").toString(),
        "--input",
        input.toString(),
        "--output",
        dir.resolve("out").toString());
  }

  /** name|type|path|json|formats of every column, by name. */
  static java.util.Map<String, String> jsonShape(Schema s) {
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    for (Column c : s.columns()) {
      out.put(
          c.name(),
          String.join(
              "|",
              c.type().toString(),
              c.jsonPath().text(),
              String.valueOf(c.json()),
              String.valueOf(c.formats())));
    }
    return out;
  }

  /**
   * A Firehose landing from generate-events: the proposal is the generator's own schema
   * (examples/events.yaml) in every column's name, type, path, json and formats; objects back to
   * back, or one per line when written so.
   */
  @ParameterizedTest(name = "newlines {0}")
  @ValueSource(booleans = {false, true})
  void proposesTheEventGeneratorsSchemaForItsJson(boolean newlines) throws Exception {
    List<String> gen =
        new ArrayList<>(
            List.of("--output", dir.resolve("land").toString(), "--files", "30", "--no-dirt"));
    if (newlines) {
      gen.add("--newlines");
    }
    io.batchkit.mr.tools.EventGenerator.main(gen.toArray(new String[0]));
    JobRun run = infer("--input", dir.resolve("land").toString(), "--name", "events");
    assertEquals(0, run.exit(), run.err() + run.out());
    String yaml = Files.readString(dir.resolve("s.yaml"));
    Schema proposed = SchemaParser.parse(yaml.getBytes(StandardCharsets.UTF_8), "s.yaml");
    Schema generators = SchemaParser.parse(Path.of("../examples/events.yaml"));
    assertEquals(jsonShape(generators), jsonShape(proposed), yaml);
    assertTrue(proposed.format().json(), yaml);
    assertEquals(!newlines, proposed.format().multiline(), yaml);
    assertTrue(
        run.out().contains("would quarantine 0") || run.out().contains("quarantine "), run.out());
  }

  /**
   * The first file has one object per line, the last has them back to back and a field no other
   * file has: the first file alone would say {@code lines: true} (clean would then read the last
   * file's line as one malformed record) and miss the field. The proposal has the field, and every
   * object of every file comes through clean.
   */
  @Test
  void aLaterFilesObjectsBackToBackAndNewFieldAreInTheProposal() throws Exception {
    List<Path> files = events("--files", "6");
    int objects = 0;
    for (Path f : files) {
      objects += gunzip(f).split("\\{\"event_id\"", -1).length - 1;
    }
    Path last = files.get(files.size() - 1);
    String text = gunzip(last);
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(last))) {
      String added =
          text.replace("}\n{", "}{")
              .replace("{\"event_id\"", "{\"coupon\":{\"code\":\"C1\"},\"event_id\"");
      out.write(added.getBytes(StandardCharsets.UTF_8));
    }
    JobRun run = infer("--input", dir.resolve("land").toString(), "--name", "events");
    assertEquals(0, run.exit(), run.err() + run.out());
    String yaml = Files.readString(dir.resolve("s.yaml"));
    assertTrue(yaml.contains("format: {type: json, encoding: UTF-8}"), yaml);
    assertTrue(yaml.contains("{name: coupon_code, type: string, path: \"coupon.code\""), yaml);
    cleanReadsEveryObject(objects);
  }

  /** As above, with the back-to-back file one the sniff does not read: the job's count decides. */
  @Test
  void objectsBackToBackInAFileNotSniffedStillTurnLinesOff() throws Exception {
    List<Path> files = events("--files", "40", "--events-per-file", "5");
    assertEquals(40, files.size());
    assertTrue(!Sniff.spread(40, Sniff.JSON_FILES - 1).contains(4), "file 4 is not sniffed");
    String text = gunzip(files.get(4));
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(files.get(4)))) {
      out.write(text.replace("}\n{", "}{").getBytes(StandardCharsets.UTF_8));
    }
    JobRun run = infer("--input", dir.resolve("land").toString(), "--name", "events");
    assertEquals(0, run.exit(), run.err() + run.out());
    String yaml = Files.readString(dir.resolve("s.yaml"));
    assertTrue(yaml.contains("format: {type: json, encoding: UTF-8}"), yaml);
  }

  /**
   * Files that are each one JSON array of objects, as exports write them (pretty-printed, the
   * elements on lines of their own): the proposal is the generator's schema, read whole (never
   * {@code lines: true}), and clean reads every element as a record.
   */
  @Test
  void filesOfOneArrayOfObjectsAreReadAsTheirElements() throws Exception {
    List<Path> files = events("--files", "4");
    int objects = 0;
    for (Path f : files) {
      List<String> lines = gunzip(f).lines().toList();
      objects += lines.size();
      try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(f))) {
        out.write(("[\n" + String.join(",\n", lines) + "\n]\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    JobRun run = infer("--input", dir.resolve("land").toString(), "--name", "events");
    assertEquals(0, run.exit(), run.err() + run.out());
    String yaml = Files.readString(dir.resolve("s.yaml"));
    Schema proposed = SchemaParser.parse(yaml.getBytes(StandardCharsets.UTF_8), "s.yaml");
    assertEquals(
        jsonShape(SchemaParser.parse(Path.of("../examples/events.yaml"))),
        jsonShape(proposed),
        yaml);
    assertTrue(proposed.format().json() && proposed.format().multiline(), yaml);
    cleanReadsEveryObject(objects);
  }

  /** clean with the proposal reads every one of the landing's objects, none quarantined. */
  private void cleanReadsEveryObject(int objects) throws Exception {
    JobRun clean = cleanWithTheProposal("land");
    assertEquals(0, clean.exit(), clean.err());
    assertTrue(
        clean.out().contains(String.format("read %,d records", objects))
            && clean.out().contains(String.format("%,d clean, 0 quarantined", objects)),
        objects + " objects\n" + clean.out());
  }

  /** A clean landing of generated events, one object a line, under land/: its files in order. */
  private List<Path> events(String... options) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of("--output", dir.resolve("land").toString(), "--no-dirt", "--newlines"));
    args.addAll(List.of(options));
    io.batchkit.mr.tools.EventGenerator.main(args.toArray(String[]::new));
    try (var walk = Files.walk(dir.resolve("land"))) {
      return walk.filter(f -> f.toString().endsWith(".gz")).sorted().toList();
    }
  }

  private static String gunzip(Path file) throws java.io.IOException {
    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void proposesTheTypesTheGeneratorWrote() throws Exception {
    TicketGenerator.write(dir.resolve("in"), ROWS, 2, 7);
    JobRun run = infer("--input", dir.resolve("in").toString(), "--name", "tickets");
    assertEquals(0, run.exit(), run.err() + run.out());
    String yaml = Files.readString(dir.resolve("s.yaml"));
    Schema s = SchemaParser.parse(yaml.getBytes(StandardCharsets.UTF_8), "s.yaml");
    assertEquals("tickets", s.name());
    assertEquals(',', s.format().delimiter());
    assertTrue(s.format().header());
    assertTrue(s.format().multiline(), "notes hold quoted line breaks:\n" + yaml);
    assertEquals(StandardCharsets.UTF_8, s.format().encoding());
    assertEquals(
        List.of(
            "ticket_number|int|[]|required||",
            "name|string|[]|required||",
            "address|string|[]|required||[TRIM]",
            "plate|string|[]|required||",
            "state|string|[]|required|[CT, NJ, NY, PA]|[TRIM]",
            "infraction_code|string|[]|required|[014, 021, 038, 046, 069, 071]|",
            "issue_date|date|[MM/dd/yyyy]|required||",
            "issued_at|timestamp|[MM/dd/yyyy hh:mm:ss a]|required||",
            "fine|decimal(7,2)|[]|required||",
            "paid|boolean|[]|required||",
            "zip|string|[]|required||",
            "meter_id|string|[]|required||",
            "account|string|[]|required||",
            "latitude|double|[]|required||",
            "device_seq|bigint|[]|required||",
            "hearing_date|date|[dd.MM.yyyy]|||",
            "posted|date|[MMM dd yyyy]|required||",
            "logged_at|timestamp|[yyyy-MM-dd HH:mm:ss]|required||",
            "notes|string|[]|||"),
        shape(s),
        yaml);
    assertEquals(new TreeSet<>(List.of("", "NA")), new TreeSet<>(s.nulls()));
    // Bounds are the data's, computed here from the files.
    List<String[]> rows = rows(dir.resolve("in"));
    assertEquals(
        rows.stream()
            .map(r -> new BigDecimal(r[8]))
            .max(BigDecimal::compareTo)
            .get()
            .stripTrailingZeros(),
        ((BigDecimal) (Object) s.column("fine").max()).stripTrailingZeros());
    assertEquals(100_000 + ROWS - 1, s.column("ticket_number").max());
    assertTrue(yaml.contains("# keys: [ticket_number]"), yaml);
    long multiline = rows.stream().filter(r -> r[18].contains("\n")).count();
    assertTrue(
        run.out().contains(String.format("%,d hold a quoted line break", multiline)), run.out());
    assertTrue(run.out().contains("would quarantine"), run.out());

    // clean takes the proposal as it is and quarantines nothing on the data it came from.
    JobRun clean = cleanWithTheProposal("in");
    assertEquals(0, clean.exit(), clean.err());
    assertTrue(clean.out().contains(String.format("%,d clean, 0 quarantined", ROWS)), clean.out());
  }

  @Test
  void dirtyRecordsAreQuarantinedByTheProposalAsTheTestBrokeThem() throws Exception {
    TicketGenerator.write(dir.resolve("in"), ROWS, 1, 11);
    assertEquals(0, infer("--input", dir.resolve("in").toString(), "--no-bounds").exit());
    // Break 7 fines (not a number) and 4 issue dates (no such day) in a copy.
    List<String> lines = Files.readAllLines(dir.resolve("in/tickets-1.csv"));
    int fines = 0;
    int dates = 0;
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",", -1);
      if (f.length != 19 || f[18].startsWith("\"")) {
        continue; // leave quoted notes alone: the test splits on commas
      }
      if (i % 101 == 0 && fines < 7) {
        f[8] = "12,50".replace(",", "x");
        fines++;
      } else if (i % 157 == 0 && dates < 4) {
        f[6] = "02/30/2024";
        dates++;
      } else {
        continue;
      }
      lines.set(i, String.join(",", f));
    }
    Files.createDirectories(dir.resolve("dirty"));
    Files.write(dir.resolve("dirty/t.csv"), lines);
    JobRun clean = cleanWithTheProposal("dirty");
    assertEquals(0, clean.exit(), clean.err());
    assertTrue(
        clean.out().contains(String.format("%,d clean, 11 quarantined", ROWS - 11)),
        clean.out() + clean.err());
  }

  @Test
  void aHeaderlessSemicolonFileGetsPositionalNames() throws Exception {
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      csv.append(i)
          .append(';')
          .append(i % 3 == 0 ? "x" : "y")
          .append(';')
          .append(i * 0.5)
          .append(';')
          .append(i / 7.0)
          .append(';')
          .append(java.time.LocalDate.of(2024, 1, 1).plusDays(i))
          .append(';')
          .append(
              java.time.LocalDateTime.of(2024, 3, 1, 0, 0).plusMinutes(37L * i).withSecond(i % 60))
          .append('\n');
    }
    Files.createDirectories(dir.resolve("in"));
    Files.writeString(dir.resolve("in/a.csv"), csv);
    JobRun run = infer("--input", dir.resolve("in").toString());
    assertEquals(0, run.exit(), run.err());
    Schema s = SchemaParser.parse(Files.readAllBytes(dir.resolve("s.yaml")), "s.yaml");
    assertEquals(';', s.format().delimiter());
    assertTrue(!s.format().header());
    assertEquals("in", s.name());
    assertEquals(
        List.of(
            "col_1|int|[]|required||",
            "col_2|string|[]|required|[x, y]|",
            "col_3|decimal(5,1)|[]|required||",
            "col_4|double|[]|required||",
            "col_5|date|[yyyy-MM-dd]|required||",
            // java.time writes no seconds when they are 0: a second format reads those.
            "col_6|timestamp|[yyyy-MM-dd'T'HH:mm:ss, yyyy-MM-dd'T'HH:mm]|required||"),
        shape(s));
  }

  @Test
  void eightQuotedLineBreaksIn32530RecordsAreFound() throws Exception {
    StringBuilder csv = new StringBuilder("Registry Id,Owner,Remarks\n");
    java.util.Random r = new java.util.Random(5);
    java.util.Set<Integer> broken = new java.util.TreeSet<>();
    while (broken.size() < 8) {
      broken.add(r.nextInt(32_530));
    }
    for (int i = 0; i < 32_530; i++) {
      csv.append(i).append(",owner ").append(r.nextInt(5000)).append(',');
      csv.append(broken.contains(i) ? "\"moved to\nlot " + i + "\"" : "ok " + r.nextInt(100));
      csv.append('\n');
    }
    Files.createDirectories(dir.resolve("in"));
    Files.writeString(dir.resolve("in/registry.csv"), csv);
    JobRun run = infer("--input", dir.resolve("in").toString());
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().contains("; 8 hold a quoted line break: multiline: true"), run.out());
    Schema s = SchemaParser.parse(Files.readAllBytes(dir.resolve("s.yaml")), "s.yaml");
    assertTrue(s.format().multiline());
    assertEquals(
        List.of("registry_id", "owner", "remarks"),
        s.columns().stream().map(Column::name).toList());
  }

  @Test
  void aFirstFileThatIsNoDataFileIsNamed() throws Exception {
    TicketGenerator.write(dir.resolve("in"), 500, 1, 7);
    Files.writeString(
        dir.resolve("in/ABOUT.md"), "# Tickets\n\nExported nightly, one file a day.\n");
    JobRun run = infer("--input", dir.resolve("in").toString());
    assertEquals(1, run.exit(), run.out());
    assertTrue(
        run.err()
            .contains(
                "ABOUT.md, the first file, which the dialect was guessed from: is it a data file?"),
        run.err());
    assertTrue(!Files.exists(dir.resolve("s.yaml")));
  }

  @Test
  void refusesToOverwriteAndNamesUnknownColumns() throws Exception {
    TicketGenerator.write(dir.resolve("in"), 50, 1, 7);
    Files.writeString(dir.resolve("s.yaml"), "mine");
    JobRun run = infer("--input", dir.resolve("in").toString());
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("exists; choose another --output or add --overwrite"), run.err());
    JobRun typo =
        infer("--input", dir.resolve("in").toString(), "--overwrite", "--pseudonymize", "plates");
    assertEquals(2, typo.exit());
    assertTrue(typo.err().contains("--pseudonymize: no column 'plates'"), typo.err());
    assertEquals("mine", Files.readString(dir.resolve("s.yaml")));
  }

  /** The generator's records, split as RFC 4180 says (quoted notes may hold commas and breaks). */
  static List<String[]> rows(Path in) throws Exception {
    List<String[]> out = new ArrayList<>();
    for (Path f : Files.list(in).sorted().collect(Collectors.toList())) {
      String text = Files.readString(f);
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      boolean header = true;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (quoted) {
          if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else if (c == '"') {
            quoted = false;
          } else {
            field.append(c);
          }
        } else if (c == '"') {
          quoted = true;
        } else if (c == ',') {
          fields.add(field.toString());
          field.setLength(0);
        } else if (c == '\r') {
          continue;
        } else if (c == '\n') {
          fields.add(field.toString());
          field.setLength(0);
          if (!header) {
            out.add(fields.toArray(new String[0]));
          }
          header = false;
          fields = new ArrayList<>();
        } else {
          field.append(c);
        }
      }
    }
    return out;
  }

  /**
   * A crawler's re-run: today's files against yesterday's schema. The changes written into the
   * files by this test are the ones reported; the same files against their own schema: none.
   */
  @Test
  void againstASchemaReportsTheChangesTheTestMadeAndExits3() throws Exception {
    Path day1 = dir.resolve("day1");
    Path day2 = dir.resolve("day2");
    Files.createDirectories(day1);
    Files.createDirectories(day2);
    StringBuilder a = new StringBuilder("id,city,amount,day\n");
    StringBuilder b = new StringBuilder("id,city,channel,amount,day\n");
    for (int i = 1; i <= 200; i++) {
      String city = i % 2 == 0 ? "Oslo" : "Lima";
      a.append(i)
          .append(',')
          .append(city)
          .append(',')
          .append(i % 50)
          .append('.')
          .append(i % 10)
          .append(",2024-01-")
          .append(String.format("%02d", 1 + i % 28))
          .append('\n');
      // A new column, ids beyond int, the same amounts, days written day first.
      b.append(3_000_000_000L + i)
          .append(',')
          .append(city)
          .append(",web,")
          .append(i % 50)
          .append('.')
          .append(i % 10)
          .append(',')
          .append(String.format("%02d", 1 + i % 28))
          .append("/01/2024\n");
    }
    Files.writeString(day1.resolve("a.csv"), a);
    Files.writeString(day2.resolve("b.csv"), b);
    JobRun learn = infer("--input", day1.toString(), "--name", "orders", "--no-bounds");
    assertEquals(0, learn.exit(), learn.err());
    Path schema = dir.resolve("orders.yaml");
    Files.move(dir.resolve("s.yaml"), schema);

    JobRun same =
        JobRun.run(
            JobRun.local(),
            InferJob::new,
            "--input",
            day1.toString(),
            "--against",
            schema.toString());
    assertEquals(0, same.exit(), same.err());
    assertTrue(same.out().contains("no change"), same.out());

    JobRun drifted =
        JobRun.run(
            JobRun.local(),
            InferJob::new,
            "--input",
            day2.toString(),
            "--against",
            schema.toString(),
            "--output",
            dir.resolve("orders-new.yaml").toString());
    assertEquals(3, drifted.exit(), drifted.err());
    List<String> lines =
        drifted.out().lines().filter(l -> l.startsWith("infer:   - ")).map(String::strip).toList();
    assertEquals(
        List.of(
            "infer:   - new column `channel` (string) at position 3",
            "infer:   - widened: `id` int -> bigint",
            "infer:   - another format: `day` [yyyy-MM-dd] -> [dd/MM/yyyy]"),
        lines);
    // The schema evolved in its own text: the new column appended, the wider type; the date
    // format listed for a person to review.
    String evolved = Files.readString(dir.resolve("orders-new.yaml"));
    assertTrue(evolved.startsWith("# infer --against "), evolved);
    assertTrue(evolved.contains("#   applied: new column `channel`"), evolved);
    assertTrue(evolved.contains("#   applied: widened: `id` int -> bigint"), evolved);
    assertTrue(evolved.contains("#   to review: another format: `day`"), evolved);
    io.batchkit.core.schema.Schema s =
        io.batchkit.core.schema.SchemaParser.parse(
            evolved.getBytes(java.nio.charset.StandardCharsets.UTF_8), "evolved");
    String amount =
        io.batchkit.core.schema.SchemaParser.parse(schema).column("amount").type().hiveName();
    assertEquals(
        List.of("id bigint", "city string", "amount " + amount, "day date", "channel string"),
        s.columns().stream().map(c -> c.name() + " " + c.type().hiveName()).toList());
    assertTrue(evolved.contains(Files.readString(schema).lines().skip(3).findFirst().get()));
  }
}
