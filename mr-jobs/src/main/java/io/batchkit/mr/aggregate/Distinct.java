package io.batchkit.mr.aggregate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

/**
 * Exact distinct count: the set of values in canonical text form. In the mapper, ints, bigints and
 * dates are kept as they are (each has exactly one text, so the count is the same) and turned into
 * text only when the state is written or merged: a string per row was most of this metric's cost.
 */
public final class Distinct extends Accumulator {
  final Set<Object> values = new HashSet<>();

  /** Whether {@link #values} holds values not yet in their text form. */
  private boolean typed;

  @Override
  public void add(Object v) {
    if (v == null) {
      return;
    }
    if (v instanceof Integer || v instanceof Long || v instanceof LocalDate) {
      values.add(v);
      typed = true;
    } else {
      values.add(canonical(v));
    }
  }

  @Override
  public void merge(Accumulator o) {
    Distinct other = (Distinct) o;
    toText();
    if (other.typed) {
      for (Object v : other.values) {
        values.add(canonical(v));
      }
    } else {
      values.addAll(other.values);
    }
  }

  private void toText() {
    if (typed) {
      Object[] all = values.toArray();
      values.clear();
      for (Object v : all) {
        values.add(canonical(v));
      }
      typed = false;
    }
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeInt(values.size());
    for (Object v : values) {
      writeString(out, canonical(v));
    }
  }

  @Override
  public void read(DataInput in) throws IOException {
    reset();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      values.add(readString(in));
    }
  }

  @Override
  public Object result() {
    return (long) values.size();
  }

  @Override
  public void reset() {
    values.clear();
    typed = false;
  }

  @Override
  boolean mergeIntoEmptyIsCopy() {
    return true;
  }
}
