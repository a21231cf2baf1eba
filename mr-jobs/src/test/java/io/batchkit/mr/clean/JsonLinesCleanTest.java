package io.batchkit.mr.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchkit.mr.testing.JobRun;
import io.batchkit.mr.testing.OutputFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JSON Lines ({@code lines: true}) in one uncompressed file split in many: every bad line is
 * quarantined with the rule and the line number the test wrote it on, across split boundaries, and
 * the clean rows are those of one split.
 */
class JsonLinesCleanTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String SCHEMA =
      "name: ev\nformat: {type: json, lines: true}\ncolumns:\n"
          + "  - {name: id, type: int, required: true}\n"
          + "  - {name: city, type: string, path: user.city}\n"
          + "  - {name: amount, type: \"decimal(6,2)\", min: 0}\n";

  @TempDir Path dir;

  @Test
  void aSplitJsonLinesFileQuarantinesEachBadLineByItsNumber() throws Exception {
    Files.writeString(dir.resolve("ev.yaml"), SCHEMA);
    StringBuilder file = new StringBuilder();
    TreeMap<Long, String> bad = new TreeMap<>(); // line -> rule, as written
    Random random = new Random(3);
    int clean = 0;
    for (long line = 1; line <= 3000; line++) {
      int roll = random.nextInt(40);
      String amount = (random.nextInt(9000) + 100) / 100 + "." + (10 + random.nextInt(90));
      String rec =
          "{\"id\":"
              + line
              + ",\"user\":{\"city\":\"c"
              + line % 7
              + "\"},\"amount\":"
              + amount
              + "}";
      if (roll == 0) {
        rec = rec.substring(0, rec.length() - 1) + ",}"; // a trailing comma
        bad.put(line, "malformed");
      } else if (roll == 1) {
        rec = "{\"id\":" + line + ",\"amount\":\"" + amount + "\"}";
        bad.put(line, "type");
      } else if (roll == 2) {
        rec = "{\"user\":{\"city\":\"x\"},\"amount\":1.00}";
        bad.put(line, "required");
      } else if (roll == 3) {
        rec = "";
      } else {
        clean++;
      }
      file.append(rec).append(roll == 4 ? "\r\n" : "\n");
    }
    Files.writeString(dir.resolve("ev.json"), file);

    Configuration small = JobRun.local();
    small.setLong("mapreduce.input.fileinputformat.split.maxsize", 8 * 1024);
    JobRun split = clean(small, "split");
    assertEquals(0, split.exit(), split.err());
    JobRun whole = clean(JobRun.local(), "whole");
    assertEquals(0, whole.exit(), whole.err());

    TreeMap<Long, String> quarantined = new TreeMap<>();
    for (String line : OutputFiles.lines(dir.resolve("split/quarantine"))) {
      JsonNode q = JSON.readTree(line);
      quarantined.put(q.get("line").asLong(), q.get("violations").get(0).get("rule").asText());
    }
    assertEquals(bad, quarantined);
    assertTrue(
        OutputFiles.files(dir.resolve("split/clean")).size() > 5,
        "the file was read in many splits");
    assertEquals(clean, OutputFiles.lines(dir.resolve("split/clean")).size());
    assertEquals(
        OutputFiles.rowsByDirectory(dir.resolve("whole")),
        OutputFiles.rowsByDirectory(dir.resolve("split")));
    JsonNode m = JSON.readTree(dir.resolve("split/_MANIFEST.json").toFile());
    assertTrue(m.toString().contains("\"read\":" + (clean + bad.size())), m.toString());
  }

  JobRun clean(Configuration conf, String out) throws Exception {
    return JobRun.run(
        conf,
        CleanJob::new,
        "--schema",
        dir.resolve("ev.yaml").toString(),
        "--input",
        dir.resolve("ev.json").toString(),
        "--output",
        dir.resolve(out).toString());
  }
}
