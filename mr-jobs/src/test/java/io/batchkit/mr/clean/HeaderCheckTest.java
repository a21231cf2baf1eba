package io.batchkit.mr.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.mr.profile.ProfileJob;
import io.batchkit.mr.testing.JobRun;
import io.batchkit.mr.testing.OutputFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A schema written for another file stops the job before any task runs, naming the file. */
class HeaderCheckTest {
  static final String SIX =
      String.join(
          "\n",
          "name: tickets",
          "format: {header: true}",
          "columns:",
          "  - {name: id, type: int}",
          "  - {name: plate, type: string}",
          "  - {name: fine, type: int}",
          "  - {name: state, type: string}",
          "  - {name: code, type: string}",
          "  - {name: paid, type: boolean}",
          "");
  static final String FIVE_COLUMN_CSV =
      "ID,Plate,Fine $,State,Code\n1,ABC,65,NY,021\n2,XYZ,40,NJ,038\n";

  @TempDir Path dir;

  JobRun clean(String schema, String csv, String... extra) throws Exception {
    Files.writeString(dir.resolve("t.yaml"), schema);
    Files.createDirectories(dir.resolve("in"));
    if (csv != null) {
      Files.writeString(dir.resolve("in/day1.csv"), csv);
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                "--schema",
                dir.resolve("t.yaml").toString(),
                "--input",
                dir.resolve("in").toString(),
                "--output",
                dir.resolve("out").toString(),
                "--overwrite"));
    args.addAll(List.of(extra));
    return JobRun.run(JobRun.local(), CleanJob::new, args.toArray(new String[0]));
  }

  @Test
  void aSixColumnSchemaOnAFiveColumnFileFailsBeforeTheJobNamingTheFile() throws Exception {
    JobRun run = clean(SIX, FIVE_COLUMN_CSV);
    assertEquals(2, run.exit(), run.out());
    assertTrue(
        run.err().contains("day1.csv: the header has 5 columns, schema tickets has 6"), run.err());
    assertTrue(run.err().contains("--header-check warn or off"), run.err());
    assertFalse(run.out().contains("submitted"), "no job ran: " + run.out());
    assertFalse(Files.exists(dir.resolve("out")), "nothing written");
  }

  @Test
  void aUtf16FileIsNamedAsSuchRatherThanByItsGarbledHeader() throws Exception {
    Files.createDirectories(dir.resolve("in"));
    byte[] text = FIVE_COLUMN_CSV.getBytes(java.nio.charset.StandardCharsets.UTF_16); // BOM FE FF
    Files.write(dir.resolve("in/day1.csv"), text);
    JobRun run = clean(SIX, null);
    assertEquals(2, run.exit(), run.out());
    assertTrue(
        run.err().contains("day1.csv: UTF-16BE (byte-order mark FE FF) text")
            && run.err().contains("iconv -f UTF-16 -t UTF-8 day1.csv > day1.utf8.csv")
            && !run.err().contains("header column"),
        run.err());
  }

  /**
   * Of a directory's files, the first is checked before any task runs, the others by the task that
   * reads them: a later file with another header fails the job, named, nothing published (clean and
   * a job after it alike); with warn, the driver reads them all and names it.
   */
  @Test
  void aLaterFileOfADirectoryIsCheckedByItsTask() throws Exception {
    String five = SIX.replace("  - {name: paid, type: boolean}\n", "");
    Files.createDirectories(dir.resolve("in"));
    Files.writeString(dir.resolve("in/day0.csv"), FIVE_COLUMN_CSV);
    Files.writeString(dir.resolve("in/day2.csv"), FIVE_COLUMN_CSV.replace("Fine $", "Amount"));
    JobRun run = clean(five, FIVE_COLUMN_CSV);
    assertEquals(1, run.exit(), run.err());
    assertTrue(
        run.err().contains("day2.csv: header column 3 is 'Amount', schema tickets says fine"),
        run.err());
    assertFalse(Files.exists(dir.resolve("out/_SUCCESS")));

    JobRun profile =
        JobRun.run(
            JobRun.local(),
            io.batchkit.mr.profile.ProfileJob::new,
            "--schema",
            dir.resolve("t.yaml").toString(),
            "--input",
            dir.resolve("in").toString(),
            "--output",
            dir.resolve("profile").toString());
    assertEquals(1, profile.exit(), profile.err());
    assertTrue(profile.err().contains("day2.csv: header column 3 is 'Amount'"), profile.err());

    JobRun warned = clean(five, FIVE_COLUMN_CSV, "--header-check", "warn");
    assertEquals(0, warned.exit(), warned.err());
    assertTrue(
        warned.err().contains("warning: clean: file:" + dir.resolve("in/day2.csv")), warned.err());
  }

  @Test
  void namesAreComparedFoldedAndTheFirstDifferenceIsNamed() throws Exception {
    String five = SIX.replace("  - {name: paid, type: boolean}\n", "");
    JobRun same = clean(five, FIVE_COLUMN_CSV);
    assertEquals(0, same.exit(), same.err());
    assertTrue(same.out().contains("2 clean, 0 quarantined"), same.out());

    JobRun renamed = clean(five.replace("name: fine,", "name: fine_usd,"), FIVE_COLUMN_CSV);
    assertEquals(2, renamed.exit());
    assertTrue(
        renamed.err().contains("header column 3 is 'Fine $', schema tickets says fine_usd"),
        renamed.err());
  }

  /** A log shipper's dotted names: a nested path would read NULL in every row. */
  @Test
  void aNestedPathWhereTheRecordsHaveADottedNameIsNamedWithItsFix() throws Exception {
    Files.createDirectories(dir.resolve("in"));
    Files.writeString(
        dir.resolve("in/day1.json"),
        "{\"id\":1,\"obs\":{\"wind.speed\":4.5}}\n{\"id\":2,\"obs\":{\"wind.speed\":3}}\n");
    String nested =
        String.join(
            "\n",
            "name: logs",
            "format: {type: json}",
            "columns:",
            "  - {name: id, type: int}",
            "  - {name: wind, type: string, path: obs.wind.speed}",
            "");
    JobRun run = clean(nested, null);
    assertEquals(2, run.exit(), run.out());
    assertTrue(
        run.err()
            .contains(
                "day1.json: column wind reads path obs.wind.speed (nested objects), which the"
                    + " first records of this file do not have; they have obs.`wind.speed`, a name"
                    + " that holds a dot: write path: \"obs.`wind.speed`\""),
        run.err());
    JobRun warn = clean(nested, null, "--header-check", "warn");
    assertEquals(0, warn.exit(), warn.err());
    assertTrue(warn.err().contains("warning: clean: "), warn.err());
    JobRun fixed = clean(nested.replace("obs.wind.speed", "\"obs.`wind.speed`\""), null);
    assertEquals(0, fixed.exit(), fixed.err());
    assertFalse(fixed.err().contains("warning"), fixed.err());
    assertEquals(List.of("1\t4.5", "2\t3"), OutputFiles.lines(dir.resolve("out/clean")));
  }

  @Test
  void warnRunsTheJobAndSaysWhyOffSaysNothing() throws Exception {
    String renamed =
        SIX.replace("  - {name: paid, type: boolean}\n", "").replace("name: plate,", "name: tag,");
    JobRun warn = clean(renamed, FIVE_COLUMN_CSV, "--header-check", "warn");
    assertEquals(0, warn.exit(), warn.err());
    assertTrue(warn.err().contains("warning: clean: "), warn.err());
    assertTrue(warn.err().contains("header column 2 is 'Plate', schema tickets says tag"));
    JobRun off = clean(renamed, FIVE_COLUMN_CSV, "--header-check", "off");
    assertEquals(0, off.exit(), off.err());
    assertFalse(off.err().contains("warning"), off.err());
    JobRun bad = clean(renamed, FIVE_COLUMN_CSV, "--header-check", "maybe");
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("--header-check must be fail, warn or off"), bad.err());
  }

  @Test
  void aHeaderlessFileIsCheckedByItsFirstRecordsWidth() throws Exception {
    JobRun run =
        clean(SIX.replace("header: true", "header: false"), "1,ABC,65,NY,021\n2,XYZ,40,NJ,038\n");
    assertEquals(2, run.exit());
    assertTrue(
        run.err().contains("the first record has 5 fields, schema tickets has 6 columns"),
        run.err());
  }

  @Test
  void jobsReadingRawCsvCheckToo() throws Exception {
    Files.writeString(dir.resolve("t.yaml"), SIX);
    Files.createDirectories(dir.resolve("in"));
    Files.writeString(dir.resolve("in/day1.csv"), FIVE_COLUMN_CSV);
    JobRun run =
        JobRun.run(
            JobRun.local(),
            ProfileJob::new,
            "--schema",
            dir.resolve("t.yaml").toString(),
            "--input",
            dir.resolve("in").toString(),
            "--output",
            dir.resolve("p").toString());
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("profile: ") && run.err().contains("day1.csv"), run.err());
  }
}
