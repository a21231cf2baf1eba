package io.batchkit.mr.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchkit.mr.io.JobSchema;
import io.batchkit.mr.testing.TaskHarness;
import io.batchkit.mr.testing.Tasks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.output.LazyOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanMapperTest {
  static final String SCHEMA =
      """
      name: rides
      nulls: ["", "NA"]
      columns:
        - {name: id, type: int, required: true}
        - {name: at, type: timestamp}
        - {name: fare, type: "decimal(6,2)", min: 0}
        - {name: note, type: string, normalize: [trim]}
      keys: [id]
      partition: {name: dt, from: at}
      """;

  static final String FILE =
      "id,at,fare,note\n" // line 1: header
          + "1,2024-01-31 10:00:00,12.5,\"a, b\"\n" // 2: clean
          + "2,2024-02-01 09:00:00,-3,x\n" // 3: min fare
          + "\n" // 4: blank
          + "3,2024-01-31 11:00:00,NA,  tab\there \n" // 5: clean, null fare, escaped tab
          + "4,oops,1,x\n" // 6: type at
          + "5,2024-01-31 12:00:00,1\n"; // 7: field_count

  @TempDir Path dir;

  /** The file's lines with their byte offsets, as LineRecordReader would give them. */
  static List<Map.Entry<LongWritable, Text>> records(String content) {
    return Tasks.records(content);
  }

  TaskHarness.Result<Object, Object> run(boolean dedupe) throws Exception {
    Path input = dir.resolve("in/rides.csv");
    Files.createDirectories(input.getParent());
    Files.writeString(input, FILE);
    Job job = Job.getInstance(new Configuration(false));
    Configuration conf = job.getConfiguration();
    LazyOutputFormat.setOutputFormatClass(job, TextOutputFormat.class);
    JobSchema.store(conf, SCHEMA.getBytes(StandardCharsets.UTF_8), "rides.yaml");
    conf.set(CleanConfigKeys.INPUTS, input.toString() + "\n");
    conf.setInt("mapreduce.job.reduces", dedupe ? 1 : 0);
    FileSplit split =
        new FileSplit(new org.apache.hadoop.fs.Path(input.toUri()), 0, Files.size(input), null);
    return TaskHarness.runMapper(new CleanMapper(), conf, split, records(FILE), dir.resolve("out"));
  }

  @Test
  void mapOnlyWritesCleanRowsToPartitionsAndQuarantinesTheRest() throws Exception {
    TaskHarness.Result<Object, Object> r = run(false);
    assertEquals(
        List.of("1\t2024-01-31 10:00:00\t12.50\ta, b", "3\t2024-01-31 11:00:00\t\\N\ttab\\\there"),
        r.files().get("clean/dt=2024-01-31/part-m-00000"));
    assertEquals(List.of(), r.emitted());
    assertEquals(5, r.counter(CleanCounter.READ));
    assertEquals(2, r.counter(CleanCounter.CLEAN));
    assertEquals(3, r.counter(CleanCounter.QUARANTINED));
    assertEquals(1, r.counter(CleanCounter.HEADER_LINES));
    assertEquals(1, r.counter(CleanCounter.BLANK_LINES));
    assertEquals(1, r.counter(CleanJob.VIOLATIONS_GROUP, "min fare"));
    assertEquals(1, r.counter(CleanJob.VIOLATIONS_GROUP, "type at"));
    assertEquals(1, r.counter(CleanJob.VIOLATIONS_GROUP, "field_count *"));

    List<String> q = r.files().get("quarantine/part-m-00000");
    assertEquals(3, q.size());
    ObjectMapper json = new ObjectMapper();
    JsonNode first = json.readTree(q.get(0));
    assertEquals(3, first.get("line").asInt());
    assertEquals("2,2024-02-01 09:00:00,-3,x", first.get("raw").asText());
    assertEquals("fare", first.get("violations").get(0).get("column").asText());
    assertEquals("min", first.get("violations").get(0).get("rule").asText());
    assertEquals("-3", first.get("violations").get(0).get("value").asText());
    assertEquals(6, json.readTree(q.get(1)).get("line").asInt());
    JsonNode ragged = json.readTree(q.get(2));
    assertEquals(7, ragged.get("line").asInt());
    assertEquals("field_count", ragged.get("violations").get(0).get("rule").asText());
    assertEquals(true, ragged.get("violations").get(0).get("column").isNull());
  }

  @Test
  void withDedupeOnlyValidRowsAreShuffledKeyedByKeyAndPosition() throws Exception {
    TaskHarness.Result<Object, Object> r = run(true);
    assertEquals(2, r.emitted().size());
    DedupeKey k = (DedupeKey) r.emitted().get(0).getKey();
    DedupeValue v = (DedupeValue) r.emitted().get(0).getValue();
    assertEquals("1", new String(k.keyBytes(), StandardCharsets.UTF_8));
    assertEquals(0, k.fileIndex());
    assertEquals(16, k.offset(), "line 2 starts after the 16-byte header line");
    assertEquals("dt=2024-01-31", v.partition().toString());
    assertEquals(false, v.rowIsKey(), "the key is one column, so the row travels in the value");
    assertEquals("1\t2024-01-31 10:00:00\t12.50\ta, b", v.row().toString());
    assertEquals(2, r.counter(CleanCounter.VALID));
    assertEquals(0, r.counter(CleanCounter.CLEAN), "the reducer decides what is clean");
    assertEquals(
        3, r.lines("quarantine/").size(), "quarantine is written map-side, never shuffled");
  }
}
