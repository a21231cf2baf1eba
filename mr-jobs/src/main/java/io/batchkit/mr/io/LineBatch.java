package io.batchkit.mr.io;

import org.apache.hadoop.io.Text;

/**
 * Records handed to a map task a batch at a time, as Hive's vectorized readers hand over row
 * batches: Hadoop's per-record path (the framework's reader wrapper, its two counters and a
 * progress call under two locks) then runs once per batch, not once per record. It was a tenth of
 * an aggregate task's time on short rows. {@link TaskLines} walks a batch record by record; each
 * keeps the key {@link SegmentedRecordReader} gave it.
 */
public final class LineBatch {
  /** At most this many records, and records of at most about {@link #BYTES} together. */
  static final int CAPACITY = 256;

  static final int BYTES = 1 << 20;

  // A slot keeps a buffer up to this size from batch to batch: at most 16 MB held by 256 slots.
  private static final int RETAINED = 64 << 10;

  private final SegmentKey[] keys = new SegmentKey[CAPACITY];
  private final Text[] values = new Text[CAPACITY];
  private int size;
  private int bytes;

  LineBatch() {
    for (int i = 0; i < CAPACITY; i++) {
      keys[i] = new SegmentKey();
      values[i] = new Text();
    }
  }

  public int size() {
    return size;
  }

  public SegmentKey key(int i) {
    return keys[i];
  }

  public Text value(int i) {
    return values[i];
  }

  boolean full() {
    return size == CAPACITY || bytes >= BYTES;
  }

  void add(SegmentKey key, Text value) {
    keys[size].set(key.get(), key.segment());
    values[size].set(value.getBytes(), 0, value.getLength());
    bytes += value.getLength();
    size++;
  }

  /** Empties the batch; a slot that held a long record lets its buffer go. */
  void clear() {
    for (int i = 0; i < size; i++) {
      if (values[i].getBytes().length > RETAINED) {
        values[i] = new Text();
      }
    }
    size = 0;
    bytes = 0;
  }
}
