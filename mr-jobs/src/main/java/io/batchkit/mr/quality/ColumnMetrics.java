package io.batchkit.mr.quality;

import io.batchkit.core.types.ColumnType;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

/**
 * What quality checks measure of one column over a task's valid records, mergeable across tasks:
 * values and nulls, an HLL sketch of distinct values, and for numeric columns min, max, sum and a
 * KLL sketch of quantiles. Lighter than the profile's column state (no frequent values, no
 * histograms): it runs inside {@code clean}, on every record.
 */
public final class ColumnMetrics {
  static final int LG_K = 12;
  static final double[] QUANTILES = {0.05, 0.25, 0.5, 0.75, 0.95};
  static final String[] QUANTILE_NAMES = {"p05", "p25", "p50", "p75", "p95"};

  private final boolean numeric;
  private long count;
  private long nulls;
  private HllSketch distinct = new HllSketch(LG_K, TgtHllType.HLL_8);
  private double sum;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private KllDoublesSketch quantiles;

  public ColumnMetrics(ColumnType type) {
    this.numeric =
        switch (type.kind()) {
          case INT, BIGINT, DOUBLE, DECIMAL -> true;
          default -> false;
        };
    this.quantiles = numeric ? KllDoublesSketch.newHeapInstance() : null;
  }

  public void add(Object v) {
    count++;
    if (v == null) {
      nulls++;
      return;
    }
    if (v instanceof Long l) {
      distinct.update(l);
    } else if (v instanceof Integer i) {
      distinct.update(i.longValue());
    } else if (v instanceof Double d) {
      distinct.update(d);
    } else if (v instanceof BigDecimal b) {
      distinct.update(b.stripTrailingZeros().toPlainString());
    } else {
      distinct.update(v.toString());
    }
    if (numeric) {
      double d = ((Number) v).doubleValue();
      sum += d;
      min = Math.min(min, d);
      max = Math.max(max, d);
      quantiles.update(d);
    }
  }

  public void merge(ColumnMetrics o) {
    count += o.count;
    nulls += o.nulls;
    Union u = new Union(LG_K);
    u.update(distinct);
    u.update(o.distinct);
    distinct = u.getResult(TgtHllType.HLL_8);
    if (numeric) {
      sum += o.sum;
      min = Math.min(min, o.min);
      max = Math.max(max, o.max);
      quantiles.merge(o.quantiles);
    }
  }

  /** Adds this column's metrics to {@code out}, keyed as checks name them. */
  public void values(String column, Map<String, Double> out) {
    if (count == 0) {
      return; // no valid record: nothing measured (a check on it passes with "no value")
    }
    long values = count - nulls;
    out.put(key("completeness", column), (double) values / count);
    out.put(key("null_ratio", column), (double) nulls / count);
    out.put(key("distinct", column), (double) Math.round(distinct.getEstimate()));
    if (numeric && values > 0) {
      out.put(key("min", column), min);
      out.put(key("max", column), max);
      out.put(key("mean", column), sum / values);
      for (int i = 0; i < QUANTILES.length; i++) {
        out.put(key(QUANTILE_NAMES[i], column), quantiles.getQuantile(QUANTILES[i]));
      }
    }
  }

  private static String key(String metric, String column) {
    return io.batchkit.core.quality.Metrics.key(metric, column);
  }

  public void write(DataOutput out) throws IOException {
    out.writeLong(count);
    out.writeLong(nulls);
    bytes(out, distinct.toCompactByteArray());
    if (numeric) {
      out.writeDouble(sum);
      out.writeDouble(min);
      out.writeDouble(max);
      bytes(out, quantiles.toByteArray());
    }
  }

  public void read(DataInput in) throws IOException {
    count = in.readLong();
    nulls = in.readLong();
    distinct = HllSketch.heapify(Memory.wrap(bytes(in)));
    if (numeric) {
      sum = in.readDouble();
      min = in.readDouble();
      max = in.readDouble();
      quantiles = KllDoublesSketch.heapify(Memory.wrap(bytes(in)));
    }
  }

  private static void bytes(DataOutput out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  private static byte[] bytes(DataInput in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return b;
  }
}
