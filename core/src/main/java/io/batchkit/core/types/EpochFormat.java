package io.batchkit.core.types;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * The formats {@code epoch_seconds}, {@code epoch_millis} and {@code epoch_micros}: an instant as a
 * count of units since 1970-01-01T00:00:00Z, as streams and logs write it ({@code 1706695200},
 * {@code 1706695200123}, a JSON number or text), negative before 1970, with decimals down to the
 * nanosecond (seconds 9, milliseconds 6, microseconds 3). It names an instant: a column's {@code
 * timezone} does not apply, and a date is the instant's UTC day.
 */
final class EpochFormat {
  private EpochFormat() {}

  /** The units per second of an epoch format, or 0 for a pattern. */
  static int unitsPerSecond(String format) {
    return switch (format.strip().toLowerCase(Locale.ROOT)) {
      case "epoch_seconds" -> 1;
      case "epoch_millis" -> 1_000;
      case "epoch_micros" -> 1_000_000;
      default -> 0;
    };
  }

  /**
   * The instant in UTC, null when the text is not a number of this shape (another format may read
   * it), {@link ParseFailure#TYPE} when it is one no timestamp holds.
   */
  static Object parse(CharSequence t, int unitsPerSecond) {
    int n = t.length();
    int i = n > 0 && t.charAt(0) == '-' ? 1 : 0;
    boolean negative = i == 1;
    int start = i;
    long whole = 0;
    while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
      if (i - start >= 18) {
        return ParseFailure.TYPE; // past any year a timestamp holds
      }
      whole = whole * 10 + (t.charAt(i++) - '0');
    }
    if (i == start) {
      return null;
    }
    long nanosPerUnit = 1_000_000_000L / unitsPerSecond;
    long fraction = 0; // in nanoseconds
    if (i < n && t.charAt(i) == '.') {
      int digits = 0;
      long scale = nanosPerUnit;
      for (i++; i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9'; i++, digits++) {
        if (scale % 10 != 0) {
          if (t.charAt(i) != '0') {
            return ParseFailure.TYPE; // finer than a nanosecond
          }
          continue;
        }
        scale /= 10;
        fraction += (t.charAt(i) - '0') * scale;
      }
      if (digits == 0) {
        return null;
      }
    }
    if (i != n) {
      return null;
    }
    long seconds = whole / unitsPerSecond;
    long nanos = whole % unitsPerSecond * nanosPerUnit + fraction;
    if (negative && nanos > 0) {
      seconds = -seconds - 1;
      nanos = 1_000_000_000L - nanos;
    } else if (negative) {
      seconds = -seconds;
    }
    try {
      return LocalDateTime.ofEpochSecond(seconds, (int) nanos, ZoneOffset.UTC);
    } catch (DateTimeException outOfRange) {
      return ParseFailure.TYPE;
    }
  }
}
