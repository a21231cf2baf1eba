package io.batchkit.mr.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchkit.mr.testing.JobRun;
import io.batchkit.mr.testing.OutputFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code format.header: by_name}: each file's header says where the columns are, in any order and
 * letter case; a column a file lacks is null in its rows; a file column the schema lacks stops the
 * run, naming the file and the column. Expected rows written out by hand.
 */
class ByNameHeaderTest {
  static final String SCHEMA =
      String.join(
          "\n",
          "name: sales",
          "format: {header: by_name}",
          "nulls: [\"\"]",
          "columns:",
          "  - {name: id, type: int, required: true}",
          "  - {name: name, type: string}",
          "  - {name: amount, type: \"decimal(10,2)\"}",
          "  - {name: note, type: string}",
          "");

  @TempDir Path dir;

  JobRun clean(Path input) throws Exception {
    Files.writeString(dir.resolve("sales.yaml"), SCHEMA);
    return JobRun.run(
        JobRun.local(),
        CleanJob::new,
        "--schema",
        dir.resolve("sales.yaml").toString(),
        "--input",
        input.toString(),
        "--output",
        dir.resolve("out").toString(),
        "--overwrite");
  }

  @Test
  void columnsAreFoundByNameInEachFile() throws Exception {
    Path in = dir.resolve("in");
    Files.createDirectories(in);
    Files.writeString(in.resolve("a.csv"), "id,name,amount,note\n1,ann,1.50,x\n2,bob,2.00,\n");
    // Another order, another case, no note at all.
    Files.writeString(in.resolve("b.csv"), "Amount,ID,Name\n3.25,3,cy\n4.00,4,dee\n");
    // The note first; a bad id and a short row, quarantined by the line they are on.
    Files.writeString(
        in.resolve("c.csv"), "note,id,amount,name\nhey,5,5.50,eve\nbad,x,1.00,fay\nshort,6\n");
    JobRun run = clean(in);
    assertEquals(0, run.exit(), run.err());
    List<String> rows = new ArrayList<>(OutputFiles.lines(dir.resolve("out/clean")));
    rows.sort(null);
    assertEquals(
        List.of(
            "1\tann\t1.50\tx",
            "2\tbob\t2.00\t\\N",
            "3\tcy\t3.25\t\\N",
            "4\tdee\t4.00\t\\N",
            "5\teve\t5.50\they"),
        rows);
    List<String> bad = new ArrayList<>();
    for (String line : OutputFiles.lines(dir.resolve("out/quarantine"))) {
      JsonNode q = new ObjectMapper().readTree(line);
      bad.add(
          q.get("file").asText().replaceAll(".*/", "")
              + ":"
              + q.get("line").asInt()
              + " "
              + q.get("violations").get(0).get("rule").asText());
    }
    bad.sort(null);
    assertEquals(List.of("c.csv:3 type", "c.csv:4 field_count"), bad);
  }

  @Test
  void aFileColumnTheSchemaLacksStopsTheRunNamingFileAndColumn() throws Exception {
    Path in = dir.resolve("extra");
    Files.createDirectories(in);
    Files.writeString(in.resolve("d.csv"), "id,name,amount,note,discount\n1,ann,1.50,x,0.1\n");
    JobRun run = clean(in);
    assertEquals(2, run.exit(), run.err());
    assertTrue(run.err().contains("d.csv"), run.err());
    assertTrue(
        run.err().contains("header column 5 'discount' is not in schema sales (header: by_name"),
        run.err());
  }
}
