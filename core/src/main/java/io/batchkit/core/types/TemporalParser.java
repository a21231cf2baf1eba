package io.batchkit.core.types;

import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses dates and timestamps with a column's formats, strictly (no 31 February, no hour 25), and
 * resolves timestamps in the column's timezone to UTC. A local time inside a daylight-saving gap is
 * reported as {@link ParseFailure#NONEXISTENT_TIME}, never shifted; a time in an overlap (it
 * happens twice) takes the earlier instant, as {@link java.time.ZonedDateTime#of} does.
 */
final class TemporalParser implements ValueParser {
  /**
   * The default's second shape for timestamps: ISO 8601 with an offset or {@code Z}, as JSON
   * producers write them ({@code 2024-01-31T10:00:00.123Z}, {@code 2024-01-31 10:00+02:00}).
   */
  private static final DateTimeFormatter ISO_WITH_OFFSET =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "+0000") // +0530; Z only once, above
          .optionalEnd()
          .toFormatter(Locale.US)
          .withResolverStyle(ResolverStyle.STRICT);

  private final DateTimeFormatter[] formatters;
  private final FastTemporalPattern[] fast;
  private final boolean[] hasOffset;
  private final int[] epoch; // units per second of an epoch format, else 0
  private final boolean dates;
  private final HourlyOffsets offsets;

  private TemporalParser(List<String> formats, boolean dates, ZoneId zone) {
    List<DateTimeFormatter> fs = new ArrayList<>();
    List<FastTemporalPattern> fasts = new ArrayList<>();
    List<Boolean> offsets = new ArrayList<>();
    List<Integer> epochs = new ArrayList<>();
    if (formats == null || formats.isEmpty()) {
      fs.add(null); // the default has only the compiled form
      fasts.add(
          dates ? FastTemporalPattern.compile("uuuu-MM-dd") : FastTemporalPattern.isoTimestamp());
      offsets.add(false);
      if (!dates) {
        fs.add(ISO_WITH_OFFSET);
        fasts.add(FastTemporalPattern.isoTimestampWithOffset());
        offsets.add(true);
      }
    } else {
      for (String f : formats) {
        epochs.add(EpochFormat.unitsPerSecond(f));
        if (epochs.get(epochs.size() - 1) > 0) {
          fs.add(null);
          fasts.add(null);
          offsets.add(true); // an instant: no timezone applies
          continue;
        }
        fs.add(compile(f));
        FastTemporalPattern fp = FastTemporalPattern.compile(f);
        // A date-only pattern for a timestamp is left to java.time, which rejects every value.
        fasts.add(fp != null && (dates || fp.hasTime()) ? fp : null);
        offsets.add(!dates && mentionsOffset(f));
      }
    }
    this.formatters = fs.toArray(new DateTimeFormatter[0]);
    this.fast = fasts.toArray(new FastTemporalPattern[0]);
    this.hasOffset = new boolean[offsets.size()];
    this.epoch = new int[offsets.size()];
    for (int i = 0; i < hasOffset.length; i++) {
      hasOffset[i] = offsets.get(i);
      epoch[i] = i < epochs.size() ? epochs.get(i) : 0;
    }
    this.dates = dates;
    this.offsets = new HourlyOffsets(zone == null ? ZoneOffset.UTC : zone);
  }

  static ValueParser forDates(List<String> formats) {
    return new TemporalParser(formats, true, null);
  }

  static ValueParser forTimestamps(List<String> formats, ZoneId zone) {
    return new TemporalParser(formats, false, zone);
  }

  /**
   * Compiles a pattern strictly. Users write {@code yyyy} as everywhere else; under STRICT
   * resolution that is year-of-era and needs an era, so it is read as {@code uuuu}.
   *
   * @throws IllegalArgumentException for a pattern {@link DateTimeFormatter} rejects
   */
  static DateTimeFormatter compile(String pattern) {
    StringBuilder sb = new StringBuilder(pattern.length());
    boolean quoted = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      }
      sb.append(!quoted && c == 'y' ? 'u' : c);
    }
    return new DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .appendPattern(sb.toString())
        .toFormatter(Locale.US)
        .withResolverStyle(ResolverStyle.STRICT);
  }

  private static boolean mentionsOffset(String pattern) {
    boolean quoted = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted
          && (c == 'X' || c == 'x' || c == 'Z' || c == 'O' || c == 'V' || c == 'z')) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Object parse(String text) {
    return parse(text.strip(), true);
  }

  /**
   * As {@link #parse(String)} for text without surrounding blanks, or null when a format only
   * java.time reads would have to be tried (then parse the text as a String).
   */
  @Override
  public Object parseFast(CharSequence t) {
    return parse(t, false);
  }

  private Object parse(CharSequence t, boolean javaTime) {
    for (int i = 0; i < formatters.length; i++) {
      Object v =
          epoch[i] > 0
              ? epochDay(EpochFormat.parse(t, epoch[i]))
              : fast[i] == null ? null : fast[i].parse(t, dates);
      // The offset form's fast reader knows its common shapes only; the others are java.time's.
      if (v == null && epoch[i] == 0 && (fast[i] == null || formatters[i] == ISO_WITH_OFFSET)) {
        if (!javaTime) {
          return null;
        }
        v = parseWithJavaTime(formatters[i], t.toString(), i);
      }
      if (v == null) {
        continue; // not this pattern's shape: try the next
      }
      if (v instanceof ParseFailure) {
        return v;
      }
      if (dates) {
        return inRange(((LocalDate) v).getYear()) ? v : ParseFailure.TYPE;
      }
      LocalDateTime local = (LocalDateTime) v;
      if (!inRange(local.getYear())) {
        return ParseFailure.TYPE;
      }
      return hasOffset[i] ? local : toUtc(local);
    }
    return ParseFailure.TYPE;
  }

  /** For a date column, an epoch value's UTC day. */
  private Object epochDay(Object v) {
    return dates && v instanceof LocalDateTime t ? t.toLocalDate() : v;
  }

  /** Hive's date range; also keeps 5-digit years out of 4-digit text columns downstream. */
  private static boolean inRange(int year) {
    return year >= 1 && year <= 9999;
  }

  /** As {@link FastTemporalPattern#parse}: a value, {@link ParseFailure#TYPE}, or null. */
  private Object parseWithJavaTime(DateTimeFormatter f, String t, int i) {
    // parseUnresolved does not throw: cheap to try each format, throwing only on the winner.
    ParsePosition pos = new ParsePosition(0);
    if (f.parseUnresolved(t, pos) == null || pos.getIndex() != t.length()) {
      return null;
    }
    try {
      TemporalAccessor parsed = f.parse(t);
      if (dates) {
        return LocalDate.from(parsed);
      }
      if (hasOffset[i]) {
        return LocalDateTime.ofInstant(Instant.from(parsed), ZoneOffset.UTC);
      }
      return LocalDateTime.from(parsed);
    } catch (DateTimeException invalid) {
      return ParseFailure.TYPE; // the pattern's shape but no real date, e.g. 2024-02-30
    }
  }

  private Object toUtc(LocalDateTime local) {
    int offset = offsets.ofLocal(local);
    if (offset == HourlyOffsets.NONEXISTENT) {
      return ParseFailure.NONEXISTENT_TIME;
    }
    return offset == 0 ? local : local.minusSeconds(offset);
  }
}
