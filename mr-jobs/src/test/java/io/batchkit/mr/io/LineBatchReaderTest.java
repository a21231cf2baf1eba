package io.batchkit.mr.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.mr.testing.TaskHarness;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batches hand over exactly what the one-by-one reader reads, failures at the same place. */
class LineBatchReaderTest {
  @TempDir Path dir;

  @Test
  void batchesHoldTheRecordsOfTheOneByOneReaderAndAFailureComesWhereItHappened() throws Exception {
    // a.csv: more lines than a batch holds, one of them longer than a batch's bytes;
    // b.csv.gz: cut short; c.csv: a few lines after it.
    StringBuilder a = new StringBuilder();
    for (int i = 0; i < 700; i++) {
      a.append(i == 300 ? "x".repeat(LineBatch.BYTES + 10) : "a line " + i).append('\n');
    }
    Files.writeString(dir.resolve("a.csv"), a);
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(z)) {
      for (int i = 0; i < 20_000; i++) {
        out.write(
            ("b line " + i + " " + (i * 7919 % 10007) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] gz = z.toByteArray();
    Files.write(dir.resolve("b.csv.gz"), Arrays.copyOf(gz, gz.length / 2));
    Files.writeString(dir.resolve("c.csv"), "c line 0\nc line 1\nc line 2\n");

    Job job = Job.getInstance(new Configuration());
    Configuration conf = job.getConfiguration();
    conf.set("fs.defaultFS", "file:///");
    conf.setLong(SplitSize.KEY, 64L << 20);
    conf.setBoolean(SplitSize.COMBINE, true);
    FileInputFormat.addInputPath(job, new org.apache.hadoop.fs.Path(dir.toUri()));
    List<InputSplit> splits = new CsvLineInputFormat().getSplits(job);
    assertEquals(1, splits.size(), "the three files packed in one split: " + splits);
    InputSplit split = splits.get(0);

    List<String> oneByOne = new ArrayList<>();
    SegmentedRecordReader plain = new SegmentedRecordReader(BoundedLineRecordReader::new);
    plain.initialize(split, context(conf));
    while (true) {
      try {
        if (!plain.nextKeyValue()) {
          break;
        }
        oneByOne.add(record(plain.getCurrentKey(), plain.getCurrentValue()));
      } catch (UnreadableSegmentException e) {
        oneByOne.add("unreadable segment " + e.segment());
      }
    }
    plain.close();

    List<String> batched = new ArrayList<>();
    int fullBatches = 0;
    RecordReader<org.apache.hadoop.io.LongWritable, LineBatch> reader =
        new CsvLineInputFormat().createRecordReader(split, context(conf));
    reader.initialize(split, context(conf));
    while (true) {
      try {
        if (!reader.nextKeyValue()) {
          break;
        }
        LineBatch batch = reader.getCurrentValue();
        long bytes = 0;
        for (int i = 0; i < batch.size(); i++) {
          batched.add(record(batch.key(i), batch.value(i)));
          assertTrue(bytes < LineBatch.BYTES, "a batch goes on past its bytes");
          bytes += batch.value(i).getLength();
        }
        fullBatches += batch.size() == LineBatch.CAPACITY ? 1 : 0;
      } catch (UnreadableSegmentException e) {
        batched.add("unreadable segment " + e.segment());
      }
    }
    reader.close();

    assertTrue(
        oneByOne.stream().anyMatch(r -> r.startsWith("unreadable")),
        "the cut file fails: " + oneByOne.stream().filter(r -> !r.contains(" line ")).toList());
    assertTrue(oneByOne.size() > 800 && oneByOne.get(oneByOne.size() - 1).endsWith("=c line 2"));
    assertTrue(fullBatches >= 2, "full batches: " + fullBatches);
    assertEquals(oneByOne, batched);
  }

  static String record(SegmentKey key, org.apache.hadoop.io.Text value) {
    String text = value.toString();
    return key.segment()
        + "@"
        + key.get()
        + "="
        + (text.length() > 40 ? text.substring(0, 20) + "..." + text.length() : text);
  }

  static TaskAttemptContextImpl context(Configuration conf) {
    return new TaskAttemptContextImpl(conf, new TaskAttemptID(), new TaskHarness.Reporter());
  }
}
