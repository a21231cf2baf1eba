package io.batchkit.core.types;

/** Checks date/timestamp patterns at schema load, so a bad one never reaches a running job. */
public final class TemporalFormats {
  private TemporalFormats() {}

  /**
   * @throws IllegalArgumentException if the pattern is neither an epoch format nor a valid {@link
   *     java.time.format.DateTimeFormatter} pattern
   */
  public static void check(String pattern) {
    if (EpochFormat.unitsPerSecond(pattern) == 0) {
      TemporalParser.compile(pattern);
    }
  }

  /** Whether a format reads an instant as a number: epoch_seconds, epoch_millis, epoch_micros. */
  public static boolean isEpoch(String format) {
    return EpochFormat.unitsPerSecond(format) > 0;
  }
}
