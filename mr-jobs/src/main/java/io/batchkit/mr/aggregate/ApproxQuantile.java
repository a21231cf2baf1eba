package io.batchkit.mr.aggregate;

import org.apache.datasketches.kll.KllFloatsSketch;
import org.apache.datasketches.memory.Memory;

/** {@code approx_quantile}: a KLL floats sketch, the type Hive's {@code ds_kll_*} read. */
public final class ApproxQuantile extends Sketching {
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
