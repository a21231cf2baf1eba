package io.batchkit.mr.profile;

import io.batchkit.core.io.RowFormat;
import io.batchkit.core.types.ColumnType;
import io.batchkit.mr.aggregate.Accumulator;
import io.batchkit.mr.aggregate.ApproxDistinct;
import io.batchkit.mr.aggregate.Metric;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.datasketches.kll.KllFloatsSketch;
import org.apache.datasketches.memory.Memory;

/**
 * Everything {@code profile} learns about one column, mergeable: counts (every field is a null or
 * not, valid or not), violations by rule, min/max, moments, zeros, an HLL sketch of distinct
 * values, a KLL sketch of numeric values (quantiles and the histogram), exact counts per hour or
 * day of temporal values (the time series), the frequent values of the rest, and string lengths.
 */
public final class ColumnProfile {
  static final int HISTOGRAM_BINS = 20;
  static final double[] QUANTILES = {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99};

  /** A positive range wider than this ratio gets logarithmic bins. */
  static final double LOG_BINS_RATIO = 1000;

  private final ColumnType type;
  private final boolean numeric;
  private final boolean temporal;
  private long count;
  private long nulls;
  private long valid;
  private long violating;
  private long zeros;
  private final Map<String, Long> violations = new TreeMap<>();
  private final Accumulator min;
  private final Accumulator max;
  private final Moments moments = new Moments();
  private final ApproxDistinct distinct;
  private KllFloatsSketch kll;
  private final FrequentValues top;
  private final TimeCounts times;
  private final Moments lengths = new Moments();
  private long minLength = Long.MAX_VALUE;
  private long maxLength = -1;

  public ColumnProfile(int index, ColumnType type) {
    this.type = type;
    this.numeric =
        switch (type.kind()) {
          case INT, BIGINT, DOUBLE, DECIMAL -> true;
          default -> false;
        };
    this.temporal = type.kind() == ColumnType.Kind.TIMESTAMP || type.kind() == ColumnType.Kind.DATE;
    min = Accumulator.create(new Metric(Metric.Function.MIN, "min", index, type, 0));
    max = Accumulator.create(new Metric(Metric.Function.MAX, "max", index, type, 0));
    distinct =
        (ApproxDistinct)
            Accumulator.create(new Metric(Metric.Function.APPROX_DISTINCT, "d", index, type, 0));
    kll = KllFloatsSketch.newHeapInstance(Accumulator.KLL_K);
    // Instants are shown as a time series: their most frequent values say little.
    top = type.kind() == ColumnType.Kind.TIMESTAMP ? null : new FrequentValues();
    times = temporal ? new TimeCounts(type.kind() == ColumnType.Kind.TIMESTAMP) : null;
  }

  /** Whether {@link #value} needs the value's text (for the frequent values). */
  public boolean wantsText() {
    return top != null;
  }

  /** A value that passed the column's rules (null for a null). */
  public void value(Object v, String text) {
    count++;
    if (v == null) {
      nulls++;
      return;
    }
    valid++;
    min.add(v);
    max.add(v);
    distinct.add(v);
    if (top != null) {
      top.add(text);
    }
    if (numeric) {
      double d = ((Number) v).doubleValue();
      moments.add(d);
      kll.update((float) d);
      if (d == 0) {
        zeros++;
      }
    } else if (times != null) {
      times.add(v);
    } else if (type.kind() == ColumnType.Kind.STRING) {
      String s = (String) v;
      long len = s.codePointCount(0, s.length());
      lengths.add(len);
      minLength = Math.min(minLength, len);
      maxLength = Math.max(maxLength, len);
    }
  }

  /**
   * A field that broke rules: counted once, and by each rule; kept out of the statistics.
   *
   * @param isNull whether the field was a null (a null in a required column)
   */
  public void violations(List<String> rules, boolean isNull) {
    count++;
    violating++;
    if (isNull) {
      nulls++;
    }
    for (String rule : rules) {
      violations.merge(rule, 1L, Long::sum);
    }
  }

  public void merge(ColumnProfile o) {
    count += o.count;
    nulls += o.nulls;
    valid += o.valid;
    violating += o.violating;
    zeros += o.zeros;
    o.violations.forEach((k, v) -> violations.merge(k, v, Long::sum));
    min.merge(o.min);
    max.merge(o.max);
    moments.merge(o.moments);
    distinct.merge(o.distinct);
    kll.merge(o.kll);
    if (top != null) {
      top.merge(o.top);
    }
    if (times != null) {
      times.merge(o.times);
    }
    lengths.merge(o.lengths);
    minLength = Math.min(minLength, o.minLength);
    maxLength = Math.max(maxLength, o.maxLength);
  }

