package io.batchkit.mr.clean;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.Writable;

/**
 * The shuffle value of deduplication: the partition directory and the formatted row, unless the row
 * is byte for byte its own key (whole-row keys in Hive text form, every column kept). Then the row
 * travels once, in the key, and the reducer writes the key's bytes: on a file without declared keys
 * that halves what is sorted, spilled and merged.
 */
public final class DedupeValue implements Writable {
  private final Text partition = new Text();
  private final Text row = new Text();
  private boolean rowIsKey;
  // The partition last encoded: a partition's rows come in runs, and encoding is per-row work.
  private String encoded;

  /** A row that travels in the value. */
  public void set(String partitionDir, byte[] formattedRow, int length) {
    setPartition(partitionDir);
    row.set(formattedRow, 0, length);
    rowIsKey = false;
  }

  /** A row equal to its key's bytes. */
  public void setRowIsKey(String partitionDir) {
    setPartition(partitionDir);
    row.clear();
    rowIsKey = true;
  }

  private void setPartition(String partitionDir) {
    if (!partitionDir.equals(encoded)) {
      partition.set(partitionDir);
      encoded = partitionDir;
    }
  }

  public Text partition() {
    return partition;
  }

  /** Whether the row is the key's bytes; else {@link #row()} holds it. */
  public boolean rowIsKey() {
    return rowIsKey;
  }

  public Text row() {
    return row;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    partition.write(out);
    out.writeBoolean(rowIsKey);
    if (!rowIsKey) {
      row.write(out);
    }
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    encoded = null;
    partition.readFields(in);
    rowIsKey = in.readBoolean();
    if (rowIsKey) {
      row.clear();
    } else {
      row.readFields(in);
    }
  }
}
