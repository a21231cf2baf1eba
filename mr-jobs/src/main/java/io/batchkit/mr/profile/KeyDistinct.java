package io.batchkit.mr.profile;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.memory.Memory;

/**
 * Distinct keys of the valid records, for the duplicate keys of the overview. Exact duplicates need
 * a shuffle of every key ({@code clean --dedupe} does that); a profile stays one pass with an HLL
 * sketch at lgK 20 (relative standard error 0.1%) and reports the estimate with its 95% bounds.
 * Each key is hashed from its typed values, not their text, so no text is built per row.
 */
public final class KeyDistinct {
  static final int LG_K = 20;
  private static final int STDDEVS = 2;

  private final int[] columns;
  private final long[] buffer;
  private HllSketch sketch = new HllSketch(LG_K, TgtHllType.HLL_4);

  public KeyDistinct(int[] columns) {
    this.columns = columns;
    this.buffer = new long[2 * columns.length];
  }

  void add(Object[] row) {
    for (int i = 0; i < columns.length; i++) {
      Object v = row[columns[i]];
      long tag;
      long bits;
      if (v == null) {
        tag = 0;
        bits = 0;
      } else if (v instanceof Integer || v instanceof Long) {
        tag = 1;
        bits = ((Number) v).longValue();
      } else if (v instanceof Double d) {
        tag = 2;
        bits = Double.doubleToLongBits(d);
      } else if (v instanceof LocalDateTime t) {
        tag = 3 + ((long) t.getNano() << 4);
        bits = t.toEpochSecond(ZoneOffset.UTC);
      } else if (v instanceof LocalDate d) {
        tag = 4;
        bits = d.toEpochDay();
      } else if (v instanceof BigDecimal d) {
        tag = 5 + ((long) d.scale() << 4);
        bits = d.unscaledValue().longValue() ^ ((long) d.unscaledValue().bitLength() << 56);
      } else {
        tag = 6;
        bits = fnv(v.toString());
      }
      buffer[2 * i] = tag;
      buffer[2 * i + 1] = bits;
    }
    sketch.update(buffer);
  }

  public void merge(KeyDistinct o) {
    Union u = new Union(LG_K);
    u.update(sketch);
    u.update(o.sketch);
    sketch = u.getResult(TgtHllType.HLL_4);
  }

  public void write(DataOutput out) throws IOException {
    byte[] b = sketch.toCompactByteArray();
    out.writeInt(b.length);
    out.write(b);
  }

  public void read(DataInput in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    sketch = HllSketch.heapify(Memory.wrap(b));
  }

  /** The estimate of distinct keys and its bounds at 95% confidence. */
  public Map<String, Object> state() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("distinct_estimate", Math.round(sketch.getEstimate()));
    m.put("distinct_lower_bound", (long) Math.floor(sketch.getLowerBound(STDDEVS)));
    m.put("distinct_upper_bound", (long) Math.ceil(sketch.getUpperBound(STDDEVS)));
    return m;
  }

  /**
   * The overview's keys: the key columns, the distinct keys among the {@code valid} records and the
   * duplicates they imply ({@code valid - distinct}, what {@code clean --dedupe} would drop), each
   * as an estimate with 95% bounds.
   */
  public static Map<String, Object> summary(
      List<String> columns, Map<String, Object> state, long valid) {
    long estimate = Math.min(valid, ((Number) state.get("distinct_estimate")).longValue());
    long lower = Math.min(valid, ((Number) state.get("distinct_lower_bound")).longValue());
    long upper = Math.min(valid, ((Number) state.get("distinct_upper_bound")).longValue());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("columns", columns);
    m.put("distinct_estimate", estimate);
    m.put("distinct_lower_bound", lower);
    m.put("distinct_upper_bound", upper);
    m.put("duplicates_estimate", valid - estimate);
    m.put("duplicates_lower_bound", valid - upper);
    m.put("duplicates_upper_bound", valid - lower);
    m.put("confidence", 0.95);
    return m;
  }

  private static long fnv(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }
}
