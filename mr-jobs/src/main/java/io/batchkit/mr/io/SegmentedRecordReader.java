package io.batchkit.mr.io;

import java.io.IOException;
import java.util.function.Supplier;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/**
 * Reads the segments of a {@link CsvSplit} one after the other, each with a reader of its own made
 * by the input format, and keys every record with its segment ({@link SegmentKey}). A segment that
 * fails is reported as an {@link UnreadableSegmentException}; asked again, the reader goes on with
 * the next segment.
 */
final class SegmentedRecordReader extends RecordReader<LongWritable, Text> {
  private final Supplier<RecordReader<LongWritable, Text>> readers;
  private final SegmentKey key = new SegmentKey();
  private FileSplit[] segments;
  private TaskAttemptContext context;
  private RecordReader<LongWritable, Text> current;
  private int segment = -1;

  SegmentedRecordReader(Supplier<RecordReader<LongWritable, Text>> readers) {
    this.readers = readers;
  }

  @Override
  public void initialize(InputSplit split, TaskAttemptContext context) {
    this.segments = CsvSplit.segments(split);
    this.context = context;
  }

  @Override
  public boolean nextKeyValue() throws IOException, InterruptedException {
    while (true) {
      if (current == null) {
        if (segment + 1 >= segments.length) {
          return false;
        }
        segment++;
        current = readers.get();
        try {
          current.initialize(segments[segment], context);
        } catch (IOException e) {
          closeCurrent();
          throw new UnreadableSegmentException(segment, e);
        }
      }
      boolean next;
      try {
        next = current.nextKeyValue();
      } catch (IOException e) {
        closeCurrent();
        throw new UnreadableSegmentException(segment, e);
      }
      if (next) {
        key.set(current.getCurrentKey().get(), segment);
        return true;
      }
      closeCurrent();
    }
  }

  private void closeCurrent() throws IOException {
    if (current != null) {
      RecordReader<LongWritable, Text> r = current;
      current = null;
      r.close();
    }
  }

  @Override
  public SegmentKey getCurrentKey() {
    return key;
  }

  @Override
  public Text getCurrentValue() throws IOException, InterruptedException {
    return current.getCurrentValue();
  }

  @Override
  public float getProgress() throws IOException, InterruptedException {
    if (segments.length == 0) {
      return 1f;
    }
    float within = current == null ? 0f : current.getProgress();
    return Math.min(1f, (Math.max(segment, 0) + within) / segments.length);
  }

  @Override
  public void close() throws IOException {
    closeCurrent();
  }
}
