package io.batchkit.core.types;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled form of the fixed-width numeric date/time patterns that real files use ({@code
 * yyyy-MM-dd HH:mm:ss}, {@code MM/dd/yyyy hh:mm:ss a}, with literals and fractions). {@link
 * java.time.format.DateTimeFormatter} resolves every value through a map of fields and is the
 * larger part of cleaning a row with two timestamps; this reads the digits in place. It accepts
 * exactly what the strict formatter accepts for the same pattern ({@code FastTemporalPatternTest}
 * checks that on generated input); any pattern it does not know is left to java.time.
 */
final class FastTemporalPattern {
  private enum Field {
    YEAR(4),
    MONTH(2),
    DAY(2),
    HOUR(2),
    CLOCK_HOUR(2),
    MINUTE(2),
    SECOND(2),
    AMPM(2),
    FRACTION(0),
    LITERAL(1);

    final int width;

    Field(int width) {
      this.width = width;
    }
  }

  private record Segment(Field field, int width, char literal) {}

  private final Segment[] segments;
  private final boolean optionalFraction;
  private final boolean offsetSuffix;
  private LocalDate lastDate;

  private FastTemporalPattern(
      List<Segment> segments, boolean optionalFraction, boolean offsetSuffix) {
    this.segments = segments.toArray(new Segment[0]);
    this.optionalFraction = optionalFraction;
    this.offsetSuffix = offsetSuffix;
  }

  /**
   * The batchkit default: {@code yyyy-MM-dd HH:mm:ss} or with {@code T}, and an optional fraction
   * of one to nine digits.
   */
  static FastTemporalPattern isoTimestamp() {
    return new FastTemporalPattern(isoSegments(), true, false);
  }

  /**
   * The default's second shape as JSON producers write it: {@link #isoTimestamp()} then {@code Z},
   * {@code +HH:MM} or {@code +HHMM}; the value returned is the UTC time. The rarer shapes that
   * java.time's form of it also reads (no seconds, a lower-case {@code t}, no separator, offsets of
   * 18 hours) give null: the caller asks java.time.
   */
  static FastTemporalPattern isoTimestampWithOffset() {
    return new FastTemporalPattern(isoSegments(), true, true);
  }

  private static List<Segment> isoSegments() {
    List<Segment> s = new ArrayList<>();
    s.add(new Segment(Field.YEAR, 4, '\0'));
    s.add(new Segment(Field.LITERAL, 1, '-'));
    s.add(new Segment(Field.MONTH, 2, '\0'));
    s.add(new Segment(Field.LITERAL, 1, '-'));
    s.add(new Segment(Field.DAY, 2, '\0'));
    s.add(new Segment(Field.LITERAL, 1, 'T')); // ' ' or 'T', see matchLiteral
    s.add(new Segment(Field.HOUR, 2, '\0'));
    s.add(new Segment(Field.LITERAL, 1, ':'));
    s.add(new Segment(Field.MINUTE, 2, '\0'));
    s.add(new Segment(Field.LITERAL, 1, ':'));
    s.add(new Segment(Field.SECOND, 2, '\0'));
    return s;
  }

