package io.batchkit.mr.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.mr.testing.JobRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ddl} follows a column selection, prints only the tables asked for, writes a file. */
class DdlCommandTest {
  static final String SCHEMA =
      String.join(
          "\n",
          "name: tickets",
          "columns:",
          "  - {name: id, type: int}",
          "  - {name: plate, type: string, pseudonymize: true}",
          "  - {name: code, type: string}",
          "  - {name: fine, type: \"decimal(7,2)\"}",
          "");

  @TempDir Path dir;

  @Test
  void theTypedTablesGetTheChosenColumnsTheRawTableKeepsAll() throws Exception {
    Files.writeString(dir.resolve("t.yaml"), SCHEMA);
    JobRun run =
        JobRun.run(
            JobRun.local(),
            DdlCommand::new,
            "--schema",
            dir.resolve("t.yaml").toString(),
            "--columns",
            "fine,plate",
            "--database",
            "lab");
    assertEquals(0, run.exit(), run.err());
    String ddl = run.out();
    String raw = ddl.substring(ddl.indexOf("lab.tickets_raw"), ddl.indexOf("ROW FORMAT SERDE"));
    assertTrue(raw.contains("`id` STRING") && raw.contains("`code` STRING"), raw);
    String parquet = ddl.substring(ddl.indexOf("lab.tickets_parquet"));
    assertTrue(
        parquet.contains("(\n  `fine` DECIMAL(7,2),\n  `plate` STRING\n)"),
        "in --columns order: " + parquet);
    String clean = ddl.substring(ddl.indexOf("lab.tickets ("), ddl.indexOf("lab.tickets_parquet"));
    assertFalse(clean.contains("`id`") || clean.contains("`code`"), clean);
  }

  @Test
  void writesOnlyTheTablesAskedForToTheOutputFile() throws Exception {
    Files.writeString(dir.resolve("t.yaml"), SCHEMA);
    Path out = dir.resolve("tables.hql");
    String[] args = {
      "--schema",
      dir.resolve("t.yaml").toString(),
      "--drop",
      "id,code",
      "--tables",
      "columnar",
      "--output",
      out.toString()
    };
    JobRun run = JobRun.run(JobRun.local(), DdlCommand::new, args);
    assertEquals(0, run.exit(), run.err());
    String ddl = Files.readString(out);
    assertEquals(1, ddl.split("CREATE EXTERNAL TABLE").length - 1, ddl);
    assertTrue(ddl.contains("tickets_parquet (\n  `plate` STRING,\n  `fine` DECIMAL(7,2)\n)"), ddl);
    JobRun again = JobRun.run(JobRun.local(), DdlCommand::new, args);
    assertEquals(2, again.exit());
    assertTrue(again.err().contains("exists; choose another --output or add --overwrite"));
    JobRun bad =
        JobRun.run(
            JobRun.local(),
            DdlCommand::new,
            "--schema",
            dir.resolve("t.yaml").toString(),
            "--tables",
            "raw,parquet");
    assertEquals(2, bad.exit());
    assertTrue(
        bad.err().contains("--tables: 'parquet' is none of raw, clean, columnar"), bad.err());
  }
}
