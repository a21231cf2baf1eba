package io.batchkit.mr.compact;

/** Where every line went: each line read is written once. */
public enum CompactCounter {
  WRITTEN
}
