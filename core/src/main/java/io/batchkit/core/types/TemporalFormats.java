package io.batchkit.core.types;

/** Checks date/timestamp patterns at schema load, so a bad one never reaches a running job. */
public final class TemporalFormats {
  private TemporalFormats() {}

  /**
   * @throws IllegalArgumentException if the pattern is not a valid {@link
   *     java.time.format.DateTimeFormatter} pattern
   */
  public static void check(String pattern) {
    TemporalParser.compile(pattern);
  }
}
