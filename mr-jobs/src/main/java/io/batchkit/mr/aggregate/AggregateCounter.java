package io.batchkit.mr.aggregate;

/** Where every record read went: read = invalid + filtered_out + aggregated. */
public enum AggregateCounter {
  READ,
  INVALID,
  FILTERED_OUT,
  AGGREGATED,
  GROUPS
}
