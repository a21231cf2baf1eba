package io.batchkit.mr.aggregate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/** Exact distinct count: the set of values in canonical text form. */
public final class Distinct extends Accumulator {
  final Set<String> values = new HashSet<>();

  @Override
  public void add(Object v) {
    if (v != null) {
      values.add(canonical(v));
    }
  }

  @Override
  public void merge(Accumulator o) {
    values.addAll(((Distinct) o).values);
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeInt(values.size());
    for (String s : values) {
      writeString(out, s);
    }
  }

  @Override
  public void read(DataInput in) throws IOException {
    values.clear();
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
  }
}
