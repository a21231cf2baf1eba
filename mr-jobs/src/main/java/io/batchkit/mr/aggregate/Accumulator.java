package io.batchkit.mr.aggregate;

import io.batchkit.core.io.RowFormat;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The typed partial state of one metric: built from rows in the mapper, merged in the combiner and
 * the reducer, serialised in between (never as text). One class per function; a null input value is
 * ignored by every function but {@code count}.
 */
public abstract class Accumulator {
  /**
   * HLL precision: lg of the number of buckets. 16 gives a relative standard error of about 0.4%
   * for unions (the estimator merged sketches use), so 2% is five standard errors; a sketch in HLL
   * mode then holds 32 KB.
   */
  public static final int HLL_LG_K = 16;

  /** KLL accuracy parameter; 200 (datasketches' default) gives a rank error of about 1.65%. */
  public static final int KLL_K = 200;

  /**
   * Up to this many raw values are carried instead of a sketch: a sketch per row would cost a
   * sketch's allocation and bytes per map output record.
   */
  static final int PENDING_LIMIT = 64;

  public abstract void add(Object value);

  public abstract void merge(Accumulator other);

  public abstract void write(DataOutput out) throws IOException;

  public abstract void read(DataInput in) throws IOException;

  public abstract Object result();

  public abstract void reset();

  /**
   * Whether merging a state into an empty one gives that state's result exactly (not so for a mean,
   * whose merge divides, or a sketch): then a lone state may pass a combiner as its bytes.
   */
  boolean mergeIntoEmptyIsCopy() {
    return false;
  }

  public static Accumulator create(Metric m) {
    return switch (m.function()) {
      case COUNT -> m.column() < 0 ? new Count(true) : new Count(false);
      case SUM -> new Sum(m.input());
      case MIN -> new Extreme(m.input(), -1);
      case MAX -> new Extreme(m.input(), 1);
      case AVG -> new MeanVariance(false);
      case STDDEV -> new MeanVariance(true);
      case COUNT_DISTINCT -> new Distinct();
      case APPROX_DISTINCT -> new ApproxDistinct();
      case APPROX_QUANTILE -> new ApproxQuantile(m.quantile());
    };
  }

  static String canonical(Object v) {
    if (v instanceof String s) {
      return s;
    }
    StringBuilder sb = new StringBuilder(24);
    RowFormat.appendValue(v, sb);
    return sb.toString();
  }

  static double number(Object v) {
    return ((Number) v).doubleValue();
  }

  static void writeString(DataOutput out, String s) throws IOException {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    org.apache.hadoop.io.WritableUtils.writeVInt(out, b.length);
    out.write(b);
  }

  static String readString(DataInput in) throws IOException {
    byte[] b = new byte[org.apache.hadoop.io.WritableUtils.readVInt(in)];
    in.readFully(b);
    return new String(b, java.nio.charset.StandardCharsets.UTF_8);
  }
}
