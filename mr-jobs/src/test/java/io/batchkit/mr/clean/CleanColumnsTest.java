package io.batchkit.mr.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.mr.testing.JobRun;
import io.batchkit.mr.testing.OutputFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --columns} and {@code --drop}: every column is checked, the chosen ones are written. */
class CleanColumnsTest {
  static final String SCHEMA =
      String.join(
          "\n",
          "name: tickets",
          "format: {header: true}",
          "keys: [id]",
          "columns:",
          "  - {name: id, type: int}",
          "  - {name: code, type: string, allowed: [P, S]}",
          "  - {name: fine, type: int, min: 0}",
          "");
  static final String CSV = "id,code,fine\n1,P,65\n2,S,-1\n3,S,40\n";

  @TempDir Path dir;

  JobRun clean(String... extra) throws Exception {
    Files.writeString(dir.resolve("t.yaml"), SCHEMA);
    Files.writeString(dir.resolve("in.csv"), CSV);
    List<String> args =
        new ArrayList<>(
            List.of(
                "--schema",
                dir.resolve("t.yaml").toString(),
                "--input",
                dir.resolve("in.csv").toString(),
                "--output",
                dir.resolve("out").toString(),
                "--overwrite"));
    args.addAll(List.of(extra));
    return JobRun.run(JobRun.local(), CleanJob::new, args.toArray(new String[0]));
  }

  @Test
  void columnsWritesTheNamedColumnsInTheirOrder() throws Exception {
    JobRun run = clean("--columns", "fine,id");
    assertEquals(0, run.exit(), run.err());
    assertEquals(
        List.of("40\t3", "65\t1"),
        OutputFiles.lines(dir.resolve("out/clean")).stream().sorted().toList());
    // The dropped column was still checked: fine -1 broke min.
    assertTrue(run.out().contains("2 clean, 1 quarantined"), run.out());
    String yaml = Files.readString(dir.resolve("out/_SCHEMA.yaml"));
    assertTrue(yaml.indexOf("\"fine\"") < yaml.indexOf("\"id\"") && !yaml.contains("\"code\""));
    assertTrue(yaml.contains("keys: [\"id\"]"), yaml);
  }

  @Test
  void dropWritesTheRestWithACsvHeaderToMatchAndForgetsAKeyItDropped() throws Exception {
    JobRun run = clean("--drop", "id", "--output-format", "csv");
    assertEquals(0, run.exit(), run.err());
    List<String> lines = OutputFiles.lines(dir.resolve("out/clean"));
    assertEquals("code,fine", lines.get(0));
    assertEquals(
        List.of("\"P\",\"65\"", "\"S\",\"40\""),
        lines.subList(1, lines.size()).stream().sorted().toList());
    assertTrue(!Files.readString(dir.resolve("out/_SCHEMA.yaml")).contains("keys:"));
  }

  @Test
  void refusesUnknownColumnsAndBothOptions() throws Exception {
    JobRun unknown = clean("--columns", "id,fien");
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().contains("--columns: no column 'fien' in tickets"), unknown.err());
    JobRun both = clean("--columns", "id", "--drop", "fine");
    assertEquals(2, both.exit());
    assertTrue(both.err().contains("give --columns or --drop, not both"), both.err());
  }
}
