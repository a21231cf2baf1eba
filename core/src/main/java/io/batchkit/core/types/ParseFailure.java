package io.batchkit.core.types;

/**
 * Why a value did not parse. Returned (not thrown) by {@link ValueParser#parse}, because bad values
 * are expected input and exceptions on the per-row path are slow.
 */
public enum ParseFailure {
  /** Not a value of the column's type (or none of its formats). */
  TYPE,
  /** A local time that the clock skipped in the column's timezone (a daylight-saving gap). */
  NONEXISTENT_TIME,
  /** A decimal with more integer digits than its precision leaves room for. */
  PRECISION,
  /** A decimal with more fractional digits than its scale; never rounded silently. */
  SCALE;

  /** The id of the rule this failure breaks, as quarantine records and manifests name it. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
