package io.batchkit.mr.aggregate;

import io.batchkit.core.io.RowFormat;
import io.batchkit.core.io.TextRowDecoder;
import io.batchkit.core.types.ColumnType;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.kll.KllFloatsSketch;
import org.apache.datasketches.memory.Memory;

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

  public static Accumulator create(Metric m) {
    return switch (m.function()) {
      case COUNT -> m.column() < 0 ? new Count(true) : new Count(false);
      case SUM -> new Sum(m.input());
      case MIN -> new Extreme(m.input(), -1);
      case MAX -> new Extreme(m.input(), 1);
      case AVG -> new Moments(false);
      case STDDEV -> new Moments(true);
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

  /** {@code count} (rows, nulls included) or {@code count(col)} (non-null values). */
  public static final class Count extends Accumulator {
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
  }

  /** Exact sums: long for integers, BigDecimal for decimals, double for doubles. */
  public static final class Sum extends Accumulator {
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
  }

  /** {@code min} (sign -1) or {@code max} (sign 1), in the column's own type and order. */
  public static final class Extreme extends Accumulator {
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
  }

  /** Count, mean and sum of squared deviations, merged with Chan et al.'s parallel formula. */
  public static final class Moments extends Accumulator {
    private final boolean stddev;
    long n;
    double mean;
    double m2;

    Moments(boolean stddev) {
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
      Moments b = (Moments) o;
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

  /** Exact distinct count: the set of values in canonical text form. */
  public static final class Distinct extends Accumulator {
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

  /** Raw values until there are too many, then a sketch; subclasses say which sketch. */
  abstract static class Sketching extends Accumulator {
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

  /** {@code approx_distinct}: an HLL_4 sketch, the type Hive's {@code ds_hll_*} functions read. */
  public static final class ApproxDistinct extends Sketching {
    private HllSketch sketch;
    private Union union;

    @Override
    boolean hasSketch() {
      return sketch != null || union != null;
    }

    @Override
    void toSketch(Object v) {
      if (sketch == null) {
        sketch = new HllSketch(HLL_LG_K, TgtHllType.HLL_4);
      }
      update(sketch, v);
    }

    /** Longs, doubles and strings as datasketches-hive feeds them; others by their text. */
    static void update(HllSketch s, Object v) {
      if (v instanceof Long l) {
        s.update(l);
      } else if (v instanceof Double d) {
        s.update(d);
      } else {
        s.update((String) v);
      }
    }

    @Override
    void mergeSketch(Sketching other) {
      if (union == null) {
        union = new Union(HLL_LG_K);
      }
      union.update(((ApproxDistinct) other).current());
    }

    /** The sketch so far; HLL unions are idempotent, so folding a sketch in twice is harmless. */
    HllSketch current() {
      if (union == null) {
        return sketch;
      }
      if (sketch != null) {
        union.update(sketch);
        sketch = null;
      }
      return union.getResult(TgtHllType.HLL_4);
    }

    @Override
    byte[] sketchBytes() {
      return current().toCompactByteArray();
    }

    @Override
    void readSketch(byte[] bytes) {
      sketch = HllSketch.heapify(Memory.wrap(bytes));
    }

    @Override
    public void add(Object v) {
      // What the sketch hashes: integers as longs, doubles as doubles, the rest as text.
      Object h =
          v == null || v instanceof Long || v instanceof Double
              ? v
              : v instanceof Integer i ? (Object) i.longValue() : canonical(v);
      super.add(h);
    }

    @Override
    public Object result() {
      flush();
      return hasSketch() ? Math.round(current().getEstimate()) : 0L;
    }

    /** The serialised sketch, for Hive's {@code ds_hll_estimate} and friends. */
    public byte[] sketch() {
      flush();
      return hasSketch()
          ? sketchBytes()
          : new HllSketch(HLL_LG_K, TgtHllType.HLL_4).toCompactByteArray();
    }

    @Override
    public void reset() {
      pending.clear();
      sketch = null;
      union = null;
    }
  }

  /** {@code approx_quantile}: a KLL floats sketch, the type Hive's {@code ds_kll_*} read. */
  public static final class ApproxQuantile extends Sketching {
    private final double rank;
    private KllFloatsSketch sketch;

    ApproxQuantile(double rank) {
      this.rank = rank;
    }

    @Override
    boolean hasSketch() {
      return sketch != null;
    }

    @Override
    void toSketch(Object v) {
      if (sketch == null) {
        sketch = KllFloatsSketch.newHeapInstance(KLL_K);
      }
      sketch.update((float) number(v));
    }

    @Override
    void mergeSketch(Sketching other) {
      if (sketch == null) {
        sketch = KllFloatsSketch.newHeapInstance(KLL_K);
      }
      sketch.merge(((ApproxQuantile) other).sketch);
    }

    @Override
    byte[] sketchBytes() {
      return sketch.toByteArray();
    }

    @Override
    void readSketch(byte[] bytes) {
      sketch = KllFloatsSketch.heapify(Memory.wrap(bytes));
    }

    @Override
    public void add(Object v) {
      super.add(v == null ? null : (Object) number(v));
    }

    @Override
    public Object result() {
      flush();
      return sketch == null || sketch.isEmpty() ? null : (double) sketch.getQuantile(rank);
    }

    public byte[] sketch() {
      flush();
      return sketch == null ? KllFloatsSketch.newHeapInstance(KLL_K).toByteArray() : sketchBytes();
    }

    @Override
    public void reset() {
      pending.clear();
      sketch = null;
    }
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
