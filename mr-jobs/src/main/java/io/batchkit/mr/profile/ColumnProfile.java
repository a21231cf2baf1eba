package io.batchkit.mr.profile;

import io.batchkit.core.schema.ColumnType;
import io.batchkit.mr.aggregate.Accumulator;
import io.batchkit.mr.aggregate.Metric;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.kll.KllFloatsSketch;
import org.apache.datasketches.memory.Memory;

/**
 * Everything {@code profile} learns about one column, mergeable: counts, violations by rule,
 * min/max, moments, an HLL sketch of distinct values, a KLL sketch of numeric values (quantiles and
 * the histogram), a frequent-items sketch of the most common values, and string lengths.
 */
public final class ColumnProfile {
  static final int TOP_MAP_SIZE = 256;
  static final int TOP_VALUES = 10;
  static final int HISTOGRAM_BINS = 20;
  static final double[] QUANTILES = {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99};

  private final ColumnType type;
  private final boolean numeric;
  private long count;
  private long nulls;
  private final Map<String, Long> violations = new TreeMap<>();
  private final Accumulator min;
  private final Accumulator max;
  private final Accumulator.Moments moments;
  private final Accumulator.ApproxDistinct distinct;
  private KllFloatsSketch kll;
  private ItemsSketch<String> top;
  private final Accumulator.Moments lengths;
  private long minLength = Long.MAX_VALUE;
  private long maxLength = -1;

  public ColumnProfile(int index, ColumnType type) {
    this.type = type;
    this.numeric =
        switch (type.kind()) {
          case INT, BIGINT, DOUBLE, DECIMAL -> true;
          default -> false;
        };
    min = Accumulator.create(new Metric(Metric.Function.MIN, "min", index, type, 0));
    max = Accumulator.create(new Metric(Metric.Function.MAX, "max", index, type, 0));
    moments =
        (Accumulator.Moments)
            Accumulator.create(new Metric(Metric.Function.STDDEV, "sd", index, type, 0));
    distinct =
        (Accumulator.ApproxDistinct)
            Accumulator.create(new Metric(Metric.Function.APPROX_DISTINCT, "d", index, type, 0));
    lengths =
        (Accumulator.Moments)
            Accumulator.create(new Metric(Metric.Function.STDDEV, "len", index, type, 0));
    kll = KllFloatsSketch.newHeapInstance(Accumulator.KLL_K);
    top = new ItemsSketch<>(TOP_MAP_SIZE);
  }

  /** A value that passed the column's rules (null for a null). */
  public void value(Object v, String text) {
    count++;
    if (v == null) {
      nulls++;
      return;
    }
    min.add(v);
    max.add(v);
    distinct.add(v);
    top.update(text);
    if (numeric) {
      double d = ((Number) v).doubleValue();
      moments.add(d);
      kll.update((float) d);
    }
    if (type.kind() == ColumnType.Kind.STRING) {
      String s = (String) v;
      long len = s.codePointCount(0, s.length());
      lengths.add((double) len);
      minLength = Math.min(minLength, len);
      maxLength = Math.max(maxLength, len);
    }
  }

  /** A value that broke rules: counted once, and by each rule; kept out of the statistics. */
  public void violations(List<String> rules) {
    count++;
    for (String rule : rules) {
      violations.merge(rule, 1L, Long::sum);
    }
  }

  public void merge(ColumnProfile o) {
    count += o.count;
    nulls += o.nulls;
    o.violations.forEach((k, v) -> violations.merge(k, v, Long::sum));
    min.merge(o.min);
    max.merge(o.max);
    moments.merge(o.moments);
    distinct.merge(o.distinct);
    kll.merge(o.kll);
    top.merge(o.top);
    lengths.merge(o.lengths);
    minLength = Math.min(minLength, o.minLength);
    maxLength = Math.max(maxLength, o.maxLength);
  }

  public void write(DataOutput out) throws IOException {
    out.writeLong(count);
    out.writeLong(nulls);
    out.writeInt(violations.size());
    for (Map.Entry<String, Long> e : violations.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeLong(e.getValue());
    }
    min.write(out);
    max.write(out);
    moments.write(out);
    distinct.write(out);
    bytes(out, kll.toByteArray());
    bytes(out, top.toByteArray(new ArrayOfStringsSerDe()));
    lengths.write(out);
    out.writeLong(minLength);
    out.writeLong(maxLength);
  }

  public void read(DataInput in) throws IOException {
    count = in.readLong();
    nulls = in.readLong();
    violations.clear();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      violations.put(in.readUTF(), in.readLong());
    }
    min.read(in);
    max.read(in);
    moments.read(in);
    distinct.read(in);
    kll = KllFloatsSketch.heapify(Memory.wrap(bytes(in)));
    top = ItemsSketch.getInstance(Memory.wrap(bytes(in)), new ArrayOfStringsSerDe());
    lengths.read(in);
    minLength = in.readLong();
    maxLength = in.readLong();
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

  /** The column's report, as a tree of maps and lists (written as JSON). */
  public Map<String, Object> summary(String name) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("type", type.hiveName());
    m.put("count", count);
    m.put("nulls", nulls);
    long bad = violations.values().stream().mapToLong(Long::longValue).sum();
    long valid = count - nulls - bad;
    m.put("valid", valid);
    m.put("completeness", count == 0 ? null : (double) (count - nulls) / count);
    m.put("violations", violations);
    m.put("distinct_approx", distinct.result());
    m.put("min", text(min.result()));
    m.put("max", text(max.result()));
    if (numeric && moments.n() > 0) {
      m.put("mean", moments.mean());
      m.put("stddev", moments.stddev());
      Map<String, Object> q = new LinkedHashMap<>();
      for (double r : QUANTILES) {
        q.put(
            String.format(java.util.Locale.ROOT, "p%02d", Math.round(r * 100)),
            (double) kll.getQuantile(r));
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
    List<Map<String, Object>> frequent = new ArrayList<>();
    ItemsSketch.Row<String>[] rows = top.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES);
    for (int i = 0; i < rows.length && i < TOP_VALUES; i++) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("value", rows[i].getItem());
      r.put("count", rows[i].getEstimate());
      frequent.add(r);
    }
    m.put("top_values", frequent);
    return m;
  }

  /** Equal-width bins between min and max, counted through the KLL sketch's CDF. */
  private Map<String, Object> histogram() {
    float lo = kll.getMinItem();
    float hi = kll.getMaxItem();
    Map<String, Object> h = new LinkedHashMap<>();
    List<Double> edges = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    if (!(hi > lo)) {
      edges.add((double) lo);
      edges.add((double) hi);
      counts.add(kll.getN());
    } else {
      float[] splits = new float[HISTOGRAM_BINS - 1];
      for (int i = 0; i < splits.length; i++) {
        splits[i] = lo + (hi - lo) * (i + 1) / HISTOGRAM_BINS;
      }
      double[] pmf = kll.getPMF(splits);
      for (int i = 0; i <= HISTOGRAM_BINS; i++) {
        edges.add((double) (lo + (hi - lo) * i / HISTOGRAM_BINS));
      }
      for (double p : pmf) {
        counts.add(Math.round(p * kll.getN()));
      }
    }
    h.put("edges", edges);
    h.put("counts", counts);
    return h;
  }

  private static Object text(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v instanceof java.math.BigDecimal d ? d.toPlainString() : v;
    }
    StringBuilder sb = new StringBuilder();
    io.batchkit.core.io.RowFormat.appendValue(v, sb);
    return sb.toString();
  }
}
