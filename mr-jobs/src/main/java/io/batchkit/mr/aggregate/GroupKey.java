package io.batchkit.mr.aggregate;

import java.util.Arrays;

/**
 * A row's group as a hash-map key: its grouping values themselves, compared value by value, so that
 * a row costs no text of its key (building it was 9% of an aggregate's CPU); the text is written
 * once per group, when the group is emitted. Equal values always have equal text, so a group is
 * never split; the rare values with equal text but unequal objects would only be emitted twice
 * under one key, which the combiner and reducer merge as they merge any two flushes.
 */
public final class GroupKey {
  private Object[] values;
  private int hash;

  GroupKey set(Object[] groupValues) {
    this.values = groupValues;
    this.hash = Arrays.hashCode(groupValues);
    return this;
  }

  /** A key that keeps its values (the probe's array is reused for the next row). */
  public GroupKey copy() {
    return new GroupKey().set(values.clone());
  }

  Object[] values() {
    return values;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GroupKey k && hash == k.hash && Arrays.equals(values, k.values);
  }
}
