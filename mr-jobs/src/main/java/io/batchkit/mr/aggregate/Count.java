package io.batchkit.mr.aggregate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** {@code count} (rows, nulls included) or {@code count(col)} (non-null values). */
public final class Count extends Accumulator {
  private final boolean rows;
  long n;

  Count(boolean rows) {
    this.rows = rows;
  }

  @Override
  public void add(Object value) {
    if (rows || value != null) {
      n++;
    }
  }

  @Override
  public void merge(Accumulator other) {
    n += ((Count) other).n;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeLong(n);
  }

  @Override
  public void read(DataInput in) throws IOException {
    n = in.readLong();
  }

  @Override
  public Object result() {
    return n;
  }

  @Override
  public void reset() {
    n = 0;
  }

  @Override
  boolean mergeIntoEmptyIsCopy() {
    return true;
  }
}
