package io.batchkit.mr.io;

import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/**
 * Which file a map task is reading now: the segment of its split ({@link CsvSplit}) the last record
 * came from. A task of small files packed together moves from one to the next; a task of one file
 * stays on its only segment.
 */
public final class InputSegments {
  private final FileSplit[] segments;
  private int current = -1;

  public InputSegments(InputSplit split) {
    this.segments = CsvSplit.segments(split);
  }

  /** Moves to the segment of a record's key; true when that is another segment than before. */
  public boolean at(LongWritable key) {
    return at(key instanceof SegmentKey k ? k.segment() : 0);
  }

  /** Moves to a segment; true when that is another segment than before. */
  boolean at(int segment) {
    if (segment == current) {
      return false;
    }
    current = segment;
    return true;
  }

  /** The file split being read (the first one before any record). */
  public FileSplit current() {
    return segments[Math.max(current, 0)];
  }

  /** Whether the current segment is the split's last: nothing of the split follows it. */
  public boolean last() {
    return current >= segments.length - 1;
  }

  public String file() {
    return current().getPath().toString();
  }

  /** Where in its file the current segment starts (0 for a packed small file). */
  public long start() {
    return current().getStart();
  }
}
