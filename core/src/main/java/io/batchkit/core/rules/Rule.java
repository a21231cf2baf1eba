package io.batchkit.core.rules;

import java.util.Locale;

/**
 * The rules a record can violate. Their ids appear in quarantine records, counters and manifests,
 * so they are part of the public contract: add, never rename.
 */
public enum Rule {
  /** The record has more or fewer fields than the schema has columns. */
  FIELD_COUNT,
  /** The record is not well-formed CSV (text after a closing quote) or not one JSON object. */
  MALFORMED,
  /** The record's bytes are not valid in the schema's encoding. */
  ENCODING,
  REQUIRED,
  TYPE,
  NONEXISTENT_TIME,
  PRECISION,
  SCALE,
  ALLOWED,
  MIN,
  MAX,
  MIN_LENGTH,
  MAX_LENGTH,
  PATTERN,
  /** {@code enrich}: the row's join key has no match in the lookup table. */
  LOOKUP,
  /** The record is longer than {@code --max-record-bytes}: quarantined, its first bytes kept. */
  RECORD_TOO_LARGE,
  /**
   * With {@code --bad-files skip}: the rest of a file could not be read (truncated or corrupt
   * compressed data); one quarantine line stands for it.
   */
  UNREADABLE_FILE;

  /** The rule a value breaks when it does not parse. */
  public static Rule of(io.batchkit.core.types.ParseFailure failure) {
    return switch (failure) {
      case TYPE -> TYPE;
      case NONEXISTENT_TIME -> NONEXISTENT_TIME;
      case PRECISION -> PRECISION;
      case SCALE -> SCALE;
    };
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
