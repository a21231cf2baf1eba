package io.batchkit.mr.io;

import org.apache.hadoop.io.LongWritable;

/**
 * A record's key from {@link SegmentedRecordReader}: its offset in its file (as every batchkit
 * reader gives it) and which segment of the task's split, so which file, it came from.
 */
public final class SegmentKey extends LongWritable {
  private int segment;

  /** The index of the record's file in {@link CsvSplit#segments}. */
  public int segment() {
    return segment;
  }

  void set(long offset, int segment) {
    set(offset);
    this.segment = segment;
  }
}
