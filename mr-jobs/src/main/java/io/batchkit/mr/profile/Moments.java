package io.batchkit.mr.profile;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Count, mean and the second and third central moments, updated one value at a time and merged
 * pairwise (Pébay's formulas), so that map tasks' partial moments combine to the whole column's
 * without a second pass. Population statistics, as ydata-profiling reports them.
 */
final class Moments {
  private long n;
  private double mean;
  private double m2;
  private double m3;

  void add(double x) {
    long n1 = n;
    n++;
    double delta = x - mean;
    double deltaN = delta / n;
    double term = delta * deltaN * n1;
    mean += deltaN;
    m3 += term * deltaN * (n - 2) - 3 * deltaN * m2;
    m2 += term;
  }

  void merge(Moments b) {
    if (b.n == 0) {
      return;
    }
    if (n == 0) {
      n = b.n;
      mean = b.mean;
      m2 = b.m2;
      m3 = b.m3;
      return;
    }
    double na = n;
    double nb = b.n;
    double total = na + nb;
    double delta = b.mean - mean;
    m3 +=
        b.m3
            + delta * delta * delta * na * nb * (na - nb) / (total * total)
            + 3 * delta * (na * b.m2 - nb * m2) / total;
    m2 += b.m2 + delta * delta * na * nb / total;
    mean += delta * nb / total;
    n += b.n;
  }

  long n() {
    return n;
  }

  double mean() {
    return mean;
  }

  double stddev() {
    return Math.sqrt(Math.max(0, m2 / n));
  }

  /** Fisher's moment coefficient of skewness; 0 for a constant column. */
  double skewness() {
    return m2 <= 0 ? 0 : Math.sqrt((double) n) * m3 / Math.pow(m2, 1.5);
  }

  void write(DataOutput out) throws IOException {
    out.writeLong(n);
    out.writeDouble(mean);
    out.writeDouble(m2);
    out.writeDouble(m3);
  }

  void read(DataInput in) throws IOException {
    n = in.readLong();
    mean = in.readDouble();
    m2 = in.readDouble();
    m3 = in.readDouble();
  }
}
