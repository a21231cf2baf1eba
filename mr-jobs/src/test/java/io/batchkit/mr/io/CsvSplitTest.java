package io.batchkit.mr.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.mr.testing.TaskHarness;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormatCounter;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSplitTest {
  @TempDir Path dir;

  @Test
  void splitsAreWrappedReadEveryLineOnceAndCountTheirBytes() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      lines.add("line " + i + ",x".repeat(i % 7));
    }
    Path file = dir.resolve("in.csv");
    Files.write(file, lines, StandardCharsets.UTF_8);
    Job job = Job.getInstance(new Configuration());
    job.getConfiguration().set("fs.defaultFS", "file:///");
    job.getConfiguration().setLong(FileInputFormat.SPLIT_MAXSIZE, 1000);
    FileInputFormat.addInputPath(job, new org.apache.hadoop.fs.Path(file.toUri()));

    List<InputSplit> splits = new CsvLineInputFormat().getSplits(job);
    assertTrue(splits.size() > 5, "splits: " + splits.size());
    List<String> read = new ArrayList<>();
    long bytes = 0;
    for (InputSplit split : splits) {
      assertInstanceOf(CsvSplit.class, split, "Hadoop's map task must not see a FileSplit");
      InputSplit copy = roundTrip((CsvSplit) split);
      assertEquals(CsvSplit.file(split).getStart(), CsvSplit.file(copy).getStart());
      assertEquals(split.getLength(), copy.getLength());
      TaskHarness.Reporter reporter = new TaskHarness.Reporter();
      TaskAttemptContextImpl context =
          new TaskAttemptContextImpl(job.getConfiguration(), new TaskAttemptID(), reporter);
      RecordReader<?, org.apache.hadoop.io.Text> reader =
          new CsvLineInputFormat().createRecordReader(copy, context);
      reader.initialize(copy, context);
      while (reader.nextKeyValue()) {
        read.add(reader.getCurrentValue().toString());
      }
      reader.close();
      long counted = reporter.counters.findCounter(FileInputFormatCounter.BYTES_READ).getValue();
      assertTrue(counted >= split.getLength(), counted + " bytes counted for " + split);
      bytes += counted;
    }
    assertEquals(lines, read);
    assertTrue(bytes >= Files.size(file));
    // A plain FileSplit (as tests and other formats hand over) is its own file split.
    FileSplit plain = CsvSplit.file(splits.get(0));
    assertEquals(plain, CsvSplit.file(plain));
  }

  static CsvSplit roundTrip(CsvSplit split) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    split.write(new DataOutputStream(bytes));
    CsvSplit copy = new CsvSplit();
    copy.readFields(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    return copy;
  }
}
