package io.batchkit.mr.clean;

/** The clean job's record counters; read = clean + quarantined + duplicates always holds. */
public enum CleanCounter {
  /** Records read: every line (or multiline record) but headers and skipped blank lines. */
  READ,
  CLEAN,
  QUARANTINED,
  DUPLICATES,
  /** Records that passed every rule and went to deduplication (= clean + duplicates). */
  VALID,
  HEADER_LINES,
  /** Empty lines, skipped as no record (only when the schema has more than one column). */
  BLANK_LINES,
  /** Files not read to their end, skipped with --bad-files skip (each one quarantined line). */
  UNREADABLE_FILES
}
