package io.batchkit.mr.aggregate;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.memory.Memory;

/** {@code approx_distinct}: an HLL_4 sketch, the type Hive's {@code ds_hll_*} functions read. */
public final class ApproxDistinct extends Sketching {
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
