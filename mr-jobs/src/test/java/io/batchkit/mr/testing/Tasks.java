package io.batchkit.mr.testing;

import io.batchkit.mr.io.JobSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.output.LazyOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;

/** Small helpers for running one task of a job through {@link TaskHarness}. */
public final class Tasks {
  /** A hand-written dataset schema: rows of rides in Hive text form. */
  public static final String RIDES =
      """
      name: rides
      format: {delimiter: "\\t", quote: null, header: false}
      nulls: ["\\\\N"]
      columns:
        - {name: id, type: int, required: true}
        - {name: at, type: timestamp}
        - {name: fare, type: "decimal(6,2)"}
        - {name: zone, type: int}
        - {name: label, type: string}
      keys: [id]
      partition: {name: dt, from: at}
      """;

  private Tasks() {}

  /** A job configuration holding the schema, as the driver would set it up. */
  public static Job job(String schemaYaml, String kind) throws IOException {
    Job job = Job.getInstance(new Configuration(false));
    Configuration conf = job.getConfiguration();
    LazyOutputFormat.setOutputFormatClass(job, TextOutputFormat.class);
    JobSchema.store(conf, schemaYaml.getBytes(StandardCharsets.UTF_8), "test.yaml");
    conf.set("batchkit.input.kind", kind);
    return job;
  }

  /** The content's lines with their byte offsets, as LineRecordReader gives them. */
  public static List<Map.Entry<LongWritable, Text>> records(String content) {
    List<Map.Entry<LongWritable, Text>> out = new ArrayList<>();
    byte[] b = content.getBytes(StandardCharsets.UTF_8);
    int start = 0;
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '\n') {
        Text t = new Text();
        t.set(b, start, i - start);
        out.add(Map.entry(new LongWritable(start), t));
        start = i + 1;
      }
    }
    return out;
  }

  /** Writes the content to a file and returns the split that covers it. */
  public static FileSplit split(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return new FileSplit(new org.apache.hadoop.fs.Path(file.toUri()), 0, Files.size(file), null);
  }
}
