package io.batchkit.mr.aggregate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Count, mean and sum of squared deviations, merged with Chan et al.'s parallel formula. */
public final class MeanVariance extends Accumulator {
  private final boolean stddev;
  long n;
  double mean;
  double m2;

  MeanVariance(boolean stddev) {
    this.stddev = stddev;
  }

  @Override
  public void add(Object v) {
    if (v == null) {
      return;
    }
    double x = number(v);
    n++;
    double delta = x - mean;
    mean += delta / n;
    m2 += delta * (x - mean);
  }

  @Override
  public void merge(Accumulator o) {
    MeanVariance b = (MeanVariance) o;
    if (b.n == 0) {
      return;
    }
    long total = n + b.n;
    double delta = b.mean - mean;
    mean += delta * b.n / total;
    m2 += b.m2 + delta * delta * ((double) n * b.n / total);
    n = total;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeLong(n);
    out.writeDouble(mean);
    out.writeDouble(m2);
  }

  @Override
  public void read(DataInput in) throws IOException {
    n = in.readLong();
    mean = in.readDouble();
    m2 = in.readDouble();
  }

  public long n() {
    return n;
  }

  public double mean() {
    return mean;
  }

  public double stddev() {
    return Math.sqrt(Math.max(0, m2 / n));
  }

  /** The mean, or the population standard deviation (Hive's {@code stddev}). */
  @Override
  public Object result() {
    if (n == 0) {
      return null;
    }
    return stddev ? Math.sqrt(Math.max(0, m2 / n)) : mean;
  }

  @Override
  public void reset() {
    n = 0;
    mean = 0;
    m2 = 0;
  }
}
