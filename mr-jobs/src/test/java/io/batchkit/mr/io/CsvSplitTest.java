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
      assertEquals(CsvSplit.segments(split)[0].getStart(), CsvSplit.segments(copy)[0].getStart());
      assertEquals(split.getLength(), copy.getLength());
      TaskHarness.Reporter reporter = new TaskHarness.Reporter();
      TaskAttemptContextImpl context =
          new TaskAttemptContextImpl(job.getConfiguration(), new TaskAttemptID(), reporter);
      RecordReader<org.apache.hadoop.io.LongWritable, LineBatch> reader =
          new CsvLineInputFormat().createRecordReader(copy, context);
      reader.initialize(copy, context);
      forEachRecord(reader, (key, value) -> read.add(value.toString()));
      reader.close();
      long counted = reporter.counters.findCounter(FileInputFormatCounter.BYTES_READ).getValue();
      assertTrue(counted >= split.getLength(), counted + " bytes counted for " + split);
      bytes += counted;
    }
    assertEquals(lines, read);
    assertTrue(bytes >= Files.size(file));
    // A plain FileSplit (as tests and other formats hand over) is its own file split.
    FileSplit plain = CsvSplit.segments(splits.get(0))[0];
    assertEquals(plain, CsvSplit.segments(plain)[0]);
  }

  /**
   * Small files, plain and gzipped, are packed up to the split size in input order; a file split
   * into parts keeps one part a split; every line is read once, keyed with its own file and its
   * offset in that file (decompressed), as computed here from the bytes written.
   */
  /**
   * Small files on the same host are packed together first (7 on h1 and 5 on h2, 10 bytes each, at
   * most 35 a split: two h1 splits and one h2 split of three), what is left of each host after (one
   * h1 and two h2 files), and a large file alone: every file exactly once.
   */
  @Test
  void smallFilesArePackedWithFilesOfTheirHostFirst() throws Exception {
    List<InputSplit> splits = new ArrayList<>();
    int h1 = 0;
    int h2 = 0;
    for (int f = 0; f < 12; f++) {
      String host = (f % 2 == 0 ? h1 < 7 : h2 >= 5) ? "h1" : "h2";
      if (host.equals("h1")) {
        h1++;
      } else {
        h2++;
      }
      splits.add(
          new FileSplit(new org.apache.hadoop.fs.Path("/in/f" + f), 0, 10, new String[] {host}));
    }
    splits.add(
        new FileSplit(new org.apache.hadoop.fs.Path("/in/big"), 0, 100, new String[] {"h3"}));
    List<InputSplit> packed = CsvSplit.combine(splits, 35, null);
    List<String> seen = new ArrayList<>();
    List<String> hostsOfEach = new ArrayList<>();
    for (InputSplit p : packed) {
      java.util.Set<String> hosts = new java.util.TreeSet<>();
      for (FileSplit seg : CsvSplit.segments(p)) {
        seen.add(seg.getPath().getName());
        hosts.add(seg.getLocations()[0]);
      }
      hostsOfEach.add(CsvSplit.segments(p).length + ":" + String.join("+", hosts));
    }
    seen.sort(null);
    List<String> all = new ArrayList<>();
    for (InputSplit sp : splits) {
      all.add(((FileSplit) sp).getPath().getName());
    }
    all.sort(null);
    assertEquals(all, seen, "every file exactly once");
    assertEquals(List.of("1:h3", "3:h1", "3:h1", "3:h2", "3:h1+h2"), hostsOfEach);
  }

  @Test
  void smallFilesArePackedAndEveryLineKeepsItsFileAndOffset() throws Exception {
    Job job = Job.getInstance(new Configuration());
    Configuration conf = job.getConfiguration();
    conf.set("fs.defaultFS", "file:///");
    conf.setLong(FileInputFormat.SPLIT_MAXSIZE, 1000); // the big file: parts of 1,000 bytes
    conf.setLong(SplitSize.KEY, 4000);
    conf.setBoolean(SplitSize.COMBINE, true);
    java.util.Set<String> expected = new java.util.TreeSet<>();
    for (int f = 0; f < 60; f++) {
      boolean gz = f % 3 == 0;
      Path file = dir.resolve(String.format("small-%02d.csv", f) + (gz ? ".gz" : ""));
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < 1 + f % 9; i++) {
        expected.add(file.toUri().getPath() + "@" + text.length() + "=" + "f" + f + " line " + i);
        text.append("f").append(f).append(" line ").append(i).append('\n');
      }
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      if (gz) {
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(z)) {
          out.write(bytes);
        }
        bytes = z.toByteArray();
      }
      Files.write(file, bytes);
    }
    Path big = dir.resolve("big.csv");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      expected.add(big.toUri().getPath() + "@" + text.length() + "=big line " + i);
      text.append("big line ").append(i).append('\n');
    }
    Files.writeString(big, text);
    FileInputFormat.addInputPath(job, new org.apache.hadoop.fs.Path(dir.toUri()));

    List<InputSplit> splits = new CsvLineInputFormat().getSplits(job);
    java.util.Set<String> read = new java.util.TreeSet<>();
    int packed = 0;
    for (InputSplit split : splits) {
      CsvSplit copy = roundTrip((CsvSplit) split);
      FileSplit[] segments = CsvSplit.segments(copy);
      assertEquals(split.getLength(), copy.getLength());
      if (segments.length > 1) {
        packed++;
        assertTrue(copy.getLength() <= 4000, "packed past the split size: " + copy);
        for (FileSplit s : segments) {
          assertEquals(0, s.getStart(), "only whole files are packed: " + s);
          assertTrue(!s.getPath().getName().equals("big.csv"), "the big file is split alone");
        }
      }
      TaskAttemptContextImpl context =
          new TaskAttemptContextImpl(conf, new TaskAttemptID(), new TaskHarness.Reporter());
      RecordReader<org.apache.hadoop.io.LongWritable, LineBatch> reader =
          new CsvLineInputFormat().createRecordReader(copy, context);
      reader.initialize(copy, context);
      forEachRecord(
          reader,
          (key, value) -> {
            String file = segments[key.segment()].getPath().toUri().getPath();
            String line = file + "@" + key.get() + "=" + value;
            assertTrue(read.add(line), "read twice: " + line);
          });
      reader.close();
    }
    assertEquals(expected, read);
    assertTrue(packed >= 1, "60 small files in packed splits: " + splits);
    assertTrue(
        splits.size() <= 60 / 10 + 6, splits.size() + " splits for 60 small files + 6 parts");
  }

  /** Every record of the reader's batches, in order. */
  static void forEachRecord(
      RecordReader<org.apache.hadoop.io.LongWritable, LineBatch> reader,
      java.util.function.BiConsumer<SegmentKey, org.apache.hadoop.io.Text> each)
      throws Exception {
    while (reader.nextKeyValue()) {
      LineBatch batch = reader.getCurrentValue();
      for (int i = 0; i < batch.size(); i++) {
        each.accept(batch.key(i), batch.value(i));
      }
    }
  }

  static CsvSplit roundTrip(CsvSplit split) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    split.write(new DataOutputStream(bytes));
    CsvSplit copy = new CsvSplit();
    copy.readFields(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    return copy;
  }
}
