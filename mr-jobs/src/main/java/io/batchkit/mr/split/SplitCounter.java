package io.batchkit.mr.split;

/** read = invalid + the rows of every split. */
public enum SplitCounter {
  READ,
  INVALID
}
