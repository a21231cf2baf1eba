package io.batchkit.mr.clean;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.apache.hadoop.io.WritableComparable;
import org.apache.hadoop.io.WritableComparator;
import org.apache.hadoop.mapreduce.Partitioner;

/**
 * The shuffle key of deduplication: the record's key columns (as bytes), then where the record came
 * from (input file index, byte offset). Sorting on all three and grouping on the first brings each
 * key's records to one reduce call, earliest first: keeping the first is then deterministic.
 * Compared in serialised form, without deserialising.
 */
public final class DedupeKey implements WritableComparable<DedupeKey> {
  private byte[] key = new byte[0];
  private int keyLength;
  private int fileIndex;
  private long offset;

  public void set(byte[] bytes, int length, int fileIndex, long offset) {
    if (key.length < length) {
      key = new byte[Math.max(length, key.length * 2)];
    }
    System.arraycopy(bytes, 0, key, 0, length);
    this.keyLength = length;
    this.fileIndex = fileIndex;
    this.offset = offset;
  }

  public int fileIndex() {
    return fileIndex;
  }

  public long offset() {
    return offset;
  }

  public byte[] keyBytes() {
    return Arrays.copyOf(key, keyLength);
  }

  /** The key's bytes without a copy: valid up to {@link #length()}, until the next set or read. */
  public byte[] bytes() {
    return key;
  }

  public int length() {
    return keyLength;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeInt(keyLength);
    out.write(key, 0, keyLength);
    out.writeInt(fileIndex);
    out.writeLong(offset);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    int length = in.readInt();
    if (key.length < length) {
      key = new byte[length];
    }
    in.readFully(key, 0, length);
    keyLength = length;
    fileIndex = in.readInt();
    offset = in.readLong();
  }

  @Override
  public int compareTo(DedupeKey o) {
    int c = WritableComparator.compareBytes(key, 0, keyLength, o.key, 0, o.keyLength);
    if (c != 0) {
      return c;
    }
    c = Integer.compare(fileIndex, o.fileIndex);
    return c != 0 ? c : Long.compare(offset, o.offset);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DedupeKey k && compareTo(k) == 0;
  }

  @Override
  public int hashCode() {
    return WritableComparator.hashBytes(key, keyLength);
  }

  /** Full order: key bytes, then file, then offset. */
  public static final class SortComparator extends WritableComparator {
    public SortComparator() {
      super(DedupeKey.class);
    }

    @Override
    public int compare(byte[] b1, int s1, int l1, byte[] b2, int s2, int l2) {
      int n1 = readInt(b1, s1);
      int n2 = readInt(b2, s2);
      int c = compareBytes(b1, s1 + 4, n1, b2, s2 + 4, n2);
      if (c != 0) {
        return c;
      }
      c = Integer.compare(readInt(b1, s1 + 4 + n1), readInt(b2, s2 + 4 + n2));
      return c != 0 ? c : Long.compare(readLong(b1, s1 + 8 + n1), readLong(b2, s2 + 8 + n2));
    }
  }

  /** Groups on the key bytes alone. */
  public static final class GroupComparator extends WritableComparator {
    public GroupComparator() {
      super(DedupeKey.class);
    }

    @Override
    public int compare(byte[] b1, int s1, int l1, byte[] b2, int s2, int l2) {
      return compareBytes(b1, s1 + 4, readInt(b1, s1), b2, s2 + 4, readInt(b2, s2));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public int compare(WritableComparable a, WritableComparable b) {
      DedupeKey x = (DedupeKey) a;
      DedupeKey y = (DedupeKey) b;
      return compareBytes(x.key, 0, x.keyLength, y.key, 0, y.keyLength);
    }
  }

  /** Partitions on the key bytes alone, so all records of a key meet in one reducer. */
  public static final class KeyPartitioner<V> extends Partitioner<DedupeKey, V> {
    @Override
    public int getPartition(DedupeKey k, V value, int partitions) {
      return (k.hashCode() & Integer.MAX_VALUE) % partitions;
    }
  }
}
