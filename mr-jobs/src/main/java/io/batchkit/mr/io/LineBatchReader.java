package io.batchkit.mr.io;

import java.io.IOException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;

/**
 * Gathers a {@link SegmentedRecordReader}'s records into {@link LineBatch}es. When a file fails
 * part way, the records read before the failure come first, in their batch, and the failure on the
 * next call: a mapper sees them in the order it would one by one.
 */
final class LineBatchReader extends RecordReader<LongWritable, LineBatch> {
  private final SegmentedRecordReader records;
  private final LineBatch batch = new LineBatch();
  private UnreadableSegmentException pending;

  LineBatchReader(SegmentedRecordReader records) {
    this.records = records;
  }

  @Override
  public void initialize(InputSplit split, TaskAttemptContext context) {
    records.initialize(split, context);
  }

  @Override
  public boolean nextKeyValue() throws IOException, InterruptedException {
    if (pending != null) {
      UnreadableSegmentException e = pending;
      pending = null;
      throw e;
    }
    batch.clear();
    try {
      while (!batch.full() && records.nextKeyValue()) {
        batch.add(records.getCurrentKey(), records.getCurrentValue());
      }
    } catch (UnreadableSegmentException e) {
      if (batch.size() == 0) {
        throw e;
      }
      pending = e;
    }
    return batch.size() > 0;
  }

  /** The first record's key. */
  @Override
  public LongWritable getCurrentKey() {
    return batch.key(0);
  }

  @Override
  public LineBatch getCurrentValue() {
    return batch;
  }

  @Override
  public float getProgress() throws IOException, InterruptedException {
    return records.getProgress();
  }

  @Override
  public void close() throws IOException {
    records.close();
  }
}
