package io.batchkit.mr.aggregate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Raw values until there are too many, then a sketch; subclasses say which sketch. */
abstract class Sketching extends Accumulator {
  final List<Object> pending = new ArrayList<>();

  abstract boolean hasSketch();

  abstract void toSketch(Object v);

  abstract void mergeSketch(Sketching other);

  abstract byte[] sketchBytes();

  abstract void readSketch(byte[] bytes);

  @Override
  public void add(Object v) {
    if (v == null) {
      return;
    }
    if (hasSketch()) {
      toSketch(v);
    } else {
      pending.add(v);
      if (pending.size() > PENDING_LIMIT) {
        flush();
      }
    }
  }

  void flush() {
    for (Object v : pending) {
      toSketch(v);
    }
    pending.clear();
  }

  @Override
  public void merge(Accumulator o) {
    Sketching s = (Sketching) o;
    if (s.hasSketch()) {
      flush();
      mergeSketch(s);
    }
    for (Object v : s.pending) {
      add(v);
    }
  }

  @Override
  public void write(DataOutput out) throws IOException {
    if (!hasSketch() && pending.size() <= PENDING_LIMIT) {
      out.writeBoolean(false);
      out.writeInt(pending.size());
      for (Object v : pending) {
        if (v instanceof Long l) {
          out.writeByte('L');
          out.writeLong(l);
        } else if (v instanceof Double d) {
          out.writeByte('D');
          out.writeDouble(d);
        } else {
          out.writeByte('S');
          writeString(out, (String) v);
        }
      }
      return;
    }
    flush();
    out.writeBoolean(true);
    byte[] b = sketchBytes();
    out.writeInt(b.length);
    out.write(b);
  }

  @Override
  public void read(DataInput in) throws IOException {
    reset();
    if (in.readBoolean()) {
      byte[] b = new byte[in.readInt()];
      in.readFully(b);
      readSketch(b);
    } else {
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        byte tag = in.readByte();
        pending.add(
            tag == 'L' ? (Object) in.readLong() : tag == 'D' ? in.readDouble() : readString(in));
      }
    }
  }
}