  public void write(DataOutput out) throws IOException {
    out.writeLong(count);
    out.writeLong(nulls);
    out.writeLong(valid);
    out.writeLong(violating);
    out.writeLong(zeros);
    out.writeInt(violations.size());
    for (Map.Entry<String, Long> e : violations.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeLong(e.getValue());
    }
    min.write(out);
    max.write(out);
    moments.write(out);
    distinct.write(out);
    byte[] b = kll.toByteArray();
    out.writeInt(b.length);
    out.write(b);
    if (top != null) {
      top.write(out);
    }
    if (times != null) {
      times.write(out);
    }
    lengths.write(out);
    out.writeLong(minLength);
    out.writeLong(maxLength);
  }

  public void read(DataInput in) throws IOException {
    count = in.readLong();
    nulls = in.readLong();
    valid = in.readLong();
    violating = in.readLong();
    zeros = in.readLong();
    violations.clear();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      violations.put(in.readUTF(), in.readLong());
    }
    min.read(in);
    max.read(in);
    moments.read(in);
    distinct.read(in);
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    kll = KllFloatsSketch.heapify(Memory.wrap(b));
    if (top != null) {
      top.read(in);
    }
    if (times != null) {
      times.read(in);
    }
    lengths.read(in);
    minLength = in.readLong();
    maxLength = in.readLong();
  }

  /**
   * The column's report, as a tree of maps and lists (written as JSON; README lists the fields).
   */
  public Map<String, Object> summary(String name) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("type", type.hiveName());
    m.put("count", count);
    m.put("nulls", nulls);
    m.put("non_null", count - nulls);
    m.put("valid", valid);
    m.put("violating", violating);
    m.put("completeness", count == 0 ? null : (double) (count - nulls) / count);
    m.put("violations", violations);
    m.put("distinct_approx", distinct.result());
    m.put("min", text(min.result()));
    m.put("max", text(max.result()));
    if (numeric && moments.n() > 0) {
      m.put("zeros", zeros);
      m.put("mean", moments.mean());
      m.put("stddev", moments.stddev());
      m.put("skewness", moments.skewness());
      Map<String, Object> q = new LinkedHashMap<>();
      for (double r : QUANTILES) {
        q.put(
            String.format(Locale.ROOT, "p%02d", Math.round(r * 100)), (double) kll.getQuantile(r));
      }
      m.put("quantiles", q);
      m.put("histogram", histogram());
    }
    if (type.kind() == ColumnType.Kind.STRING && lengths.n() > 0) {
      Map<String, Object> l = new LinkedHashMap<>();
      l.put("min", minLength);
      l.put("max", maxLength);
      l.put("mean", lengths.mean());
      m.put("length", l);
    }
    if (times != null) {
      m.put("time_series", times.summary(type.kind() == ColumnType.Kind.TIMESTAMP));
    }
    if (top != null) {
      top.summarise(count, m);
    } else {
      m.put("top_values", List.of());
      m.put("top_values_exact", true);
      m.put("top_values_note", "timestamps are shown as a time series (time_series)");
    }
    return m;
  }

  /**
   * Bins between min and max counted through the KLL sketch's CDF: equal widths, or, when a
   * positive range spans more than three orders of magnitude, equal widths of the logarithm. The
   * counts are estimates within the sketch's rank error.
   */
  private Map<String, Object> histogram() {
    float lo = kll.getMinItem();
    float hi = kll.getMaxItem();
    boolean log = lo > 0 && hi / lo > LOG_BINS_RATIO;
    List<Double> edges = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    if (!(hi > lo)) {
      edges.add((double) lo);
      edges.add((double) hi);
      counts.add(kll.getN());
    } else {
      for (int i = 0; i <= HISTOGRAM_BINS; i++) {
        edges.add(
            log
                ? lo * Math.pow((double) hi / lo, (double) i / HISTOGRAM_BINS)
                : lo + ((double) hi - lo) * i / HISTOGRAM_BINS);
      }
      edges.set(0, (double) lo);
      edges.set(HISTOGRAM_BINS, (double) hi);
      float[] splits = new float[HISTOGRAM_BINS - 1];
      for (int i = 0; i < splits.length; i++) {
        splits[i] = edges.get(i + 1).floatValue();
      }
      for (double p : kll.getPMF(splits)) {
        counts.add(Math.round(p * kll.getN()));
      }
    }
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("scale", log ? "log" : "linear");
    h.put("edges", edges);
    h.put("counts", counts);
    h.put("counts_exact", false);
    h.put("rank_error", kll.getNormalizedRankError(true));
    return h;
  }

  private static Object text(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v instanceof BigDecimal d ? d.toPlainString() : v;
    }
    StringBuilder sb = new StringBuilder();
    RowFormat.appendValue(v, sb);
    return sb.toString();
  }
}
