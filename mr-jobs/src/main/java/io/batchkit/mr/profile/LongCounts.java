package io.batchkit.mr.profile;

import java.util.Arrays;
import java.util.function.LongUnaryOperator;

/**
 * A map from long keys to long counts with open addressing: no boxing per value, which matters
 * because {@code profile} counts every timestamp of every row into one.
 */
final class LongCounts {
  private static final long EMPTY = Long.MIN_VALUE;
  private long[] keys;
  private long[] counts;
  private int size;

  LongCounts() {
    keys = new long[64];
    counts = new long[64];
    Arrays.fill(keys, EMPTY);
  }

  int size() {
    return size;
  }

  void add(long key, long n) {
    int mask = keys.length - 1;
    int i = slot(key, mask);
    while (keys[i] != EMPTY && keys[i] != key) {
      i = (i + 1) & mask;
    }
    if (keys[i] == EMPTY) {
      keys[i] = key;
      size++;
      counts[i] = n;
      if (size * 2 > keys.length) {
        grow();
      }
    } else {
      counts[i] += n;
    }
  }

  /** Visits every entry, in no particular order. */
  void forEach(LongBinaryConsumer visit) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != EMPTY) {
        visit.accept(keys[i], counts[i]);
      }
    }
  }

  /** A new map with every key mapped through {@code to} and counts of equal keys summed. */
  LongCounts map(LongUnaryOperator to) {
    LongCounts out = new LongCounts();
    forEach((k, n) -> out.add(to.applyAsLong(k), n));
    return out;
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldCounts = counts;
    keys = new long[oldKeys.length * 2];
    counts = new long[keys.length];
    Arrays.fill(keys, EMPTY);
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        add(oldKeys[i], oldCounts[i]);
      }
    }
  }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  @FunctionalInterface
  interface LongBinaryConsumer {
    void accept(long key, long count);
  }
}
