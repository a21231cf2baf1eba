package io.batchkit.mr.upsert;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.Writable;

/** One version of a key's row, with what orders it against the others. */
public class Version implements Writable {
  int tag;
  long offset;
  String order;
  boolean delete;
  String partition;
  String row;

  void copy(Version o) {
    tag = o.tag;
    offset = o.offset;
    order = o.order;
    delete = o.delete;
    partition = o.partition;
    row = o.row;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeInt(tag);
    out.writeLong(offset);
    out.writeBoolean(order != null);
    if (order != null) {
      Text.writeString(out, order);
    }
    out.writeBoolean(delete);
    Text.writeString(out, partition);
    Text.writeString(out, row);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    tag = in.readInt();
    offset = in.readLong();
    order = in.readBoolean() ? Text.readString(in) : null;
    delete = in.readBoolean();
    partition = Text.readString(in);
    row = Text.readString(in);
  }
}