  /** Compiles a java.time pattern, or returns null when it is not one this class handles. */
  static FastTemporalPattern compile(String pattern) {
    List<Segment> s = new ArrayList<>();
    boolean hasClockHour = false;
    boolean hasAmPm = false;
    boolean hasHour = false;
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      int run = 1;
      while (i + run < pattern.length() && pattern.charAt(i + run) == c) {
        run++;
      }
      if (Character.isLetter(c)) {
        Field f =
            switch (c) {
              case 'y', 'u' -> run == 4 ? Field.YEAR : null;
              case 'M' -> run == 2 ? Field.MONTH : null;
              case 'd' -> run == 2 ? Field.DAY : null;
              case 'H' -> run == 2 ? Field.HOUR : null;
              case 'h' -> run == 2 ? Field.CLOCK_HOUR : null;
              case 'm' -> run == 2 ? Field.MINUTE : null;
              case 's' -> run == 2 ? Field.SECOND : null;
              case 'a' -> run == 1 ? Field.AMPM : null;
              case 'S' -> run <= 9 ? Field.FRACTION : null;
              default -> null;
            };
        if (f == null) {
          return null;
        }
        hasClockHour |= f == Field.CLOCK_HOUR;
        hasAmPm |= f == Field.AMPM;
        hasHour |= f == Field.HOUR;
        s.add(new Segment(f, f == Field.FRACTION ? run : f.width, '\0'));
        i += run;
      } else if (c == '\'' || c == '[' || c == ']' || c == '#' || c == '{' || c == '}') {
        return null; // quoting and optional sections: leave to java.time
      } else {
        s.add(new Segment(Field.LITERAL, 1, c));
        i++;
      }
    }
    // 'hh' needs 'a' to mean an hour of the day; 'a' with 'HH' is odd: java.time decides both.
    if (hasClockHour != hasAmPm || (hasHour && hasAmPm)) {
      return null;
    }
    boolean hasYear = s.stream().anyMatch(x -> x.field() == Field.YEAR);
    boolean hasMonth = s.stream().anyMatch(x -> x.field() == Field.MONTH);
    boolean hasDay = s.stream().anyMatch(x -> x.field() == Field.DAY);
    return hasYear && hasMonth && hasDay ? new FastTemporalPattern(s, false, false) : null;
  }

  /** Whether the pattern gives a full time of day (a timestamp pattern, not a date pattern). */
  boolean hasTime() {
    boolean hour = false;
    boolean minute = false;
    boolean second = false;
    for (Segment s : segments) {
      hour |= s.field() == Field.HOUR || s.field() == Field.CLOCK_HOUR;
      minute |= s.field() == Field.MINUTE;
      second |= s.field() == Field.SECOND;
    }
    return hour && minute && (second || !hasSegment(Field.FRACTION));
  }

  private boolean hasSegment(Field f) {
    for (Segment s : segments) {
      if (s.field() == f) {
        return true;
      }
    }
    return false;
  }

  /**
   * Parses {@code t}.
   *
   * @return a LocalDate (when {@code date}) or LocalDateTime; {@link ParseFailure#TYPE} when the
   *     text has the pattern's shape but is no real date or time; null when it does not have the
   *     shape (the caller tries its next pattern)
   */
  Object parse(CharSequence t, boolean date) {
    int pos = 0;
    int n = t.length();
    int year = 0;
    int month = 0;
    int day = 0;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int nano = 0;
    int pm = -1;
    for (Segment s : segments) {
      switch (s.field()) {
        case LITERAL -> {
          if (pos >= n || !matchLiteral(s.literal(), t.charAt(pos))) {
            return null;
          }
          pos++;
        }
        case AMPM -> {
          if (pos + 2 > n) {
            return null;
          }
          char a = Character.toUpperCase(t.charAt(pos));
          char m = Character.toUpperCase(t.charAt(pos + 1));
          if (m != 'M' || (a != 'A' && a != 'P')) {
            return null;
          }
          pm = a == 'P' ? 1 : 0;
          pos += 2;
        }
        default -> {
          int v = digits(t, pos, s.width());
          if (v < 0) {
            return null;
          }
          pos += s.width();
          switch (s.field()) {
            case YEAR -> year = v;
            case MONTH -> month = v;
            case DAY -> day = v;
            case HOUR, CLOCK_HOUR -> hour = v;
            case MINUTE -> minute = v;
            case SECOND -> second = v;
            case FRACTION -> nano = v * POW10[9 - s.width()];
            default -> throw new AssertionError(s);
          }
        }
      }
    }
    if (optionalFraction && pos < n && (t.charAt(pos) == '.' || !offsetSuffix)) {
      if (t.charAt(pos) != '.') {
        return null;
      }
      int start = ++pos;
      while (pos < n && pos - start < 9 && t.charAt(pos) >= '0' && t.charAt(pos) <= '9') {
        pos++;
      }
      int digits = pos - start;
      if (digits == 0) {
        return null;
      }
      nano = digits(t, start, digits) * POW10[9 - digits];
    }
    int offset = 0;
    if (offsetSuffix) {
      offset = offsetSeconds(t, pos);
      if (offset == NO_OFFSET) {
        return null;
      }
      pos = n;
    }
    if (pos != n) {
      return null;
    }
    if (pm >= 0) {
      if (hour < 1 || hour > 12) {
        return ParseFailure.TYPE;
      }
      hour = hour % 12 + (pm == 1 ? 12 : 0);
    }
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) {
      return ParseFailure.TYPE;
    }
    if (hour > 23 || minute > 59 || second > 59) {
      return ParseFailure.TYPE;
    }
    LocalDate d = dateOf(year, month, day);
    if (date) {
      return d;
    }
    LocalDateTime local = LocalDateTime.of(d, LocalTime.of(hour, minute, second, nano));
    return offset == 0 ? local : local.minusSeconds(offset);
  }

  private static final int NO_OFFSET = Integer.MIN_VALUE;

  /** The offset in seconds of {@code Z}, {@code +HH:MM} or {@code +HHMM} ending {@code t}. */
  private static int offsetSeconds(CharSequence t, int pos) {
    int left = t.length() - pos;
    if (left == 1) {
      char z = t.charAt(pos);
      return z == 'Z' || z == 'z' ? 0 : NO_OFFSET;
    }
    if (left != 5 && left != 6) {
      return NO_OFFSET;
    }
    char sign = t.charAt(pos);
    int hours = digits(t, pos + 1, 2);
    boolean colon = left == 6;
    if (colon && t.charAt(pos + 3) != ':') {
      return NO_OFFSET;
    }
    int minutes = digits(t, pos + (colon ? 4 : 3), 2);
    if (sign != '+' && sign != '-' || hours < 0 || hours > 17 || minutes < 0 || minutes > 59) {
      return NO_OFFSET;
    }
    int seconds = hours * 3600 + minutes * 60;
    return sign == '-' ? -seconds : seconds;
  }

  /**
   * The date, the same object as the last value's when that had the same day: files come mostly in
   * time order, and building and checking a LocalDate was a tenth of a timestamp column's cost. One
   * immutable object in one field, so tasks sharing this pattern never see a half-written cache.
   */
  private LocalDate dateOf(int year, int month, int day) {
    LocalDate last = lastDate;
    if (last != null
        && last.getDayOfMonth() == day
        && last.getMonthValue() == month
        && last.getYear() == year) {
      return last;
    }
    LocalDate d = LocalDate.of(year, month, day);
    lastDate = d;
    return d;
  }

  private boolean matchLiteral(char expected, char actual) {
    return optionalFraction && expected == 'T'
        ? actual == 'T' || actual == ' '
        : expected == actual;
  }

  private static final int[] POW10 = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000
  };

  private static int digits(CharSequence t, int pos, int width) {
    if (pos + width > t.length()) {
      return -1;
    }
    int v = 0;
    for (int i = pos; i < pos + width; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static int daysIn(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }
}
