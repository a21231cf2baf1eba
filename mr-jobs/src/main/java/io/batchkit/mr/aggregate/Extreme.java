package io.batchkit.mr.aggregate;

import io.batchkit.core.io.TextRowDecoder;
import io.batchkit.core.types.ColumnType;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** {@code min} (sign -1) or {@code max} (sign 1), in the column's own type and order. */
public final class Extreme extends Accumulator {
  private final ColumnType type;
  private final int sign;
  private Comparable<Object> best;

  Extreme(ColumnType type, int sign) {
    this.type = type;
    this.sign = sign;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void add(Object v) {
    if (v != null
        && (best == null || Integer.signum(((Comparable<Object>) v).compareTo(best)) == sign)) {
      best = (Comparable<Object>) v;
    }
  }

  @Override
  public void merge(Accumulator o) {
    add(((Extreme) o).best);
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeBoolean(best != null);
    if (best != null) {
      writeString(out, canonical(best));
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public void read(DataInput in) throws IOException {
    best =
        in.readBoolean() ? (Comparable<Object>) TextRowDecoder.parse(type, readString(in)) : null;
  }

  @Override
  public Object result() {
    return best;
  }

  @Override
  public void reset() {
    best = null;
  }

  @Override
  boolean mergeIntoEmptyIsCopy() {
    return true;
  }
}
