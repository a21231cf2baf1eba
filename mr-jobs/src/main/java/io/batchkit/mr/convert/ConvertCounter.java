package io.batchkit.mr.convert;

/** read = invalid + written. */
public enum ConvertCounter {
  READ,
  INVALID,
  WRITTEN,
  FILES
}
