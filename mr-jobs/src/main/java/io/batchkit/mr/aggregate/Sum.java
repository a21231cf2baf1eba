package io.batchkit.mr.aggregate;

import io.batchkit.core.types.ColumnType;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;

/** Exact sums: long for integers, BigDecimal for decimals, double for doubles. */
public final class Sum extends Accumulator {
  private final ColumnType.Kind kind;
  private boolean any;
  private long l;
  private double d;
  private BigDecimal dec = BigDecimal.ZERO;

  Sum(ColumnType type) {
    this.kind = type.kind();
  }

  @Override
  public void add(Object v) {
    if (v == null) {
      return;
    }
    any = true;
    switch (kind) {
      case INT, BIGINT -> l = Math.addExact(l, ((Number) v).longValue());
      case DECIMAL -> dec = dec.add((BigDecimal) v);
      default -> d += number(v);
    }
  }

  @Override
  public void merge(Accumulator o) {
    Sum s = (Sum) o;
    if (!s.any) {
      return;
    }
    any = true;
    l = Math.addExact(l, s.l);
    d += s.d;
    dec = dec.add(s.dec);
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeBoolean(any);
    switch (kind) {
      case INT, BIGINT -> out.writeLong(l);
      case DECIMAL -> out.writeUTF(dec.toPlainString());
      default -> out.writeDouble(d);
    }
  }

  @Override
  public void read(DataInput in) throws IOException {
    reset();
    any = in.readBoolean();
    switch (kind) {
      case INT, BIGINT -> l = in.readLong();
      case DECIMAL -> dec = new BigDecimal(in.readUTF());
      default -> d = in.readDouble();
    }
  }

  @Override
  public Object result() {
    if (!any) {
      return null;
    }
    return switch (kind) {
      case INT, BIGINT -> l;
      case DECIMAL -> dec;
      default -> d;
    };
  }

  @Override
  public void reset() {
    any = false;
    l = 0;
    d = 0;
    dec = BigDecimal.ZERO;
  }

  @Override
  boolean mergeIntoEmptyIsCopy() {
    return true;
  }
}
