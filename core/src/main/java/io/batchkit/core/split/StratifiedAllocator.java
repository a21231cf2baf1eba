package io.batchkit.core.split;

/**
 * Stratified assignment for one label: keys arrive in hash order and each goes to the split
 * furthest below its share so far, so every prefix (and so the whole label) is split within one key
 * of the ratios, without knowing the label's size in advance. Unlike {@link SplitAssigner}'s plain
 * ranges, a key may move when keys of its label are added: exact proportions per label and
 * stability under new data cannot both be had.
 */
public final class StratifiedAllocator {
  private final SplitAssigner assigner;
  private final long[] counts;
  private long total;

  public StratifiedAllocator(SplitAssigner assigner) {
    this.assigner = assigner;
    this.counts = new long[assigner.size()];
  }

  /** The split of the next key (in ascending hash order). */
  public int next() {
    int best = 0;
    double bestDeficit = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < counts.length; i++) {
      double deficit = assigner.ratio(i) * (total + 1) - counts[i];
      if (deficit > bestDeficit + 1e-12) {
        best = i;
        bestDeficit = deficit;
      }
    }
    counts[best]++;
    total++;
    return best;
  }
}
