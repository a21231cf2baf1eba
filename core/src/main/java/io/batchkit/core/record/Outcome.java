package io.batchkit.core.record;

/** What became of one record read by {@link Records}. */
public enum Outcome {
  /** The header line of a file whose format has one: not a record. */
  HEADER,
  /** An empty line (of a schema of more than one column): not a record. */
  BLANK,
  /** A record that broke no rule: {@link Records#values()} holds its typed values. */
  VALID,
  /** A record that broke a rule: {@link Records#violations()} says which. */
  INVALID
}
