package io.batchkit.core.infer;

import java.util.Arrays;

/**
 * A set of 64-bit value hashes (open addressing, no boxing): whether a column, or a pair, held any
 * value twice. Hashes stand for values, so a 64-bit collision could hide a key; with 1e7 values the
 * odds are about 3e-6.
 */
final class LongSet {
  private static final long EMPTY = 0L;
  private long[] slots = new long[64];
  private int size;
  private boolean hasZero;

  /** Adds a hash; false when it was already there. */
  boolean add(long h) {
    if (h == EMPTY) {
      if (hasZero) {
        return false;
      }
      hasZero = true;
      size++;
      return true;
    }
    if (2 * (size + 1) > slots.length) {
      grow();
    }
    int mask = slots.length - 1;
    int i = (int) mix(h) & mask;
    while (slots[i] != EMPTY) {
      if (slots[i] == h) {
        return false;
      }
      i = (i + 1) & mask;
    }
    slots[i] = h;
    size++;
    return true;
  }

  int size() {
    return size;
  }

  /** The hashes, in no order. */
  long[] toArray() {
    long[] out = new long[size];
    int n = 0;
    if (hasZero) {
      out[n++] = EMPTY;
    }
    for (long s : slots) {
      if (s != EMPTY) {
        out[n++] = s;
      }
    }
    return out;
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    int mask = slots.length - 1;
    for (long h : old) {
      if (h != EMPTY) {
        int i = (int) mix(h) & mask;
        while (slots[i] != EMPTY) {
          i = (i + 1) & mask;
        }
        slots[i] = h;
      }
    }
    Arrays.fill(old, 0L);
  }

  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    return h ^ (h >>> 33);
  }
}
