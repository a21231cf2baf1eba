package io.batchkit.core.infer;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which pairs of the first {@value #COLUMNS} columns never repeat and are never null: the key infer
 * suggests when no single column is one. Pairs die at their first repeat, so memory stays with the
 * few that could still be keys.
 */
public final class PairKeys {
  static final int COLUMNS = 6;
  private final int columns;
  private final LongSet[] sets;
  private final long[] hashes;

  public PairKeys(int columns) {
    this.columns = Math.min(COLUMNS, columns);
    this.sets = new LongSet[this.columns * this.columns];
    for (int a = 0; a < this.columns; a++) {
      for (int b = a + 1; b < this.columns; b++) {
        sets[a * this.columns + b] = new LongSet();
      }
    }
    this.hashes = new long[this.columns];
  }

  /** Adds one record's fields (as many as the schema has columns). */
  public void add(List<String> fields) {
    for (int c = 0; c < columns; c++) {
      String v = fields.get(c).strip();
      hashes[c] = Candidates.NULL_TOKENS.contains(v) ? 0 : ColumnEvidence.hash(v) | 1;
    }
    for (int a = 0; a < columns; a++) {
      for (int b = a + 1; b < columns; b++) {
        int i = a * columns + b;
        if (sets[i] == null) {
          continue;
        }
        if (hashes[a] == 0
            || hashes[b] == 0
            || !sets[i].add(hashes[a] * 0x9E3779B97F4A7C15L + hashes[b])
            || sets[i].size() > ColumnEvidence.KEY_CAP) {
          sets[i] = null;
        }
      }
    }
  }

  public void merge(PairKeys o) {
    for (int i = 0; i < sets.length; i++) {
      if (sets[i] == null || o.sets[i] == null) {
        sets[i] = null;
        continue;
      }
      for (long h : o.sets[i].toArray()) {
        if (!sets[i].add(h)) {
          sets[i] = null;
          break;
        }
      }
    }
  }

  /** The pairs still unique, as [a, b] column positions. */
  public List<int[]> unique() {
    List<int[]> out = new ArrayList<>();
    for (int a = 0; a < columns; a++) {
      for (int b = a + 1; b < columns; b++) {
        if (sets[a * columns + b] != null) {
          out.add(new int[] {a, b});
        }
      }
    }
    return out;
  }

  public void write(DataOutput out) throws IOException {
    out.writeInt(columns);
    for (LongSet s : sets) {
      long[] h = s == null ? null : s.toArray();
      out.writeInt(h == null ? -1 : h.length);
      if (h != null) {
        for (long x : h) {
          out.writeLong(x);
        }
      }
    }
  }

  public static PairKeys read(DataInput in) throws IOException {
    PairKeys p = new PairKeys(in.readInt());
    for (int i = 0; i < p.sets.length; i++) {
      int n = in.readInt();
      if (n < 0) {
        p.sets[i] = null;
      } else {
        p.sets[i] = new LongSet();
        for (int j = 0; j < n; j++) {
          p.sets[i].add(in.readLong());
        }
      }
    }
    return p;
  }
}
