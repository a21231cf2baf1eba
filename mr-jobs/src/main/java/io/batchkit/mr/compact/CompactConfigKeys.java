package io.batchkit.mr.compact;

/** What the compact driver hands its tasks. */
public final class CompactConfigKeys {
  /** The output being compacted: partitions are named relative to it. */
  public static final String OUTPUT = "batchkit.compact.output";

  /** The new files' name, unique to this compaction (compacted-<id>). */
  public static final String NAME = "batchkit.compact.name";

  private CompactConfigKeys() {}
}
