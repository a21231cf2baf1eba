package io.batchkit.mr.enrich;

/** read = invalid + matched + unmatched (kept, quarantined or dropped). */
public enum EnrichCounter {
  READ,
  INVALID,
  MATCHED,
  UNMATCHED_KEPT,
  UNMATCHED_QUARANTINED,
  UNMATCHED_DROPPED,
  LOOKUP_ROWS,
  LOOKUP_INVALID,
  LOOKUP_DUPLICATES
}
