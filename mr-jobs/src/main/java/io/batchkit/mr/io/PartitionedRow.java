package io.batchkit.mr.io;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.Writable;

/** A formatted clean row and the partition directory it belongs in ("" when unpartitioned). */
public final class PartitionedRow implements Writable {
  private final Text partition = new Text();
  private final Text row = new Text();

  public void set(String partitionDir, String formattedRow) {
    partition.set(partitionDir);
    row.set(formattedRow);
  }

  public Text partition() {
    return partition;
  }

  public Text row() {
    return row;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    partition.write(out);
    row.write(out);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    partition.readFields(in);
    row.readFields(in);
  }
}
